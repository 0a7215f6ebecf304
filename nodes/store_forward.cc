// StoreAndForwardPublisher: the outbox is the storage, a Publisher the
// session. Messages are handed to the Publisher in node_seq order, at most
// max_in_flight at a time; a new session (after a stall, a failed connect or a
// hub that stays busy) starts again from the oldest pending message.
#include "nodes/store_forward.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <sstream>
#include <thread>

#include "nodes/zmq_link.h"
#include "wire/frame_check.h"
#include "wire/places.h"

namespace opsroom::nodes {

namespace {

bool IsFinalRefusal(wire::RejectReason code) { return static_cast<int>(code) < 500; }

}  // namespace

ForwardStep Step(ForwardState state, ForwardEvent event) {
  using S = ForwardState;
  using A = ForwardAction;
  switch (state) {
    case S::kDown:
      if (event == ForwardEvent::kRetryDue) return {S::kConnecting, A::kOpenSession};
      return {S::kDown, A::kNone};
    case S::kConnecting:
      if (event == ForwardEvent::kWelcome) return {S::kUp, A::kSendFromOldest};
      if (event == ForwardEvent::kConnectFailed) return {S::kDown, A::kDropSessionAndBackOff};
      return {S::kConnecting, A::kNone};
    case S::kUp:
      if (event == ForwardEvent::kStalled || event == ForwardEvent::kHubBusy) {
        return {S::kDown, A::kDropSessionAndBackOff};
      }
      return {S::kUp, A::kNone};
  }
  return {state, A::kNone};
}

const char* ForwardStateName(ForwardState state) {
  switch (state) {
    case ForwardState::kDown: return "down";
    case ForwardState::kConnecting: return "connecting";
    case ForwardState::kUp: return "up";
  }
  return "?";
}

uint32_t Backoff::NextDelayMs() {
  uint64_t ceiling = max_ms_;
  if (attempt_ < 32) ceiling = std::min<uint64_t>(max_ms_, static_cast<uint64_t>(base_ms_) << attempt_);
  ++attempt_;
  uint64_t half = ceiling / 2;
  return static_cast<uint32_t>(half + rng_() % (ceiling - half + 1));
}

std::string FormatLastAck(const OutboxStatus& outbox, int64_t now_ms) {
  if (outbox.last_ack_ms == 0) return "none yet";
  int64_t ago = std::max<int64_t>(0, now_ms - outbox.last_ack_ms);
  return "node_seq " + std::to_string(outbox.last_acked_node_seq) + " hub_seq " +
         std::to_string(outbox.last_ack_hub_seq) + ", " + std::to_string(ago) + " ms ago";
}

std::string FormatStatus(const StoreForwardStatus& s) {
  std::ostringstream out;
  out << "link        " << ForwardStateName(s.state) << (s.link_lost ? " (LOST: " + s.link_detail + ")" : "") << '\n'
      << "outbox      " << s.outbox.depth << " pending";
  if (s.outbox.depth > 0) {
    out << ", oldest node_seq " << s.outbox.oldest_node_seq << " waiting " << s.oldest_unsent_age_ms << " ms";
  }
  out << '\n'
      << "last ack    " << FormatLastAck(s.outbox, WallNowMs()) << '\n'
      << "next seq    " << s.outbox.next_node_seq << '\n'
      << "counts      submitted " << s.submitted << ", acked " << s.acked << " (duplicates " << s.duplicates
      << "), refused " << s.refused << " (record holds " << s.outbox.refused << "), sessions " << s.sessions
      << ", link losses " << s.link_losses << '\n'
      << "hub         " << (s.hub_id.empty() ? "(none yet)" : s.hub_id)
      << (s.hub_durable ? "" : " NOT durable (--sync=none)") << '\n';
  if (!s.hub_loss_detail.empty()) out << "HUB LOSS    " << s.hub_loss_detail << '\n';
  return out.str();
}

struct StoreAndForwardPublisher::Impl {
  Impl(zmq::context_t& c, StoreForwardConfig cfg, std::unique_ptr<Outbox> box)
      : context(c),
        config(std::move(cfg)),
        outbox(std::move(box)),
        backoff(config.backoff_base_ms, config.backoff_max_ms,
                config.jitter_seed != 0 ? config.jitter_seed
                                        : static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count())) {}

  zmq::context_t& context;
  StoreForwardConfig config;
  std::unique_ptr<Outbox> outbox;
  Backoff backoff;
  wire::ValidationContext validation;
  std::unique_ptr<Publisher> publisher;
  std::optional<zmq::socket_t> status_sub;

  ForwardState state = ForwardState::kDown;
  int64_t retry_at_ms = 0;            // steady clock, while kDown
  int64_t connect_started_ms = 0;     // steady clock, while kConnecting
  uint64_t handed_up_to = 0;          // highest node_seq given to this session's Publisher
  std::map<uint64_t, int64_t> window;  // node_seq -> when handed (steady), until its outcome
  uint64_t hellos_seen = 0;           // Publisher re-Hellos resend the window: restart its clocks
  uint64_t welcomes_checked = 0;      // the Publisher's Welcomes already compared with the outbox
  int64_t heartbeat_due_ms = 0;
  int64_t last_status_ms = 0;         // steady clock of the last HubStatus; 0: none yet
  std::string down_reason = "not connected yet";
  bool lost = true;
  int64_t lost_since_wall_ms = 0;
  std::vector<PublishOutcome> outcomes;
  StoreForwardStatus counts;          // the counters part of Status()

  void Apply(ForwardEvent event, const std::string& why);
  void OpenSession(int64_t now);
  void OnWelcome(int64_t now);
  void CheckHubKept(uint64_t hub_last_node_seq);
  void DropSession(int64_t now, const std::string& why);
  void Refill(int64_t now);
  void TakePublisherOutcomes(int64_t now);
  void CheckStall(int64_t now);
  void DrainStatus(int64_t now);
  void Heartbeat(int64_t now);
  void UpdateLinkFlag(int64_t now);
  void Tick(int64_t now);
  std::optional<wire::Rejection> CheckBuilt(uint64_t node_seq, const wire::Bytes& envelope);
};

void StoreAndForwardPublisher::Impl::Apply(ForwardEvent event, const std::string& why) {
  int64_t now = SteadyNowMs();
  ForwardStep step = Step(state, event);
  state = step.next;
  switch (step.action) {
    case ForwardAction::kNone: break;
    case ForwardAction::kOpenSession: OpenSession(now); break;
    case ForwardAction::kSendFromOldest: OnWelcome(now); break;
    case ForwardAction::kDropSessionAndBackOff: DropSession(now, why); break;
  }
}

void StoreAndForwardPublisher::Impl::OpenSession(int64_t now) {
  PublisherConfig session_config = config.publisher;
  session_config.connect_timeout_ms = kConnectProbeMs;
  publisher = std::make_unique<Publisher>(context, session_config);
  connect_started_ms = now;
  hellos_seen = 0;
  auto welcome = publisher->Connect();
  if (welcome) {
    Apply(ForwardEvent::kWelcome, "");
  } else if (!IsLinkFailure(welcome.rejection())) {
    Apply(ForwardEvent::kConnectFailed, "the hub refused Hello: " + wire::ReasonLabel(welcome.rejection().code) +
                                            " " + welcome.rejection().text);
  }
  // Otherwise the Publisher keeps saying Hello; Tick watches for the Welcome.
}

void StoreAndForwardPublisher::Impl::OnWelcome(int64_t now) {
  const WelcomeInfo& welcome = publisher->welcome();
  CheckHubKept(welcome.last_node_seq);
  welcomes_checked = publisher->counters().welcomes;
  outbox->AdvanceNodeSeqTo(welcome.last_node_seq + 1);
  counts.hub_id = welcome.hub_id;
  counts.hub_seq_at_welcome = welcome.hub_seq;
  counts.hub_durable = welcome.durable;
  ++counts.sessions;
  hellos_seen = publisher->counters().hellos;
  handed_up_to = 0;
  window.clear();
  heartbeat_due_ms = now;
  Refill(now);
}

// docs/protocol.md 5.6: a Welcome below what the hub acknowledged to us means
// it lost acknowledged records (restored from a backup, or a WAL loss accepted
// by hand). Nothing can be resent: raise it, once per loss.
void StoreAndForwardPublisher::Impl::CheckHubKept(uint64_t hub_last_node_seq) {
  std::string error;
  auto loss = outbox->RecordHubLoss(hub_last_node_seq, WallNowMs(), &error);
  if (!loss) {
    if (!error.empty()) down_reason = error;
    return;
  }
  ++counts.hub_losses;
  std::string line = "hub " + publisher->welcome().hub_id + ": " + FormatHubLoss(*loss) + " (it holds node_seq up to " +
                     std::to_string(hub_last_node_seq) + ")" + (error.empty() ? "" : "; " + error);
  if (config.on_warning) {
    config.on_warning(line);
  } else {
    std::fprintf(stderr, "opsroom-node: WARNING: %s\n", line.c_str());
  }
}

void StoreAndForwardPublisher::Impl::DropSession(int64_t now, const std::string& why) {
  if (publisher) counts.resent += publisher->counters().resent;
  publisher.reset();
  window.clear();
  handed_up_to = 0;
  down_reason = why;
  retry_at_ms = now + backoff.NextDelayMs();
}

void StoreAndForwardPublisher::Impl::Refill(int64_t now) {
  if (state != ForwardState::kUp || !publisher) return;
  std::size_t max = config.publisher.max_in_flight;
  if (publisher->in_flight() >= max) return;
  std::size_t room = max - publisher->in_flight();
  std::string error;
  bool failed = false;
  std::string why;
  bool scanned = outbox->ForEachPending(handed_up_to, room, [&](const OutboxMessage& message) {
    auto sent = publisher->Publish(message.envelope);
    if (!sent) {
      failed = true;
      why = "the session refused to send node_seq " + std::to_string(message.node_seq) + ": " + sent.rejection().text;
      return false;
    }
    handed_up_to = message.node_seq;
    window[message.node_seq] = now;
    return true;
  }, &error);
  if (!scanned) {
    failed = true;
    why = error;
  }
  if (failed) Apply(ForwardEvent::kStalled, why);
}

void StoreAndForwardPublisher::Impl::TakePublisherOutcomes(int64_t now) {
  std::vector<uint64_t> acked;
  AckMark latest;
  std::string error;
  bool busy = false;
  std::string busy_text;
  for (PublishOutcome& outcome : publisher->TakeOutcomes()) {
    window.erase(outcome.node_seq);
    bool final_outcome = outcome.acknowledged() || IsFinalRefusal(outcome.rejection.code);
    if (final_outcome && config.on_outcome) config.on_outcome(outcome);
    if (outcome.acknowledged()) {
      acked.push_back(outcome.node_seq);
      ++counts.acked;
      if (outcome.duplicate) ++counts.duplicates;
      latest = {std::max(latest.hub_seq, outcome.hub_seq), WallNowMs()};
      outcomes.push_back(std::move(outcome));
    } else if (IsFinalRefusal(outcome.rejection.code)) {
      if (!outbox->Refuse(outcome.node_seq, outcome.rejection.code, outcome.rejection.text, WallNowMs(), &error)) {
        down_reason = error;
      }
      ++counts.refused;
      outcomes.push_back(std::move(outcome));
    } else {
      // The hub stayed busy past the Publisher's retries: the message stays
      // in the outbox; a later session resends it (with everything after it).
      busy = true;
      busy_text = wire::ReasonLabel(outcome.rejection.code) + " " + outcome.rejection.text;
    }
  }
  if (!acked.empty()) {
    backoff.Reset();
    if (!outbox->Remove(acked, &error, &latest)) down_reason = error;
  }
  if (busy) Apply(ForwardEvent::kHubBusy, "the hub stayed busy: " + busy_text);
}

void StoreAndForwardPublisher::Impl::CheckStall(int64_t now) {
  if (state != ForwardState::kUp || !publisher) return;
  uint64_t hellos = publisher->counters().hellos;
  if (hellos != hellos_seen) {
    // The Publisher said Hello again (NoSession: the hub restarted or expired
    // us) and resends its whole window after the Welcome.
    hellos_seen = hellos;
    for (auto& [node_seq, handed_ms] : window) handed_ms = now;
  }
  if (window.empty()) return;
  // Handed in node_seq order and reset all at once: the first is the oldest.
  auto oldest = window.begin();
  if (now - oldest->second >= static_cast<int64_t>(config.ack_timeout_ms)) {
    Apply(ForwardEvent::kStalled, "no answer for node_seq " + std::to_string(oldest->first) + " within " +
                                      std::to_string(config.ack_timeout_ms) + " ms");
  }
}

void StoreAndForwardPublisher::Impl::DrainStatus(int64_t now) {
  if (!status_sub) return;
  for (int i = 0; i < 100; ++i) {
    auto topic = RecvNow(*status_sub);
    if (!topic) return;
    if (!topic->more()) continue;
    auto body = RecvNow(*status_sub);
    if (!body) return;
    while (body->more()) {
      if (!RecvNow(*status_sub)) break;
    }
    auto checked = wire::CheckHubFrame(View(*body));
    if (checked && checked.value()->body_as_HubStatus() != nullptr) last_status_ms = now;
  }
}

void StoreAndForwardPublisher::Impl::Heartbeat(int64_t now) {
  if (state != ForwardState::kUp || !publisher || now < heartbeat_due_ms) return;
  OutboxStatus box = outbox->Status();
  int64_t wall = WallNowMs();
  wire::HeartbeatFields fields{config.publisher.node_id, wall, static_cast<uint32_t>(box.depth),
                               box.depth > 0 ? std::max<int64_t>(0, wall - box.oldest_enqueued_ms) : 0,
                               config.publisher.software_version};
  publisher->SendHeartbeat(fields);
  heartbeat_due_ms = now + kOutboxHeartbeatMs;
}

void StoreAndForwardPublisher::Impl::UpdateLinkFlag(int64_t now) {
  bool status_silent = status_sub && now - last_status_ms > static_cast<int64_t>(wire::kPeerExpiryMs);
  bool now_lost = state != ForwardState::kUp || status_silent;
  if (now_lost && !lost) {
    ++counts.link_losses;
    lost_since_wall_ms = WallNowMs();
  }
  if (!now_lost) lost_since_wall_ms = 0;
  if (status_silent && state == ForwardState::kUp) {
    down_reason = "no HubStatus for " + std::to_string(wire::kPeerExpiryMs) + " ms";
  }
  lost = now_lost;
}

void StoreAndForwardPublisher::Impl::Tick(int64_t now) {
  DrainStatus(now);
  if (state == ForwardState::kDown && now >= retry_at_ms) Apply(ForwardEvent::kRetryDue, "");
  if (state == ForwardState::kConnecting) {
    publisher->Poll(0);
    if (!publisher->welcome().hub_id.empty()) {
      Apply(ForwardEvent::kWelcome, "");
    } else if (now - connect_started_ms >= static_cast<int64_t>(config.connect_timeout_ms)) {
      Apply(ForwardEvent::kConnectFailed,
            "no Welcome from " + config.publisher.hub_endpoint + " within " +
                std::to_string(config.connect_timeout_ms) + " ms");
    }
  }
  if (state == ForwardState::kUp) {
    // A re-Welcome inside the session (the hub restarted: NoSession, Hello)
    // is checked before this Poll's acks move the outbox's last ack.
    if (publisher->counters().welcomes != welcomes_checked) {
      welcomes_checked = publisher->counters().welcomes;
      CheckHubKept(publisher->welcome().last_node_seq);
    }
    TakePublisherOutcomes(now);
    Refill(now);
    CheckStall(now);
    Heartbeat(now);
  }
  UpdateLinkFlag(now);
}

std::optional<wire::Rejection> StoreAndForwardPublisher::Impl::CheckBuilt(uint64_t node_seq,
                                                                          const wire::Bytes& envelope) {
  validation.now_ms = WallNowMs();
  auto checked = wire::CheckEnvelope(envelope, validation);
  if (!checked) {
    wire::Rejection rejection = checked.rejection();
    rejection.node_seq = node_seq;
    return rejection;
  }
  const wire::Envelope& e = *checked->envelope;
  if (e.node_seq() != node_seq) {
    return wire::Rejection{wire::RejectReason::InvalidValue,
                           "the envelope carries node_seq " + std::to_string(e.node_seq()) + ", not the reserved " +
                               std::to_string(node_seq),
                           node_seq};
  }
  if (e.origin()->str() != config.publisher.node_id || e.country()->str() != config.publisher.country) {
    return wire::Rejection{wire::RejectReason::OriginMismatch,
                           "the envelope's origin " + e.origin()->str() + "/" + e.country()->str() + " is not this node's " +
                               config.publisher.node_id + "/" + config.publisher.country,
                           node_seq};
  }
  return std::nullopt;
}

std::unique_ptr<StoreAndForwardPublisher> StoreAndForwardPublisher::Open(zmq::context_t& context,
                                                                         StoreForwardConfig config,
                                                                         std::string* error) {
  auto outbox = Outbox::Open(config.outbox_dir, error);
  if (!outbox) return nullptr;
  auto impl = std::make_unique<Impl>(context, std::move(config), std::move(outbox));
  impl->validation.places = impl->config.check_places ? &wire::PlaceCatalog::Embedded() : nullptr;
  std::string status_endpoint = impl->config.status_endpoint;
  if (status_endpoint.empty()) status_endpoint = FanoutEndpointFor(impl->config.publisher.hub_endpoint);
  if (status_endpoint != "none" && !status_endpoint.empty()) {
    try {
      zmq::socket_t sub(context, zmq::socket_type::sub);
      sub.set(zmq::sockopt::linger, 0);
      sub.set(zmq::sockopt::rcvhwm, 1000);
      sub.set(zmq::sockopt::subscribe, wire::kTopicHubStatus);
      ApplyCurveClient(sub, impl->config.publisher.curve);
      sub.connect(status_endpoint);
      impl->status_sub.emplace(std::move(sub));
    } catch (const zmq::error_t& e) {
      *error = "cannot watch HubStatus on " + status_endpoint + ": " + e.what();
      return nullptr;
    }
  }
  impl->last_status_ms = SteadyNowMs();  // give the hub one expiry period to be heard
  return std::unique_ptr<StoreAndForwardPublisher>(new StoreAndForwardPublisher(std::move(impl)));
}

StoreAndForwardPublisher::StoreAndForwardPublisher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
StoreAndForwardPublisher::~StoreAndForwardPublisher() = default;

wire::Result<uint64_t> StoreAndForwardPublisher::Submit(const EnvelopeFactory& build) {
  auto seqs = SubmitBatch(1, build);
  if (!seqs) return seqs.rejection();
  return seqs->front();
}

wire::Result<std::vector<uint64_t>> StoreAndForwardPublisher::SubmitBatch(std::size_t count,
                                                                          const EnvelopeFactory& build) {
  Impl& p = *impl_;
  std::vector<OutboxMessage> messages;
  std::vector<uint64_t> seqs;
  messages.reserve(count);
  int64_t wall = WallNowMs();
  for (std::size_t i = 0; i < count; ++i) {
    uint64_t node_seq = p.outbox->ReserveNodeSeq();
    wire::Bytes envelope = build(node_seq);
    if (auto rejection = p.CheckBuilt(node_seq, envelope)) return *rejection;
    messages.push_back({node_seq, wall, std::move(envelope)});
    seqs.push_back(node_seq);
  }
  std::string error;
  if (!p.outbox->Append(messages, &error)) return wire::Reject(wire::RejectReason::StoreFailed, error);
  p.counts.submitted += count;
  p.Refill(SteadyNowMs());
  return seqs;
}

void StoreAndForwardPublisher::AdvanceNodeSeqTo(uint64_t next) { impl_->outbox->AdvanceNodeSeqTo(next); }

void StoreAndForwardPublisher::Poll(int timeout_ms) {
  Impl& p = *impl_;
  const int64_t deadline = SteadyNowMs() + std::max(timeout_ms, 0);
  while (true) {
    int64_t now = SteadyNowMs();
    p.Tick(now);
    now = SteadyNowMs();
    if (now >= deadline) return;
    int slice = static_cast<int>(std::min<int64_t>(kPumpSliceMs, deadline - now));
    if (p.publisher && p.state != ForwardState::kDown) {
      p.publisher->Poll(slice);
    } else if (p.status_sub) {
      zmq::pollitem_t item{p.status_sub->handle(), 0, ZMQ_POLLIN, 0};
      zmq::poll(&item, 1, std::chrono::milliseconds(slice));
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(slice));
    }
  }
}

bool StoreAndForwardPublisher::Drain(int timeout_ms) {
  const int64_t deadline = SteadyNowMs() + timeout_ms;
  while (impl_->outbox->Status().depth > 0) {
    int64_t left = deadline - SteadyNowMs();
    if (left <= 0) return false;
    Poll(static_cast<int>(std::min<int64_t>(left, 50)));
  }
  return true;
}

void StoreAndForwardPublisher::ReportNow() {
  impl_->heartbeat_due_ms = 0;
  impl_->Heartbeat(SteadyNowMs());
}

std::vector<PublishOutcome> StoreAndForwardPublisher::TakeOutcomes() {
  std::vector<PublishOutcome> taken;
  taken.swap(impl_->outcomes);
  return taken;
}

bool StoreAndForwardPublisher::ForEachRefused(const std::function<bool(const RefusedMessage&)>& visit,
                                              std::string* error) const {
  return impl_->outbox->ForEachRefused(visit, error);
}

StoreForwardStatus StoreAndForwardPublisher::Status() const {
  const Impl& p = *impl_;
  StoreForwardStatus status = p.counts;
  status.state = p.state;
  status.link_lost = p.lost;
  status.link_detail = p.lost ? p.down_reason : "";
  status.link_lost_since_ms = p.lost_since_wall_ms;
  status.outbox = p.outbox->Status();
  if (status.outbox.hub_loss.reports > 0) status.hub_loss_detail = FormatHubLoss(status.outbox.hub_loss);
  status.last_ack_ms = status.outbox.last_ack_ms;
  int64_t wall = WallNowMs();
  status.oldest_unsent_age_ms =
      status.outbox.depth > 0 ? std::max<int64_t>(0, wall - status.outbox.oldest_enqueued_ms) : 0;
  status.in_flight = p.publisher ? p.publisher->in_flight() : 0;
  if (p.publisher) status.resent += p.publisher->counters().resent;
  int64_t now = SteadyNowMs();
  status.next_retry_in_ms =
      p.state == ForwardState::kDown ? static_cast<uint32_t>(std::max<int64_t>(0, p.retry_at_ms - now)) : 0;
  return status;
}

}  // namespace opsroom::nodes
