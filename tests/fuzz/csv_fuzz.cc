// libFuzzer target: `opsroom-node send --csv` (nodes/cli/csv_import.h), the
// spreadsheet rows agencies import: the RFC 4180 row assembler and the rows
// read as alert or watchlist flags. The first byte picks the kind, the rest
// is the file. Beyond "no crash, no sanitizer report": every answer names a
// line of the input, in increasing order, and every row accepted builds an
// envelope the wire verifier accepts and reads back to the same kind.
#include <string>

#include "fuzz/fuzz_support.h"
#include "nodes/cli/csv_import.h"
#include "wire/frame_check.h"

namespace opsroom::fuzz {
namespace {

constexpr const char* kTarget = "csv_fuzz";

void CheckAnswer(const nodes::cli::LineAnswer& answer, uint64_t lines, uint64_t* last_line,
                 nodes::cli::CsvKind kind) {
  Check(answer.line >= 1 && answer.line <= lines, kTarget, "an answer for a line the input does not have");
  Check(answer.line > *last_line, kTarget, "answers out of input order");
  *last_line = answer.line;
  if (!answer.submission) {
    Check(!answer.submission.rejection().text.empty(), kTarget, "a refused row without a reason");
    return;
  }
  wire::Bytes bytes = answer.submission.value().build(42);
  auto verified = wire::VerifyEnvelope(bytes);
  Check(verified.ok(), kTarget, "an accepted row built an envelope the verifier refuses");
  const auto expected = kind == nodes::cli::CsvKind::kAlert ? wire::Payload::Alert : wire::Payload::WatchlistEntry;
  Check(verified.value()->payload_type() == expected, kTarget, "an accepted row built another kind of message");
}

}  // namespace
}  // namespace opsroom::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace opsroom;
  if (size == 0) return 0;
  const auto kind = (data[0] & 1) != 0 ? nodes::cli::CsvKind::kWatchlist : nodes::cli::CsvKind::kAlert;
  std::string_view text = fuzz::AsText(data + 1, size - 1);
  nodes::cli::CliOptions options;
  options.node_id = "ME-BP";
  options.country = "ME";
  nodes::cli::CsvImport import(kind, options);
  uint64_t number = 0, last_line = 0;
  constexpr std::size_t kMaxLines = 10'000;  // bounded: the input is bounded by libFuzzer's -max_len anyway
  std::size_t start = 0;
  while (start <= text.size() && number < kMaxLines) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    nodes::cli::InputLine line{++number, std::string(text.substr(start, end - start)), false};
    if (auto answer = import.Take(line)) fuzz::CheckAnswer(*answer, number, &last_line, kind);
    start = end + 1;
  }
  if (auto answer = import.Finish()) fuzz::CheckAnswer(*answer, number, &last_line, kind);
  return 0;
}
