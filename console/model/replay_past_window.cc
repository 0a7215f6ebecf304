#include "console/model/replay_past_window.h"

#include <algorithm>

namespace opsroom::console {

ReplayPastWindow::ReplayPastWindow(ReplayConfig config)
    : config_(config), cap_(std::max<std::size_t>(config.max_events, 2)), archive_(WindowConfig(config)) {}

// The window stops growing at the cap instead of dropping its oldest events:
// those are the moment it was fetched for.
ReplayConfig ReplayPastWindow::WindowConfig(ReplayConfig config) {
  config.max_events = 0;
  return config;
}

void ReplayPastWindow::Begin(int64_t at_ms) {
  Reset();
  phase_ = Phase::kLoading;
  at_ms_ = at_ms;
}

void ReplayPastWindow::Reset() {
  phase_ = Phase::kNone;
  at_ms_ = 0;
  state_ = ConsoleModel();
  snapshot_events_ = 0;
  archive_ = ReplayArchive(WindowConfig(config_));
  met_archive_ = false;
  problem_.clear();
  refused_ = false;
}

bool ReplayPastWindow::Covers(int64_t hub_time_ms) const {
  if (phase_ == Phase::kNone || hub_time_ms < at_ms_) return false;
  // A fetch the hub refused (or whose link is down) stands only for the moment it asked.
  if (phase_ == Phase::kLoading && !problem_.empty()) return hub_time_ms == at_ms_;
  return phase_ != Phase::kDone || met_archive_ || hub_time_ms <= archive_.last_time_ms();
}

bool ReplayPastWindow::Holds(int64_t hub_time_ms) const {
  return ready() && hub_time_ms >= at_ms_ && (met_archive_ || hub_time_ms <= archive_.last_time_ms());
}

bool ReplayPastWindow::Take(std::vector<ConsoleEvent>* events, uint64_t meets_seq) {
  bool changed = false;
  for (ConsoleEvent& event : *events) {
    if (!fetching()) break;
    if (const auto* link = std::get_if<LinkValue>(&event)) {
      if (link->state == LinkState::kLost) {
        problem_ = link->detail.empty() ? "link to the hub lost" : link->detail;
        refused_ = link->for_good;
      }
      if (link->state == LinkState::kLive) problem_.clear();
      continue;
    }
    // History flowing again is the link recovered, whether or not its kLive
    // comes before the window is done and stops reading the link's news.
    if (HubSeqOf(event) != 0 || std::holds_alternative<SnapshotDoneValue>(event)) problem_.clear();
    if (phase_ == Phase::kLoading) {
      if (const auto* done = std::get_if<SnapshotDoneValue>(&event)) {
        state_.Apply(event, at_ms_);
        // The state at N stands for the moment asked: N is the last event at or before it.
        archive_.StartFrom(done->hub_seq, at_ms_, std::move(state_));
        state_ = ConsoleModel();
        phase_ = Phase::kFollowing;
        changed = true;
      } else {
        TakeSnapshotEvent(event);
      }
    } else {
      changed = archive_.Append(std::move(event)) || changed;
    }
    met_archive_ = ready() && meets_seq != 0 && archive_.last_seq() >= meets_seq;
    if (phase_ == Phase::kFollowing && (met_archive_ || archive_.size() >= cap_)) phase_ = Phase::kDone;
  }
  events->clear();
  return changed;
}

// Only what the log holds: the link's HubStatus (live node states) is no part
// of a past moment.
void ReplayPastWindow::TakeSnapshotEvent(const ConsoleEvent& event) {
  if (HubSeqOf(event) == 0) return;
  state_.Apply(event, HubTimeOf(event));
  ++snapshot_events_;
}

}  // namespace opsroom::console
