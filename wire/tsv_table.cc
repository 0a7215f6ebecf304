#include "wire/tsv_table.h"

namespace opsroom::wire {

std::vector<std::string_view> SplitOn(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

void ThrowAtLine(std::string_view source, int line, const std::string& what) {
  throw std::runtime_error(std::string(source) + " line " + std::to_string(line) + ": " + what);
}

void ForEachTsvRow(std::string_view text, std::string_view source, const std::vector<std::string_view>& header,
                   const std::function<void(int line, const std::vector<std::string_view>& columns)>& row) {
  int line_number = 0;
  bool header_seen = false;
  for (std::string_view line : SplitOn(text, '\n')) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || (!header_seen && line.front() == '#')) continue;
    auto columns = SplitOn(line, '\t');
    if (!header_seen) {
      header_seen = true;
      if (columns != header) {
        std::string expected;
        for (auto name : header) expected += (expected.empty() ? "" : "<TAB>") + std::string(name);
        ThrowAtLine(source, line_number, "expected the header line " + expected);
      }
      continue;
    }
    if (columns.size() != header.size()) {
      ThrowAtLine(source, line_number,
                  "expected " + std::to_string(header.size()) + " tab-separated columns, found " +
                      std::to_string(columns.size()));
    }
    row(line_number, columns);
  }
  if (!header_seen) ThrowAtLine(source, line_number, "no header line (the file is empty or only comments)");
}

}  // namespace opsroom::wire
