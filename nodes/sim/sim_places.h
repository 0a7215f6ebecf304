// Where simulated reports happen: places of data/places.tsv by country and
// kind, the hotspots of the Western Balkan route, and display names as the
// reporting side writes them. Immutable after construction.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "nodes/client/envelope_builder.h"
#include "nodes/sim/sim_random.h"
#include "wire/places.h"

namespace opsroom::nodes {

struct SimSpot {
  const wire::Place* place = nullptr;
  std::string name;  // the reporting side's name ("Horgoš" for RS, "Röszke" for HU)
  LatLon position;   // the place with jitter
};

class SimPlaces {
 public:
  explicit SimPlaces(const wire::PlaceCatalog& catalog);

  // A place for a report of `area` by `country` (a partner reports anywhere in
  // the seven national countries). Migrant smuggling favours the route's
  // hotspots, excise goods and cocaine the ports, document fraud the airports.
  SimSpot Pick(SimRandom& rng, const std::string& country, wire::CrimeArea area) const;
  // Where a transport seen in `country` is heading ("Horgoš", "Maljevac").
  std::string Destination(SimRandom& rng, const std::string& country) const;
  // A few hotspot codes present in the catalogue, for operations.
  std::vector<std::string> HotspotCodes(std::size_t max) const;

  static std::string SideName(const wire::Place& place, const std::string& country);

 private:
  std::vector<const wire::Place*> Candidates(const std::string& country, wire::PlaceKind kind) const;

  const wire::PlaceCatalog& catalog_;
  std::map<std::string, std::vector<const wire::Place*>> by_country_;  // national countries only
  std::vector<const wire::Place*> hotspots_;
};

}  // namespace opsroom::nodes
