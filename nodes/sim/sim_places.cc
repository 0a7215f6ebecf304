#include "nodes/sim/sim_places.h"

#include <algorithm>

#include "wire/participants.h"

namespace opsroom::nodes {

namespace {

// The Western Balkan route and its coastal branch, south to north.
const std::vector<std::string>& HotspotList() {
  static const std::vector<std::string> k = {
      "BCP-AL-GR-KAKAVIA",    "AREA-AL-GJIROKASTER",     "BCP-GR-MK-EVZONOI", "AREA-MK-GEVGELIJA",
      "AREA-MK-LOJANE",       "BCP-MK-RS-TABANOVCE",     "AREA-RS-PRESEVO",   "BCP-AL-ME-MURIQAN",
      "BCP-AL-ME-HANI-HOTIT", "BCP-BA-ME-KLOBUK",        "AREA-RS-SID",       "BCP-HR-RS-BAJAKOVO",
      "BCP-HU-RS-HORGOS",     "AREA-RS-SUBOTICA-HORGOS", "AREA-BA-BIHAC",     "AREA-BA-VELIKA-KLADUSA",
      "BCP-BA-HR-MALJEVAC",   "BCP-HR-SI-BREGANA",       "BCP-MK-XK-JAZINCE", "BCP-AL-XK-MORINE"};
  return k;
}

// Where transports seen in a country head next.
const std::map<std::string, std::vector<std::string>>& Exits() {
  static const std::map<std::string, std::vector<std::string>> k = {
      {"AL", {"BCP-AL-ME-HANI-HOTIT", "BCP-AL-ME-MURIQAN", "BCP-AL-XK-MORINE"}},
      {"MK", {"BCP-MK-RS-TABANOVCE", "AREA-MK-LOJANE"}},
      {"RS", {"BCP-HU-RS-HORGOS", "BCP-HR-RS-BAJAKOVO", "BCP-BA-RS-RACA"}},
      {"BA", {"BCP-BA-HR-MALJEVAC", "AREA-BA-VELIKA-KLADUSA", "BCP-BA-HR-IZACIC"}},
      {"ME", {"BCP-BA-ME-KLOBUK", "BCP-BA-ME-HUM", "BCP-HR-ME-KARASOVICI"}},
      {"HR", {"BCP-HR-SI-BREGANA", "BCP-HR-SI-MACELJ"}},
      {"XK", {"BCP-RS-XK-MERDARE", "BCP-RS-XK-JARINJE"}}};
  return k;
}

bool HasCountry(const wire::Place& place, const std::string& country) {
  return std::find(place.countries.begin(), place.countries.end(), country) != place.countries.end();
}

LatLon Jitter(SimRandom& rng, const wire::Place& place) {
  double spread = place.kind == wire::PlaceKind::kArea ? 0.05 : 0.015;
  return {place.lat + (rng.Unit() * 2 - 1) * spread, place.lon + (rng.Unit() * 2 - 1) * spread};
}

}  // namespace

SimPlaces::SimPlaces(const wire::PlaceCatalog& catalog) : catalog_(catalog) {
  for (const wire::Place& place : catalog.all()) {
    for (std::string_view country : wire::NationalCodes()) {
      if (HasCountry(place, std::string(country))) by_country_[std::string(country)].push_back(&place);
    }
  }
  for (const std::string& code : HotspotList()) {
    if (const wire::Place* place = catalog.Find(code)) hotspots_.push_back(place);
  }
}

std::string SimPlaces::SideName(const wire::Place& place, const std::string& country) {
  std::string name = place.name_latin;
  auto slash = name.find(" / ");
  if (slash == std::string::npos) return name;
  bool second =
      place.kind == wire::PlaceKind::kCrossing && place.countries.size() == 2 && place.countries[1] == country;
  return second ? name.substr(slash + 3) : name.substr(0, slash);
}

std::vector<const wire::Place*> SimPlaces::Candidates(const std::string& country, wire::PlaceKind kind) const {
  std::vector<const wire::Place*> out;
  for (const auto& [code, places] : by_country_) {
    if (!country.empty() && code != country) continue;
    for (const wire::Place* place : places) {
      if (place->kind == kind && std::find(out.begin(), out.end(), place) == out.end()) out.push_back(place);
    }
  }
  return out;
}

SimSpot SimPlaces::Pick(SimRandom& rng, const std::string& country, wire::CrimeArea area) const {
  bool national = by_country_.count(country) != 0;
  std::string where = national ? country : "";
  std::vector<const wire::Place*> pool;
  if (area == wire::CrimeArea::MigrantSmuggling && rng.Chance(0.6)) {
    for (const wire::Place* p : hotspots_) {
      if (!national || HasCountry(*p, country)) pool.push_back(p);
    }
  }
  bool port_goods = area == wire::CrimeArea::ExciseGoods || area == wire::CrimeArea::CounterfeitGoods ||
                    area == wire::CrimeArea::Drugs;
  if (pool.empty() && port_goods && rng.Chance(0.55)) pool = Candidates(where, wire::PlaceKind::kPort);
  if (pool.empty() && area == wire::CrimeArea::DocumentFraud && rng.Chance(0.6)) {
    pool = Candidates(where, wire::PlaceKind::kAirport);
  }
  if (pool.empty()) pool = Candidates(where, rng.Chance(0.8) ? wire::PlaceKind::kCrossing : wire::PlaceKind::kArea);
  if (pool.empty()) pool = Candidates(where, wire::PlaceKind::kCrossing);
  if (pool.empty()) pool = Candidates("", wire::PlaceKind::kCrossing);
  if (pool.empty()) return {nullptr, "the border", {42.44, 19.26}};  // an empty catalogue: Podgorica
  const wire::Place* place = rng.Pick(pool);
  return {place, SideName(*place, country), Jitter(rng, *place)};
}

std::string SimPlaces::Destination(SimRandom& rng, const std::string& country) const {
  auto exits = Exits().find(country);
  if (exits != Exits().end()) {
    if (const wire::Place* place = catalog_.Find(rng.Pick(exits->second))) return SideName(*place, country);
  }
  if (hotspots_.empty()) return "the border";
  const wire::Place* place = rng.Pick(hotspots_);
  return SideName(*place, place->countries.empty() ? "" : place->countries.back());
}

std::vector<std::string> SimPlaces::HotspotCodes(std::size_t max) const {
  std::vector<std::string> codes;
  for (const wire::Place* place : hotspots_) {
    if (codes.size() >= max) break;
    codes.push_back(place->code);
  }
  return codes;
}

}  // namespace opsroom::nodes
