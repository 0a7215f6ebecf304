// Subscriber catch-up, the Clone way: Hello, snapshot pages by token, replay
// from N+1 until the replay meets the buffered live events, then live.
#include <algorithm>

#include "nodes/client/software_version.h"
#include "nodes/client/subscriber_impl.h"
#include "nodes/client/zmq_link.h"
#include "wire/frame_check.h"
#include "wire/protocol_constants.h"

namespace opsroom::nodes {

void Subscriber::Impl::SendHello() {
  auto hello = wire::BuildHello(config.node_id, config.country, config.role, kSoftwareVersion, wire::kProtocolVersion);
  hello_deadline_ms = SteadyNowMs() + config.connect_timeout_ms;
  if (!SendFrame(*dealer, hello)) Lose("cannot queue Hello to " + hubs.current());
}

void Subscriber::Impl::OnWelcome(const wire::Welcome& welcome) {
  welcomed = true;
  heartbeat_due_ms = SteadyNowMs() + wire::kHeartbeatIntervalMs;
  rewind_suspect_deadline_ms = 0;
  if (positioned && WentBack(welcome.hub_seq())) OnHubRewound(welcome.hub_seq());
  hub_shown_seq = std::max(hub_shown_seq, welcome.hub_seq());
  if (!positioned && config.replay_from_seq > 0) {
    last_seq = config.replay_from_seq - 1;
    positioned = true;
  } else if (!positioned && config.start_after_seq > 0) {
    last_seq = config.start_after_seq;
    positioned = true;
  } else if (!positioned && !config.want_snapshot) {
    last_seq = welcome.hub_seq();  // live only: from what the hub has now
    positioned = true;
  }
  if (positioned) {
    Apply(LinkEvent::kWelcomeHaveState);
    return RequestReplay();
  }
  Apply(LinkEvent::kWelcomeNeedSnapshot);
  snapshot_token = 0;
  snapshot_events.clear();
  RequestSnapshot();
}

// Below what we applied AND below what this hub has shown before: a start
// point the caller chose beyond the hub's log is not a rewind.
bool Subscriber::Impl::WentBack(uint64_t hub_seq) const { return hub_seq < std::min(last_seq, hub_shown_seq); }

// The events above hub_seq we applied are gone from the hub, and its next
// events reuse their sequences: replaying from last_seq + 1 would silently
// skip them (docs/protocol.md section 8, "A hub that went back").
void Subscriber::Impl::OnHubRewound(uint64_t hub_seq) {
  uint64_t applied = last_seq;
  ++counters.hub_rewinds;
  live_buffer.clear();
  status_gap_seq = 0;
  hub_shown_seq = hub_seq;
  bool reload = TakesSnapshots();
  rewind_detail = "the hub's sequence went back from " + std::to_string(applied) + " to " + std::to_string(hub_seq) +
                  " (restored from a backup?): events " + std::to_string(hub_seq + 1) + ".." + std::to_string(applied) +
                  " applied here are no longer in its log; " +
                  (reload ? "state dropped, reloading from a snapshot"
                          : "continuing after hub_seq " + std::to_string(hub_seq) +
                                " (what the restored hub logged up to it is not shown)");
  if (reload) {
    positioned = false;
    last_seq = 0;
  } else {
    last_seq = hub_seq;
  }
  if (sink != nullptr && sink->on_hub_rewound) sink->on_hub_rewound(applied, hub_seq);
}

bool Subscriber::Impl::TakesSnapshots() const {
  return config.want_snapshot && config.replay_from_seq == 0 && config.start_after_seq == 0 && !AsOf();
}

// A re-marking that concerns us (docs/protocol.md 10.3): what we built may
// hold an item we may no longer see, or lack the earlier updates of one we
// now may. Start again from a snapshot, which reflects the latest markings.
void Subscriber::Impl::ReloadForRemark(uint64_t hub_seq) {
  if (!TakesSnapshots()) return;
  ++counters.remark_reloads;
  live_buffer.clear();
  status_gap_seq = 0;
  positioned = false;
  last_seq = 0;
  if (sink != nullptr && sink->on_remarked) sink->on_remarked(hub_seq);
  if (!dealer) return;  // a lost link: the next Welcome finds no position and takes the snapshot
  pending_request = 0;  // a reply still under way is stale: its request id no longer matches
  Apply(LinkEvent::kNoSession);
  SendHello();
}

void Subscriber::Impl::RequestSnapshot() {
  uint64_t id = next_request_id++;
  // Continuation pages need not repeat the moment (docs/protocol.md 8.1.1).
  wire::SnapshotAsOf as_of = snapshot_token == 0 ? config.as_of : wire::SnapshotAsOf{};
  SendRequest(wire::BuildSnapshotRequest(id, snapshot_token, wire::kMaxPageItems, as_of), id);
}

void Subscriber::Impl::RefuseAsOf(const std::string& why) {
  as_of_refused = true;
  Lose(why);
}

void Subscriber::Impl::OnSnapshotPage(const wire::SnapshotPage& page) {
  // An older hub skips the as_of fields and answers its current state.
  if (AsOf() && !page.as_of()) {
    return RefuseAsOf(
        "the hub at " + hubs.current() +
        " does not answer a state at a past moment (docs/protocol.md 8.1.1); it is older than this client");
  }
  snapshot_token = page.token();
  snapshot_seq = page.hub_seq();
  hub_shown_seq = std::max(hub_shown_seq, page.hub_seq());
  if (page.events() != nullptr) {
    for (const wire::Blob* blob : *page.events()) {
      snapshot_events.emplace_back(blob->bytes()->begin(), blob->bytes()->end());
    }
  }
  if (!page.done()) return RequestSnapshot();
  DeliverSnapshot();
}

void Subscriber::Impl::DeliverSnapshot() {
  for (const wire::Bytes& frame : snapshot_events) {
    auto event = wire::CheckEventFrame(frame);
    if (!event) {
      ++counters.bad_frames;
      continue;
    }
    ++counters.snapshot_events;
    ++counters.delivered;
    if (sink != nullptr && sink->on_event) sink->on_event(event.value());
  }
  snapshot_events.clear();
  last_seq = snapshot_seq;
  positioned = true;
  live_buffer.erase(live_buffer.begin(), live_buffer.upper_bound(last_seq));
  if (sink != nullptr && sink->on_snapshot_done) sink->on_snapshot_done(snapshot_seq);
  Apply(LinkEvent::kSnapshotDone);
  RequestReplay();
}

void Subscriber::Impl::RequestReplay() {
  if (!dealer || pending_request != 0) return;
  uint64_t id = next_request_id++;
  SendRequest(wire::BuildReplayRequest(id, last_seq + 1, wire::kMaxPageItems), id);
}

void Subscriber::Impl::OnReplayPage(const wire::ReplayPage& page) {
  hub_shown_seq = std::max(hub_shown_seq, page.hub_seq());
  if (page.remarked() != nullptr) {
    for (uint64_t remarked : *page.remarked()) {
      if (remarked <= last_seq) continue;
      ++counters.remarks;
      if (TakesSnapshots()) return ReloadForRemark(remarked);
    }
  }
  bool complete = true;
  if (page.events() != nullptr) {
    for (const wire::Blob* blob : *page.events()) {
      wire::ByteView bytes{blob->bytes()->data(), blob->bytes()->size()};
      // Need-to-know (docs/protocol.md 8.2): a page covers [from_seq, next_seq)
      // and withholds what this identity may not see; that is not a gap.
      auto event = wire::CheckEventFrame(bytes);
      if (event && event->hub_seq > last_seq + 1 && event->hub_seq < page.next_seq()) last_seq = event->hub_seq - 1;
      if (!DeliverNext(bytes, &counters.replayed_events)) {
        complete = false;
        break;
      }
    }
  }
  if (complete && page.next_seq() > last_seq + 1) last_seq = page.next_seq() - 1;
  live_buffer.erase(live_buffer.begin(), live_buffer.upper_bound(last_seq));
  if (last_seq < page.hub_seq()) return RequestReplay();  // more in the log
  DrainLiveBuffer();
  if (!live_buffer.empty()) return RequestReplay();  // buffered events lie beyond a gap
  Apply(LinkEvent::kCaughtUp);
}

void Subscriber::Impl::OnNack(const wire::Nack& nack) {
  std::string reason = nack.reason() != nullptr ? nack.reason()->str() : "";
  if (nack.code() == wire::RejectReason::NoSession) {
    pending_request = 0;
    Apply(LinkEvent::kNoSession);
    return SendHello();
  }
  if (nack.code() == wire::RejectReason::InvalidValue && state == LinkState::kSnapshot && AsOf()) {
    return RefuseAsOf("the hub cannot give its state at that moment: " + reason);
  }
  if (nack.code() == wire::RejectReason::SnapshotExpired && state == LinkState::kSnapshot) {
    pending_request = 0;
    snapshot_token = 0;
    snapshot_events.clear();
    return RequestSnapshot();
  }
  Lose("the hub refused: " + wire::ReasonLabel(nack.code()) + ": " + reason);
}

// Delivers the event if it is the next one in hub order; older ones are
// dropped (counted). False when the event is beyond a gap.
bool Subscriber::Impl::DeliverNext(wire::ByteView event_frame, uint64_t* counter) {
  auto event = wire::CheckEventFrame(event_frame);
  if (!event) {
    ++counters.bad_frames;
    return false;
  }
  if (event->hub_seq <= last_seq) {
    ++counters.dropped_old;
    return true;
  }
  if (event->hub_seq != last_seq + 1) return false;
  last_seq = event->hub_seq;
  hub_shown_seq = std::max(hub_shown_seq, last_seq);
  ++*counter;
  ++counters.delivered;
  if (sink != nullptr && sink->on_event) sink->on_event(event.value());
  return true;
}

void Subscriber::Impl::DrainLiveBuffer() {
  while (!live_buffer.empty() && live_buffer.begin()->first <= last_seq + 1) {
    auto node = live_buffer.extract(live_buffer.begin());
    DeliverNext(node.mapped(), &counters.live_events);
  }
}

void Subscriber::Impl::BufferLive(uint64_t hub_seq, wire::ByteView frame) {
  if (live_buffer.size() >= kMaxBufferedLiveEvents) {
    ++counters.buffer_overflows;  // discard-new: the replay brings it back
    return;
  }
  live_buffer.emplace(hub_seq, wire::Bytes(frame.begin(), frame.end()));
}

void Subscriber::Impl::StartGapRepair() {
  ++gaps_repaired;
  Apply(LinkEvent::kGap);
  RequestReplay();
}

}  // namespace opsroom::nodes
