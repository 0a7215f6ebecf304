#include "wire/places.h"

#include <atomic>
#include <charconv>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

#include "wire/tsv_table.h"

namespace opsroom::wire {

extern const char* const kEmbeddedPlacesTsv;

namespace {

PlaceKind ParseKind(std::string_view text, std::string_view source, int line) {
  if (text == "crossing") return PlaceKind::kCrossing;
  if (text == "port") return PlaceKind::kPort;
  if (text == "airport") return PlaceKind::kAirport;
  if (text == "area") return PlaceKind::kArea;
  ThrowAtLine(source, line, "unknown kind '" + std::string(text) + "' (expected crossing, port, airport or area)");
}

double ParseCoordinate(std::string_view text, double limit, std::string_view source, int line) {
  // std::from_chars for double is in libstdc++ 11+.
  double value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || !(value >= -limit && value <= limit)) {
    ThrowAtLine(source, line,
                "bad coordinate '" + std::string(text) + "' (decimal degrees from -" + std::to_string(int(limit)) +
                    " to " + std::to_string(int(limit)) + ")");
  }
  return value;
}

// [A-Z0-9]+(-[A-Z0-9]+)+, as data/PLACES.md says.
bool IsPlaceCode(std::string_view code) {
  auto parts = SplitOn(code, '-');
  if (parts.size() < 2) return false;
  for (auto part : parts) {
    if (part.empty() || part.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != std::string_view::npos)
      return false;
  }
  return true;
}

void CheckCountries(const Place& place, std::string_view source, int line) {
  const std::size_t wanted = place.kind == PlaceKind::kCrossing ? 2 : 1;
  bool ok = place.countries.size() == wanted;
  for (const auto& country : place.countries) {
    ok = ok && country.size() == 2 && country.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") == std::string::npos;
  }
  if (!ok) {
    ThrowAtLine(source, line,
                std::string("countries must be ") +
                    (wanted == 2 ? "two ISO codes joined by '-' (AL-GR)" : "one ISO code (ME)") + ", not '" +
                    [&] {
                      std::string joined;
                      for (const auto& c : place.countries) joined += (joined.empty() ? "" : "-") + c;
                      return joined;
                    }() +
                    "'");
  }
}

std::atomic<const PlaceCatalog*> g_in_use{nullptr};

}  // namespace

PlaceCatalog PlaceCatalog::FromTsv(std::string_view text, std::string_view source,
                                   const ParticipantCatalog* countries) {
  PlaceCatalog catalog;
  static const std::vector<std::string_view> kHeader = {"code",       "kind", "countries", "name_local",
                                                        "name_latin", "lat",  "lon"};
  ForEachTsvRow(text, source, kHeader, [&](int line, const std::vector<std::string_view>& cols) {
    if (!IsPlaceCode(cols[0])) {
      ThrowAtLine(source, line, "code '" + std::string(cols[0]) + "' is not uppercase ASCII like BCP-AL-GR-KAKAVIA");
    }
    Place place{std::string(cols[0]),
                ParseKind(cols[1], source, line),
                {},
                std::string(cols[3]),
                std::string(cols[4]),
                ParseCoordinate(cols[5], 90, source, line),
                ParseCoordinate(cols[6], 180, source, line)};
    for (auto country : SplitOn(cols[2], '-')) place.countries.emplace_back(country);
    CheckCountries(place, source, line);
    for (const auto& country : place.countries) {
      if (countries != nullptr && countries->Find(country) == nullptr)
        ThrowAtLine(source, line, "country " + country + " is not one of the participants");
    }
    if (place.name_local.empty() || place.name_latin.empty()) ThrowAtLine(source, line, "a place needs both names");
    if (catalog.by_code_.count(place.code)) ThrowAtLine(source, line, "duplicate code " + place.code);
    catalog.by_code_.emplace(place.code, catalog.places_.size());
    catalog.places_.push_back(std::move(place));
  });
  return catalog;
}

const PlaceCatalog& PlaceCatalog::Embedded() {
  static const PlaceCatalog kCatalog = FromTsv(kEmbeddedPlacesTsv, "data/places.tsv (built in)");
  return kCatalog;
}

const PlaceCatalog& PlaceCatalog::InUse() {
  const PlaceCatalog* chosen = g_in_use.load(std::memory_order_acquire);
  return chosen != nullptr ? *chosen : Embedded();
}

void PlaceCatalog::Use(PlaceCatalog catalog) {
  // Kept to the end of the process: a reader may still hold a Place* from the previous one.
  static std::mutex mutex;
  static std::vector<std::unique_ptr<PlaceCatalog>> kept;
  std::lock_guard<std::mutex> lock(mutex);
  kept.push_back(std::make_unique<PlaceCatalog>(std::move(catalog)));
  g_in_use.store(kept.back().get(), std::memory_order_release);
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
