// Folding text for search: lower case, diacritics dropped, Cyrillic and Greek
// transliterated to ASCII, so "Šćepanović", "Шћепановић" and "SCEPANOVIC" all
// fold to "scepanovic". Pure functions, any thread.
#pragma once
#include <string>
#include <string_view>

namespace opsroom::console {

// Folds UTF-8 text; invalid bytes are skipped, other scripts are kept as-is.
std::string FoldForSearch(std::string_view utf8);

// True when the folded form of `haystack` contains `folded_needle` (which
// must already be folded). An empty needle matches everything.
bool FoldedContains(std::string_view folded_haystack, std::string_view folded_needle);

}  // namespace opsroom::console
