#include "console/app/app_options.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string_view>

#include "console/model/operation_form.h"

namespace opsroom::console {

const char* Usage() {
  return "usage: opsroom-console --hub ENDPOINT [--key FILE.key --hub-key FILE|z85:KEY [--id NODE]]\n"
         "                      [--fanout ENDPOINT] [--operator NAME]\n"
         "                      [--screenshot FILE.png --after SECONDS] [--size WxH]\n"
         "                      [--ini FILE|none] [--font FILE.ttf] [--select ID|flash] [--no-vsync]\n"
         "                      [--deadlines flash=5m,urgent=30m,priority=4h,answer=12h,amber=75]\n"
         "                      [--role console|planner] [--open editor,replay,handover] [--edit CODE]\n"
         "                      [--replay-at \"YYYY-MM-DD HH:MM\"]\n"
         "       opsroom-console --demo ALERTS [--demo-rate PER_SECOND] [same options]\n"
         "\n"
         "  --hub ENDPOINT      the hub's ROUTER, e.g. tcp://127.0.0.1:7700 (fan-out on port + 1)\n"
         "  --key FILE          the console's secret key, registered with role console\n"
         "                      (opsroom-keys new --name OPSROOM-DUTY; register ... --role console)\n"
         "  --hub-key FILE      the hub's public key (its hub.pub; z85:KEY: the key itself); CurveZMQ needs both\n"
         "  --id NODE           the key's registered node id (default: the key file's name)\n"
         "  --audit-key FILE|HEX  the hub's audit.pub: signed audit heads must carry it\n"
         "                      (default: the key of the first head seen; docs/protocol.md 7.1)\n"
         "                      without --key: plain text, only a hub run with --insecure answers\n"
         "  --fanout ENDPOINT   the hub's PUB when it is not on the hub's port + 1\n"
         "  --operator NAME     act on alerts as NAME; without it the console is read-only.\n"
         "                      With --key, AlertActions come from the key's node id (--id) and\n"
         "                      NAME only fills their actor; without --key, from OPSROOM-<NAME>\n"
         "  --screenshot FILE   render for --after SECONDS (default 5), write the window to FILE\n"
         "                      (PNG, plus FILE.json with the map's viewport) and exit\n"
         "  --size WxH          window size (default 1600x900)\n"
         "  --select ID|flash   open on that alert once it arrives (flash: the newest open Flash alert)\n"
         "  --ini FILE|none     where layout and filters persist (default ~/.config/opsroom/console.ini)\n"
         "  --font FILE         TTF with Latin Extended and Cyrillic (default DejaVu Sans)\n"
         "  --demo ALERTS       no hub: a synthetic picture with ALERTS alerts and live traffic\n"
         "  --frames N          exit after N frames; --finish: glFinish every frame (benchmarks)\n"
         "  --role ROLE         the key's registered role: console (default) or planner; a planner\n"
         "                      sends joint operations from the Operation editor (o) with --operator\n"
         "  --open LIST         open these on-demand windows at start: editor, replay, handover\n"
         "  --edit CODE         load that operation (its effective id) into the editor once it arrives\n"
         "  --replay-at TIME    start in the replay at that moment (UTC), once the log is fetched\n"
         "  --deadlines LIST    time to acknowledge per severity and to answer a hit (docs/desk.md);\n"
         "                      units s, m, h; 0 switches one off; amber=PERCENT of the time gone\n"
         "\n"
         "Keys: drag to pan, wheel to zoom about the cursor, R or Home resets the map, Esc deselects;\n"
         "      j/k move through the attention queue, Enter opens, a/s/e/c acknowledge, assign,\n"
         "      escalate, close; l switches the names' script; t replay / back to live;\n"
         "      o operation editor; F1 or ? lists them all.\n";
}

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

// Applies one "--flag value" pair; returns an error text or "".
std::string Apply(std::string_view flag, const std::string& value, AppOptions* o) {
  double number = 0;
  if (flag == "--hub") o->hub_endpoint = value;
  else if (flag == "--fanout") o->fanout_endpoint = value;
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
    auto at = ParseUtcMinute(value);
    if (!at) return "--replay-at wants a UTC time, e.g. \"2026-05-28 06:00\"";
    o->replay_at_ms = *at;
  } else if (flag == "--frames") {
    if (!ParsePositive(value, &number)) return "--frames wants a count";
    o->max_frames = static_cast<int>(number);
  } else {
    return "unknown option " + std::string(flag);
  }
  return "";
}

}  // namespace

ParsedOptions ParseOptions(int argc, char** argv) {
  AppOptions o;
  bool demo = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view flag = argv[i];
    if (flag == "--help" || flag == "-h") return {std::nullopt, ""};
    if (flag == "--no-vsync") {
      o.vsync = false;
      continue;
    }
    if (flag == "--finish") {
      o.finish_each_frame = true;
      continue;
    }
    static constexpr std::string_view kWithValue[] = {
        "--hub", "--fanout",  "--operator", "--screenshot", "--after",     "--size",
        "--ini", "--font",    "--select",   "--demo",       "--demo-rate", "--frames",
        "--key", "--hub-key", "--id",       "--audit-key",  "--deadlines", "--role",
        "--open", "--edit", "--replay-at"};
    if (std::find(std::begin(kWithValue), std::end(kWithValue), flag) == std::end(kWithValue)) {
      return {std::nullopt, "unknown option " + std::string(flag)};
    }
    if (i + 1 >= argc) return {std::nullopt, std::string(flag) + " needs a value"};
    std::string error = Apply(flag, argv[++i], &o);
    if (!error.empty()) return {std::nullopt, error};
    demo = demo || flag == "--demo";
  }
  if (o.hub_endpoint.empty() && !demo) return {std::nullopt, "--hub ENDPOINT (or --demo ALERTS) is required"};
  if (o.key_file.empty() != o.hub_key.empty())
    return {std::nullopt, "--key FILE and --hub-key FILE|z85:KEY go together"};
  return {o, ""};
}

}  // namespace opsroom::console
