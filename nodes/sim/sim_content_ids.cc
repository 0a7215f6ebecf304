// Simulated identities and identifiers, per country, in the scripts and
// formats the region uses. Invented people; formats are plausible, not real.
#include <cstdio>
#include <map>

#include "nodes/sim/sim_content.h"

namespace opsroom::nodes {

namespace {

using Names = std::vector<PersonName>;

// Serbian and Montenegrin names in Cyrillic, with their Latin and ASCII forms.
const Names& SerbianNames() {
  static const Names k = {
      {"Шћепановић Марко", "Šćepanović Marko", "Scepanovic Marko"},
      {"Јовановић Драган", "Jovanović Dragan", "Jovanovic Dragan"},
      {"Ђурђевић Милош", "Đurđević Miloš", "Djurdjevic Milos"},
      {"Вучковић Небојша", "Vučković Nebojša", "Vuckovic Nebojsa"},
      {"Радуловић Жељко", "Radulović Željko", "Radulovic Zeljko"},
      {"Петровић Ненад", "Petrović Nenad", "Petrovic Nenad"},
      {"Бошковић Вук", "Bošković Vuk", "Boskovic Vuk"},
      {"Лазић Срђан", "Lazić Srđan", "Lazic Srdjan"},
  };
  return k;
}

const Names& MacedonianNames() {
  static const Names k = {
      {"Стојановски Горан", "Stojanovski Goran", "Stojanovski Goran"},
      {"Трајковски Дејан", "Trajkovski Dejan", "Trajkovski Dejan"},
      {"Ѓорѓиевски Кире", "Gjorgjievski Kire", "Gjorgjievski Kire"},
      {"Николовска Весна", "Nikolovska Vesna", "Nikolovska Vesna"},
  };
  return k;
}

// Albanian names keep ë and ç; border systems often drop them.
const Names& AlbanianNames() {
  static const Names k = {
      {"Çela Erion", "Çela Erion", "Cela Erion"},
      {"Hoxhaj Ermal", "Hoxhaj Ermal", "Hoxhaj Ermal"},
      {"Mëhilli Klodian", "Mëhilli Klodian", "Mehilli Klodian"},
      {"Krasniqi Blerim", "Krasniqi Blerim", "Krasniqi Blerim"},
      {"Berisha Fatmir", "Berisha Fatmir", "Berisha Fatmir"},
      {"Shehu Ergys", "Shehu Ergys", "Shehu Ergys"},
      {"Kërçiku Arbën", "Kërçiku Arbën", "Kerciku Arben"},
      {"Gjonaj Ilir", "Gjonaj Ilir", "Gjonaj Ilir"},
  };
  return k;
}

const Names& CroatianBosnianNames() {
  static const Names k = {
      {"Šimić Ante", "Šimić Ante", "Simic Ante"},       {"Kovačević Ivica", "Kovačević Ivica", "Kovacevic Ivica"},
      {"Hadžić Emir", "Hadžić Emir", "Hadzic Emir"},    {"Begić Senad", "Begić Senad", "Begic Senad"},
      {"Čolak Mirsad", "Čolak Mirsad", "Colak Mirsad"}, {"Jurić Tomislav", "Jurić Tomislav", "Juric Tomislav"},
  };
  return k;
}

const Names& ForeignNames() {
  static const Names k = {
      {"عمر الحسن", "Al-Hassan Omar", "Al-Hassan Omar"},
      {"Khan Imran", "Khan Imran", "Khan Imran"},
      {"Rahimi Farid", "Rahimi Farid", "Rahimi Farid"},
      {"Benali Youssef", "Benali Youssef", "Benali Youssef"},
  };
  return k;
}

const Names& NamesFor(const std::string& country) {
  if (country == "RS" || country == "ME") return SerbianNames();
  if (country == "MK") return MacedonianNames();
  if (country == "AL" || country == "XK") return AlbanianNames();
  if (country == "HR" || country == "BA") return CroatianBosnianNames();
  return ForeignNames();
}

std::string Prefix(SimRandom& rng, const std::map<std::string, std::vector<std::string>>& by_country,
                   const std::string& country) {
  auto it = by_country.find(country);
  return it == by_country.end() ? "XX" : rng.Pick(it->second);
}

}  // namespace

PersonName RandomPerson(SimRandom& rng, const std::string& country) {
  // One in six facilitators on the route is not from the reporting country.
  if (rng.Chance(1.0 / 6)) return rng.Pick(ForeignNames());
  return rng.Pick(NamesFor(country));
}

std::string RandomOfficer(SimRandom& rng, const std::string& country) {
  static const std::vector<std::string> kRanks = {"duty officer", "inspector", "shift leader", "analyst"};
  static const Names kPartnerStaff = {{"", "Müller Anna", ""},
                                      {"", "Rossi Marco", ""},
                                      {"", "Dupont Claire", ""},
                                      {"", "Kowalski Piotr", ""},
                                      {"", "Papadopoulos Nikos", ""}};
  const Names& names = country.size() == 2 ? NamesFor(country) : kPartnerStaff;
  std::string surname = rng.Pick(names).latin;
  surname = surname.substr(0, surname.find(' '));
  return rng.Pick(kRanks) + " " + surname;
}

std::string RandomPlate(SimRandom& rng, const std::string& country) {
  static const std::map<std::string, std::vector<std::string>> kCities = {
      {"ME", {"PG", "BR", "NK", "BD", "UL"}},     {"RS", {"BG", "NS", "NI", "SU", "KG"}},
      {"HR", {"ZG", "ST", "RI", "OS", "ZD"}},     {"AL", {"AA", "AB", "AC"}},
      {"MK", {"SK", "BT", "KU", "TE", "GV"}},     {"XK", {"01", "02", "03", "05"}},
      {"BA", {"A12", "E45", "K78", "M33", "J19"}}};
  std::string p = Prefix(rng, kCities, country);
  if (country == "HR") return p + " " + rng.Digits(4) + "-" + rng.Letters(2);
  if (country == "AL") return p + " " + rng.Digits(3) + " " + rng.Letters(2);
  if (country == "ME") return p + " " + rng.Letters(2) + rng.Digits(3);
  if (country == "BA") return p + "-" + rng.Letters(1) + "-" + rng.Digits(3);
  if (country == "MK") return p + "-" + rng.Digits(4) + "-" + rng.Letters(2);
  if (country == "XK") return p + "-" + rng.Digits(3) + "-" + rng.Letters(2);
  return p + "-" + rng.Digits(3) + "-" + rng.Letters(2);
}

std::string RandomVin(SimRandom& rng) {
  static const std::vector<std::string> kMakers = {"WDB", "WVW", "VF1", "ZFA", "WF0", "TMB"};
  return rng.Pick(kMakers) + rng.Chars("ABCDEFGHJKLMNPRSTUVWXYZ0123456789", 6) + rng.Digits(8);
}

std::string RandomImo(SimRandom& rng) { return "IMO 9" + rng.Digits(6); }

std::string RandomVesselName(SimRandom& rng) {
  static const std::vector<std::string> kNames = {"Adriatic Star", "Sea Falcon", "Blue Horizon", "Marina K",
                                                  "Ionian Trader", "Bojana",     "Santa Lucia",  "Levant Spirit"};
  return "MV " + rng.Pick(kNames);
}

std::string RandomContainer(SimRandom& rng) {
  static const std::vector<std::string> kOwners = {"MSCU", "MAEU", "CMAU", "TGHU", "HLXU", "CSQU"};
  return rng.Pick(kOwners) + rng.Digits(7);
}

std::string RandomPhone(SimRandom& rng, const std::string& country) {
  static const std::map<std::string, std::vector<std::string>> kPrefixes = {
      {"ME", {"+382 67", "+382 69"}}, {"RS", {"+381 64", "+381 63"}}, {"HR", {"+385 91", "+385 98"}},
      {"AL", {"+355 69", "+355 68"}}, {"MK", {"+389 70", "+389 75"}}, {"XK", {"+383 44", "+383 49"}},
      {"BA", {"+387 61", "+387 65"}}};
  auto it = kPrefixes.find(country);
  std::string prefix = it == kPrefixes.end() ? "+43 660" : rng.Pick(it->second);
  return prefix + " " + rng.Digits(3) + " " + rng.Digits(3);
}

std::string RandomPassport(SimRandom& rng, const std::string& country) {
  return (country.size() == 2 ? country : std::string("P")) + rng.Digits(7);
}

std::string RandomCompany(SimRandom& rng, const std::string& country) {
  static const std::vector<std::string> kStems = {"Balkan Trans", "Adria Logistic", "Euro Cargo",
                                                  "Dinara Trade", "Morava Prevoz",  "Ilirija Shipping"};
  std::string form = country == "AL" || country == "XK" ? " sh.p.k." : country == "MK" ? " DOOEL" : " d.o.o.";
  return rng.Pick(kStems) + form;
}

std::string RandomVehicleModel(SimRandom& rng, VehicleClass type) {
  static const std::vector<std::string> kVans = {"Mercedes Sprinter", "Fiat Ducato", "VW Crafter",   "Renault Master",
                                                 "Ford Transit",      "Iveco Daily", "Peugeot Boxer"};
  static const std::vector<std::string> kCars = {"Škoda Octavia", "VW Passat", "Audi A6",       "Opel Astra",
                                                 "BMW 520d",      "VW Golf",   "Mercedes E 220"};
  static const std::vector<std::string> kTrucks = {"Scania R450", "Volvo FH", "MAN TGX", "DAF XF", "Iveco Stralis"};
  switch (type) {
    case VehicleClass::kVan: return rng.Pick(kVans);
    case VehicleClass::kCar: return rng.Pick(kCars);
    case VehicleClass::kTruck: return rng.Pick(kTrucks);
  }
  return rng.Pick(kCars);
}

std::string RandomMigrantOrigin(SimRandom& rng) {
  static const std::vector<std::string> kOrigins = {"Afghan",      "Syrian",  "Pakistani", "Moroccan",
                                                    "Bangladeshi", "Turkish", "Iraqi",     "Indian"};
  return rng.Pick(kOrigins);
}

std::string RandomDateOfBirth(SimRandom& rng) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", static_cast<int>(rng.Between(1958, 2002)),
                static_cast<int>(rng.Between(1, 12)), static_cast<int>(rng.Between(1, 28)));
  return text;
}

}  // namespace opsroom::nodes
