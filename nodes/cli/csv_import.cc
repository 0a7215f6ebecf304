#include "nodes/cli/csv_import.h"

#include <algorithm>

#include "nodes/cli/commands.h"
#include "nodes/cli/watchlist_flags.h"
#include "nodes/client/zmq_link.h"

namespace opsroom::nodes::cli {

namespace {

// "Crime_Area " -> "crime-area": headers written by hand or by a spreadsheet.
std::string ColumnKey(std::string text) {
  const auto first = text.find_first_not_of(" \t");
  const auto last = text.find_last_not_of(" \t");
  text = first == std::string::npos ? "" : text.substr(first, last - first + 1);
  for (char& c : text) c = c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// The flag builders speak of "--title"; in a file the same thing is a column.
std::string AsColumnError(std::string text) {
  for (std::size_t at = text.find("--"); at != std::string::npos; at = text.find("--", at)) {
    text.replace(at, 2, "column ");
  }
  return text;
}

std::string Joined(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

wire::Rejection RowError(const std::string& text) { return wire::Reject(wire::RejectReason::InvalidValue, text); }

}  // namespace

std::optional<CsvKind> ParseCsvKind(const std::string& text) {
  if (text == "alert" || text == "alerts") return CsvKind::kAlert;
  if (text == "watchlist" || text == "watchlists") return CsvKind::kWatchlist;
  return std::nullopt;
}

const std::vector<std::string>& CsvColumns(CsvKind kind) {
  static const std::vector<std::string> alert = {
      "alert-id", "severity", "crime-area", "title", "body",         "lat",        "lon",         "place",
      "observed", "expires",  "operation",  "ref",   "distribution", "recipients", "reliability", "credibility"};
  return kind == CsvKind::kAlert ? alert : WatchlistFlagNames();
}

std::optional<LineAnswer> CsvImport::Take(const InputLine& line) {
  if (line.too_long) {
    return LineAnswer{line.number, RowError("the line is longer than " + std::to_string(kMaxLineBytes) + " bytes")};
  }
  auto row = rows_.Feed(line.number, line.text);
  if (!row) return std::nullopt;
  return Answer(*row);
}

std::optional<LineAnswer> CsvImport::Finish() {
  auto row = rows_.Finish();
  if (!row) return std::nullopt;
  return Answer(*row);
}

std::optional<LineAnswer> CsvImport::Answer(const CsvRow& row) {
  if (!header_seen_) {
    header_seen_ = true;
    header_error_ = row.error.empty() ? ReadHeader(row) : row.error;
    if (header_error_.empty()) return std::nullopt;
    return LineAnswer{row.line, RowError("header: " + header_error_)};
  }
  if (!header_error_.empty()) return LineAnswer{row.line, RowError("not read: the header row was refused")};
  if (!row.error.empty()) return LineAnswer{row.line, RowError(row.error)};
  return LineAnswer{row.line, Build(row)};
}

std::string CsvImport::ReadHeader(const CsvRow& row) {
  const auto& allowed = CsvColumns(kind_);
  for (const std::string& field : row.fields) {
    std::string key = ColumnKey(field);
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      return "unknown column '" + field + "'; the columns are: " + Joined(allowed);
    }
    if (std::find(columns_.begin(), columns_.end(), key) != columns_.end()) return "column '" + field + "' twice";
    columns_.push_back(key);
  }
  return "";
}

wire::Result<Submission> CsvImport::Build(const CsvRow& row) const {
  if (row.fields.size() != columns_.size()) {
    return RowError(std::to_string(row.fields.size()) + " fields where the header has " +
                    std::to_string(columns_.size()));
  }
  CliOptions values = options_;
  values.flags.clear();
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    if (row.fields[i].find_first_not_of(" \t") == std::string::npos) continue;  // empty: as if the flag were absent
    if (columns_[i] == "ref") {
      std::string refs = row.fields[i];
      for (std::size_t at = 0, next; at <= refs.size(); at = next + 1) {
        next = std::min(refs.find(';', at), refs.size());
        if (next > at) values.flags["ref"].push_back(refs.substr(at, next - at));
      }
    } else if (columns_[i] == "recipients") {
      std::string recipients = row.fields[i];
      std::replace(recipients.begin(), recipients.end(), ';', ',');
      values.flags["recipients"].push_back(recipients);
    } else {
      values.flags[columns_[i]].push_back(row.fields[i]);
    }
  }
  std::string error;
  const int64_t now_ms = WallNowMs();
  auto spec =
      kind_ == CsvKind::kAlert ? AlertFromFlags(values, now_ms, &error) : WatchlistFromFlags(values, now_ms, &error);
  if (!spec) return RowError(AsColumnError(error));
  const std::string node_id = options_.node_id;
  return Submission{[spec = *spec, node_id](uint64_t node_seq) {
                      EnvelopeSpec built = spec;
                      built.header.node_seq = node_seq;
                      if (auto* alert = std::get_if<AlertSpec>(&built.payload); alert && alert->alert_id.empty()) {
                        alert->alert_id = node_id + ":A" + std::to_string(node_seq);
                      }
                      return BuildEnvelope(built);
                    },
                    0};
}

}  // namespace opsroom::nodes::cli
