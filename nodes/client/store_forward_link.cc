// StoreAndForwardPublisher's link: the outbox is the storage, a Publisher the
// session. Messages are handed to the Publisher in node_seq order, at most
// max_in_flight at a time; a new session (after a stall, a failed connect or a
// hub that stays busy) starts again from the oldest pending message.
#include <algorithm>
#include <cstdio>

#include "nodes/client/envelope_builder.h"
#include "nodes/client/store_forward_impl.h"
#include "nodes/client/zmq_link.h"
#include "wire/frame_check.h"

namespace opsroom::nodes {

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
  std::vector<std::string> ring = hubs.FromCurrent();
  session_config.hub_endpoint = ring.front();
  session_config.other_hubs.assign(ring.begin() + 1, ring.end());
  publisher = std::make_unique<Publisher>(context, session_config);
  connect_started_ms = now;
  hellos_seen = 0;
  auto welcome = publisher->Connect();
  if (welcome) {
    Apply(ForwardEvent::kWelcome, "");
  } else if (!IsLinkFailure(welcome.rejection())) {
    Apply(ForwardEvent::kConnectFailed,
          "the hub refused Hello: " + wire::ReasonLabel(welcome.rejection().code) + " " + welcome.rejection().text);
  }
  // Otherwise the Publisher keeps saying Hello; Tick watches for the Welcome.
}

void StoreAndForwardPublisher::Impl::OnWelcome(int64_t now) {
  const WelcomeInfo& welcome = publisher->welcome();
  OnHubChosen();
  CheckWelcome(welcome.last_node_seq);
  RenumberNeverSent(welcome.last_node_seq);
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
  Warn(line);
}

void StoreAndForwardPublisher::Impl::CheckWelcome(uint64_t hub_last_node_seq) {
  if (config.publisher.other_hubs.empty()) return CheckHubKept(hub_last_node_seq);
  hub_check_pending = true;
}

void StoreAndForwardPublisher::Impl::Warn(const std::string& line) {
  if (config.on_warning) {
    config.on_warning(line);
  } else {
    std::fprintf(stderr, "opsroom-node: WARNING: %s\n", line.c_str());
  }
}

namespace {

// The envelope under another node_seq; a default message_id follows it.
wire::Bytes WithNodeSeq(const wire::Bytes& envelope, uint64_t node_seq) {
  std::unique_ptr<wire::EnvelopeT> object(wire::GetEnvelope(envelope.data())->UnPack());
  if (object->message_id == DefaultMessageId(object->origin, object->node_seq)) {
    object->message_id = DefaultMessageId(object->origin, node_seq);
  }
  object->node_seq = node_seq;
  return PackEnvelope(*object);
}

}  // namespace

// docs/protocol.md 5.4: an outbox no hub ever welcomed (a first start, or one
// recreated after a loss) numbered its reports from 1, maybe below what the
// hub holds from this node id, where they would be refused StaleSequence or
// SequenceReused. None of them was sent (sending starts after a Welcome), so
// they take the node_seqs after the hub's last before anything goes out.
void StoreAndForwardPublisher::Impl::RenumberNeverSent(uint64_t hub_last_node_seq) {
  if (outbox->welcomed()) return;
  std::string error;
  OutboxStatus box = outbox->Status();
  if (box.depth == 0 || box.oldest_node_seq > hub_last_node_seq) {
    if (wire::Status marked = outbox->MarkWelcomed(); !marked.ok) down_reason = marked.error;
    return;
  }
  auto pairs = outbox->RenumberPending(
      hub_last_node_seq + 1,
      [](const OutboxMessage& message, uint64_t node_seq) { return WithNodeSeq(message.envelope, node_seq); }, &error);
  if (!pairs) {
    down_reason = error;
    return;
  }
  renumbered.insert(renumbered.end(), pairs->begin(), pairs->end());
  std::string line = "hub " + publisher->welcome().hub_id + " holds node_seq up to " +
                     std::to_string(hub_last_node_seq) + " from " + config.publisher.node_id +
                     ", above this new outbox's: its " + std::to_string(pairs->size()) +
                     " queued report(s) now go as node_seq " + std::to_string(pairs->front().second) + ".." +
                     std::to_string(pairs->back().second) + " (was this node's outbox lost or replaced?)";
  Warn(line);
}

// The hub of this session, for the status and its HubStatus watch: the one
// the session opened on, or the leader a NotLeader moved it to.
void StoreAndForwardPublisher::Impl::OnHubChosen() {
  counts.hub_endpoint = publisher->hub_endpoint();
  if (!config.status_endpoint.empty()) return;
  if (std::string failed = WatchStatus(FanoutEndpointFor(counts.hub_endpoint)); !failed.empty()) down_reason = failed;
}

void StoreAndForwardPublisher::Impl::DropSession(int64_t now, const std::string& why) {
  if (publisher) counts.resent += publisher->counters().resent;
  // docs/protocol.md 17.2: the next session goes to the next member. A session
  // that followed a NotLeader continues the ring from the leader it found;
  // one that moved only because a Hello went unanswered does not count, as
  // that move is the one this drop makes.
  if (publisher && publisher->counters().leader_moves > 0) hubs.MoveTo(publisher->hub_endpoint());
  hubs.Next();
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
  bool failed = false;
  std::string why;
  wire::Status scanned = outbox->ForEachPending(handed_up_to, room, [&](const OutboxMessage& message) {
    auto sent = publisher->Publish(message.envelope);
    if (!sent) {
      failed = true;
      why = "the session refused to send node_seq " + std::to_string(message.node_seq) + ": " + sent.rejection().text;
      return false;
    }
    handed_up_to = message.node_seq;
    window[message.node_seq] = now;
    return true;
  });
  if (!scanned.ok) {
    failed = true;
    why = scanned.error;
  }
  if (failed) Apply(ForwardEvent::kStalled, why);
}

void StoreAndForwardPublisher::Impl::TakePublisherOutcomes(int64_t now) {
  std::vector<uint64_t> acked;
  AckMark latest;
  bool busy = false;
  std::string busy_text;
  std::vector<PublishOutcome> taken = publisher->TakeOutcomes();
  if (hub_check_pending && std::any_of(taken.begin(), taken.end(), [](const PublishOutcome& o) { return o.acknowledged(); })) {
    // The hub that acks leads: its Welcome holds everything acked (before these acks move the outbox's last ack).
    hub_check_pending = false;
    CheckHubKept(publisher->welcome().last_node_seq);
  }
  for (PublishOutcome& outcome : taken) {
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
      wire::Status kept = outbox->Refuse(outcome.node_seq, outcome.rejection.code, outcome.rejection.text, WallNowMs());
      if (!kept.ok) down_reason = kept.error;
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
    if (wire::Status removed = outbox->Remove(acked, &latest); !removed.ok) down_reason = removed.error;
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
  // A hub still answering is working through the window (a slow disk, a long
  // queue): only its silence is a stall. One that answers later messages but
  // never the oldest lost that answer; that shows after kPassedOverFactor
  // timeouts.
  auto oldest = window.begin();
  const int64_t timeout = config.ack_timeout_ms;
  int64_t waited = now - oldest->second;
  bool silent = now - std::max(publisher->last_heard_ms(), oldest->second) >= timeout;
  if (waited >= timeout && (silent || waited >= timeout * kPassedOverFactor)) {
    Apply(ForwardEvent::kStalled, "no answer for node_seq " + std::to_string(oldest->first) + " within " +
                                      std::to_string(waited) + " ms" +
                                      (silent ? " (the hub is silent)" : " (later ones were answered)"));
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
    auto checked = wire::CheckHubFrame(AlignedView(*body, scratch));
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
      Apply(ForwardEvent::kConnectFailed, "no Welcome from " + publisher->hub_endpoint() + " within " +
                                              std::to_string(config.connect_timeout_ms) + " ms");
    }
  }
  if (state == ForwardState::kUp) {
    // A re-Welcome inside the session (the hub restarted: NoSession, Hello)
    // is checked before this Poll's acks move the outbox's last ack.
    if (publisher->counters().welcomes != welcomes_checked) {
      welcomes_checked = publisher->counters().welcomes;
      OnHubChosen();
      CheckWelcome(publisher->welcome().last_node_seq);
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
                           "the envelope's origin " + e.origin()->str() + "/" + e.country()->str() +
                               " is not this node's " + config.publisher.node_id + "/" + config.publisher.country,
                           node_seq};
  }
  return std::nullopt;
}
}  // namespace opsroom::nodes
