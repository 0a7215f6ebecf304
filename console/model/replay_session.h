// Replay: a second model, rebuilt from the archive of the log as it was at a
// moment the operator picks, played forward at 1x, 10x or 60x, and left in one
// key. A moment older than the archive holds comes from the hub's state at it
// (the past window, fetched by the app). The live model is never touched: the
// live link goes on applying to it while the screen shows the replay. UI
// thread only.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "console/model/console_model.h"
#include "console/model/replay_archive.h"
#include "console/model/replay_past_window.h"

namespace opsroom::console {

class ReplaySession {
 public:
  static constexpr int kSpeeds[] = {1, 10, 60};
  // The earliest moment a replay shows: hub time 0 on the state link means
  // "now" (as_of_time_ms, docs/protocol.md 8.1.1) and a negative one is
  // refused, so an earlier moment is shown as this one (nothing is older).
  static constexpr int64_t kEarliestMomentMs = 1;

  explicit ReplaySession(ReplayConfig config = {}) : archive_(config), past_(config) {}

  ReplayArchive& archive() { return archive_; }
  const ReplayArchive& archive() const { return archive_; }

  // Starts replaying at hub time `at_ms` (from kEarliestMomentMs), with the
  // live model's filter, sort and deadlines. Paused.
  void Enter(const ConsoleModel& live, int64_t at_ms);
  // Back to live: the replay model is dropped (memory), the archive kept.
  void Leave();
  bool active() const { return active_; }

  // The picture at hub time `at_ms` (from kEarliestMomentMs): forward, the events in between are
  // applied; backward, it is rebuilt from the nearest keyframe. A moment
  // before what the archive holds needs the hub's state at it: until the past
  // window holds it the picture stays as it was, and wants_hub_state() says
  // so when nobody asked yet.
  // `settled` false: a moment passed over while the slider is dragged, not
  // worth asking the hub for; the moment where it is let go is.
  void SeekTo(int64_t at_ms, bool settled = true);
  bool wants_hub_state() const {
    return active_ && settled_ && !archive_.Covers(at_ms_) && !past_.Covers(at_ms_);
  }
  // The app asked the hub for its state at at_ms() (docs/protocol.md 8.1.1).
  // The window's old contents are gone: its next picture is rebuilt, never
  // applied on top of the last moment's.
  void BeginHubState();
  // What the state link brought (ReplayPastWindow::Take); the picture follows.
  void TakeHubState(std::vector<ConsoleEvent>* events);
  const ReplayPastWindow& past() const { return past_; }
  // The picture is waiting for the hub's state at the moment.
  bool waiting_for_hub() const { return active_ && SourceAt(at_ms_) == Source::kWaiting; }
  // The slider's range: the earliest moment the archive was given (older ones
  // come from the hub) to the last event fetched.
  int64_t earliest_ms() const;
  int64_t latest_ms() const { return archive_.last_time_ms(); }
  // Plays at `speed` times real time (1, 10, 60); 0 pauses.
  void Play(int speed) { speed_ = speed; }
  int speed() const { return speed_; }
  // Once per frame: while playing, the replay clock moves by speed x the
  // local time since the last call and the events up to it are applied;
  // it stops at the archive's end, and holds while the hub's state is awaited.
  // Then the model is refreshed at the clock.
  void Tick(int64_t local_now_ms);

  int64_t at_ms() const { return at_ms_; }
  std::size_t applied() const { return applied_; }  // events of the shown archive in the picture
  // The archive the picture comes from: the log's, or the past window's.
  const ReplayArchive& shown_archive() const { return shown_ == Source::kPast ? past_.archive() : archive_; }
  // The picture comes from the hub's state at a moment (past()), which holds
  // no node links: only the links logged after past().at_ms() are in it.
  bool shows_hub_state() const { return shown_ == Source::kPast; }
  ConsoleModel& model() { return model_; }
  const ConsoleModel& model() const { return model_; }
  // The last rebuild: events applied and time taken (the view shows it).
  std::size_t last_rebuild_events() const { return last_rebuild_events_; }
  double last_rebuild_ms() const { return last_rebuild_ms_; }
  // Bumped whenever the picture was rebuilt or dropped (alert indices may
  // now name other alerts); applying events forward keeps them.
  uint64_t epoch() const { return epoch_; }

 private:
  enum class Source { kArchive, kPast, kWaiting };
  Source SourceAt(int64_t at_ms) const;
  // Where the replay clock may run to from the moment shown.
  int64_t PlayEnd() const;
  // Shows the picture at at_ms_ from where it lies.
  void MoveTo();

  ReplayArchive archive_;
  ReplayPastWindow past_;
  Source shown_ = Source::kWaiting;
  bool settled_ = true;
  ConsoleModel model_;
  bool active_ = false;
  int64_t at_ms_ = 0;
  std::size_t applied_ = 0;
  int speed_ = 0;
  int64_t last_tick_local_ms_ = 0;
  std::size_t last_rebuild_events_ = 0;
  double last_rebuild_ms_ = 0;
  uint64_t epoch_ = 0;
};

}  // namespace opsroom::console
