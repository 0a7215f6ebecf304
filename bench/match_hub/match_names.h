// Synthetic people for the matching bench: distinct full names built from the
// region's syllables (diacritics included), written in Serbian Cyrillic for
// every other entry, and the same name in plain ASCII as a border officer
// types it. Deterministic from the index.
#pragma once
#include <cstdint>
#include <string>

namespace opsroom::bench {

// The entry's name in Latin with diacritics ("Marko Šćepanović").
std::string SyntheticName(uint64_t index);
// The same in Serbian Cyrillic ("Марко Шћепановић").
std::string ToCyrillic(const std::string& latin);
// The same in ASCII ("Marko Scepanovic"): what a check types.
std::string ToAscii(const std::string& latin);
// A name no entry has (a syllable outside the entries' set).
std::string UnknownName(uint64_t index);

}  // namespace opsroom::bench
