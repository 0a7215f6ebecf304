// What a watchlist entry describes or a check names: people (names, date of birth,
// nationality) and identifiers (plate, VIN, IMO, container, travel document, phone).
// Plain values; any thread.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace opsroom::match {

enum class IdKind : uint8_t { kPlate, kVin, kImo, kContainer, kDocument, kPhone };

struct Identifier {
  IdKind kind = IdKind::kPlate;
  std::string value;    // as typed: "PG 123-AB", "БГ 123-45", "CSQU 305438 3"
  std::string country;  // ISO 3166 alpha-2 of the plate or the issuing state; "" = unknown
};

struct Subject {
  // Full names in any script and any order ("Šćepanović Marko", "SCEPANOVIC MARKO").
  // The first is the main name, the rest aliases; the best of them counts.
  std::vector<std::string> names;
  std::string dob;          // "YYYY-MM-DD", "YYYY-MM", "YYYY" or "" (unknown)
  std::string nationality;  // ISO 3166 alpha-2 or ""
  std::vector<Identifier> ids;
};

using EntryId = uint64_t;

// An active watchlist entry as the index holds it. `revision` is carried through to hits.
struct Entry {
  EntryId id = 0;
  uint32_t revision = 0;
  Subject subject;
};

const char* IdKindName(IdKind kind);  // "plate", "vin", "imo", "container", "document", "phone"

}  // namespace opsroom::match
