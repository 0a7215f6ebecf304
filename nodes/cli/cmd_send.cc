// opsroom-node send --json FILE|-: Envelopes in the schema's JSON form, one
// per line; header fields filled in when absent (object API, EnvelopeT); each
// written to the node's outbox (synced) before it is sent; one result line per
// input line, in input order.
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
  LineSender(const CliOptions& options, StoreAndForwardPublisher& node, CommandIo& io)
      : options_(options), node_(node), io_(io) {}

  void Send(uint64_t line_number, const std::string& line);
  void Collect(const std::vector<PublishOutcome>& outcomes);
  // Lines still without an ack are reported queued.
  void Finish();
  int exit_code() const { return !all_ok_ ? kExitFailed : queued_ ? kExitQueued : kExitOk; }

 private:
  wire::Result<std::unique_ptr<wire::EnvelopeT>> Parse(const std::string& line);
  wire::Bytes Complete(wire::EnvelopeT envelope, uint64_t node_seq) const;
  void Result(uint64_t line_number, const std::string& text, bool ok);
  void PrintReady();

  const CliOptions& options_;
  StoreAndForwardPublisher& node_;
  CommandIo& io_;
  wire::JsonCodec codec_;
  std::map<uint64_t, uint64_t> line_of_node_seq_;
  std::map<uint64_t, std::string> ready_;  // line -> result, waiting for earlier lines
  std::set<uint64_t> pending_lines_;  // lines still to print, in order
  bool all_ok_ = true;
  bool queued_ = false;
};

wire::Result<std::unique_ptr<wire::EnvelopeT>> LineSender::Parse(const std::string& line) {
  auto completed = AddMissingRequired(line);
  if (!completed) return completed.rejection();
  auto bytes = codec_.EnvelopeFromJson(completed.value());
  if (!bytes) return bytes.rejection();
  flatbuffers::Verifier verifier(bytes->data(), bytes->size(), wire::kVerifierMaxDepth, wire::kVerifierMaxTables);
  if (!wire::VerifyEnvelopeBuffer(verifier)) return wire::Reject(wire::RejectReason::PayloadMalformed, "not an Envelope");
  return std::unique_ptr<wire::EnvelopeT>(wire::GetEnvelope(bytes->data())->UnPack());
}

wire::Bytes LineSender::Complete(wire::EnvelopeT envelope, uint64_t node_seq) const {
  if (envelope.origin.empty()) envelope.origin = options_.node_id;
  if (envelope.country.empty()) envelope.country = options_.country;
  envelope.node_seq = node_seq;
  if (envelope.message_id.empty()) envelope.message_id = DefaultMessageId(envelope.origin, node_seq);
  if (envelope.sent_at_ms == 0) envelope.sent_at_ms = WallNowMs();
  return PackEnvelope(envelope);
}

void LineSender::Send(uint64_t line_number, const std::string& line) {
  pending_lines_.insert(line_number);
  auto envelope = Parse(line);
  if (!envelope) return Result(line_number, "error " + RejectionText(envelope.rejection()), false);
  // A node_seq given in the line is kept when the outbox has not passed it
  // (the outbox checks that the envelope carries the node_seq it reserved).
  if (envelope.value()->node_seq != 0) node_.AdvanceNodeSeqTo(envelope.value()->node_seq);
  auto stored = node_.Submit([&](uint64_t node_seq) { return Complete(*envelope.value(), node_seq); });
  if (!stored) return Result(line_number, "error " + RejectionText(stored.rejection()), false);
  line_of_node_seq_[stored.value()] = line_number;
}

void LineSender::Collect(const std::vector<PublishOutcome>& outcomes) {
  for (const PublishOutcome& outcome : outcomes) {
    auto it = line_of_node_seq_.find(outcome.node_seq);
    if (it == line_of_node_seq_.end()) continue;  // an earlier run's message
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

void LineSender::Finish() {
  for (const auto& [node_seq, line_number] : line_of_node_seq_) {
    queued_ = true;
    ready_[line_number] = "queued node_seq=" + std::to_string(node_seq);
  }
  line_of_node_seq_.clear();
  PrintReady();
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
  auto node = OpenOutbox(options, context, io);
  if (!node) return kExitFailed;
  const int64_t deadline = SteadyNowMs() + options.timeout_ms;
  bool linked = WaitForLink(*node, deadline);  // new node_seqs then follow the hub's last one
  LineSender sender(options, *node, io);
  std::string line;
  for (uint64_t number = 1; !io.stopping() && std::getline(input, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;  // blank lines get no result
    sender.Send(number, line);
    node->Poll(0);
    sender.Collect(node->TakeOutcomes());
  }
  // A long input may outlast --timeout: the wait for acks starts after it.
  sender.Collect(Deliver(*node, linked ? SteadyNowMs() + options.timeout_ms : deadline));
  sender.Finish();
  int code = sender.exit_code();
  if (code == kExitQueued) ExplainQueued(options, *node, io);
  return code;
}

}  // namespace opsroom::nodes::cli
