// The replay's window on a moment older than its archive holds (the archive
// is capped, or the console started after it): the hub's state at that moment
// (docs/protocol.md 8.1.1), built here from the snapshot's events, then the
// log after it, up to the archive's cap or until it meets the archive's base.
// The app fetches it on the state link and hands over what arrived; this
// class decides what it means. UI thread only.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "console/model/console_model.h"
#include "console/model/replay_archive.h"

namespace opsroom::console {

class ReplayPastWindow {
 public:
  enum class Phase {
    kNone,
    kLoading,    // asked; the snapshot's events are arriving
    kFollowing,  // the state at N is the base; the log after N is arriving
    kDone,       // full, or it reached the archive's base: the state link may close
  };

  explicit ReplayPastWindow(ReplayConfig config);

  // Starts over for the hub's state at hub time `at_ms`.
  void Begin(int64_t at_ms);
  // Nothing asked; memory released.
  void Reset();
  // The state link's events in the order it gave them: the snapshot's events,
  // SnapshotDone{N}, then the log after N. `meets_seq` is the archive's base
  // sequence: once the window holds it, nothing more is needed. What the link
  // says of itself is not history (a lost link is kept as problem()). Returns
  // whether the picture may have changed. Empties `events`.
  bool Take(std::vector<ConsoleEvent>* events, uint64_t meets_seq);

  Phase phase() const { return phase_; }
  bool fetching() const { return phase_ == Phase::kLoading || phase_ == Phase::kFollowing; }
  // The state is in: archive() shows moments from at_ms() on.
  bool ready() const { return phase_ == Phase::kFollowing || phase_ == Phase::kDone; }
  int64_t at_ms() const { return at_ms_; }
  // Does it stand for hub time t (asked for, or arriving)? From at_ms() on, up
  // to its last event once done (after it when it met the archive); only
  // at_ms() itself while its state has a problem. Asking the hub again for
  // such a moment would only start over.
  bool Covers(int64_t hub_time_ms) const;
  // Is the picture at hub time t in it now? From at_ms() on once the state is
  // in, up to the last event arrived (after it when it met the archive): a
  // later moment of a window still following the log is awaited, not shown.
  bool Holds(int64_t hub_time_ms) const;
  bool met_archive() const { return met_archive_; }
  const ReplayArchive& archive() const { return archive_; }
  std::size_t snapshot_events() const { return snapshot_events_; }
  // Why the state link was last lost while fetching (the hub's refusal, e.g.
  // a moment removed by retention); empty once events flow again (the link's
  // kLive, SnapshotDone or a logged event).
  const std::string& problem() const { return problem_; }
  // The hub refused this moment for good (LinkValue::for_good): the state
  // link will not reconnect and may close.
  bool refused() const { return refused_; }

 private:
  static ReplayConfig WindowConfig(ReplayConfig config);
  void TakeSnapshotEvent(const ConsoleEvent& event);

  ReplayConfig config_;
  std::size_t cap_;
  Phase phase_ = Phase::kNone;
  int64_t at_ms_ = 0;
  ConsoleModel state_;  // the snapshot's events applied so far
  std::size_t snapshot_events_ = 0;
  ReplayArchive archive_;
  bool met_archive_ = false;
  std::string problem_;
  bool refused_ = false;
};

}  // namespace opsroom::console
