// Publisher: a DEALER session (publisher_session.h), a window of messages in
// flight kept until acked or finally refused, resent after every re-Hello
// (the hub acks duplicates with their original hub_seq, so resending is safe).
#include "nodes/client/publisher.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "nodes/client/hub_endpoints.h"
#include "nodes/client/publisher_session.h"
#include "nodes/client/zmq_link.h"
#include "wire/frame_check.h"
#include "wire/protocol_constants.h"

namespace opsroom::nodes {

namespace {

constexpr int kBusyRetryDelayMs = 250;  // times the retry count, after a 5xx Nack
constexpr int kMaxFramesPerDrain = 10'000;
constexpr int kKeyRetryMs = 500;
// NotLeaders naming no leader that a message waits out on the same member
// (kBusyRetryDelayMs apart) before the session moves to the next member.
constexpr int kNotLeaderStays = 6;  // after a refused key: a new socket, in case the registry just changed

bool IsRetryable(wire::RejectReason code) { return static_cast<int>(code) >= 500; }

}  // namespace

struct Publisher::Impl {
  struct InFlight {
    wire::Bytes frame;  // the Publish frame, built once
    int busy_retries = 0;
    int64_t retry_at_ms = 0;
    bool sent_once = false;
  };

  Impl(zmq::context_t& c, PublisherConfig cfg)
      : context(c), config(std::move(cfg)), ring(config.hub_endpoint, config.other_hubs) {}

  zmq::context_t& context;
  PublisherConfig config;
  EndpointRing ring;  // the hub of this session and the cluster's other members
  std::optional<zmq::socket_t> dealer;
  SessionState state = SessionState::kDisconnected;
  WelcomeInfo welcome;
  wire::Rejection refusal;
  uint64_t next_node_seq = 1;
  std::map<uint64_t, InFlight> in_flight;
  std::set<uint64_t> unsent;  // in flight, waiting to be (re)sent in node_seq order
  std::vector<PublishOutcome> outcomes;
  PublisherCounters counters;
  int64_t last_heard_ms = 0;
  int64_t hello_sent_ms = 0;
  int64_t heartbeat_due_ms = 0;
  std::vector<uint64_t> scratch;        // aligned copies of received frames
  std::optional<LinkWatch> watch;  // CURVE: a refused key is not silence; a cluster: a closed connection is a dead member
  std::string key_failure;              // the latest handshake failure, for Connect's answer
  int64_t reopen_at_ms = 0;             // > 0: open a new DEALER then (libzmq gave up on the old one)
  // A NotLeader moves the session: to the leader it names (at once), else to
  // the next member (after a back-off). Empty: no move pending.
  std::string move_to;
  int64_t move_at_ms = 0;
  // The member whose connection closed last, and when: until the others'
  // election timeout has passed they still name it as the leader.
  std::string closed_endpoint;
  int64_t closed_at_ms = 0;

  void OpenSocket();
  void WatchHandshake(int64_t now);
  void SendHello();
  void Pump(int timeout_ms);
  void Tick(int64_t now);
  void SendPending(int64_t now);
  void HandleFrame(const zmq::message_t& message);
  void OnWelcome(const wire::Welcome& welcome_frame);
  void OnAck(const wire::Ack& ack);
  void OnNack(const wire::Nack& nack);
  void OnNotLeader(const wire::Nack& nack, InFlight& message);
  void MoveSession(int64_t now);
  void Finish(uint64_t node_seq, PublishOutcome outcome);
  void ResendEverything();
  // The hub does not answer heartbeats, so silence counts from when we began waiting.
  bool HubSilentSince(int64_t wait_start, int64_t now) const {
    return now - std::max(last_heard_ms, wait_start) >
           std::max<int64_t>(config.connect_timeout_ms, wire::kPeerExpiryMs);
  }
  wire::Rejection SilenceRejection() const {
    return wire::Reject(wire::RejectReason::None,
                        "no answer from the hub at " + ring.current() + " for " +
                            std::to_string(std::max<int64_t>(config.connect_timeout_ms, wire::kPeerExpiryMs)) +
                            " ms (" + std::to_string(in_flight.size()) + " messages in flight)");
  }
};

void Publisher::Impl::OpenSocket() {
  int hwm = static_cast<int>(config.max_in_flight * 2 + 1000);
  dealer.emplace(OpenDealer(context, ring.current(), hwm, config.curve, &watch, ring.size() > 1));
}

void Publisher::Impl::WatchHandshake(int64_t now) {
  if (!watch) return;
  if (reopen_at_ms > 0 && now >= reopen_at_ms) {
    reopen_at_ms = 0;
    OpenSocket();
    SendHello();
    return;
  }
  std::string why;
  LinkWatch::Failure failure = watch->Take(&why);
  if (failure == LinkWatch::Failure::kNone) return;
  key_failure = why;
  if (failure == LinkWatch::Failure::kKeyRefused) reopen_at_ms = now + kKeyRetryMs;
}

void Publisher::Impl::SendHello() {
  auto hello =
      wire::BuildHello(config.node_id, config.country, config.role, config.software_version, wire::kProtocolVersion);
  SendFrame(*dealer, hello);
  ++counters.hellos;
  hello_sent_ms = SteadyNowMs();
  state = Step(state, SessionEvent::kHelloSent);
}

void Publisher::Impl::Pump(int timeout_ms) {
  const int64_t deadline = SteadyNowMs() + std::max(timeout_ms, 0);
  while (true) {
    for (int i = 0; i < kMaxFramesPerDrain; ++i) {
      auto message = RecvNow(*dealer);
      if (!message) break;
      HandleFrame(*message);
    }
    int64_t now = SteadyNowMs();
    Tick(now);
    if (now >= deadline) return;
    int64_t next_timer = state == SessionState::kReady ? heartbeat_due_ms : hello_sent_ms + wire::kPeerExpiryMs;
    int64_t wait = std::clamp<int64_t>(std::min(deadline, next_timer) - now, 1, deadline - now);
    WaitReadable(*dealer, nullptr, static_cast<int>(wait));
  }
}

void Publisher::Impl::Tick(int64_t now) {
  if (!move_to.empty() && now >= move_at_ms) return MoveSession(now);
  if (state == SessionState::kHandshaking) WatchHandshake(now);
  if (ring.size() > 1 && move_to.empty() && watch && watch->TakeDisconnected()) {
    // The member closed the connection (its process died, or it stopped):
    // the next member now, not after kPeerExpiryMs of silence. A follower
    // there names the leader (NotLeader); the window is resent after its Welcome.
    closed_endpoint = ring.current();
    closed_at_ms = now;
    EndpointRing next = ring;
    next.Next();
    move_to = next.current();
    move_at_ms = now;
    return MoveSession(now);
  }
  if (state == SessionState::kHandshaking && now - hello_sent_ms >= wire::kPeerExpiryMs) {
    // No Welcome: a dead member of a cluster; the next one may answer.
    if (ring.size() > 1) {
      ring.Next();
      OpenSocket();
    }
    SendHello();
  }
  if (state != SessionState::kReady) return;
  if (now >= heartbeat_due_ms) {
    wire::HeartbeatFields fields{config.node_id, WallNowMs(), static_cast<uint32_t>(in_flight.size()), 0,
                                 config.software_version};
    SendFrame(*dealer, wire::BuildHeartbeat(fields));
    heartbeat_due_ms = now + wire::kHeartbeatIntervalMs;
  }
  SendPending(now);
}

void Publisher::Impl::SendPending(int64_t now) {
  // A session about to move would only collect more NotLeaders.
  if (state != SessionState::kReady || !move_to.empty()) return;
  // In node_seq order, stopping at a message waiting to be retried: sending a
  // later one first would make the retry stale.
  for (auto it = unsent.begin(); it != unsent.end();) {
    InFlight& message = in_flight.at(*it);
    if (message.retry_at_ms > now) return;
    if (!SendFrame(*dealer, message.frame)) return;  // queue full: Tick tries again
    ++counters.frames_sent;
    if (message.sent_once) ++counters.resent;
    message.sent_once = true;
    it = unsent.erase(it);
  }
}

void Publisher::Impl::HandleFrame(const zmq::message_t& message) {
  auto checked = wire::CheckHubFrame(AlignedView(message, scratch));
  if (!checked) {
    ++counters.bad_frames;
    return;
  }
  last_heard_ms = SteadyNowMs();
  const wire::Frame* frame = checked.value();
  if (const auto* w = frame->body_as_Welcome()) OnWelcome(*w);
  if (const auto* ack = frame->body_as_Ack()) OnAck(*ack);
  if (const auto* nack = frame->body_as_Nack()) OnNack(*nack);
}

void Publisher::Impl::OnWelcome(const wire::Welcome& w) {
  bool was_handshaking = state == SessionState::kHandshaking;
  state = Step(state, SessionEvent::kWelcome);
  if (state != SessionState::kReady) return;
  ++counters.welcomes;
  welcome.hub_id = w.hub_id() != nullptr ? w.hub_id()->str() : "";
  welcome.hub_seq = w.hub_seq();
  welcome.last_node_seq = w.last_node_seq();
  welcome.durable = w.durable();
  next_node_seq = std::max(next_node_seq, w.last_node_seq() + 1);
  heartbeat_due_ms = SteadyNowMs() + wire::kHeartbeatIntervalMs;
  if (was_handshaking) ResendEverything();
}

void Publisher::Impl::ResendEverything() {
  for (auto& [node_seq, message] : in_flight) {
    message.retry_at_ms = 0;
    unsent.insert(node_seq);
  }
  SendPending(SteadyNowMs());
}

void Publisher::Impl::OnAck(const wire::Ack& ack) {
  if (ack.entries() == nullptr) return;
  for (const wire::AckEntry* entry : *ack.entries()) {
    PublishOutcome outcome;
    outcome.node_seq = entry->node_seq();
    outcome.hub_seq = entry->hub_seq();
    outcome.duplicate = entry->duplicate();
    Finish(entry->node_seq(), outcome);
  }
}

void Publisher::Impl::OnNack(const wire::Nack& nack) {
  std::string reason = nack.reason() != nullptr ? nack.reason()->str() : "";
  if (nack.code() == wire::RejectReason::NoSession) {
    if (state == SessionState::kReady) SendHello();  // kReady -> kHandshaking; resend after Welcome
    return;
  }
  if (state == SessionState::kHandshaking && nack.node_seq() == 0) {  // the answer to our Hello
    if (IsRetryable(nack.code())) return;  // busy (e.g. too many sessions): Tick says Hello again
    refusal = wire::Rejection{nack.code(), reason, 0};
    state = Step(state, SessionEvent::kHelloRefused);
    return;
  }
  auto it = in_flight.find(nack.node_seq());
  if (it == in_flight.end()) {
    ++counters.stray_replies;
    return;
  }
  if (nack.code() == wire::RejectReason::NotLeader && it->second.busy_retries < config.max_busy_retries) {
    return OnNotLeader(nack, it->second);
  }
  if (IsRetryable(nack.code()) && it->second.busy_retries < config.max_busy_retries) {
    ++it->second.busy_retries;
    it->second.retry_at_ms = SteadyNowMs() + kBusyRetryDelayMs * it->second.busy_retries;
    unsent.insert(nack.node_seq());
    return;
  }
  PublishOutcome outcome;
  outcome.node_seq = nack.node_seq();
  outcome.rejection = wire::Rejection{nack.code(), reason, nack.node_seq()};
  Finish(nack.node_seq(), outcome);
}

// docs/protocol.md 17.2: nothing of the message was stored; it is resent
// after the Welcome of the member the session moves to. The NotLeaders of the
// rest of the window say the same and are followed once. Counted as a retry,
// so that members disagreeing about the leader cannot keep it circling.
void Publisher::Impl::OnNotLeader(const wire::Nack& nack, InFlight& message) {
  int64_t now = SteadyNowMs();
  // Right after a member's connection closed, the others are electing a new
  // leader (raft's election timeout, then the winner catches up): waiting
  // for that does not count against the message's retries.
  bool electing = closed_at_ms > 0 && now - closed_at_ms < wire::kPeerExpiryMs;
  if (!electing) ++message.busy_retries;
  unsent.insert(nack.node_seq());
  if (!move_to.empty() || state != SessionState::kReady) return;
  std::string_view named = nack.leader_endpoint() != nullptr ? nack.leader_endpoint()->string_view() : "";
  // A leader whose connection just closed is dead, whatever the others still
  // believe: wait here for their election instead of a Hello to nobody.
  bool named_dead = electing && named == closed_endpoint;
  if (!named.empty() && !named_dead) {
    move_to = std::string(named);
    move_at_ms = now;
  } else if (electing || message.busy_retries <= kNotLeaderStays) {
    // An election: this member names the leader once there is one. Asking it
    // again beats moving on, since the next member may be the leader that
    // just died (a Hello there waits kPeerExpiryMs for nothing).
    message.retry_at_ms = now + kBusyRetryDelayMs;
  } else {
    // Still no leader here (this member may be cut off from the others).
    EndpointRing next = ring;
    next.Next();
    move_to = next.current();
    move_at_ms = now + kBusyRetryDelayMs * message.busy_retries;
  }
}

void Publisher::Impl::MoveSession(int64_t now) {
  ring.MoveTo(move_to);
  move_to.clear();
  ++counters.leader_moves;
  OpenSocket();
  SendHello();  // kHandshaking: nothing is sent until the Welcome resends everything in flight
  hello_sent_ms = now;
}

void Publisher::Impl::Finish(uint64_t node_seq, PublishOutcome outcome) {
  if (in_flight.erase(node_seq) == 0) {
    ++counters.stray_replies;  // e.g. a second ack after a resend
    return;
  }
  unsent.erase(node_seq);
  if (outcome.acknowledged()) {
    ++counters.acked;
    if (outcome.duplicate) ++counters.duplicates;
  } else {
    ++counters.refused;
  }
  outcomes.push_back(std::move(outcome));
}

Publisher::Publisher(zmq::context_t& context, PublisherConfig config)
    : impl_(std::make_unique<Impl>(context, std::move(config))) {}

Publisher::~Publisher() = default;

wire::Result<WelcomeInfo> Publisher::Connect() {
  Impl& p = *impl_;
  if (!p.dealer) p.OpenSocket();
  p.SendHello();
  const int64_t deadline = SteadyNowMs() + p.config.connect_timeout_ms;
  while (p.state == SessionState::kHandshaking && SteadyNowMs() < deadline) {
    p.Pump(static_cast<int>(std::min<int64_t>(50, deadline - SteadyNowMs())));
  }
  if (p.state == SessionState::kReady) return p.welcome;
  if (p.state == SessionState::kRefused) return p.refusal;
  if (!p.key_failure.empty()) {
    return wire::Reject(wire::RejectReason::Unauthenticated, p.key_failure + " (no Welcome from " +
                                                                 p.ring.current() + " within " +
                                                                 std::to_string(p.config.connect_timeout_ms) + " ms)");
  }
  return wire::Reject(wire::RejectReason::None, "no answer from the hub at " + p.ring.current() + " within " +
                                                    std::to_string(p.config.connect_timeout_ms) +
                                                    " ms (is opsroom-hub running there?)");
}

uint64_t Publisher::NextNodeSeq() const { return impl_->next_node_seq; }

wire::Result<uint64_t> Publisher::Publish(wire::ByteView envelope) {
  Impl& p = *impl_;
  if (p.state == SessionState::kRefused) return p.refusal;
  if (!p.dealer) return wire::Reject(wire::RejectReason::None, "Publish before Connect");
  // The caller's bytes may sit at any address (a slice of a larger buffer).
  auto verified_seq = wire::VerifiedNodeSeq(envelope);
  if (!verified_seq) return wire::Reject(wire::RejectReason::PayloadMalformed, "the envelope is not a valid FlatBuffer");
  const uint64_t node_seq = verified_seq.value();
  if (node_seq == 0) return wire::Reject(wire::RejectReason::InvalidValue, "node_seq starts at 1");
  if (p.in_flight.count(node_seq) != 0) {
    return wire::Reject(wire::RejectReason::InvalidValue,
                        "node_seq " + std::to_string(node_seq) + " is already in flight");
  }
  const int64_t wait_start = SteadyNowMs();
  while (p.in_flight.size() >= p.config.max_in_flight) {
    p.Pump(20);
    int64_t now = SteadyNowMs();
    if (p.state == SessionState::kRefused) return p.refusal;
    if (p.in_flight.size() >= p.config.max_in_flight && p.HubSilentSince(wait_start, now)) {
      return p.SilenceRejection();
    }
  }
  p.in_flight.emplace(node_seq, Impl::InFlight{wire::BuildPublish(envelope)});
  p.unsent.insert(node_seq);
  p.next_node_seq = std::max(p.next_node_seq, node_seq + 1);
  ++p.counters.published;
  p.SendPending(SteadyNowMs());
  return node_seq;
}

void Publisher::Poll(int timeout_ms) {
  if (impl_->dealer) impl_->Pump(timeout_ms);
}

std::vector<PublishOutcome> Publisher::TakeOutcomes() {
  std::vector<PublishOutcome> taken;
  taken.swap(impl_->outcomes);
  return taken;
}

std::size_t Publisher::in_flight() const { return impl_->in_flight.size(); }

bool Publisher::Flush(int timeout_ms) {
  Impl& p = *impl_;
  if (!p.dealer) return p.in_flight.empty();
  const int64_t deadline = SteadyNowMs() + timeout_ms;
  while (!p.in_flight.empty() && p.state != SessionState::kRefused) {
    int64_t remaining = deadline - SteadyNowMs();
    if (remaining <= 0) break;
    p.Pump(static_cast<int>(std::min<int64_t>(remaining, 50)));
  }
  return p.in_flight.empty();
}

void Publisher::SendHeartbeat(const wire::HeartbeatFields& fields) {
  Impl& p = *impl_;
  if (!p.dealer || p.state != SessionState::kReady) return;
  SendFrame(*p.dealer, wire::BuildHeartbeat(fields));
  p.heartbeat_due_ms = SteadyNowMs() + wire::kHeartbeatIntervalMs;
}

const WelcomeInfo& Publisher::welcome() const { return impl_->welcome; }

PublisherCounters Publisher::counters() const { return impl_->counters; }

int64_t Publisher::last_heard_ms() const { return impl_->last_heard_ms; }

const std::string& Publisher::hub_endpoint() const { return impl_->ring.current(); }

std::vector<std::string> Publisher::hubs_from_current() const { return impl_->ring.FromCurrent(); }

}  // namespace opsroom::nodes
