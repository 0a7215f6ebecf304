// A table-driven fast path for the scripts most names here are written in: ASCII, Serbian
// and Macedonian Cyrillic, and the region's Latin letters (č ć š ž đ ë ç). It gives the same
// result as the ICU rules (a unit test compares them letter by letter) at a fraction of the
// cost; anything outside the table returns false and ICU handles it (internal to match/).
#pragma once
#include <string>
#include <string_view>

namespace opsroom::match {

// Lower-case Latin with diacritics, as ToLatinLower would give.
bool FastToLatinLower(std::string_view utf8, std::string& out);
// ASCII, as the ICU to-ASCII rules would give for lower-case Latin (đ -> dj, ë -> e).
bool FastToAscii(std::string_view latin_lower, std::string& out);

}  // namespace opsroom::match
