// A Prometheus-style histogram: fixed upper bounds, counts per bucket, a sum
// and a count. Observed by one thread (the commit thread), read by another
// (the metrics endpoint) with relaxed atomics: each number is exact, a scrape
// is not one instant, which Prometheus tolerates.
#pragma once
#include <array>
#include <atomic>
#include <cstdint>
#include <initializer_list>
#include <vector>

namespace opsroom::hub {

class Histogram {
 public:
  static constexpr std::size_t kMaxBuckets = 16;
  // Upper bounds, increasing; +Inf is implied.
  explicit Histogram(std::initializer_list<double> bounds);

  void Observe(double value);

  struct Reading {
    std::vector<double> bounds;
    std::vector<uint64_t> cumulative;  // per bound, then +Inf (== count)
    double sum = 0;
    uint64_t count = 0;
  };
  Reading Read() const;

 private:
  std::vector<double> bounds_;
  std::array<std::atomic<uint64_t>, kMaxBuckets + 1> buckets_{};
  std::atomic<double> sum_{0};
  std::atomic<uint64_t> count_{0};
};

}  // namespace opsroom::hub
