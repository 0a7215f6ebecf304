// Replay: a second model, rebuilt from the archive of the log as it was at a
// moment the operator picks, played forward at 1x, 10x or 60x, and left in one
// key. The live model is never touched: the live link goes on applying to it
// while the screen shows the replay. UI thread only.
#pragma once
#include <cstddef>
#include <cstdint>

#include "console/model/console_model.h"
#include "console/model/replay_archive.h"

namespace opsroom::console {

class ReplaySession {
 public:
  static constexpr int kSpeeds[] = {1, 10, 60};

  explicit ReplaySession(ReplayConfig config = {}) : archive_(config) {}

  ReplayArchive& archive() { return archive_; }
  const ReplayArchive& archive() const { return archive_; }

  // Starts replaying at hub time `at_ms`, with the live model's filter, sort
  // and deadlines. Paused.
  void Enter(const ConsoleModel& live, int64_t at_ms);
  // Back to live: the replay model is dropped (memory), the archive kept.
  void Leave();
  bool active() const { return active_; }

  // The picture at hub time `at_ms`: forward, the events in between are
  // applied; backward, it is rebuilt from the nearest keyframe. A moment
  // before what the archive holds shows its first picture and sets
  // wants_hub_state() (the hub's state at that moment is needed).
  void SeekTo(int64_t at_ms);
  bool wants_hub_state() const { return active_ && !archive_.Covers(at_ms_); }
  // Plays at `speed` times real time (1, 10, 60); 0 pauses.
  void Play(int speed) { speed_ = speed; }
  int speed() const { return speed_; }
  // Once per frame: while playing, the replay clock moves by speed x the
  // local time since the last call and the events up to it are applied;
  // it stops at the archive's end. Then the model is refreshed at the clock.
  void Tick(int64_t local_now_ms);

  int64_t at_ms() const { return at_ms_; }
  std::size_t applied() const { return applied_; }  // events of the archive in the picture
  ConsoleModel& model() { return model_; }
  const ConsoleModel& model() const { return model_; }
  // The last rebuild: events applied and time taken (the view shows it).
  std::size_t last_rebuild_events() const { return last_rebuild_events_; }
  double last_rebuild_ms() const { return last_rebuild_ms_; }
  // Bumped whenever the picture was rebuilt or dropped (alert indices may
  // now name other alerts); applying events forward keeps them.
  uint64_t epoch() const { return epoch_; }

 private:
  void MoveTo(std::size_t count);

  ReplayArchive archive_;
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
