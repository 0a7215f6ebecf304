// The catalogue of places (crossing points, ports, airports, areas) from
// data/places.tsv, embedded at build time. Immutable after construction.
#pragma once
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

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
  // Parses the TSV format of data/places.tsv; throws std::runtime_error with
  // the line number on a malformed line.
  static PlaceCatalog FromTsv(std::string_view text);
  // The copy of data/places.tsv built into the binary.
  static const PlaceCatalog& Embedded();

  const Place* Find(std::string_view code) const;
  const std::vector<Place>& all() const { return places_; }

 private:
  std::vector<Place> places_;
  std::unordered_map<std::string, std::size_t> by_code_;
};

const char* PlaceKindName(PlaceKind kind);

}  // namespace opsroom::wire
