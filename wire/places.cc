#include "wire/places.h"

#include <charconv>
#include <stdexcept>
#include <string>

namespace opsroom::wire {

extern const char* const kEmbeddedPlacesTsv;

namespace {

std::vector<std::string_view> SplitOn(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

PlaceKind ParseKind(std::string_view text, int line) {
  if (text == "crossing") return PlaceKind::kCrossing;
  if (text == "port") return PlaceKind::kPort;
  if (text == "airport") return PlaceKind::kAirport;
  if (text == "area") return PlaceKind::kArea;
  throw std::runtime_error("places.tsv line " + std::to_string(line) + ": unknown kind '" + std::string(text) +
                           "' (expected crossing, port, airport or area)");
}

double ParseCoordinate(std::string_view text, int line) {
  // std::from_chars for double is in libstdc++ 11+.
  double value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) {
    throw std::runtime_error("places.tsv line " + std::to_string(line) + ": bad coordinate '" + std::string(text) +
                             "'");
  }
  return value;
}

}  // namespace

PlaceCatalog PlaceCatalog::FromTsv(std::string_view text) {
  PlaceCatalog catalog;
  int line_number = 0;
  bool header_seen = false;
  for (std::string_view line : SplitOn(text, '\n')) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    if (!header_seen) {  // the column names
      header_seen = true;
      continue;
    }
    auto cols = SplitOn(line, '\t');
    if (cols.size() < 7) {
      throw std::runtime_error("places.tsv line " + std::to_string(line_number) + ": expected 7 tab-separated columns");
    }
    Place place{std::string(cols[0]),
                ParseKind(cols[1], line_number),
                {},
                std::string(cols[3]),
                std::string(cols[4]),
                ParseCoordinate(cols[5], line_number),
                ParseCoordinate(cols[6], line_number)};
    for (auto country : SplitOn(cols[2], '-')) place.countries.emplace_back(country);
    if (catalog.by_code_.count(place.code)) {
      throw std::runtime_error("places.tsv line " + std::to_string(line_number) + ": duplicate code " + place.code);
    }
    catalog.by_code_.emplace(place.code, catalog.places_.size());
    catalog.places_.push_back(std::move(place));
  }
  return catalog;
}

const PlaceCatalog& PlaceCatalog::Embedded() {
  static const PlaceCatalog kCatalog = FromTsv(kEmbeddedPlacesTsv);
  return kCatalog;
}

const Place* PlaceCatalog::Find(std::string_view code) const {
  auto it = by_code_.find(std::string(code));
  return it == by_code_.end() ? nullptr : &places_[it->second];
}

const char* PlaceKindName(PlaceKind kind) {
  switch (kind) {
    case PlaceKind::kCrossing: return "crossing";
    case PlaceKind::kPort: return "port";
    case PlaceKind::kAirport: return "airport";
    case PlaceKind::kArea: return "area";
  }
  return "unknown";
}

}  // namespace opsroom::wire
