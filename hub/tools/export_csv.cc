// CSV exports for spreadsheets: one row per alert (its current version) and
// one per sitrep, columns as listed in docs/exports.md.
#include <cstdio>

#include "hub/tools/export_formats.h"
#include "wire/marking_label.h"

namespace opsroom::hub {

using namespace export_text;

namespace {

constexpr const char* kRowEnd = "\r\n";  // RFC 4180

void Row(std::ostream& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) out << (i ? "," : "") << fields[i];
  out << kRowEnd;
}

std::string Number(double value) {
  char text[40];
  std::snprintf(text, sizeof text, "%.15g", value);
  return text;
}

std::string Seizures(const wire::msg::SitRep& sitrep) {
  std::string text;
  for (const auto& seizure : sitrep.seizures) {
    if (!text.empty()) text += "; ";
    text += std::string(wire::EnumNameCommodity(seizure.commodity)) + " " + Number(seizure.quantity) + " " +
            wire::EnumNameUnit(seizure.unit);
  }
  return text;
}

}  // namespace

void WriteAlertsCsv(const ExportSet& set, std::ostream& out) {
  Row(out, {"hub_seq", "stored_at", "alert_id", "origin", "country", "severity", "status", "crime_area", "title",
            "body", "lat", "lon", "place_code", "observed_at", "expires_at", "operation_code", "marking"});
  for (const ExportedAlert& item : set.alerts) {
    const wire::msg::Alert& alert = item.alert;
    auto position = PositionOf(alert);
    Row(out, {std::to_string(item.hub_seq), IsoTime(item.hub_time_ms), CsvText(item.alert_key),
              CsvField(item.header.origin), CsvField(item.header.country), wire::EnumNameSeverity(alert.severity),
              wire::EnumNameAlertStatus(item.status), wire::EnumNameCrimeArea(alert.crime_area), CsvText(alert.title),
              CsvText(alert.body), position ? Coordinate(position->lat) : "", position ? Coordinate(position->lon) : "",
              CsvField(alert.place_code), IsoTime(alert.observed_at_ms), IsoTime(alert.expires_at_ms),
              CsvText(alert.operation_code), CsvField(wire::MarkingLabel(item.header))});
  }
}

void WriteSitRepsCsv(const ExportSet& set, std::ostream& out) {
  Row(out, {"hub_seq", "stored_at", "operation_code", "reporting_country", "origin", "period_start", "period_end",
            "persons_checked", "vehicles_checked", "migrants_detected", "facilitators_arrested", "victims_identified",
            "other_arrests", "refusals_of_entry", "seizures", "remarks", "marking"});
  for (const ExportedSitRep& item : set.sitreps) {
    const wire::msg::SitRep& sitrep = item.sitrep;
    Row(out, {std::to_string(item.hub_seq), IsoTime(item.hub_time_ms), CsvText(sitrep.operation_code),
              CsvField(sitrep.reporting_country), CsvField(item.header.origin), IsoTime(sitrep.period_start_ms),
              IsoTime(sitrep.period_end_ms), std::to_string(sitrep.persons_checked),
              std::to_string(sitrep.vehicles_checked), std::to_string(sitrep.migrants_detected),
              std::to_string(sitrep.facilitators_arrested), std::to_string(sitrep.victims_identified),
              std::to_string(sitrep.other_arrests), std::to_string(sitrep.refusals_of_entry),
              CsvField(Seizures(sitrep)), CsvText(sitrep.remarks), CsvField(wire::MarkingLabel(item.header))});
  }
}

}  // namespace opsroom::hub
