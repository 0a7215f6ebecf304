#include "nodes/cli/csv_rows.h"

namespace opsroom::nodes::cli {

namespace {

// Whether `text` ends inside a quoted field. A quote opens a field only at
// its start (a stray quote elsewhere is Split's error, not a line break).
bool QuoteOpen(const std::string& text, char separator) {
  bool open = false, field_start = true;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (open) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') ++i;
      else if (c == '"') open = false;
    } else if (c == '"' && field_start) {
      open = true;
    }
    field_start = !open && c == separator;
  }
  return open;
}

constexpr std::size_t kMaxRowBytes = 1 << 20;  // a quote never closed must not swallow the file

}  // namespace

std::optional<CsvRow> CsvRows::Feed(uint64_t line_number, const std::string& raw) {
  std::string line = raw;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (first_line_) {
    first_line_ = false;
    if (line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
    if (line.find(',') == std::string::npos && line.find(';') != std::string::npos) separator_ = ';';
  }
  if (pending_.empty() && start_line_ == 0) {
    if (line.find_first_not_of(" \t") == std::string::npos) return std::nullopt;
    start_line_ = line_number;
    pending_ = line;
  } else {
    pending_ += '\n';
    pending_ += line;
  }
  if (QuoteOpen(pending_, separator_)) {
    if (pending_.size() <= kMaxRowBytes) return std::nullopt;
    CsvRow row{start_line_, {}, "a quoted field is never closed (row longer than 1 MiB)"};
    pending_.clear();
    start_line_ = 0;
    return row;
  }
  return Split();
}

std::optional<CsvRow> CsvRows::Finish() {
  if (start_line_ == 0) return std::nullopt;
  CsvRow row{start_line_, {}, "a quoted field is never closed before the end of the file"};
  pending_.clear();
  start_line_ = 0;
  return row;
}

std::optional<CsvRow> CsvRows::Split() {
  CsvRow row{start_line_, {}, {}};
  std::string field;
  bool quoted = false, was_quoted = false;
  for (std::size_t i = 0; i < pending_.size(); ++i) {
    const char c = pending_[i];
    if (quoted) {
      if (c != '"') field += c;
      else if (i + 1 < pending_.size() && pending_[i + 1] == '"') field += '"', ++i;
      else quoted = false;
    } else if (c == '"' && field.empty() && !was_quoted) {
      quoted = was_quoted = true;
    } else if (c == '"') {
      row.error = "a quote inside an unquoted field (field " + std::to_string(row.fields.size() + 1) +
                  "): quote the whole field and double the quote";
      break;
    } else if (c == separator_) {
      row.fields.push_back(std::move(field));
      field.clear();
      was_quoted = false;
    } else if (!was_quoted) {
      field += c;
    } else if (c != ' ' && c != '\t') {
      row.error = "text after a closing quote (field " + std::to_string(row.fields.size() + 1) + ")";
      break;
    }
  }
  row.fields.push_back(std::move(field));
  pending_.clear();
  start_line_ = 0;
  return row;
}

}  // namespace opsroom::nodes::cli
