#include "hub/histogram.h"

#include <algorithm>
#include <stdexcept>

namespace opsroom::hub {

Histogram::Histogram(std::initializer_list<double> bounds) : bounds_(bounds) {
  if (bounds_.size() > kMaxBuckets || !std::is_sorted(bounds_.begin(), bounds_.end())) {
    throw std::invalid_argument("Histogram: at most 16 increasing bounds");
  }
}

void Histogram::Observe(double value) {
  const auto bucket =
      static_cast<std::size_t>(std::lower_bound(bounds_.begin(), bounds_.end(), value) - bounds_.begin());
  buckets_[bucket].fetch_add(1, std::memory_order_relaxed);
  double sum = sum_.load(std::memory_order_relaxed);
  while (!sum_.compare_exchange_weak(sum, sum + value, std::memory_order_relaxed)) {
  }
  count_.fetch_add(1, std::memory_order_relaxed);
}

Histogram::Reading Histogram::Read() const {
  Reading reading;
  reading.bounds = bounds_;
  uint64_t running = 0;
  for (std::size_t i = 0; i <= bounds_.size(); ++i) {
    running += buckets_[i].load(std::memory_order_relaxed);
    reading.cumulative.push_back(running);
  }
  reading.sum = sum_.load(std::memory_order_relaxed);
  reading.count = running;  // the buckets' total, so +Inf always equals _count
  return reading;
}

}  // namespace opsroom::hub
