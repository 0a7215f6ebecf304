// A bounded hand-off between one producer thread and one consumer thread,
// with a named overflow policy and a counter for every time it applied
// (spdlog's async queue is the model). The consumer swaps everything out at
// once and never waits for the producer.
#pragma once
#include <chrono>
#include <condition_variable>
#include <algorithm>
#include <cstdint>
#include <deque>
#include <mutex>
#include <vector>

namespace opsroom::console {

enum class OverflowPolicy {
  kBlockProducer,  // the producer waits for room (nothing is lost)
  kDiscardNew,     // the new item is dropped and counted
  kOverrunOldest,  // the oldest item is dropped and counted
};
inline const char* OverflowPolicyName(OverflowPolicy policy) {
  switch (policy) {
    case OverflowPolicy::kBlockProducer: return "block_producer";
    case OverflowPolicy::kDiscardNew: return "discard_new";
    case OverflowPolicy::kOverrunOldest: return "overrun_oldest";
  }
  return "?";
}

struct QueueCounters {
  uint64_t pushed = 0;
  uint64_t discarded = 0;       // kDiscardNew drops
  uint64_t overrun = 0;         // kOverrunOldest drops
  uint64_t producer_waits = 0;  // kBlockProducer: pushes that found the queue full
  std::size_t depth = 0;
  std::size_t high_water = 0;
};

template <typename T>
class BoundedQueue {
 public:
  BoundedQueue(std::size_t capacity, OverflowPolicy policy) : capacity_(capacity ? capacity : 1), policy_(policy) {}

  // False when the item was dropped (kDiscardNew) or the queue is closed.
  bool Push(T item) {
    std::unique_lock lock(mutex_);
    if (items_.size() >= capacity_) {
      if (policy_ == OverflowPolicy::kDiscardNew) {
        ++counters_.discarded;
        return false;
      }
      if (policy_ == OverflowPolicy::kOverrunOldest) {
        items_.pop_front();
        ++counters_.overrun;
      } else {
        ++counters_.producer_waits;
        room_.wait(lock, [&] { return items_.size() < capacity_ || closed_; });
      }
    }
    if (closed_) return false;
    items_.push_back(std::move(item));
    ++counters_.pushed;
    counters_.high_water = std::max(counters_.high_water, items_.size());
    return true;
  }

  // Appends everything queued to *out; returns how many.
  std::size_t SwapOut(std::vector<T>* out) {
    std::deque<T> taken;
    {
      std::lock_guard lock(mutex_);
      taken.swap(items_);
    }
    room_.notify_all();
    std::size_t n = taken.size();
    for (auto& item : taken) out->push_back(std::move(item));
    return n;
  }

  // Wakes a waiting producer; later pushes fail.
  void Close() {
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
    }
    room_.notify_all();
  }

  QueueCounters counters() const {
    std::lock_guard lock(mutex_);
    QueueCounters c = counters_;
    c.depth = items_.size();
    return c;
  }
  std::size_t capacity() const { return capacity_; }
  OverflowPolicy policy() const { return policy_; }

 private:
  const std::size_t capacity_;
  const OverflowPolicy policy_;
  mutable std::mutex mutex_;
  std::condition_variable room_;
  std::deque<T> items_;
  QueueCounters counters_;
  bool closed_ = false;
};

}  // namespace opsroom::console
