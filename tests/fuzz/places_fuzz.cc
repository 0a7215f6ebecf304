// libFuzzer target: the places catalogue's reader (wire::PlaceCatalog::FromTsv,
// the format of data/places.tsv). A malformed file must be refused with a
// std::runtime_error naming the line, nothing else. Invariants for a file it
// reads: every place is found by its code, codes are unique, and the catalogue
// written back as TSV reads into the same places.
#include <cmath>
#include <stdexcept>
#include <string>

#include "fuzz/fuzz_support.h"
#include "wire/places.h"

namespace opsroom::fuzz {

constexpr const char* kTarget = "places_fuzz";

namespace {

std::string ToTsv(const wire::PlaceCatalog& catalog) {
  std::string text = "code\tkind\tcountries\tname_local\tname_latin\tlat\tlon\n";
  for (const wire::Place& p : catalog.all()) {
    std::string countries;
    for (std::size_t i = 0; i < p.countries.size(); ++i) countries += (i == 0 ? "" : "-") + p.countries[i];
    char coords[64];
    std::snprintf(coords, sizeof coords, "%.17g\t%.17g", p.lat, p.lon);
    text += p.code + "\t" + wire::PlaceKindName(p.kind) + "\t" + countries + "\t" + p.name_local + "\t" + p.name_latin +
            "\t" + coords + "\n";
  }
  return text;
}

bool Representable(const wire::Place& p) {
  // A field holding a separator of the format cannot be written back as it was read.
  auto plain = [](const std::string& s) { return s.find_first_of("\t\n\r") == std::string::npos; };
  bool countries_plain = true;
  for (const auto& c : p.countries) countries_plain = countries_plain && plain(c) && c.find('-') == std::string::npos;
  return plain(p.code) && !p.code.empty() && p.code[0] != '#' && plain(p.name_local) && plain(p.name_latin) &&
         countries_plain && std::isfinite(p.lat) && std::isfinite(p.lon);
}

}  // namespace
}  // namespace opsroom::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace opsroom;
  std::string_view text = fuzz::AsText(data, size);
  wire::PlaceCatalog catalog;
  try {
    catalog = wire::PlaceCatalog::FromTsv(text);
  } catch (const std::runtime_error& e) {
    fuzz::Check(std::string(e.what()).rfind("places.tsv line ", 0) == 0, fuzz::kTarget, "an error without a line",
                e.what());
    return 0;
  }
  bool representable = true;
  for (const wire::Place& place : catalog.all()) {
    fuzz::Check(catalog.Find(place.code) == &place, fuzz::kTarget, "a place not found by its code", place.code);
    representable = representable && fuzz::Representable(place);
  }
  if (!representable) return 0;
  std::string written = fuzz::ToTsv(catalog);
  wire::PlaceCatalog again = wire::PlaceCatalog::FromTsv(written);
  fuzz::Check(again.all().size() == catalog.all().size(), fuzz::kTarget, "written back, a catalogue changes size",
              written);
  for (std::size_t i = 0; i < again.all().size(); ++i) {
    const wire::Place& a = catalog.all()[i];
    const wire::Place& b = again.all()[i];
    fuzz::Check(a.code == b.code && a.kind == b.kind && a.countries == b.countries && a.name_local == b.name_local &&
                    a.name_latin == b.name_latin && a.lat == b.lat && a.lon == b.lon,
                fuzz::kTarget, "written back, a place reads differently", written);
  }
  return 0;
}
