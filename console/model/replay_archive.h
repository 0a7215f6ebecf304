// The hub's log as this console fetched it (every logged event it may see,
// replayed from sequence 1 and then followed live: docs/protocol.md 8.2), and
// keyframes: copies of a model that applied the first k events, so the
// picture at any moment is rebuilt from the nearest keyframe rather than from
// the start. Keyframes are bounded in number: past max_keyframes every other
// one goes and the spacing doubles, so memory stays at most max_keyframes
// models while a rebuild applies at most one spacing of events. With
// max_events the archive is capped: past it the oldest half of its events
// goes and the picture before the first event kept becomes its base, so the
// archive then starts at a moment after the log's start (Covers); the state
// at an earlier moment comes from the hub (docs/protocol.md 8.1.1) and
// StartFrom makes it the base of a new archive. UI thread only (or one owner
// thread: benches, tests).
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "console/model/console_model.h"
#include "console/model/events.h"

namespace opsroom::console {

struct ReplayConfig {
  std::size_t keyframe_every = 25'000;  // events between keyframes (doubles when thinned)
  std::size_t max_keyframes = 16;
  // 0: every event is kept. Else at most this many (about 2.9 KB each with
  // their share of keyframes at 1,000,000 events: docs/desk.md section 8).
  std::size_t max_events = 0;
};

// The hub time an event carries (0 for what the link says of itself).
int64_t HubTimeOf(const ConsoleEvent& event);
uint64_t HubSeqOf(const ConsoleEvent& event);

class ReplayArchive {
 public:
  explicit ReplayArchive(ReplayConfig config = {});

  // Appends a logged event (those with a hub sequence, in hub order); other
  // events (link, status, audit heads) and repeats are ignored. Returns
  // whether it was kept.
  bool Append(ConsoleEvent event);
  // Forgets everything (the hub was restored: its log went back).
  void Clear();
  // Starts again from `state`, the picture at hub sequence `seq` stamped
  // `time_ms` (the hub's state at a past moment): later Appends continue it.
  void StartFrom(uint64_t seq, int64_t time_ms, ConsoleModel state);

  std::size_t size() const { return events_.size(); }
  bool empty() const { return events_.empty(); }
  const ConsoleEvent& at(std::size_t index) const { return events_[index]; }
  int64_t first_time_ms() const { return events_.empty() ? 0 : HubTimeOf(events_.front()); }
  // The earliest moment this archive was given: the hub time of the first
  // event appended since Clear (kept when the cap drops it), or StartFrom's
  // time. The replay's slider reaches back to it.
  int64_t origin_time_ms() const { return origin_time_ms_; }
  int64_t last_time_ms() const { return time_max_.empty() ? base_time_ms_ : time_max_.back(); }
  uint64_t last_seq() const { return events_.empty() ? base_seq_ : HubSeqOf(events_.back()); }
  // The picture before the first event kept is that at this sequence (0: the
  // log's start) and hub time.
  uint64_t base_seq() const { return base_seq_; }
  int64_t base_time_ms() const { return base_time_ms_; }
  // Can the archive show the picture at hub time T? Not before its base.
  bool Covers(int64_t hub_time_ms) const { return base_seq_ == 0 || hub_time_ms >= base_time_ms_; }
  uint64_t dropped() const { return dropped_; }  // events the cap let go
  std::size_t keyframe_count() const { return keyframes_.size(); }
  std::size_t keyframe_every() const { return config_.keyframe_every; }

  // How many events lie at or before hub time T: the picture at T is the one
  // after them. (Hub time never runs back within a log; should a clock step
  // back, the events under the earlier maximum count as before T.)
  std::size_t CountAt(int64_t hub_time_ms) const;

  // Makes `model` the picture after the first `count` events, from the
  // nearest keyframe at or before it. The filter, sort and deadlines of the
  // model passed in are kept. Returns how many events it applied.
  std::size_t Rebuild(std::size_t count, ConsoleModel* model) const;
  // Applies events [from, to) to `model`, each at its own hub time.
  void ApplyRange(std::size_t from, std::size_t to, ConsoleModel* model) const;

 private:
  struct Keyframe {
    std::size_t count = 0;
    std::shared_ptr<const ConsoleModel> model;
  };
  void Thin();
  // Drops the oldest events down to half the cap; their picture becomes the base.
  void Trim();

  ReplayConfig config_;
  std::vector<ConsoleEvent> events_;
  std::vector<int64_t> time_max_;  // running maximum of hub time: sorted, for CountAt
  std::vector<Keyframe> keyframes_;
  ConsoleModel builder_;  // follows the archive's end; copied into keyframes
  ConsoleModel base_;     // the picture before events_[0]
  uint64_t base_seq_ = 0;
  int64_t base_time_ms_ = 0;
  int64_t origin_time_ms_ = 0;
  uint64_t dropped_ = 0;
};

}  // namespace opsroom::console
