// opsroom-node send --json FILE|-: Envelopes in the schema's JSON form, one
// per line; header fields filled in when absent (object API, EnvelopeT). Or
// send --csv FILE|- --kind alert|watchlist: one message per row (csv_import.h). Lines
// are read as they come (a pipe may stay open for hours) and written to the
// node's outbox in groups, one synced write per group, before any is sent;
// the hub's acks are read between groups. One result line per input line, in
// input order, printed as soon as the hub answered it and every line before.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <functional>
#include <optional>
#include <iostream>
#include <memory>

#include "flatbuffers/flexbuffers.h"
#include "flatbuffers/idl.h"
#include "nodes/cli/commands.h"
#include "nodes/cli/csv_import.h"
#include "nodes/cli/line_source.h"
#include "nodes/cli/send_board.h"
#include "nodes/cli/send_progress.h"
#include "nodes/client/zmq_link.h"
#include "wire/frame_check.h"
#include "wire/json_codec.h"
#include "wire/protocol_constants.h"

namespace opsroom::nodes::cli {

namespace {

constexpr const char* kRequiredHeader[] = {"origin", "country", "message_id"};

// JSON requires origin, country and message_id (they are `required` in the
// schema); when a line leaves them out they are added empty here and filled
// in from --id afterwards. A line that names none of them anywhere lacks all
// three: they are added without parsing it twice (the codec parses it next).
wire::Result<std::string> AddMissingRequired(const std::string& line) {
  std::size_t open = line.find_first_not_of(" \t");
  bool names_any = false;
  for (const char* key : kRequiredHeader) names_any = names_any || line.find(key) != std::string::npos;
  if (open != std::string::npos && line[open] == '{' && !names_any) {
    return std::string(line).insert(open + 1, R"("origin":"","country":"","message_id":"",)");
  }
  flatbuffers::Parser parser;
  flexbuffers::Builder builder;
  if (!parser.ParseFlexBuffer(line.c_str(), nullptr, &builder)) {
    return wire::Reject(wire::RejectReason::Malformed, "JSON: " + parser.error_);
  }
  auto root = flexbuffers::GetRoot(builder.GetBuffer());
  if (!root.IsMap()) return wire::Reject(wire::RejectReason::Malformed, "JSON: expected one object per line");
  auto map = root.AsMap();
  std::string added;
  for (const char* key : kRequiredHeader) {
    if (map[key].IsNull()) added += std::string("\"") + key + "\":\"\",";
  }
  std::string text = line;
  text.insert(text.find('{') + 1, added);
  return text;
}

// Lines per outbox write: one sync for this many (group commit).
constexpr std::size_t kLinesPerWrite = 1000;
// Lines read and not yet printed: input is read no further ahead (bounded
// memory for an endless pipe); past it with the link down, the oldest are
// printed queued (they are in the outbox) to make room.
constexpr std::size_t kMaxUnprinted = 20 * kLinesPerWrite;
// Messages in flight: a few groups, so that the hub works on earlier groups
// while the next is parsed and synced.
constexpr std::size_t kSendWindow = 4 * kLinesPerWrite;
// How long a read waits for input before the link is served again.
constexpr int kInputWaitMs = 10;
constexpr int kWaitSliceMs = 20;

// A JSON line as an envelope, checked, with what the line left out filled in.
class LineParser {
 public:
  explicit LineParser(const CliOptions& options) : options_(options) {}
  wire::Result<Submission> Parse(const std::string& line);

 private:
  wire::Bytes Complete(wire::EnvelopeT envelope, uint64_t node_seq) const;

  const CliOptions& options_;
  wire::JsonCodec codec_;
};

wire::Result<Submission> LineParser::Parse(const std::string& line) {
  auto completed = AddMissingRequired(line);
  if (!completed) return completed.rejection();
  auto bytes = codec_.EnvelopeFromJson(completed.value());
  if (!bytes) return bytes.rejection();
  // Memory safety only: the line's meaning is checked once it is complete.
  auto unpacked = wire::VerifiedEnvelopeObject(bytes.value());
  if (!unpacked) return wire::Reject(wire::RejectReason::PayloadMalformed, "not an Envelope");
  std::shared_ptr<wire::EnvelopeT> envelope(std::move(unpacked.value()));
  // A node_seq given in the line is kept when the outbox has not passed it
  // (the outbox checks that the envelope carries the node_seq it reserved).
  uint64_t wanted = envelope->node_seq;
  return Submission{[this, envelope](uint64_t node_seq) { return Complete(*envelope, node_seq); }, wanted};
}

wire::Bytes LineParser::Complete(wire::EnvelopeT envelope, uint64_t node_seq) const {
  if (envelope.origin.empty()) envelope.origin = options_.node_id;
  if (envelope.country.empty()) envelope.country = options_.country;
  envelope.node_seq = node_seq;
  if (envelope.message_id.empty()) envelope.message_id = DefaultMessageId(envelope.origin, node_seq);
  if (envelope.sent_at_ms == 0) envelope.sent_at_ms = WallNowMs();
  return PackEnvelope(envelope);
}

// The input's format: what each line means (one JSON envelope per line, or
// CSV rows after a header).
struct LineMeaning {
  std::function<std::optional<LineAnswer>(const InputLine&)> take;
  std::function<std::optional<LineAnswer>()> finish = [] { return std::optional<LineAnswer>(); };
};

LineMeaning JsonLines(LineParser& parser) {
  return {[&parser](const InputLine& line) -> std::optional<LineAnswer> {
    if (line.too_long) {
      return LineAnswer{line.number,
                        wire::Reject(wire::RejectReason::Malformed,
                                     "the line is longer than " + std::to_string(kMaxLineBytes) + " bytes")};
    }
    if (line.text.find_first_not_of(" \t\r") == std::string::npos) return std::nullopt;  // no result line
    return LineAnswer{line.number, parser.Parse(line.text)};
  }};
}

LineMeaning CsvLines(CsvImport& import) {
  return {[&import](const InputLine& line) { return import.Take(line); }, [&import] { return import.Finish(); }};
}

class BulkSend {
 public:
  BulkSend(const CliOptions& options, StoreAndForwardPublisher& node, CommandIo& io, LineSource& input,
           LineMeaning meaning)
      : options_(options),
        node_(node),
        io_(io),
        input_(input),
        meaning_(std::move(meaning)),
        progress_(io.err, StderrIsTerminal(io.err), SteadyNowMs()),
        board_(io.out, [this] { progress_.BeforeOutput(); }) {}

  int Run();

 private:
  void Store(const std::vector<InputLine>& lines);
  void Store(std::vector<LineAnswer> answers);
  void Serve(int wait_ms);  // the link: acks in, pending out
  void MakeRoom();
  void WaitForAnswers();

  const CliOptions& options_;
  StoreAndForwardPublisher& node_;
  CommandIo& io_;
  LineSource& input_;
  LineMeaning meaning_;
  SendProgress progress_;
  SendBoard board_;
};

int BulkSend::Run() {
  std::vector<InputLine> lines;
  while (!io_.stopping() && !input_.at_end()) {
    MakeRoom();
    lines.clear();
    input_.Read(std::min(kLinesPerWrite, kMaxUnprinted - std::min(kMaxUnprinted, board_.unprinted())),
                board_.waiting_for_hub() > 0 ? 0 : kInputWaitMs, lines);
    Store(lines);
    Serve(lines.empty() && board_.waiting_for_hub() > 0 ? kInputWaitMs : 0);
  }
  if (!input_.error().empty()) io_.err << "opsroom-node: " << input_.error() << "\n";
  if (auto last = meaning_.finish()) Store(std::vector<LineAnswer>{std::move(*last)});
  if (!io_.stopping()) WaitForAnswers();
  board_.QueueAll();
  progress_.Clear();
  node_.ReportNow();
  int code = board_.exit_code();
  if (!input_.error().empty()) code = kExitFailed;
  if (code == kExitQueued) ExplainQueued(options_, node_, io_);
  return code;
}

// One outbox write for the group's good lines, however many bad ones are
// among them; every line then goes to the board in input order.
void BulkSend::Store(const std::vector<InputLine>& lines) {
  std::vector<LineAnswer> answers;
  for (const InputLine& line : lines) {
    if (auto answer = meaning_.take(line)) answers.push_back(std::move(*answer));
  }
  Store(std::move(answers));
}

void BulkSend::Store(std::vector<LineAnswer> answers) {
  std::vector<Submission> submissions;
  for (LineAnswer& answer : answers) {
    if (answer.submission) submissions.push_back(std::move(answer.submission.value()));
  }
  std::vector<wire::Result<uint64_t>> stored;
  if (!submissions.empty()) stored = node_.SubmitEach(submissions);
  std::size_t next = 0;
  for (const LineAnswer& answer : answers) {
    if (!answer.submission) {
      board_.AddAnswered(answer.line, "error " + RejectionText(answer.submission.rejection()));
    } else if (const auto& result = stored[next++]; result) {
      board_.AddStored(answer.line, result.value());
    } else {
      board_.AddAnswered(answer.line, "error " + RejectionText(result.rejection()));
    }
  }
}

void BulkSend::Serve(int wait_ms) {
  node_.Poll(wait_ms);
  for (const auto& [old_node_seq, new_node_seq] : node_.TakeRenumbered()) board_.Renumber(old_node_seq, new_node_seq);
  for (const PublishOutcome& outcome : node_.TakeOutcomes()) board_.Take(outcome);
  int64_t now = SteadyNowMs();
  if (progress_.Due(now)) progress_.Update(board_.counts(), node_.Status().outbox.depth, now);
}

// Waits for the hub while it answers; with the link down, the oldest lines
// are printed queued instead, so that reading goes on into the outbox.
void BulkSend::MakeRoom() {
  while (board_.unprinted() >= kMaxUnprinted && !io_.stopping()) {
    if (node_.Status().state != ForwardState::kUp) {
      board_.QueueOldest(board_.unprinted() - kMaxUnprinted + kLinesPerWrite);
      return;
    }
    Serve(kWaitSliceMs);
  }
}

// After the input's end: up to --timeout of the hub's silence (not of the
// whole wait: a long file's last thousands of acks may take longer).
void BulkSend::WaitForAnswers() {
  int64_t deadline = SteadyNowMs() + options_.timeout_ms;
  uint64_t answered = board_.counts().acked + board_.counts().refused;
  while (board_.waiting_for_hub() > 0 && !io_.stopping() && SteadyNowMs() < deadline) {
    Serve(kWaitSliceMs);
    uint64_t now_answered = board_.counts().acked + board_.counts().refused;
    if (now_answered != answered) deadline = SteadyNowMs() + options_.timeout_ms;
    answered = now_answered;
  }
}

}  // namespace

int RunSend(const CliOptions& options, CommandIo& io) {
  const bool csv = options.Has("csv");
  if (csv == options.Has("json")) {
    return UsageError(io, "send: --json FILE or --csv FILE --kind alert|watchlist (- for standard input)");
  }
  std::optional<CsvKind> kind;
  if (csv) {
    kind = ParseCsvKind(options.Get("kind"));
    if (!kind) return UsageError(io, "send --csv: --kind alert or --kind watchlist is required (docs/import.md)");
  }
  std::string path = options.Get(csv ? "csv" : "json");
  if (path.empty()) return UsageError(io, std::string("send: --") + (csv ? "csv" : "json") + " needs a FILE or -");
  int fd = -1;
  if (path != "-") {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return io.err << "opsroom-node: cannot read " << path << "\n", kExitFailed;
  }
  // Standard input is read by descriptor (never blocking the acks); a caller
  // that passed its own stream gets blocking reads.
  LineSource input = path != "-"           ? LineSource::FromFd(fd)
                     : &io.in == &std::cin ? LineSource::FromFd(STDIN_FILENO)
                                           : LineSource::FromStream(io.in);
  zmq::context_t context;
  auto node = OpenOutbox(options, context, io, kSendWindow);
  int code = kExitFailed;
  if (node) {
    WaitForLink(*node, SteadyNowMs() + options.timeout_ms);  // new node_seqs then follow the hub's last one
    LineParser json(options);
    CsvImport rows(kind.value_or(CsvKind::kAlert), options);
    code = BulkSend(options, *node, io, input, csv ? CsvLines(rows) : JsonLines(json)).Run();
  }
  if (fd >= 0) ::close(fd);
  return code;
}

}  // namespace opsroom::nodes::cli
