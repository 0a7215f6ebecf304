// The shared shape of opsroom's data files (data/places.tsv,
// data/participants.tsv): '#' comments at the top, one header line, then one
// row per line, tab-separated. Pure functions; any thread.
#pragma once
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace opsroom::wire {

std::vector<std::string_view> SplitOn(std::string_view text, char separator);

// Calls `row` with the line number and the columns of every data row. Checks
// that the header is `header` and that every row has as many columns.
void ForEachTsvRow(std::string_view text, std::string_view source, const std::vector<std::string_view>& header,
                   const std::function<void(int line, const std::vector<std::string_view>& columns)>& row);

// The error every check of a data file throws: "SOURCE line N: what".
[[noreturn]] void ThrowAtLine(std::string_view source, int line, const std::string& what);

}  // namespace opsroom::wire
