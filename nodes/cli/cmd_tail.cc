// opsroom-node tail: committed events as JSON lines (Frame{Event}, as
// `opsroom-hub dump` prints them), from a hub sequence or live; with
// --save-heads, the signed audit heads it sees appended to a file.
#include <fstream>
#include <optional>
#include <ostream>

#include "nodes/cli/cli_values.h"
#include "nodes/cli/commands.h"
#include "nodes/cli/hit_line.h"
#include "nodes/client/audit_head_watch.h"
#include "nodes/client/subscriber.h"
#include "nodes/client/zmq_link.h"
#include "wire/json_codec.h"

namespace opsroom::nodes::cli {

namespace {

// --save-heads FILE: each new signed audit head as one JSON line, flushed at
// once, so that `opsroom-hub audit --verify --heads FILE` holds the store to
// what this client saw. Refused heads are said on stderr (docs/protocol.md 7.1).
// A refused head that the audit key signed is appended too, its line starting
// with kRefusedHeadMark, so that `audit --verify --heads FILE` reports it.
void WatchAuditHeads(std::ofstream* saved, wire::JsonCodec& codec, CommandIo& io, SubscriberSink& sink) {
  sink.on_audit_head = [saved, &codec](const wire::SignedHeadFields& head) {
    if (saved == nullptr) return;
    *saved << codec.FrameToJson(wire::BuildSignedAuditHead(head)) << "\n";
    saved->flush();
  };
  sink.on_audit_head_refused = [&io](const std::string& why) { io.err << "opsroom-node: AUDIT: " << why << "\n"; };
  sink.on_signed_audit_head_refused = [saved, &codec](const wire::SignedHeadFields& head, const std::string&) {
    if (saved == nullptr) return;
    *saved << wire::kRefusedHeadMark << codec.FrameToJson(wire::BuildSignedAuditHead(head)) << "\n";
    saved->flush();
  };
}

// The last head this client accepted in an earlier run: the last line of FILE
// not marked refused. nullopt when there is none; an error for a bad line.
wire::Result<std::optional<wire::SignedHeadFields>> LastSavedHead(const std::string& path, wire::JsonCodec& codec) {
  std::ifstream in(path);
  std::string line, last;
  constexpr uint64_t kMaxLines = 10'000'000;  // one line per interval the client ran
  for (uint64_t n = 0; n < kMaxLines && std::getline(in, line); ++n) {
    if (line.find_first_not_of(" \t\r") != std::string::npos && line.rfind(wire::kRefusedHeadMark, 0) != 0) last = line;
  }
  if (last.empty()) return std::optional<wire::SignedHeadFields>();
  auto bytes = codec.FrameFromJson(last);
  if (!bytes) return bytes.rejection();
  auto head = wire::CheckSignedAuditHeadFrame(bytes.value());
  if (!head) return head.rejection();
  return std::optional<wire::SignedHeadFields>(head.value());
}

}  // namespace

int RunTail(const CliOptions& options, CommandIo& io) {
  SubscriberConfig config;
  config.hub_endpoint = options.hub;
  config.other_hubs = options.other_hubs;
  config.fanout_endpoint = options.fanout;
  config.node_id = options.node_id.empty() ? "OPSROOM-TAIL" : options.node_id;
  config.country = options.node_id.empty() ? "OPSROOM" : options.country;
  config.role = options.node_id.empty() ? wire::ClientRole::Console : RoleFor(options);
  config.want_snapshot = false;
  config.connect_timeout_ms = options.timeout_ms;
  config.curve = options.curve;
  uint64_t limit = 0;
  if (options.Has("from")) {
    auto from = ParseCount(options.Get("from"));
    if (!from || *from == 0) return UsageError(io, "tail: --from wants a hub sequence >= 1");
    config.replay_from_seq = *from;
  }
  if (options.Has("count")) {
    auto count = ParseCount(options.Get("count"));
    if (!count || *count == 0) return UsageError(io, "tail: --count wants a number >= 1");
    limit = *count;
  }
  if (options.Has("audit-key")) {
    auto key = wire::AuditPublicKeyFrom(options.Get("audit-key"));
    if (!key) return UsageError(io, "tail: --audit-key: " + key.rejection().text);
    config.audit_public_key = key.value();
  }
  std::ofstream saved_heads;
  wire::JsonCodec codec;
  if (options.Has("save-heads")) {
    auto seed = LastSavedHead(options.Get("save-heads"), codec);
    if (!seed) return UsageError(io, "tail: --save-heads " + options.Get("save-heads") + ": " + seed.rejection().text);
    if (seed.value() && !AuditHeadWatch(config.audit_public_key).Seed(*seed.value())) {
      return UsageError(io, "tail: --save-heads " + options.Get("save-heads") +
                                ": its last head is not signed by the "
                                "audit key (--audit-key)");
    }
    config.audit_seed_head = seed.value();
    saved_heads.open(options.Get("save-heads"), std::ios::app);
    if (!saved_heads) return UsageError(io, "tail: cannot append to --save-heads " + options.Get("save-heads"));
  }
  if (config.fanout_endpoint.empty() && FanoutEndpointFor(options.hub).empty()) {
    return UsageError(io, "tail: cannot derive the fan-out endpoint from --hub " + options.hub + "; give --fanout");
  }
  const bool hits_only = options.Get("show", "all") == "hits";
  if (!hits_only && options.Get("show", "all") != "all") return UsageError(io, "tail: --show wants all or hits");
  zmq::context_t context;
  Subscriber subscriber(context, config);
  uint64_t printed = 0;
  SubscriberSink sink;
  sink.on_event = [&](const wire::CheckedEvent& event) {
    if (limit != 0 && printed >= limit) return;
    if (hits_only) {
      if (event.envelope->payload_type() != wire::Payload::Hit) return;
      io.out << HitLine(event.hub_seq, *event.envelope->payload_as_Hit()) << "\n";
      io.out.flush();
      ++printed;
      return;
    }
    io.out << codec.FrameToJson(wire::BuildEvent(event.hub_seq, event.hub_time_ms, event.envelope_bytes)) << "\n";
    io.out.flush();
    ++printed;
  };
  WatchAuditHeads(saved_heads.is_open() ? &saved_heads : nullptr, codec, io, sink);
  sink.on_hub_rewound = [&](uint64_t, uint64_t) { io.err << "opsroom-node: " << subscriber.rewind_detail() << "\n"; };
  sink.on_link_state = [&](LinkState state) {
    if (state == LinkState::kLost && subscriber.ever_welcomed()) {
      io.err << "opsroom-node: link lost (" << subscriber.last_error() << "); reconnecting\n";
    }
  };
  const int64_t connect_deadline = SteadyNowMs() + options.timeout_ms;
  while (!io.stopping() && (limit == 0 || printed < limit)) {
    subscriber.Poll(50, sink);
    if (!subscriber.ever_welcomed() && subscriber.last_error().rfind("the hub refused", 0) == 0) {
      io.err << "opsroom-node: " << subscriber.last_error() << "\n";
      return kExitFailed;
    }
    if (!subscriber.ever_welcomed() && SteadyNowMs() > connect_deadline) {
      io.err << "opsroom-node: hub unreachable: no answer from " << options.hub << " within " << options.timeout_ms
             << " ms" << (subscriber.last_error().empty() ? "" : " (" + subscriber.last_error() + ")")
             << UnreachableHint(options) << "\n";
      return kExitUnreachable;
    }
  }
  return kExitOk;
}

}  // namespace opsroom::nodes::cli
