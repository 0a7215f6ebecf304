// Simulated alert texts and watchlist reasons, after the kinds of reports the
// region's services publish (UNODC, Frontex, Europol): smuggling on the
// Western Balkan route, cigarettes through ports, drugs, firearms, corruption.
#include <cstdio>

#include "nodes/sim/sim_content.h"

namespace opsroom::nodes {

namespace {

std::string Fill(std::string text, const std::string& key, const std::string& value) {
  for (auto at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size())) {
    text.replace(at, key.size(), value);
  }
  return text;
}

enum class Where { kAny, kPort, kLand };

struct Template {
  const char* title;
  const char* body;
  Where where;
};

const std::vector<Template>& TemplatesFor(wire::CrimeArea area) {
  using wire::CrimeArea;
  static const std::vector<Template> kSmuggling = {
      {"Van with {n} migrants hidden behind pallets, heading for {dest}",
       "{van} {plate} left {place} about {min} minutes ago; {n} {origin} nationals in the cargo space. "
       "Driver uses a second phone. Request: stop and check at {dest}.",
       Where::kLand},
      {"Group of {n} migrants on foot near {place}",
       "Patrol observed {n} persons, mostly {origin}, crossing the green border 2 km from {place}. "
       "A guide with a torch was seen. Request: inland checks towards {dest}.",
       Where::kLand},
      {"Truck with {n} migrants in a load of timber stopped at {place}",
       "Heartbeat detector positive on {truck} {plate}. {n} {origin} nationals, two minors. "
       "Driver arrested; vehicle registered to a transport company.",
       Where::kLand},
      {"Taxi convoy suspected of moving migrants towards {dest}",
       "Three taxis in a row, the first one ({plate}) scouting. Pattern matches last week's transports.", Where::kLand},
      {"Speedboat with {n} migrants sighted off {place}",
       "Coastal radar contact at night, no lights, heading north along the coast. {n} persons on board.", Where::kPort},
  };
  static const std::vector<Template> kExcise = {
      {"Container with undeclared cigarettes at {place}",
       "Scanner image of container {container} shows master cases behind a front layer of furniture. "
       "Estimated {n}0 master cases. Request: hold the container.",
       Where::kPort},
      {"{n}0 master cases of cigarettes in a truck at {place}",
       "{truck} {plate} declared as empty. Brands without excise stamps. Driver known from earlier seizures.",
       Where::kAny},
  };
  static const std::vector<Template> kDrugs = {
      {"{kg} kg of cannabis found in a car at {place}",
       "Packages in the spare wheel and door panels of {car} {plate}. Two persons detained.", Where::kLand},
      {"Cocaine suspected in a banana container at {place}",
       "Risk profile hit on container {container} from South America. Request: joint inspection with customs.",
       Where::kPort},
      {"Heroin courier expected at {place}",
       "Source reports a courier with about {kg} kg of heroin in {car} {plate}, crossing today.", Where::kAny},
  };
  static const std::vector<Template> kFirearms = {
      {"Weapons in a hidden compartment of a bus at {place}",
       "{n} pistols and ammunition found behind the rear panel of an intercity bus. Driver detained.", Where::kLand},
      {"Car with automatic rifles expected at {place}",
       "Information from a source: {car} {plate} carrying rifles from old army stocks towards the EU.", Where::kAny},
  };
  static const std::vector<Template> kTrafficking = {
      {"Possible trafficking victim identified at {place}",
       "Young woman travelling with a man who holds her passport; inconsistent story about a job offer. "
       "Referred to the national referral mechanism.",
       Where::kAny},
      {"Minor travelling with unrelated adult at {place}",
       "Boy of about 14 with an adult who is not a relative, destination unclear. Forced begging suspected.",
       Where::kAny},
  };
  static const std::vector<Template> kDocuments = {
      {"Forged passport presented at {place}",
       "Substituted data page, laminate lifted. Holder claims to be a tourist; {origin} national.", Where::kAny},
      {"Impostor using a genuine passport at {place}",
       "Facial comparison failed; the passport belongs to a relative. Network supplying look-alike documents.",
       Where::kAny},
  };
  static const std::vector<Template> kCorruption = {
      {"Tip: officer at {place} taking bribes to let vans through",
       "Anonymous tip, partly corroborated by timing of earlier transports. Handle with discretion.", Where::kAny},
      {"Patrol schedule leaked to smugglers near {place}",
       "A smuggler's phone seized today holds photos of the patrol roster. Request: change the schedule.",
       Where::kLand},
  };
  static const std::vector<Template> kCounterfeit = {
      {"Counterfeit goods in a truck at {place}",
       "Clothing and perfume with well-known brands, no invoices. {truck} {plate}.", Where::kAny},
      {"Falsified medicines in a container at {place}",
       "Container {container}: boxes of tablets without batch numbers, declared as food supplements.", Where::kPort},
  };
  static const std::vector<Template> kStolen = {
      {"Stolen {car} with forged plates at {place}",
       "VIN altered; reported stolen in the EU last month. Plates {plate} belong to another car.", Where::kAny},
  };
  static const std::vector<Template> kCash = {
      {"Undeclared cash found in a car at {place}",
       "About EUR {n}0,000 in vacuum packs under the seats of {car} {plate}.", Where::kAny},
  };
  static const std::vector<Template> kCultural = {
      {"Icons and coins of unclear origin in a car at {place}",
       "Orthodox icons and Roman coins without papers in {car} {plate}; expert opinion requested.", Where::kAny},
  };
  switch (area) {
    case CrimeArea::MigrantSmuggling: return kSmuggling;
    case CrimeArea::ExciseGoods: return kExcise;
    case CrimeArea::Drugs: return kDrugs;
    case CrimeArea::Firearms: return kFirearms;
    case CrimeArea::TraffickingInPersons: return kTrafficking;
    case CrimeArea::DocumentFraud: return kDocuments;
    case CrimeArea::BorderCorruption: return kCorruption;
    case CrimeArea::CounterfeitGoods: return kCounterfeit;
    case CrimeArea::StolenVehicles: return kStolen;
    case CrimeArea::CashSmuggling: return kCash;
    default: return kCultural;
  }
}

const Template& PickTemplate(SimRandom& rng, wire::CrimeArea area, bool at_port) {
  std::vector<const Template*> fitting;
  for (const Template& t : TemplatesFor(area)) {
    if (t.where == Where::kAny || (t.where == Where::kPort) == at_port) fitting.push_back(&t);
  }
  return fitting.empty() ? TemplatesFor(area).front() : *rng.Pick(fitting);
}

}  // namespace

const std::vector<SimAgency>& DefaultAgencies() {
  static const std::vector<SimAgency> k = {
      {"AL-BP", "AL", "Albanian border police", 10},
      {"BA-BP", "BA", "Border police of BiH", 10},
      {"HR-BP", "HR", "Croatian border police", 9},
      {"XK-BP", "XK", "Kosovo border police", 7},
      {"ME-BP", "ME", "Montenegrin border police", 9},
      {"MK-BP", "MK", "North Macedonian border police", 10},
      {"RS-BP", "RS", "Serbian border police", 12},
      {"ME-CU", "ME", "Montenegrin customs", 4},
      {"AL-CU", "AL", "Albanian customs", 3},
      {"HR-CU", "HR", "Croatian customs", 3},
      {"EUROPOL-EMSC", "EUROPOL", "Europol, European Migrant Smuggling Centre", 2},
      {"FRONTEX-JOC", "FRONTEX", "Frontex joint operations", 2},
  };
  return k;
}

wire::CrimeArea RandomCrimeArea(SimRandom& rng, bool customs) {
  using wire::CrimeArea;
  static const std::vector<CrimeArea> kAreas = {
      CrimeArea::MigrantSmuggling, CrimeArea::ExciseGoods,          CrimeArea::Drugs,
      CrimeArea::Firearms,         CrimeArea::TraffickingInPersons, CrimeArea::DocumentFraud,
      CrimeArea::BorderCorruption, CrimeArea::CounterfeitGoods,     CrimeArea::StolenVehicles,
      CrimeArea::CashSmuggling,    CrimeArea::CulturalGoods};
  if (customs) return kAreas[rng.Weighted({6, 40, 22, 4, 1, 2, 3, 14, 2, 6, 1})];
  return kAreas[rng.Weighted({40, 12, 14, 5, 6, 8, 2, 4, 5, 3, 1})];
}

AlertText RandomAlertText(SimRandom& rng, wire::CrimeArea area, const std::string& country, const std::string& place,
                          const std::string& dest, bool at_port) {
  const Template& t = PickTemplate(rng, area, at_port);
  const std::pair<std::string, std::string> values[] = {{"{n}", std::to_string(rng.Between(3, 38))},
                                                        {"{kg}", std::to_string(rng.Between(2, 180))},
                                                        {"{min}", std::to_string(rng.Between(5, 55))},
                                                        {"{place}", place},
                                                        {"{dest}", dest},
                                                        {"{origin}", RandomMigrantOrigin(rng)},
                                                        {"{van}", RandomVehicleModel(rng, VehicleClass::kVan)},
                                                        {"{car}", RandomVehicleModel(rng, VehicleClass::kCar)},
                                                        {"{truck}", RandomVehicleModel(rng, VehicleClass::kTruck)},
                                                        {"{plate}", RandomPlate(rng, country)},
                                                        {"{container}", RandomContainer(rng)}};
  AlertText text{t.title, t.body};
  for (const auto& [key, value] : values) {
    text.title = Fill(text.title, key, value);
    text.body = Fill(text.body, key, value);
  }
  return text;
}

std::string WatchReason(SimRandom& rng, wire::CrimeArea area, const std::string& place) {
  using wire::CrimeArea;
  switch (area) {
    case CrimeArea::MigrantSmuggling:
      return rng.Chance(0.5) ? "Organiser of smuggling transports via " + place
                             : "Driver for a smuggling network active near " + place;
    case CrimeArea::ExciseGoods: return "Cigarette smuggling through " + place;
    case CrimeArea::Drugs: return "Drug trafficking network, couriers crossing at " + place;
    case CrimeArea::Firearms: return "Firearms trafficking towards the EU";
    case CrimeArea::TraffickingInPersons: return "Recruits victims with false job offers";
    case CrimeArea::DocumentFraud: return "Supplies forged and look-alike documents";
    case CrimeArea::BorderCorruption: return "Suspected of paying officers at " + place;
    default: return "Of interest to an ongoing investigation";
  }
}

}  // namespace opsroom::nodes
