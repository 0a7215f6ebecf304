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
  model_.Apply(ReplayLink(), at_ms);  // a replay, not a link still connecting, even before its first picture
  active_ = true;
  applied_ = 0;
  speed_ = 0;
  last_tick_local_ms_ = 0;
  shown_ = Source::kWaiting;  // forces a rebuild even when the moment holds no events yet
  settled_ = true;
  at_ms_ = std::max(at_ms, kEarliestMomentMs);
  MoveTo();
}

void ReplaySession::Leave() {
  ++epoch_;
  active_ = false;
  speed_ = 0;
  applied_ = 0;
  shown_ = Source::kWaiting;
  model_ = ConsoleModel();
  past_.Reset();
}

void ReplaySession::SeekTo(int64_t at_ms, bool settled) {
  at_ms_ = std::max(at_ms, kEarliestMomentMs);
  settled_ = settled;
  MoveTo();
}

void ReplaySession::BeginHubState() {
  past_.Begin(at_ms_);
  if (shown_ == Source::kPast) {
    shown_ = Source::kWaiting;
    applied_ = 0;
  }
}

void ReplaySession::TakeHubState(std::vector<ConsoleEvent>* events) {
  if (past_.Take(events, archive_.base_seq()) && active_) MoveTo();
}

int64_t ReplaySession::earliest_ms() const {
  int64_t earliest = archive_.origin_time_ms();
  if (past_.phase() != ReplayPastWindow::Phase::kNone) earliest = std::min(earliest, past_.at_ms());
  return earliest;
}

ReplaySession::Source ReplaySession::SourceAt(int64_t at_ms) const {
  if (archive_.Covers(at_ms)) return Source::kArchive;
  if (past_.Holds(at_ms)) return Source::kPast;
  return Source::kWaiting;
}

// In the past window: to what arrived; once it is full, on towards the log's
// end, so that playing leaves it and the hub's state at the next moment is
// fetched.
int64_t ReplaySession::PlayEnd() const {
  if (shown_ != Source::kPast || past_.phase() == ReplayPastWindow::Phase::kDone) return archive_.last_time_ms();
  return past_.archive().last_time_ms();
}

void ReplaySession::MoveTo() {
  Source source = SourceAt(at_ms_);
  if (source == Source::kWaiting) return;  // the picture stays until the hub's state arrives
  auto start = std::chrono::steady_clock::now();
  const ReplayArchive& from = source == Source::kPast ? past_.archive() : archive_;
  std::size_t count = from.CountAt(at_ms_);
  // Forward and near in the same archive: apply what lies between; else from the nearest keyframe.
  if (source == shown_ && count >= applied_ && count - applied_ <= from.keyframe_every()) {
    from.ApplyRange(applied_, count, &model_);
    last_rebuild_events_ = count - applied_;
  } else {
    last_rebuild_events_ = from.Rebuild(count, &model_);
    ++epoch_;
    model_.Apply(ReplayLink(), at_ms_);
    shown_ = source;
  }
  applied_ = count;
  model_.Refresh(at_ms_);
  last_rebuild_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

void ReplaySession::Tick(int64_t local_now_ms) {
  if (!active_) return;
  if (speed_ > 0 && last_tick_local_ms_ != 0 && !waiting_for_hub()) {
    int64_t step = (local_now_ms - last_tick_local_ms_) * speed_;
    int64_t end = std::max(PlayEnd(), at_ms_);
    at_ms_ = std::min(at_ms_ + std::max<int64_t>(step, 0), end);
    Source source = SourceAt(at_ms_);
    const ReplayArchive& from = source == Source::kPast ? past_.archive() : archive_;
    std::size_t count = from.CountAt(at_ms_);
    if (source != shown_) {
      MoveTo();  // into the other archive, or out of the window: waits for the hub
    } else if (count > applied_) {
      from.ApplyRange(applied_, count, &model_);
      applied_ = count;
    }
    if (at_ms_ >= archive_.last_time_ms()) speed_ = 0;  // the end of the log: pause there
  }
  last_tick_local_ms_ = local_now_ms;
  model_.Refresh(at_ms_);
}

}  // namespace opsroom::console
