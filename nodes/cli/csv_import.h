// `opsroom-node send --csv FILE --kind alert|watchlist`: for agencies moving
// from spreadsheets. The header row names the columns, which are the flags of
// `opsroom-node alert` (or the watchlist values of watchlist_flags.h), so a
// row means what the same flags would mean on the command line
// (docs/import.md). Each row becomes one envelope; a bad row gets its line
// and reason and the good rows are sent. Owned by the command's thread.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "nodes/cli/cli_args.h"
#include "nodes/cli/csv_rows.h"
#include "nodes/cli/line_source.h"
#include "nodes/client/store_forward.h"
#include "wire/result.h"

namespace opsroom::nodes::cli {

enum class CsvKind { kAlert, kWatchlist };

// "alert" / "watchlist" (also "alerts", "watchlists"); nullopt otherwise.
std::optional<CsvKind> ParseCsvKind(const std::string& text);
// The columns a file of `kind` may have, in the order docs/import.md lists them.
const std::vector<std::string>& CsvColumns(CsvKind kind);

// What one input line of `send` gave: nothing (a blank line; in a CSV file
// the header or a line inside a quoted field), or the result of the message
// that starts on `line`.
struct LineAnswer {
  uint64_t line = 0;
  wire::Result<Submission> submission;
};

class CsvImport {
 public:
  CsvImport(CsvKind kind, const CliOptions& options) : kind_(kind), options_(options) {}

  std::optional<LineAnswer> Take(const InputLine& line);
  // At the end of the input: a row whose quote never closed.
  std::optional<LineAnswer> Finish();

 private:
  std::optional<LineAnswer> Answer(const CsvRow& row);
  std::string ReadHeader(const CsvRow& row);  // empty when usable
  wire::Result<Submission> Build(const CsvRow& row) const;

  CsvKind kind_;
  const CliOptions& options_;
  CsvRows rows_;
  std::vector<std::string> columns_;  // empty until the header is read
  std::string header_error_;
  bool header_seen_ = false;
};

}  // namespace opsroom::nodes::cli
