#include "hub/tools/report_write.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "hub/tools/export_formats.h"
#include "hub/tools/report_map.h"
#include "wire/utc_time.h"

namespace opsroom::hub {

namespace {

using export_text::CsvField;
using export_text::CsvText;

// One table of the report, rendered alike as Markdown and as HTML.
struct Table {
  std::string title;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

std::string Quantity(double value) {
  char text[64];
  std::snprintf(text, sizeof text, "%.3f", value);
  std::string out = text;
  while (!out.empty() && out.back() == '0') out.pop_back();
  if (!out.empty() && out.back() == '.') out.pop_back();
  return out;
}

const char* UnitName(wire::Unit unit) {
  switch (unit) {
    case wire::Unit::Kilograms: return "kg";
    case wire::Unit::Litres: return "l";
    case wire::Unit::Euro: return "EUR";
    default: return "pieces";
  }
}

std::string Seizures(const ReportCounters& counters) {
  std::string text;
  for (const auto& [key, quantity] : counters.seizures) {
    if (!text.empty()) text += "; ";
    text += export_text::Words(wire::EnumNameCommodity(key.first)) + " " + Quantity(quantity) + " " + UnitName(key.second);
  }
  return text.empty() ? "-" : text;
}

std::vector<std::string> Figures(const ReportCounters& c) {
  return {std::to_string(c.persons_checked),     std::to_string(c.vehicles_checked),
          std::to_string(c.migrants_detected),   std::to_string(c.facilitators_arrested),
          std::to_string(c.victims_identified),  std::to_string(c.refusals_of_entry)};
}

const std::vector<std::string>& FigureNames() {
  static const std::vector<std::string> names = {"Persons checked",       "Vehicles checked",   "Migrants detected",
                                                 "Facilitators arrested", "Victims identified", "Refusals of entry"};
  return names;
}

std::string Day(const ReportData& data) { return wire::UtcIsoTime(data.day_start_ms).substr(0, 10); }

std::vector<std::string> Summary(const ReportData& data) {
  const wire::msg::JointOperation& op = data.operation;
  std::string participants;
  for (const std::string& p : op.participants) participants += (participants.empty() ? "" : ", ") + p;
  std::size_t counted = 0;
  for (const ReportSitRep& s : data.sitreps) counted += s.counted ? 1 : 0;
  return {"Operation: " + op.name + " (" + data.operation_id + ")",
          "Day: " + Day(data) + " (00:00 to 24:00 UTC; as the log stood at the day's end)",
          "Lead: " + (op.lead.empty() ? std::string("-") : op.lead) + "; participants: " +
              (participants.empty() ? std::string("-") : participants),
          "Phase at the day's end: " + std::string(wire::EnumNameOperationPhase(op.phase)),
          "Sitreps for periods ending on the day: " + std::to_string(data.sitreps.size()) + " (" +
              std::to_string(counted) + " counted, the others corrected by a later one)",
          "Alerts of the day: " + std::to_string(data.alerts.size())};
}

std::vector<Table> Tables(const ReportData& data) {
  std::vector<Table> tables;
  Table totals{"Totals", {"Figure", "Day", "To date"}, {}};
  std::vector<std::string> day = Figures(data.day_total), to_date = Figures(data.to_date_total);
  for (std::size_t i = 0; i < day.size(); ++i) totals.rows.push_back({FigureNames()[i], day[i], to_date[i]});
  totals.rows.push_back({"Seizures", Seizures(data.day_total), Seizures(data.to_date_total)});
  tables.push_back(std::move(totals));

  Table countries{"Per country (the day)", {"Country"}, {}};
  for (const std::string& name : FigureNames()) countries.header.push_back(name);
  countries.header.push_back("Seizures");
  for (const auto& [country, counters] : data.day_by_country) {
    std::vector<std::string> row = {country};
    for (std::string& figure : Figures(counters)) row.push_back(std::move(figure));
    row.push_back(Seizures(counters));
    countries.rows.push_back(std::move(row));
  }
  tables.push_back(std::move(countries));

  Table timeline{"Timeline of significant events", {"Time (UTC)", "Hub seq", "Event"}, {}};
  for (const TimelineEntry& entry : data.timeline)
    timeline.rows.push_back({wire::UtcIsoTime(entry.hub_time_ms).substr(11, 8), std::to_string(entry.hub_seq), entry.what});
  tables.push_back(std::move(timeline));

  Table severities{"Alerts of the day by severity", {"Severity", "Alerts"}, {}};
  for (wire::Severity severity : {wire::Severity::Flash, wire::Severity::Urgent, wire::Severity::Priority,
                                  wire::Severity::Routine}) {
    std::size_t count = 0;
    for (const ReportAlert& alert : data.alerts) count += alert.alert.severity == severity ? 1 : 0;
    severities.rows.push_back({wire::EnumNameSeverity(severity), std::to_string(count)});
  }
  tables.push_back(std::move(severities));
  return tables;
}

std::string MdCell(std::string text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += "\\|";
    else if (c == '\n' || c == '\r') out += ' ';
    else out += c;
  }
  return out;
}

std::string Html(const std::string& text) { return export_text::Xml(text); }

}  // namespace

std::string ReportMarkdown(const ReportData& data) {
  std::string md = "# Day report: " + MdCell(data.operation.name.empty() ? data.operation_id : data.operation.name) +
                   ", " + Day(data) + "\n\n";
  for (const std::string& line : Summary(data)) md += "- " + MdCell(line) + "\n";
  md += "\n![The operation's area and the day's alerts](map.png)\n";
  for (const Table& table : Tables(data)) {
    md += "\n## " + table.title + "\n\n|";
    for (const std::string& head : table.header) md += " " + head + " |";
    md += "\n|";
    for (std::size_t i = 0; i < table.header.size(); ++i) md += i == 0 ? " --- |" : " ---: |";
    md += "\n";
    for (const auto& row : table.rows) {
      md += "|";
      for (const std::string& cell : row) md += " " + MdCell(cell) + " |";
      md += "\n";
    }
    if (table.rows.empty()) md += "\n(none)\n";
  }
  md += "\nFiles: [sitreps.csv](sitreps.csv), [alerts.csv](alerts.csv), [map.png](map.png).\n";
  return md;
}

std::string ReportHtml(const ReportData& data) {
  std::string title = "Day report: " + (data.operation.name.empty() ? data.operation_id : data.operation.name) + ", " +
                      Day(data);
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + Html(title) +
      "</title>\n<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:1.5em}"
      "td,th{border:1px solid #bbb;padding:3px 8px}td.n{text-align:right}</style>\n</head>\n<body>\n<h1>" +
      Html(title) + "</h1>\n<ul>\n";
  for (const std::string& line : Summary(data)) html += "<li>" + Html(line) + "</li>\n";
  html += "</ul>\n<img src=\"map.png\" alt=\"The operation's area and the day's alerts\" width=\"800\" height=\"600\">\n";
  for (const Table& table : Tables(data)) {
    html += "<h2>" + Html(table.title) + "</h2>\n<table>\n<tr>";
    for (const std::string& head : table.header) html += "<th>" + Html(head) + "</th>";
    html += "</tr>\n";
    for (const auto& row : table.rows) {
      html += "<tr>";
      for (std::size_t i = 0; i < row.size(); ++i) html += (i == 0 ? "<td>" : "<td class=\"n\">") + Html(row[i]) + "</td>";
      html += "</tr>\n";
    }
    html += "</table>\n";
  }
  html += "<p>Files: <a href=\"sitreps.csv\">sitreps.csv</a>, <a href=\"alerts.csv\">alerts.csv</a>.</p>\n</body>\n</html>\n";
  return html;
}

std::string ReportSitRepsCsv(const ReportData& data) {
  std::string csv =
      "hub_seq,hub_time,origin,country,period_start,period_end,counted,correction,persons_checked,vehicles_checked,"
      "migrants_detected,facilitators_arrested,victims_identified,other_arrests,refusals_of_entry,seizures,remarks\r\n";
  for (const ReportSitRep& s : data.sitreps) {
    ReportCounters seized;
    seized.Add(s.sitrep);
    const wire::msg::SitRep& r = s.sitrep;
    csv += std::to_string(s.hub_seq) + "," + wire::UtcIsoTime(s.hub_time_ms) + "," + CsvField(s.origin) + "," +
           CsvField(s.country) + "," + wire::UtcIsoTime(r.period_start_ms) + "," + wire::UtcIsoTime(r.period_end_ms) +
           "," + (s.counted ? "yes" : "no") + "," + (s.correction ? "yes" : "no") + "," +
           std::to_string(r.persons_checked) + "," + std::to_string(r.vehicles_checked) + "," +
           std::to_string(r.migrants_detected) + "," + std::to_string(r.facilitators_arrested) + "," +
           std::to_string(r.victims_identified) + "," + std::to_string(r.other_arrests) + "," +
           std::to_string(r.refusals_of_entry) + "," + CsvField(r.seizures.empty() ? "" : Seizures(seized)) + "," +
           CsvText(r.remarks) + "\r\n";
  }
  return csv;
}

std::string ReportAlertsCsv(const ReportData& data) {
  std::string csv = "alert_id,hub_seq,first_seen,origin,severity,status,crime_area,title,place_code,lat,lon\r\n";
  for (const ReportAlert& a : data.alerts) {
    auto where = export_text::PositionOf(a.alert);
    csv += CsvField(a.alert_id) + "," + std::to_string(a.hub_seq) + "," + wire::UtcIsoTime(a.first_seen_ms) + "," +
           CsvField(a.origin) + "," + wire::EnumNameSeverity(a.alert.severity) + "," +
           wire::EnumNameAlertStatus(a.status) + "," + wire::EnumNameCrimeArea(a.alert.crime_area) + "," +
           CsvText(a.alert.title) + "," + CsvField(a.alert.place_code) + "," +
           (where ? export_text::Coordinate(where->lat) : "") + "," + (where ? export_text::Coordinate(where->lon) : "") +
           "\r\n";
  }
  return csv;
}

std::string ReportMapPng(const ReportData& data) {
  std::vector<MapMarker> markers;
  for (const ReportAlert& a : data.alerts) {
    if (auto where = export_text::PositionOf(a.alert)) markers.push_back({*where, a.alert.severity});
  }
  return DrawReportMap(data.operation.area, markers);
}

wire::Status WriteReport(const ReportData& data, const std::string& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) return wire::Status::Failed("cannot create " + dir + ": " + error.message());
  std::string png = ReportMapPng(data);
  const std::vector<std::pair<const char*, std::string>> files = {{"index.html", ReportHtml(data)},
                                                                  {"report.md", ReportMarkdown(data)},
                                                                  {"sitreps.csv", ReportSitRepsCsv(data)},
                                                                  {"alerts.csv", ReportAlertsCsv(data)},
                                                                  {"map.png", png}};
  for (const auto& [name, bytes] : files) {
    if (std::string(name) == "map.png" && bytes.empty()) continue;  // no area and no placed alert: no map
    std::string path = (std::filesystem::path(dir) / name).string();
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush()) return wire::Status::Failed("cannot write " + path);
  }
  return {};
}

}  // namespace opsroom::hub
