#include <cstdio>

#include "hub/audit_log.h"
#include "hub/tools/export_formats.h"
#include "wire/utc_time.h"

namespace opsroom::hub::export_text {

std::string Xml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // XML 1.0 forbids most control characters even escaped: drop them.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') break;
        out += c;
    }
  }
  return out;
}

std::string Json(std::string_view text) { return "\"" + JsonEscape(text) + "\""; }

std::string CsvField(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string CsvText(std::string_view text) {
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@')) {
    return CsvField("'" + std::string(text));
  }
  return CsvField(text);
}

std::string IsoTime(int64_t ms) { return ms == 0 ? "" : wire::UtcIsoTime(ms); }
// CAP 1.2 section 3.3.2: times carry an explicit offset, "-00:00" for UTC.
std::string CapTime(int64_t ms) { return ms == 0 ? "" : wire::UtcIsoTime(ms, "-00:00"); }

std::string Words(const char* camel_case) {
  std::string out;
  for (const char* c = camel_case; c != nullptr && *c != '\0'; ++c) {
    if (*c >= 'A' && *c <= 'Z' && !out.empty()) {
      out += ' ';
      out += static_cast<char>(*c - 'A' + 'a');
    } else {
      out += *c;
    }
  }
  return out;
}

std::string Coordinate(double degrees) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6f", degrees);
  return text;
}

}  // namespace opsroom::hub::export_text

#include "wire/places.h"

namespace opsroom::hub::export_text {

std::optional<wire::msg::LatLon> PositionOf(const wire::msg::Alert& alert) {
  if (alert.position) return alert.position;
  if (const wire::Place* place = wire::PlaceCatalog::InUse().Find(alert.place_code)) {
    return wire::msg::LatLon{place->lat, place->lon};
  }
  return std::nullopt;
}

std::string PlaceLabel(const std::string& place_code) {
  const wire::Place* place = wire::PlaceCatalog::InUse().Find(place_code);
  if (place == nullptr) return place_code;
  return place->name_latin + " (" + place_code + ")";
}

}  // namespace opsroom::hub::export_text
