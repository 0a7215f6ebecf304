// The hub's log as this console fetched it (every logged event it may see,
// replayed from sequence 1 and then followed live: docs/protocol.md 8.2), and
// keyframes: copies of a model that applied the first k events, so the
// picture at any moment is rebuilt from the nearest keyframe rather than from
// the start. Keyframes are bounded in number: past max_keyframes every other
// one goes and the spacing doubles, so memory stays at most max_keyframes
// models while a rebuild applies at most one spacing of events. UI thread
// only (or one owner thread: benches, tests).
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

  std::size_t size() const { return events_.size(); }
  bool empty() const { return events_.empty(); }
  const ConsoleEvent& at(std::size_t index) const { return events_[index]; }
  int64_t first_time_ms() const { return events_.empty() ? 0 : HubTimeOf(events_.front()); }
  int64_t last_time_ms() const { return time_max_.empty() ? 0 : time_max_.back(); }
  uint64_t last_seq() const { return events_.empty() ? 0 : HubSeqOf(events_.back()); }
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

  ReplayConfig config_;
  std::vector<ConsoleEvent> events_;
  std::vector<int64_t> time_max_;  // running maximum of hub time: sorted, for CountAt
  std::vector<Keyframe> keyframes_;
  ConsoleModel builder_;  // follows the archive's end; copied into keyframes
};

}  // namespace opsroom::console
