#include "tests/mirror/mirror_follower.h"

#include <algorithm>
#include <chrono>
#include <thread>

#include "nodes/client/zmq_link.h"

namespace opsroom::nodes {

MirrorFollower::MirrorFollower(zmq::context_t& context, SubscriberConfig config) : subscriber_(context, config) {
  sink_.on_event = [this](const wire::CheckedEvent& event) { OnEvent(event); };
  sink_.on_snapshot_done = [this](uint64_t seq) {
    snapshot_done_ = true;
    snapshot_seq_ = seq;
    previous_seq_ = seq;
    ordered_phase_ = true;
  };
  sink_.on_hub_status = [this](const wire::HubStatus& status) { last_hub_status_seq_ = status.hub_seq(); };
  sink_.on_hub_rewound = [this](uint64_t, uint64_t hub_seq) {
    ++rewinds_;
    DropMirror(hub_seq);
  };
  sink_.on_remarked = [this](uint64_t) {
    ++remark_reloads_;
    DropMirror(0);
  };
}

void MirrorFollower::DropMirror(uint64_t after_seq) {
  mirror_ = StateMirror();
  snapshot_done_ = false;
  snapshot_seq_ = 0;
  previous_seq_ = after_seq;
  ordered_phase_ = false;
}

void MirrorFollower::OnEvent(const wire::CheckedEvent& event) {
  bool in_snapshot = subscriber_.link_state() == LinkState::kSnapshot;
  if (!in_snapshot) {
    if (ordered_phase_ && event.hub_seq != previous_seq_ + 1) ++order_violations_;
    ordered_phase_ = true;
    previous_seq_ = event.hub_seq;
    ++events_after_snapshot_;
  }
  mirror_.Apply(event);
  if (on_event_) on_event_(event);
  if (delay_per_event_us_ > 0) std::this_thread::sleep_for(std::chrono::microseconds(delay_per_event_us_));
}

void MirrorFollower::Poll(int timeout_ms) { subscriber_.Poll(timeout_ms, sink_); }

bool MirrorFollower::PollUntil(const std::function<bool()>& done, int timeout_ms) {
  const int64_t deadline = SteadyNowMs() + timeout_ms;
  while (!done()) {
    int64_t remaining = deadline - SteadyNowMs();
    if (remaining <= 0) return done();
    Poll(static_cast<int>(std::min<int64_t>(remaining, 20)));
  }
  return true;
}

bool MirrorFollower::CatchUpTo(uint64_t hub_seq, int timeout_ms) {
  return PollUntil([&] { return subscriber_.last_seq() >= hub_seq; }, timeout_ms);
}

}  // namespace opsroom::nodes
