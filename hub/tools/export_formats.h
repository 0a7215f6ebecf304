// The formats `opsroom-hub export` writes, for the tools agencies already
// have: CAP 1.2 (OASIS Common Alerting Protocol) XML, one per alert, and an
// Atom feed of them; GeoJSON (RFC 7946) and KML 2.2 for GIS tools; CSV
// (RFC 4180) for spreadsheets. Pure functions of an ExportSet: the same log
// gives the same bytes (no wall clock, no map iteration order). Column lists
// and the CAP mapping are in docs/exports.md.
#pragma once
#include <optional>
#include <ostream>
#include <string>

#include "hub/tools/export_set.h"

namespace opsroom::hub {

// One CAP 1.2 <alert> document, with its XML declaration.
std::string CapAlertXml(const ExportedAlert& alert);
// The CAP message's file name: its identifier with anything but
// [A-Za-z0-9._-] made '_', plus ".xml".
std::string CapFileName(const ExportedAlert& alert);
// An Atom feed whose entries carry each CAP alert inline and link to its file.
void WriteCapFeed(const ExportSet& set, std::ostream& out);

// A FeatureCollection: alerts as Points, operations as Polygons (their area)
// or MultiPoints (their places); geometry null when an item has no position.
void WriteGeoJson(const ExportSet& set, std::ostream& out);
// A KML Document with an Alerts folder and an Operations folder.
void WriteKml(const ExportSet& set, std::ostream& out);

// RFC 4180, CRLF line ends, a header row. Text a person typed that starts
// with = + - @ is prefixed with ' so a spreadsheet never runs it as a formula.
void WriteAlertsCsv(const ExportSet& set, std::ostream& out);
void WriteSitRepsCsv(const ExportSet& set, std::ostream& out);

// Shared by the writers (export_text.cc).
namespace export_text {
std::string Xml(std::string_view text);       // &, <, >, ", ' escaped
std::string Json(std::string_view text);      // a quoted JSON string
std::string CsvField(std::string_view text);  // quoted when needed
std::string CsvText(std::string_view text);   // CsvField, formula-guarded
std::string IsoTime(int64_t ms);              // "2026-12-07T02:20:40Z"; "" for 0
std::string CapTime(int64_t ms);              // "2026-12-07T02:20:40-00:00"
std::string Words(const char* camel_case);    // "MigrantSmuggling" -> "Migrant smuggling"
std::string Coordinate(double degrees);       // fixed, 6 decimals (~0.1 m)
// The alert's own position, else its place's (data/places.tsv).
std::optional<wire::msg::LatLon> PositionOf(const wire::msg::Alert& alert);
// "Kakavia (AL-GR)": the place's Latin name, or the code when unknown.
std::string PlaceLabel(const std::string& place_code);
}  // namespace export_text

}  // namespace opsroom::hub
