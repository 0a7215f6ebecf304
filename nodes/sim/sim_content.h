// What the simulator says: the simulated agencies, and realistic text and
// identifiers per country (names in Cyrillic and Latin, Albanian ë/ç, plates,
// vessels, containers, phones). Plain data and pure functions of a SimRandom.
#pragma once
#include <string>
#include <vector>

#include "common_generated.h"
#include "nodes/sim/sim_random.h"
#include "watchlist_generated.h"

namespace opsroom::nodes {

struct SimAgency {
  std::string node_id;  // "ME-BP"
  std::string country;  // "ME"
  std::string name;     // "Montenegro border police"
  int weight;           // share of the traffic
};

// The seven border police services, three customs services, Europol's EMSC
// and Frontex.
const std::vector<SimAgency>& DefaultAgencies();

struct PersonName {
  std::string original;  // in its own script
  std::string latin;     // with diacritics
  std::string ascii;     // as border systems often store it
};

PersonName RandomPerson(SimRandom& rng, const std::string& country);
// An officer for actions and bodies: "duty officer Marković".
std::string RandomOfficer(SimRandom& rng, const std::string& country);
std::string RandomPlate(SimRandom& rng, const std::string& country);
std::string RandomVin(SimRandom& rng);
std::string RandomImo(SimRandom& rng);
std::string RandomVesselName(SimRandom& rng);
std::string RandomContainer(SimRandom& rng);
std::string RandomPhone(SimRandom& rng, const std::string& country);
std::string RandomPassport(SimRandom& rng, const std::string& country);
std::string RandomCompany(SimRandom& rng, const std::string& country);
enum class VehicleClass { kVan, kCar, kTruck };
std::string RandomVehicleModel(SimRandom& rng, VehicleClass type);
std::string RandomMigrantOrigin(SimRandom& rng);  // "Afghan", "Syrian"...
std::string RandomDateOfBirth(SimRandom& rng);

// The crime-area mix of the region's alerts: migrant smuggling dominant for
// border police; excise goods, drugs and counterfeits for customs.
wire::CrimeArea RandomCrimeArea(SimRandom& rng, bool customs = false);

// Title and body of an alert of `area` at `place` ("Horgoš"), towards `dest`.
struct AlertText {
  std::string title;
  std::string body;
};
AlertText RandomAlertText(SimRandom& rng, wire::CrimeArea area, const std::string& country, const std::string& place,
                          const std::string& dest, bool at_port);

std::string WatchReason(SimRandom& rng, wire::CrimeArea area, const std::string& place);

}  // namespace opsroom::nodes
