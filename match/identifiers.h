// Identifier validation and normalisation: plates, VIN (ISO 3779), IMO, ISO 6346
// containers, travel documents (ICAO 9303) and phones. Pure functions; any thread.
#pragma once
#include <string>
#include <string_view>

#include "match/subject.h"

namespace opsroom::match {

// ok: `value` is the normalised form. !ok: `error` says what is wrong, for a person to fix.
// `note` carries what is worth knowing but not an error (a European VIN failing the
// North-American check digit).
struct IdCheck {
  bool ok = false;
  std::string value;
  std::string error;
  std::string note;
};

// Upper case, no spaces/dashes/dots, Cyrillic plate letters in Latin (БГ -> BG), a leading
// country band ("MNE", "SRB", "D ") dropped when `country` names it.
IdCheck CheckPlate(std::string_view text, std::string_view country);
// 17 characters without I, O, Q. The check digit (position 9) is enforced only for North
// American (WMI 1-5) and Chinese (L) VINs; elsewhere a failure is a note. Shorter pre-1981
// numbers (5-16 letters/digits) are accepted as plain identifiers with a note.
IdCheck CheckVin(std::string_view text);
// "IMO 9074729" or "9074729": 7 digits, last = sum(d_i * (7..2)) mod 10.
IdCheck CheckImo(std::string_view text);
// ISO 6346: owner (3 letters) + category U/J/Z + 6 digits + check digit.
IdCheck CheckContainer(std::string_view text);
// Travel document number: upper case, spaces/dashes/'<' dropped; 1-20 letters/digits.
IdCheck CheckDocument(std::string_view text);
// Phone: digits with a leading '+' kept ("00" -> "+"); 6-17 digits.
IdCheck CheckPhone(std::string_view text);
// Dispatch by kind (country is used by plates only).
IdCheck CheckIdentifier(IdKind kind, std::string_view text, std::string_view country);

// The normalised text used for exact comparison and the index, even when the check fails
// (an owner's container with a wrong digit stays searchable as typed).
std::string NormalizeIdentifier(IdKind kind, std::string_view text);

// ICAO 9303 check digit over an MRZ field (digits, A=10..Z=35, '<'=0; weights 7,3,1).
// Returns -1 when the text holds another character.
int IcaoCheckDigit(std::string_view field);
// ISO 3779 check digit character ('0'-'9' or 'X') of a 17-character VIN, '?' if not computable.
char VinCheckDigit(std::string_view vin17);
// ISO 6346 check digit (0-9) over the first 10 characters, -1 if not computable.
int ContainerCheckDigit(std::string_view first10);

}  // namespace opsroom::match
