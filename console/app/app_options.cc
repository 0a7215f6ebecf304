#include "console/app/app_options.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string_view>
#include <vector>

#include "cli/command_line.h"
#include "nodes/client/hub_endpoints.h"

#include "wire/utc_time.h"

namespace opsroom::console {

std::string DefaultIniPath() {
  const char* config = std::getenv("XDG_CONFIG_HOME");
  const char* home = std::getenv("HOME");
  std::filesystem::path base = config && *config ? config : (home ? std::filesystem::path(home) / ".config" : ".");
  return (base / "opsroom" / "console.ini").string();
}

namespace {

bool ParseSize(std::string_view text, AppOptions* o) {
  auto x = text.find('x');
  if (x == std::string_view::npos) return false;
  o->width = std::atoi(std::string(text.substr(0, x)).c_str());
  o->height = std::atoi(std::string(text.substr(x + 1)).c_str());
  return o->width >= 320 && o->height >= 240 && o->width <= 8192 && o->height <= 8192;
}

bool ParsePositive(const std::string& text, double* out) {
  char* end = nullptr;
  double value = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || *end != 0 || value < 0) return false;
  *out = value;
  return true;
}

// A whole number: 0, or at least 2 (the archive keeps half of its cap when it trims).
bool ParseEventCap(const std::string& text, std::size_t* out) {
  if (text.empty() || text.size() > 12 || text.find_first_not_of("0123456789") != std::string::npos) return false;
  std::size_t value = std::stoull(text);
  if (value == 1) return false;
  *out = value;
  return true;
}

// Applies one "--flag value" pair; returns an error text or "".
std::string Apply(std::string_view flag, const std::string& value, AppOptions* o) {
  double number = 0;
  if (flag == "--hub") {
    std::string error;
    auto hubs = nodes::ParseHubList(value, &error);
    if (!hubs) return "--hub: " + error;
    o->hub_endpoint = hubs->front();
    o->other_hubs.assign(hubs->begin() + 1, hubs->end());
  } else if (flag == "--fanout") o->fanout_endpoint = value;
  else if (flag == "--operator") o->operator_name = value;
  else if (flag == "--key") o->key_file = value;
  else if (flag == "--hub-key") o->hub_key = value;
  else if (flag == "--id") o->node_id = value;
  else if (flag == "--audit-key") o->audit_key = value;
  else if (flag == "--screenshot") o->screenshot_path = value;
  else if (flag == "--after") {
    if (!ParsePositive(value, &o->screenshot_after_s)) return "--after wants seconds, e.g. 5";
  } else if (flag == "--size") {
    if (!ParseSize(value, o)) return "--size wants WxH, e.g. 1600x900";
  } else if (flag == "--ini") o->ini_path = value;
  else if (flag == "--font") o->font_path = value;
  else if (flag == "--select") o->select_alert = value;
  else if (flag == "--demo") {
    if (!ParsePositive(value, &number)) return "--demo wants a number of alerts";
    o->demo_alerts = static_cast<std::size_t>(number);
  } else if (flag == "--demo-rate") {
    if (!ParsePositive(value, &o->demo_rate)) return "--demo-rate wants alerts per second";
  } else if (flag == "--deadlines") {
    std::string error = ParseDeadlines(value, &o->deadlines);
    if (!error.empty()) return "--deadlines: " + error;
  } else if (flag == "--role") {
    if (value != "console" && value != "planner") return "--role wants console or planner";
    o->planner = value == "planner";
  } else if (flag == "--open") {
    for (std::size_t start = 0; start <= value.size();) {
      std::size_t comma = std::min(value.find(',', start), value.size());
      std::string name = value.substr(start, comma - start);
      if (name != "editor" && name != "replay" && name != "handover")
        return "--open: '" + name + "': expected a comma list of editor, replay, handover";
      start = comma + 1;
    }
    o->open_windows = value;
  } else if (flag == "--edit") {
    o->edit_operation = value;
  } else if (flag == "--replay-at") {
    wire::ParsedTime at = wire::ParseUtcTime(value, wire::TimeForms{.zone_implied = true});
    if (!at.ok()) return "--replay-at (UTC, e.g. \"2026-05-28 06:00\"): " + at.error;
    o->replay_at_ms = at.ms;
  } else if (flag == "--replay-max-events") {
    if (!ParseEventCap(value, &o->replay_max_events))
      return "--replay-max-events wants a whole number of events, at least 2 (0: keep every event), e.g. 200000";
  } else if (flag == "--places") {
    o->catalogues.places = value;
  } else if (flag == "--participants") {
    o->catalogues.participants = value;
  } else if (flag == "--frames") {
    if (!ParsePositive(value, &number)) return "--frames wants a count";
    o->max_frames = static_cast<int>(number);
  } else {
    return "unknown option " + std::string(flag);
  }
  return "";
}

// The flags that take a value, with their help: the one place it lives.
struct ValueFlag {
  const char* name;
  const char* value;
  const char* text;
};
constexpr ValueFlag kValueFlags[] = {
    {"--hub", "ENDPOINT[,ENDPOINT...]",
     "the hub's ROUTER, e.g. tcp://127.0.0.1:7700 (fan-out on port + 1); a cluster: every hub, comma-separated"},
    {"--key", "FILE", "the console's secret key, registered with role console (opsroom-keys new --name "
                      "OPSROOM-DUTY; register ... --role console); without it: plain text, only a hub run with "
                      "--insecure answers"},
    {"--hub-key", "FILE|z85:KEY", "the hub's public key (its hub.pub); CurveZMQ needs both"},
    {"--id", "NODE", "the key's registered node id (default: the key file's name)"},
    {"--audit-key", "FILE|HEX", "the hub's audit.pub: signed audit heads must carry it (default: the key of the "
                                "first head seen; docs/protocol.md 7.1)"},
    {"--fanout", "ENDPOINT", "the hub's PUB when it is not on the hub's port + 1"},
    {"--operator", "NAME", "act on alerts as NAME; without it the console is read-only. With --key, AlertActions "
                           "come from the key's node id (--id) and NAME only fills their actor; without --key, "
                           "from OPSROOM-<NAME>"},
    {"--screenshot", "FILE", "render for --after SECONDS, write the window to FILE (PNG, plus FILE.json with the "
                             "map's viewport) and exit"},
    {"--after", "SECONDS", "when to take the --screenshot (default 5)"},
    {"--size", "WxH", "window size (default 1600x900)"},
    {"--select", "ID|flash", "open on that alert once it arrives (flash: the newest open Flash alert)"},
    {"--ini", "FILE|none", "where layout and filters persist (default ~/.config/opsroom/console.ini)"},
    {"--font", "FILE", "TTF with Latin Extended and Cyrillic (default DejaVu Sans)"},
    {"--demo", "ALERTS", "no hub: a synthetic picture with ALERTS alerts and live traffic"},
    {"--demo-rate", "PER_SECOND", "synthetic alerts per second with --demo (default 5)"},
    {"--role", "console|planner", "the key's registered role (default console); planner sends joint operations "
                                  "(docs/desk.md)"},
    {"--edit", "CODE", "open the operation editor on this operation"},
    {"--open", "WINDOWS", "open these windows at start: a comma list of editor, replay, handover"},
    {"--replay-at", "TIME", "once the log is fetched, start the replay at this UTC moment: 2026-05-28 06:00, or any "
                            "ISO 8601 time (2026-05-28T08:00+02:00)"},
    {"--replay-max-events", "N", "keep at most N events of the log for the replay (default: all; about 2.9 KB "
                                 "each); a moment older than those kept is fetched from the hub as its state at that "
                                 "moment (docs/desk.md section 8)"},
    {"--places", "FILE", "the room's places, the format of data/places.tsv (default: the copy built in); a bad "
                         "file is refused naming its line (exit 1)"},
    {"--participants", "FILE", "the room's participants, the format of data/participants.tsv (default: the copy "
                               "built in)"},
    {"--frames", "N", "exit after N frames (benchmarks)"},
    {"--deadlines", "LIST", "time to acknowledge per severity and to answer a hit (docs/desk.md), e.g. "
                            "flash=5m,urgent=30m,priority=4h,answer=12h,amber=75; durations like 90s, 5m, 4h, "
                            "PT4H; 0 switches one off; amber=PERCENT of the time gone"},
};

constexpr const char* kFooter =
    "Keys: drag to pan, wheel to zoom about the cursor, R or Home resets the map, Esc deselects;\n"
    "      j/k move through the attention queue, Enter opens, a/s/e/c acknowledge, assign,\n"
    "      escalate, close; l switches the names' script; t replay / back to live;\n"
    "      o operation editor; F1 or ? lists them all.\n"
    "exit codes: 0 ok, 1 runtime failure or a --places/--participants file that does not load, 2 wrong usage";

std::unique_ptr<CLI::App> BuildApp() {
  auto app = std::make_unique<CLI::App>(
      "The operator console of the opsroom hub: live regional map, alert desk, hits, operations.\n"
      "Needs --hub ENDPOINT, or --demo ALERTS for a synthetic picture without a hub.");
  cli::Prepare(*app, "opsroom-console");
  app->footer(kFooter);
  for (const ValueFlag& flag : kValueFlags) cli::AddValue(*app, flag.name, flag.value, flag.text);
  app->add_flag("--no-vsync")->description("draw without waiting for the display's refresh");
  app->add_flag("--finish")->description("glFinish before timing each frame (benchmarks)");
  return app;
}

}  // namespace

std::string Usage() { return BuildApp()->help(); }

ParsedOptions ParseOptions(int argc, char** argv) {
  std::unique_ptr<CLI::App> app = BuildApp();
  cli::Parsed parsed = cli::Parse(*app, std::vector<std::string>(argv + 1, argv + argc));
  if (parsed.outcome == cli::ParseOutcome::kPrinted) return {std::nullopt, "", parsed.text};
  if (parsed.outcome == cli::ParseOutcome::kUsage) return {std::nullopt, parsed.error, parsed.text};
  AppOptions o;
  for (const ValueFlag& flag : kValueFlags) {
    for (const std::string& value : cli::Values(*app, flag.name)) {
      std::string error = Apply(flag.name, value, &o);
      if (!error.empty()) return {std::nullopt, error, app->help()};
    }
  }
  o.vsync = app->get_option("--no-vsync")->count() == 0;
  o.finish_each_frame = app->get_option("--finish")->count() != 0;
  bool demo = app->get_option("--demo")->count() != 0;
  if (o.hub_endpoint.empty() && !demo) return {std::nullopt, "--hub ENDPOINT (or --demo ALERTS) is required", app->help()};
  if (!o.other_hubs.empty() && !o.fanout_endpoint.empty())
    return {std::nullopt,
            "--fanout names one hub's PUB; with a list of hubs in --hub each one's fan-out is its port + 1: leave "
            "--fanout out",
            app->help()};
  if (o.key_file.empty() != o.hub_key.empty())
    return {std::nullopt, "--key FILE and --hub-key FILE|z85:KEY go together", app->help()};
  return {o, "", ""};
}

}  // namespace opsroom::console
