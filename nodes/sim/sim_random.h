// The simulator's random source: SplitMix64, with helpers written out so the
// same seed gives the same traffic with any standard library (std::
// distributions are implementation-defined). Not thread-safe.
#pragma once
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

namespace opsroom::nodes {

class SimRandom {
 public:
  explicit SimRandom(uint64_t seed) : state_(seed) {}

  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // [0, n); n > 0.
  uint64_t Below(uint64_t n) { return Next() % n; }
  // [lo, hi] inclusive.
  int64_t Between(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo + 1)));
  }
  // [0, 1).
  double Unit() { return static_cast<double>(Next() >> 11) * (1.0 / 9007199254740992.0); }
  bool Chance(double p) { return Unit() < p; }
  // An index drawn with the given weights (all >= 0, sum > 0).
  std::size_t Weighted(std::initializer_list<int> weights) { return Weighted(std::vector<int>(weights)); }
  std::size_t Weighted(const std::vector<int>& weights) {
    int64_t total = 0;
    for (int w : weights) total += w;
    int64_t r = static_cast<int64_t>(Below(static_cast<uint64_t>(total)));
    for (std::size_t i = 0; i < weights.size(); ++i) {
      if (r < weights[i]) return i;
      r -= weights[i];
    }
    return weights.size() - 1;
  }
  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[Below(items.size())];
  }
  // n characters from `alphabet`.
  std::string Chars(const char* alphabet, int n) {
    std::string text(alphabet);
    std::string out;
    for (int i = 0; i < n; ++i) out += text[Below(text.size())];
    return out;
  }
  std::string Digits(int n) { return Chars("0123456789", n); }
  std::string Letters(int n) { return Chars("ABCDEFGHJKLMNPRSTUVZ", n); }

 private:
  uint64_t state_;
};

}  // namespace opsroom::nodes
