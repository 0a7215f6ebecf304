#include "hub/tools/export_command.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "hub/tools/export_formats.h"
#include "hub/tools/export_set.h"
#include "wire/identity_table.h"
#include "wire/participants.h"
#include "wire/utc_time.h"

namespace opsroom::hub {

namespace {

constexpr const char* kUsage =
    "usage: opsroom-hub export --data DIR --format cap|geojson|kml|csv [--out PATH] [--for WHO]\n"
    "                          [--since TIME|AGE] [--operation CODE]\n"
    "  --out     cap and csv: a directory (created); geojson and kml: a file, or - for stdout (default)\n"
    "  --for     whose need-to-know the export obeys: a participant code (AL, EUROPOL...) or\n"
    "            OPSROOM/console (default: the duty console sees everything) or OPSROOM/planner\n"
    "  --since   items stored at or after an ISO 8601 time (2026-12-07T02:00:00Z, 2026-12-07T03:00+01:00),\n"
    "            a UTC day (2026-12-07), or an age: 90s 30m 2h 7d 1h30m PT2H\n"
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
      wire::ParsedTime since = wire::ParseSince(value, now_ms);
      if (!since.ok()) return "export: --since " + since.error;
      parsed->filter.since_ms = since.ms;
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

}  // namespace opsroom::hub
