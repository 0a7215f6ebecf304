#include "hub/tools/export_command.h"

#include <chrono>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "hub/tools/export_formats.h"
#include "hub/tools/export_set.h"
#include "wire/identity_table.h"
#include "wire/participants.h"

namespace opsroom::hub {

namespace {

constexpr const char* kUsage =
    "usage: opsroom-hub export --data DIR --format cap|geojson|kml|csv [--out PATH] [--for WHO]\n"
    "                          [--since TIME|AGE] [--operation CODE]\n"
    "  --out     cap and csv: a directory (created); geojson and kml: a file, or - for stdout (default)\n"
    "  --for     whose need-to-know the export obeys: a participant code (AL, EUROPOL...) or\n"
    "            OPSROOM/console (default: the duty console sees everything) or OPSROOM/planner\n"
    "  --since   items stored at or after 2026-12-07T02:00:00Z, 2026-12-07, or an age: 90s 30m 2h 7d\n"
    "  --operation  one joint operation: its area, its sitreps and the alerts that name it\n";

struct ExportArgs {
  std::string data_dir, format, out = "-";
  ExportFilter filter;
};

std::optional<wire::ClientRole> RoleOf(const std::string& participant, const std::string& role) {
  const wire::Participant* known = wire::FindParticipant(participant);
  if (known == nullptr) return std::nullopt;
  wire::ClientRole chosen = wire::ClientRole::NationalNode;
  if (role == "console") chosen = wire::ClientRole::Console;
  else if (role == "planner") chosen = wire::ClientRole::Planner;
  else if (role == "partner") chosen = wire::ClientRole::PartnerAgency;
  else if (role == "national") chosen = wire::ClientRole::NationalNode;
  else if (!role.empty()) return std::nullopt;
  else if (known->kind == wire::ParticipantKind::kPartner) chosen = wire::ClientRole::PartnerAgency;
  else if (known->kind == wire::ParticipantKind::kRoom) chosen = wire::ClientRole::Console;
  if (!wire::IsAllowedIdentity(participant, chosen)) return std::nullopt;
  return chosen;
}

std::string ParseArgs(const std::vector<std::string>& args, ExportArgs* parsed) {
  const int64_t now_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& flag = args[i];
    if (i + 1 >= args.size()) return "export: " + flag + " is not an option, or it needs a value";
    const std::string& value = args[++i];
    if (flag == "--data") parsed->data_dir = value;
    else if (flag == "--format") parsed->format = value;
    else if (flag == "--out") parsed->out = value;
    else if (flag == "--operation") parsed->filter.operation_code = value;
    else if (flag == "--since") {
      auto since = ParseSince(value, now_ms);
      if (!since) return "export: --since wants 2026-12-07T02:00:00Z, 2026-12-07 or an age like 2h; got " + value;
      parsed->filter.since_ms = *since;
    } else if (flag == "--for") {
      const auto slash = value.find('/');
      const std::string participant = value.substr(0, slash);
      const std::string role = slash == std::string::npos ? "" : value.substr(slash + 1);
      auto chosen = RoleOf(participant, role);
      if (!chosen)
        return "export: --for wants a participant code (AL, ME, EUROPOL...) or OPSROOM/console or "
               "OPSROOM/planner; got " +
               value;
      parsed->filter.participant = participant;
      parsed->filter.role = *chosen;
    } else {
      return "export: unknown option " + flag;
    }
  }
  if (parsed->data_dir.empty()) return "export needs --data DIR";
  if (parsed->format != "cap" && parsed->format != "geojson" && parsed->format != "kml" && parsed->format != "csv") {
    return "export: --format wants cap, geojson, kml or csv" +
           (parsed->format.empty() ? std::string() : "; got " + parsed->format);
  }
  if ((parsed->format == "cap" || parsed->format == "csv") && parsed->out == "-") {
    return "export: --format " + parsed->format + " writes several files: give --out DIR";
  }
  return "";
}

bool WriteFile(const std::filesystem::path& path, const std::string& text, std::ostream& err) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << text;
  if (file.flush()) return true;
  err << "opsroom-hub export: cannot write " << path.string() << '\n';
  return false;
}

template <typename Writer>
bool WriteTo(const std::filesystem::path& path, Writer write, std::ostream& err) {
  std::ostringstream text;
  write(text);
  return WriteFile(path, text.str(), err);
}

bool WriteExport(const ExportArgs& args, const ExportSet& set, std::ostream& out, std::ostream& err) {
  namespace fs = std::filesystem;
  if (args.format == "geojson" || args.format == "kml") {
    auto write = [&](std::ostream& to) { args.format == "kml" ? WriteKml(set, to) : WriteGeoJson(set, to); };
    if (args.out == "-") {
      write(out);
      return static_cast<bool>(out.flush());
    }
    return WriteTo(args.out, write, err);
  }
  std::error_code made;
  fs::create_directories(args.out, made);
  if (made) {
    err << "opsroom-hub export: cannot create " << args.out << ": " << made.message() << '\n';
    return false;
  }
  const fs::path dir(args.out);
  if (args.format == "csv") {
    return WriteTo(
               dir / "alerts.csv", [&](std::ostream& to) { WriteAlertsCsv(set, to); }, err) &&
           WriteTo(
               dir / "sitreps.csv", [&](std::ostream& to) { WriteSitRepsCsv(set, to); }, err);
  }
  for (const ExportedAlert& alert : set.alerts) {
    if (!WriteFile(dir / CapFileName(alert), CapAlertXml(alert), err)) return false;
  }
  return WriteTo(
      dir / "index.atom", [&](std::ostream& to) { WriteCapFeed(set, to); }, err);
}

}  // namespace

bool IsExportCommand(const std::vector<std::string>& args) { return !args.empty() && args[0] == "export"; }

int RunExportCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  ExportArgs parsed;
  if (std::string usage = ParseArgs(args, &parsed); !usage.empty()) {
    err << "opsroom-hub: " << usage << "\n\n" << kUsage;
    return 2;
  }
  ExportSet set;
  if (wire::Status read = ReadExportSet(parsed.data_dir, parsed.filter, &set); !read.ok) {
    err << "opsroom-hub export: " << read.error << '\n';
    return 1;
  }
  if (!WriteExport(parsed, set, out, err)) return 1;
  err << "opsroom-hub export: " << set.alerts.size() << " alerts, " << set.operations.size() << " operations, "
      << set.sitreps.size() << " sitreps for " << parsed.filter.participant << " ("
      << wire::EnumNameClientRole(parsed.filter.role) << ") as " << parsed.format
      << (parsed.out == "-" ? "" : " in " + parsed.out) << '\n';
  return 0;
}

std::optional<int64_t> ParseSince(const std::string& text, int64_t now_ms) {
  if (text.size() >= 2 && std::isdigit(static_cast<unsigned char>(text[0]))) {
    const char unit = text.back();
    const std::string digits = text.substr(0, text.size() - 1);
    const int64_t scale = unit == 's'   ? 1000
                          : unit == 'm' ? 60'000
                          : unit == 'h' ? 3'600'000
                          : unit == 'd' ? 86'400'000
                                        : 0;
    if (scale != 0 && digits.find_first_not_of("0123456789") == std::string::npos && digits.size() <= 9) {
      return now_ms - std::stoll(digits) * scale;
    }
  }
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, used = 0;
  const int length = static_cast<int>(text.size());
  const char* at = text.c_str();
  auto whole = [&](int fields, int wanted) {
    const bool ok = fields == wanted && used == length;
    used = 0;
    return ok;
  };
  const bool shape_ok =
      whole(std::sscanf(at, "%4d-%2d-%2d%n", &year, &month, &day, &used), 3) ||
      whole(std::sscanf(at, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &year, &month, &day, &hour, &minute, &second, &used), 6) ||
      whole(std::sscanf(at, "%4d-%2d-%2dT%2d:%2dZ%n", &year, &month, &day, &hour, &minute, &used), 5);
  if (!shape_ok || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return std::nullopt;
  }
  std::tm utc{};
  utc.tm_year = year - 1900;
  utc.tm_mon = month - 1;
  utc.tm_mday = day;
  utc.tm_hour = hour;
  utc.tm_min = minute;
  utc.tm_sec = second;
  return static_cast<int64_t>(timegm(&utc)) * 1000;
}

}  // namespace opsroom::hub
