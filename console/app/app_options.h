// The command line of opsroom-console (CLI11): parsed into a plain config; the
// usage text lives in app_options.cc and nowhere else.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "console/model/deadlines.h"
#include "wire/catalogue_files.h"

namespace opsroom::console {

struct AppOptions {
  std::string hub_endpoint;             // --hub (its first hub); empty with --demo
  std::vector<std::string> other_hubs;  // --hub's others: a cluster (docs/protocol.md section 17)
  std::string fanout_endpoint;  // --fanout; empty: the hub's port + 1
  std::string operator_name;    // --operator
  std::string key_file;         // --key: the console's secret key (CurveZMQ); empty: plain text
  std::string hub_key;          // --hub-key: the hub's public key, a file, or z85:KEY inline
  std::string node_id;          // --id: the key's registered node id (default: the key file's name)
  std::string audit_key;        // --audit-key: the hub's audit.pub (file or 64 hex); empty: the first head's key
  std::string screenshot_path;  // --screenshot
  double screenshot_after_s = 5.0;
  int width = 1600;
  int height = 900;
  std::string ini_path;            // --ini; "" = default location, "none" = do not persist
  std::string font_path;           // --font
  std::string select_alert;        // --select ID, or "flash": the newest open Flash alert
  std::size_t demo_alerts = 0;     // --demo N: synthetic picture, no hub
  double demo_rate = 5.0;          // --demo-rate: synthetic alerts per second
  int max_frames = 0;              // --frames N: exit after N frames (bench)
  bool vsync = true;               // --no-vsync
  bool finish_each_frame = false;  // --finish: glFinish before timing a frame (bench)
  DeadlinePolicy deadlines;        // --deadlines flash=5m,urgent=30m,... (docs/desk.md)
  bool planner = false;            // --role planner: the key is a planner's (operations); default console
  std::string open_windows;        // --open editor,replay,handover: on-demand windows open at start
  std::string edit_operation;      // --edit CODE: load that operation into the editor once it arrives
  int64_t replay_at_ms = 0;        // --replay-at TIME: start in the replay at that moment (UTC)
  std::size_t replay_max_events = 0;  // --replay-max-events N: the replay archive's cap (0: every event)
  wire::CatalogueFiles catalogues;  // --places, --participants: main puts them in use before anything runs
};

struct ParsedOptions {
  std::optional<AppOptions> options;  // nullopt: print `text` (and `error`)
  std::string error;                  // why (empty for --help and --version: exit 0)
  std::string text;                   // the usage, the help or the version
};

ParsedOptions ParseOptions(int argc, char** argv);
std::string Usage();
// Where layout and filters are kept unless --ini says otherwise.
std::string DefaultIniPath();

}  // namespace opsroom::console
