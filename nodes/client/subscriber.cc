// Subscriber: sockets, timers and the live fan-out. Catch-up (snapshot,
// replay, delivery) is in subscriber_catchup.cc.
#include "nodes/client/software_version.h"
#include "nodes/client/subscriber.h"

#include <algorithm>
#include <chrono>
#include <thread>

#include "nodes/client/subscriber_impl.h"
#include "nodes/client/zmq_link.h"
#include "wire/protocol_constants.h"

namespace opsroom::nodes {

namespace {

constexpr int kMaxMessagesPerDrain = 10'000;

}  // namespace

Subscriber::Impl::Impl(zmq::context_t& c, SubscriberConfig cfg)
    : context(c),
      config(std::move(cfg)),
      hubs(config.hub_endpoint, config.other_hubs),
      audit_heads(config.audit_public_key) {
  if (config.audit_seed_head) (void)audit_heads.Seed(*config.audit_seed_head);
}

void Subscriber::Impl::Apply(LinkEvent event) {
  LinkState next = Step(state, event);
  if (next == state) return;
  state = next;
  if (sink != nullptr && sink->on_link_state) sink->on_link_state(state);
}

void Subscriber::Impl::Open() {
  dealer.reset();
  sub.reset();
  const std::string& hub = hubs.current();
  fanout_endpoint =
      hub == config.hub_endpoint && !config.fanout_endpoint.empty() ? config.fanout_endpoint : FanoutEndpointFor(hub);
  if (fanout_endpoint.empty()) {
    Lose("cannot derive the fan-out endpoint from '" + hub + "' (expected tcp://HOST:PORT)");
    return;
  }
  // SUB first, so that live events published during catch-up are buffered.
  sub.emplace(OpenSub(context, fanout_endpoint, config.curve));
  dealer.emplace(OpenDealer(context, hub, 1000, config.curve, &watch));
  handshake_failure.clear();
  if (opened_once) ++counters.reconnects;
  opened_once = true;
  int64_t now = SteadyNowMs();
  last_status_ms = now;
  pending_request = 0;
  status_gap_seq = 0;
  Apply(LinkEvent::kRetry);
  SendHello();
}

void Subscriber::Impl::Lose(const std::string& why) {
  last_error = why;
  dealer.reset();
  sub.reset();
  pending_request = 0;
  snapshot_events.clear();
  live_buffer.clear();  // replay brings everything after last_seq back
  lost_since_ms = SteadyNowMs();
  if (hubs.size() > 1) {
    // docs/protocol.md 17.3: the next member, resuming by replay after
    // last_seq. It has shown us nothing yet, so a follower a few entries
    // behind is not a hub that went back (section 8).
    hubs.Next();
    hub_shown_seq = 0;
  }
  Apply(LinkEvent::kHubSilent);
}

void Subscriber::Impl::SendRequest(const wire::Bytes& frame, uint64_t request_id) {
  pending_request = request_id;
  request_deadline_ms = SteadyNowMs() + wire::kPeerExpiryMs;
  if (!SendFrame(*dealer, frame)) Lose("cannot queue a request to " + hubs.current());
}

void Subscriber::Impl::Pump(int64_t deadline) {
  while (true) {
    int64_t now = SteadyNowMs();
    // The same question would get the same refusal: an as-of subscriber stays lost.
    if (state == LinkState::kLost && !as_of_refused && now - lost_since_ms >= kReconnectDelayMs) Open();
    for (int i = 0; dealer && i < kMaxMessagesPerDrain; ++i) {
      auto message = RecvNow(*dealer);
      if (!message) break;
      HandleDealerFrame(*message);
    }
    for (int i = 0; sub && i < kMaxMessagesPerDrain; ++i) {
      auto topic = RecvNow(*sub);
      if (!topic) break;
      auto body = topic->more() ? RecvNow(*sub) : std::nullopt;
      if (body) HandleFanout(*topic, *body);
    }
    now = SteadyNowMs();
    if (dealer) Tick(now);
    if (now >= deadline) return;
    int wait = static_cast<int>(std::min<int64_t>(deadline - now, 50));
    if (dealer && sub) {
      WaitReadable(*dealer, &*sub, wait);
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(wait));
    }
  }
}

void Subscriber::Impl::Tick(int64_t now) {
  if (state == LinkState::kConnecting && watch) {
    std::string why;
    LinkWatch::Failure failure = watch->Take(&why);
    // libzmq does not reconnect after a refused key: lose the link, so that the
    // reconnect opens new sockets (the registry may list the key by then).
    if (failure == LinkWatch::Failure::kKeyRefused) return Lose(why);
    if (failure == LinkWatch::Failure::kHandshakeFailed) handshake_failure = why;
  }
  if (state == LinkState::kConnecting && now > hello_deadline_ms) {
    return Lose("no Welcome from the hub at " + hubs.current() + " within " +
                std::to_string(config.connect_timeout_ms) + " ms" +
                (handshake_failure.empty() ? "" : ": " + handshake_failure));
  }
  if (pending_request != 0 && now > request_deadline_ms) {
    return Lose("no reply from the hub at " + hubs.current() + " within " + std::to_string(wire::kPeerExpiryMs) +
                " ms");
  }
  if (state != LinkState::kConnecting && now - last_status_ms > wire::kPeerExpiryMs) {
    return Lose("no HubStatus on " + fanout_endpoint + " for " + std::to_string(wire::kPeerExpiryMs) + " ms");
  }
  if (welcomed && now >= heartbeat_due_ms) {
    wire::HeartbeatFields fields{config.node_id, WallNowMs(), 0, 0, kSoftwareVersion};
    SendFrame(*dealer, wire::BuildHeartbeat(fields));
    heartbeat_due_ms = now + wire::kHeartbeatIntervalMs;
  }
  if (status_gap_seq != 0 && last_seq >= status_gap_seq) status_gap_seq = 0;
  if (status_gap_seq != 0 && state == LinkState::kLive && now >= status_gap_deadline_ms) {
    status_gap_seq = 0;
    StartGapRepair();
  }
}

void Subscriber::Impl::HandleDealerFrame(const zmq::message_t& message) {
  auto checked = wire::CheckHubFrame(AlignedView(message, scratch));
  if (!checked) {
    ++counters.bad_frames;
    return;
  }
  const wire::Frame* frame = checked.value();
  if (const auto* welcome = frame->body_as_Welcome()) {
    if (state == LinkState::kConnecting) OnWelcome(*welcome);
    return;
  }
  if (const auto* nack = frame->body_as_Nack()) return OnNack(*nack);
  if (pending_request == 0 || frame->request_id() != pending_request) return;  // a stale reply
  pending_request = 0;
  if (const auto* page = frame->body_as_SnapshotPage()) {
    if (state == LinkState::kSnapshot) OnSnapshotPage(*page);
  } else if (const auto* replay = frame->body_as_ReplayPage()) {
    if (state == LinkState::kCatchingUp) OnReplayPage(*replay);
  }
}

void Subscriber::Impl::HandleFanout(const zmq::message_t& topic, const zmq::message_t& body) {
  std::string_view name(static_cast<const char*>(topic.data()), topic.size());
  if (wire::IsHubStatusTopic(name)) {
    auto checked = wire::CheckHubFrame(AlignedView(body, scratch));
    if (!checked || checked.value()->body_as_HubStatus() == nullptr) {
      ++counters.bad_frames;
      return;
    }
    return OnHubStatus(*checked.value()->body_as_HubStatus());
  }
  if (name == wire::kTopicAuditHead) return OnAuditHead(AlignedView(body, scratch));
  if (name.ends_with(".remarked")) {
    auto checked = wire::CheckHubFrame(AlignedView(body, scratch));
    if (!checked || checked.value()->body_as_Remarked() == nullptr) {
      ++counters.bad_frames;
      return;
    }
    return OnRemarked(checked.value()->body_as_Remarked()->hub_seq());
  }
  OnLiveEvent(AlignedView(body, scratch));
}

// The hub sends the notice before the event at hub_seq: at or below last_seq
// it is already reflected (a snapshot taken after it, or a replay that said
// so). Before the first snapshot the replay after it will say so.
void Subscriber::Impl::OnRemarked(uint64_t hub_seq) {
  if (!positioned || hub_seq <= last_seq) return;
  ++counters.remarks;
  ReloadForRemark(hub_seq);
}

void Subscriber::Impl::OnHubStatus(const wire::HubStatus& status) {
  ++counters.hub_statuses;
  last_status_ms = SteadyNowMs();
  if (sink != nullptr && sink->on_hub_status) sink->on_hub_status(status);
  WatchForRewind(status.hub_seq(), last_status_ms);
  if (positioned && state == LinkState::kLive && status.hub_seq() > last_seq && status_gap_seq == 0) {
    status_gap_seq = status.hub_seq();
    status_gap_deadline_ms = last_status_ms + kStatusGapGraceMs;
  }
}

void Subscriber::Impl::OnAuditHead(wire::ByteView frame) {
  auto head = wire::CheckSignedAuditHeadFrame(frame);
  if (!head) {
    ++counters.bad_frames;
    return;
  }
  AuditHeadWatch::Verdict verdict = audit_heads.Offer(head.value());
  if (verdict == AuditHeadWatch::Verdict::kNew) {
    ++counters.audit_heads;
    if (sink != nullptr && sink->on_audit_head) sink->on_audit_head(head.value());
  } else if (verdict == AuditHeadWatch::Verdict::kRefused) {
    ++counters.audit_heads_refused;
    if (sink != nullptr && sink->on_audit_head_refused) sink->on_audit_head_refused(audit_heads.problem());
    if (sink != nullptr && sink->on_signed_audit_head_refused && audit_heads.last_refused_was_signed()) {
      sink->on_signed_audit_head_refused(head.value(), audit_heads.problem());
    }
  }
}

// A hub restored while our session survived it (no silence long enough to
// lose the link, no NoSession) shows up only here: say Hello again, and let
// the Welcome decide.
void Subscriber::Impl::WatchForRewind(uint64_t status_seq, int64_t now) {
  bool behind = positioned && state != LinkState::kConnecting && state != LinkState::kLost && WentBack(status_seq);
  if (!behind) {
    rewind_suspect_deadline_ms = 0;
    hub_shown_seq = std::max(hub_shown_seq, status_seq);
    return;
  }
  if (rewind_suspect_deadline_ms == 0) {
    rewind_suspect_deadline_ms = now + kStatusRewindGraceMs;
    return;
  }
  if (now < rewind_suspect_deadline_ms) return;
  rewind_suspect_deadline_ms = 0;
  pending_request = 0;
  Apply(LinkEvent::kNoSession);
  SendHello();
}

void Subscriber::Impl::OnLiveEvent(wire::ByteView frame) {
  auto event = wire::CheckEventFrame(frame);
  if (!event) {
    ++counters.bad_frames;
    return;
  }
  uint64_t seq = event->hub_seq;
  if (positioned && seq <= last_seq) {
    ++counters.dropped_old;
    return;
  }
  if (state != LinkState::kLive) return BufferLive(seq, frame);
  if (seq == last_seq + 1) {
    DeliverNext(frame, &counters.live_events);
    return DrainLiveBuffer();
  }
  BufferLive(seq, frame);
  StartGapRepair();
}

Subscriber::Subscriber(zmq::context_t& context, SubscriberConfig config)
    : impl_(std::make_unique<Impl>(context, std::move(config))) {}

Subscriber::~Subscriber() = default;

void Subscriber::Poll(int timeout_ms, const SubscriberSink& sink) {
  Impl& s = *impl_;
  s.sink = &sink;
  if (!s.opened_once) s.Open();
  s.Pump(SteadyNowMs() + std::max(timeout_ms, 0));
  s.sink = nullptr;
}

uint64_t Subscriber::last_seq() const { return impl_->last_seq; }
LinkState Subscriber::link_state() const { return impl_->state; }
uint64_t Subscriber::gaps_repaired() const { return impl_->gaps_repaired; }
SubscriberCounters Subscriber::counters() const { return impl_->counters; }
const std::string& Subscriber::last_error() const { return impl_->last_error; }
const std::string& Subscriber::hub_endpoint() const { return impl_->hubs.current(); }
bool Subscriber::as_of_refused() const { return impl_->as_of_refused; }
bool Subscriber::ever_welcomed() const { return impl_->welcomed; }
const std::string& Subscriber::rewind_detail() const { return impl_->rewind_detail; }
const std::optional<wire::SignedHeadFields>& Subscriber::latest_audit_head() const {
  return impl_->audit_heads.latest();
}

}  // namespace opsroom::nodes
