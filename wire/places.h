// The catalogue of places (crossing points, ports, airports, areas) from
// data/places.tsv, embedded at build time, or from a file of the same format
// that a program chose at start (PlaceCatalog::Use). Immutable after construction.
#pragma once
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "wire/participants.h"

namespace opsroom::wire {

enum class PlaceKind { kCrossing, kPort, kAirport, kArea };

struct Place {
  std::string code;
  PlaceKind kind;
  std::vector<std::string> countries;  // two for a crossing
  std::string name_local;
  std::string name_latin;
  double lat;
  double lon;
};

class PlaceCatalog {
 public:
  // Parses and checks the TSV format of data/places.tsv (data/PLACES.md: the
  // header, codes, kinds, countries, names, coordinates in range, no duplicate);
  // throws std::runtime_error "SOURCE line N: ..." on the first problem. With
  // `countries`, every country a place names must be one of its participants.
  static PlaceCatalog FromTsv(std::string_view text, std::string_view source = "places.tsv",
                              const ParticipantCatalog* countries = nullptr);
  // The copy of data/places.tsv built into the binary.
  static const PlaceCatalog& Embedded();
  // The catalogue chosen with Use, else the built-in one.
  static const PlaceCatalog& InUse();
  // Makes `catalog` the one InUse() returns, for the rest of the process.
  // Call at start, before threads read it.
  static void Use(PlaceCatalog catalog);

  const Place* Find(std::string_view code) const;
  const std::vector<Place>& all() const { return places_; }

 private:
  std::vector<Place> places_;
  std::unordered_map<std::string, std::size_t> by_code_;
};

const char* PlaceKindName(PlaceKind kind);

}  // namespace opsroom::wire
