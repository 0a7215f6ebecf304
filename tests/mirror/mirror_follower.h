// A Subscriber feeding a StateMirror: the room's state kept current from the
// hub, with the delivery contract checked as it goes (after the snapshot,
// every event is exactly last+1). For tests and the chaos harness.
// Not thread-safe: one owner thread.
#pragma once
#include <cstdint>
#include <functional>

#include "nodes/client/subscriber.h"
#include "tests/mirror/state_mirror.h"

namespace opsroom::nodes {

class MirrorFollower {
 public:
  MirrorFollower(zmq::context_t& context, SubscriberConfig config);

  void Poll(int timeout_ms);
  // Polls until done() or timeout_ms; returns done().
  bool PollUntil(const std::function<bool()>& done, int timeout_ms);
  // Polls until last_seq() >= hub_seq or timeout_ms.
  bool CatchUpTo(uint64_t hub_seq, int timeout_ms);

  const StateMirror& mirror() const { return mirror_; }
  const Subscriber& subscriber() const { return subscriber_; }
  uint64_t last_seq() const { return subscriber_.last_seq(); }
  bool snapshot_done() const { return snapshot_done_; }
  uint64_t snapshot_seq() const { return snapshot_seq_; }
  uint64_t events_after_snapshot() const { return events_after_snapshot_; }
  uint64_t order_violations() const { return order_violations_; }  // must stay 0
  uint64_t last_hub_status_seq() const { return last_hub_status_seq_; }
  uint64_t rewinds() const { return rewinds_; }                // times the mirror was dropped for a hub that went back
  uint64_t remark_reloads() const { return remark_reloads_; }  // times it was dropped for a re-marking
  // Sleeps this long in every on_event: a slow consumer.
  void set_delay_per_event_us(int delay_us) { delay_per_event_us_ = delay_us; }
  // Called after each event is applied (e.g. to record sequences).
  void set_on_event(std::function<void(const wire::CheckedEvent&)> on_event) { on_event_ = std::move(on_event); }

 private:
  void OnEvent(const wire::CheckedEvent& event);
  // A snapshot follows: start the mirror again from it.
  void DropMirror(uint64_t after_seq);

  Subscriber subscriber_;
  StateMirror mirror_;
  SubscriberSink sink_;
  std::function<void(const wire::CheckedEvent&)> on_event_;
  bool snapshot_done_ = false;
  uint64_t snapshot_seq_ = 0;
  uint64_t previous_seq_ = 0;
  bool ordered_phase_ = false;  // past the snapshot (or none was asked for)
  uint64_t events_after_snapshot_ = 0;
  uint64_t order_violations_ = 0;
  uint64_t last_hub_status_seq_ = 0;
  uint64_t rewinds_ = 0;
  uint64_t remark_reloads_ = 0;
  int delay_per_event_us_ = 0;
};

}  // namespace opsroom::nodes
