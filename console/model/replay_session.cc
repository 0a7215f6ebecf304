#include "console/model/replay_session.h"

#include <algorithm>
#include <chrono>

namespace opsroom::console {
namespace {

// The replay shows a picture, not a connection: the link is "live" in it so
// no window calls it stale, and its detail says what is on screen.
LinkValue ReplayLink() { return LinkValue{LinkState::kLive, "replay of the hub's log"}; }

}  // namespace

void ReplaySession::Enter(const ConsoleModel& live, int64_t at_ms) {
  model_ = ConsoleModel();
  model_.filter() = live.filter();
  model_.sort() = live.sort();
  model_.set_deadlines(live.deadlines());
  active_ = true;
  applied_ = 0;
  speed_ = 0;
  last_tick_local_ms_ = 0;
  // Forces a rebuild even when the moment holds no events yet.
  at_ms_ = at_ms;
  MoveTo(archive_.CountAt(at_ms));
}

void ReplaySession::Leave() {
  ++epoch_;
  active_ = false;
  speed_ = 0;
  applied_ = 0;
  model_ = ConsoleModel();
}

void ReplaySession::SeekTo(int64_t at_ms) {
  at_ms_ = at_ms;
  MoveTo(archive_.CountAt(at_ms));
}

void ReplaySession::MoveTo(std::size_t count) {
  auto start = std::chrono::steady_clock::now();
  // Forward and near: apply what lies between; else from the nearest keyframe.
  if (count >= applied_ && applied_ > 0 && count - applied_ <= archive_.keyframe_every()) {
    archive_.ApplyRange(applied_, count, &model_);
    last_rebuild_events_ = count - applied_;
  } else {
    last_rebuild_events_ = archive_.Rebuild(count, &model_);
    ++epoch_;
    model_.Apply(ReplayLink(), at_ms_);
  }
  applied_ = count;
  model_.Refresh(at_ms_);
  last_rebuild_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

void ReplaySession::Tick(int64_t local_now_ms) {
  if (!active_) return;
  if (speed_ > 0 && last_tick_local_ms_ != 0) {
    int64_t step = (local_now_ms - last_tick_local_ms_) * speed_;
    int64_t end = std::max(archive_.last_time_ms(), at_ms_);
    at_ms_ = std::min(at_ms_ + std::max<int64_t>(step, 0), end);
    std::size_t count = archive_.CountAt(at_ms_);
    if (count > applied_) {
      archive_.ApplyRange(applied_, count, &model_);
      applied_ = count;
    }
    if (at_ms_ >= end) speed_ = 0;  // the end of the log: pause there
  }
  last_tick_local_ms_ = local_now_ms;
  model_.Refresh(at_ms_);
}

}  // namespace opsroom::console
