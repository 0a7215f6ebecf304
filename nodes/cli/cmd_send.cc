// opsroom-node send --json FILE|-: Envelopes in the schema's JSON form, one
// per line; header fields filled in when absent (object API, EnvelopeT); one
// result line per input line, in input order.
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <set>

#include "flatbuffers/flexbuffers.h"
#include "flatbuffers/idl.h"
#include "nodes/cli/commands.h"
#include "nodes/zmq_link.h"
#include "wire/json_codec.h"
#include "wire/protocol_constants.h"

namespace opsroom::nodes::cli {

namespace {

// JSON requires origin, country and message_id (they are `required` in the
// schema); when a line leaves them out they are added empty here and filled
// in from --id afterwards.
wire::Result<std::string> AddMissingRequired(const std::string& line) {
  flatbuffers::Parser parser;
  flexbuffers::Builder builder;
  if (!parser.ParseFlexBuffer(line.c_str(), nullptr, &builder)) {
    return wire::Reject(wire::RejectReason::Malformed, "JSON: " + parser.error_);
  }
  auto root = flexbuffers::GetRoot(builder.GetBuffer());
  if (!root.IsMap()) return wire::Reject(wire::RejectReason::Malformed, "JSON: expected one object per line");
  auto map = root.AsMap();
  std::string added;
  for (const char* key : {"origin", "country", "message_id"}) {
    if (map[key].IsNull()) added += std::string("\"") + key + "\":\"\",";
  }
  std::string text = line;
  text.insert(text.find('{') + 1, added);
  return text;
}

class LineSender {
 public:
  LineSender(const CliOptions& options, Publisher& publisher, CommandIo& io)
      : options_(options), publisher_(publisher), io_(io) {}

  void Send(uint64_t line_number, const std::string& line);
  void Collect();
  bool Finish();  // waits for the rest; true when every line got a result
  bool all_ok() const { return all_ok_; }

 private:
  wire::Result<wire::Bytes> Prepare(const std::string& line);
  void Result(uint64_t line_number, const std::string& text, bool ok);
  void PrintReady();

  const CliOptions& options_;
  Publisher& publisher_;
  CommandIo& io_;
  wire::JsonCodec codec_;
  std::map<uint64_t, uint64_t> line_of_node_seq_;
  std::map<uint64_t, std::string> ready_;  // line -> result, waiting for earlier lines
  std::set<uint64_t> pending_lines_;  // lines still to print, in order
  bool all_ok_ = true;
};

wire::Result<wire::Bytes> LineSender::Prepare(const std::string& line) {
  auto completed = AddMissingRequired(line);
  if (!completed) return completed.rejection();
  auto bytes = codec_.EnvelopeFromJson(completed.value());
  if (!bytes) return bytes.rejection();
  flatbuffers::Verifier verifier(bytes->data(), bytes->size(), wire::kVerifierMaxDepth, wire::kVerifierMaxTables);
  if (!wire::VerifyEnvelopeBuffer(verifier)) return wire::Reject(wire::RejectReason::PayloadMalformed, "not an Envelope");
  std::unique_ptr<wire::EnvelopeT> envelope(wire::GetEnvelope(bytes->data())->UnPack());
  if (envelope->origin.empty()) envelope->origin = options_.node_id;
  if (envelope->country.empty()) envelope->country = options_.country;
  if (envelope->node_seq == 0) envelope->node_seq = publisher_.NextNodeSeq();
  if (envelope->message_id.empty()) envelope->message_id = DefaultMessageId(envelope->origin, envelope->node_seq);
  if (envelope->sent_at_ms == 0) envelope->sent_at_ms = WallNowMs();
  wire::Bytes packed = PackEnvelope(*envelope);
  if (auto checked = CheckLocally(packed); !checked) return checked.rejection();
  return packed;
}

void LineSender::Send(uint64_t line_number, const std::string& line) {
  pending_lines_.insert(line_number);
  auto envelope = Prepare(line);
  if (!envelope) return Result(line_number, "error " + RejectionText(envelope.rejection()), false);
  auto sent = publisher_.Publish(envelope.value());
  if (!sent) return Result(line_number, "error " + RejectionText(sent.rejection()), false);
  line_of_node_seq_[sent.value()] = line_number;
  Collect();
}

void LineSender::Collect() {
  for (const PublishOutcome& outcome : publisher_.TakeOutcomes()) {
    auto it = line_of_node_seq_.find(outcome.node_seq);
    if (it == line_of_node_seq_.end()) continue;
    uint64_t line_number = it->second;
    line_of_node_seq_.erase(it);
    if (outcome.acknowledged()) {
      Result(line_number, "ok hub_seq=" + std::to_string(outcome.hub_seq) + (outcome.duplicate ? " duplicate" : ""),
             true);
    } else {
      Result(line_number, "error " + RejectionText(outcome.rejection), false);
    }
  }
}

void LineSender::Result(uint64_t line_number, const std::string& text, bool ok) {
  all_ok_ = all_ok_ && ok;
  ready_[line_number] = text;
  PrintReady();
}

void LineSender::PrintReady() {
  while (!pending_lines_.empty()) {
    uint64_t next = *pending_lines_.begin();
    auto ready = ready_.find(next);
    if (ready == ready_.end()) return;
    io_.out << next << " " << ready->second << "\n";
    io_.out.flush();
    ready_.erase(ready);
    pending_lines_.erase(pending_lines_.begin());
  }
}

bool LineSender::Finish() {
  publisher_.Flush(options_.timeout_ms);
  Collect();
  for (const auto& [node_seq, line_number] : line_of_node_seq_) {
    Result(line_number, "error no acknowledgement within " + std::to_string(options_.timeout_ms) + " ms", false);
  }
  line_of_node_seq_.clear();
  return pending_lines_.empty();
}

}  // namespace

int RunSend(const CliOptions& options, CommandIo& io) {
  std::string path = options.Get("json");
  if (path.empty()) return UsageError(io, "send: --json FILE (or - for standard input) is required");
  std::ifstream file;
  if (path != "-") {
    file.open(path);
    if (!file) return io.err << "opsroom-node: cannot read " << path << "\n", kExitFailed;
  }
  std::istream& input = path == "-" ? io.in : file;
  zmq::context_t context;
  Publisher publisher(context, PublisherConfigFor(options));
  if (auto failed = ConnectOrExplain(publisher, options, io)) return *failed;
  LineSender sender(options, publisher, io);
  std::string line;
  for (uint64_t number = 1; !io.stopping() && std::getline(input, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;  // blank lines get no result
    sender.Send(number, line);
    publisher.Poll(0);
    sender.Collect();
  }
  sender.Finish();
  return sender.all_ok() ? kExitOk : kExitFailed;
}

}  // namespace opsroom::nodes::cli
