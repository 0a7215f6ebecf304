// opsroom-node's command line: what was asked for, parsed (CLI11) and
// checked. The verbs, flags and usage text live in cli_usage.cc. Pure.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "wire/catalogue_files.h"
#include "wire/curve_keys.h"

namespace opsroom::nodes::cli {

// Exit codes of opsroom-node.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;       // refused by the hub, or could not complete
inline constexpr int kExitUsage = 2;        // wrong usage: the usage text is printed
inline constexpr int kExitUnreachable = 3;  // no hub answered within the connect timeout
inline constexpr int kExitQueued = 4;       // kept in the outbox, not yet acknowledged

enum class CommandKind {
  kAlert,
  kSend,
  kTail,
  kSimulate,
  kStatus,
  kFlush,
  kCheck,
  kDecide,
  kOperation,
  kSitRep,
  kHelp
};

struct CliOptions {
  CommandKind command = CommandKind::kHelp;
  std::string node_id;  // --id
  std::string country;  // --country, else the id's prefix
  std::string hub = "tcp://127.0.0.1:7700";  // --hub's first element
  std::vector<std::string> other_hubs;       // --hub's others: a cluster (docs/protocol.md section 17)
  std::string fanout;     // --fanout; empty: the hub's port + 1
  int timeout_ms = 5000;  // --timeout: connect and ack waits
  std::string role;       // --role; empty: from the participant (national, partner, console)
  // CurveZMQ (docs/protocol.md section 2.1): --key is this node's secret key
  // file, --hub-key the hub's public key (a key file, or z85:KEY inline); simulate takes
  // --keys DIR with one <NODE_ID>.key per agency instead of --key.
  std::string key_file;
  std::string hub_key;
  std::string keys_dir;
  // --places-file, --participants-file: the room's catalogues instead of the
  // copies built in (docs/operations.md "Places and participants files").
  wire::CatalogueFiles catalogues;
  wire::CurveClientKeys curve;  // read from key_file by LoadKeys, not by ParseArgs
  // Command flags by name without "--" ("severity" -> "Flash"); repeatable
  // ones ("ref") keep every value.
  std::map<std::string, std::vector<std::string>> flags;

  bool Has(const std::string& name) const { return flags.count(name) != 0; }
  // The last value of a flag, or `fallback`.
  std::string Get(const std::string& name, const std::string& fallback = "") const;
};

struct ParsedArgs {
  std::optional<CliOptions> options;  // nullopt: print `error` (and `usage` when not empty), exit `exit_code`
  std::string error;
  std::string usage;    // the usage of the verb concerned (or of opsroom-node)
  std::string printed;  // kHelp: the help or version asked for (stdout, exit 0)
  int exit_code = kExitUsage;  // kExitFailed: a places or participants file that does not load
};

// args without argv[0]. `--x y` and `--x=y` alike; --help on every verb;
// --version. Reads only the catalogue files it names, and puts them in use
// before it checks a participant code (wire/catalogue_files.h); key files are
// read later, by LoadKeys.
ParsedArgs ParseArgs(const std::vector<std::string>& args);

// Reads --key and --hub-key into options->curve. Empty on success, else why
// (the file is missing, unreadable, not a secret key, or readable by others).
std::string LoadKeys(CliOptions* options);

// opsroom-node --help.
std::string UsageText();

}  // namespace opsroom::nodes::cli
