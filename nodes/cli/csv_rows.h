// Rows of an RFC 4180 CSV file, assembled from the lines `send --csv` reads:
// a quoted field may hold commas, doubled quotes ("") and line breaks, so a
// row can span several input lines. Also takes what spreadsheets write: a
// UTF-8 byte-order mark before the header, CRLF line ends, semicolons as the
// separator when the header has no comma but a semicolon (European locales).
// Owned by the command's thread.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace opsroom::nodes::cli {

struct CsvRow {
  uint64_t line = 0;  // the input line the row starts on (1-based)
  std::vector<std::string> fields;
  std::string error;  // non-empty: the row is malformed (fields are not usable)
};

class CsvRows {
 public:
  // Feeds one input line (without its newline). Returns the row it completes,
  // nullopt while a quoted field is still open (or for a blank line).
  std::optional<CsvRow> Feed(uint64_t line_number, const std::string& line);
  // A row left open at the end of the input (a quote never closed).
  std::optional<CsvRow> Finish();

 private:
  std::optional<CsvRow> Split();

  std::string pending_;  // the row so far, lines joined with '\n'
  uint64_t start_line_ = 0;
  bool first_line_ = true;
  char separator_ = ',';
};

}  // namespace opsroom::nodes::cli
