// The simulator's one source of chance, and the digest of a run. Everything
// random in a run is drawn from one Rng seeded from the run's seed, so that a
// seed replays the same run byte for byte.
#pragma once
#include <cstddef>
#include <cstdint>

#include "nodes/sim/sim_random.h"

namespace opsroom::sim {

// The node simulator's SplitMix64 (its draws are written out, not <random>'s).
using Rng = nodes::SimRandom;

// FNV-1a, for the trace digest that proves two runs of a seed are identical.
class Digest {
 public:
  void Add(const void* data, std::size_t size) {
    const auto* bytes = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < size; ++i) value_ = (value_ ^ bytes[i]) * 0x100000001b3ULL;
  }
  void Add(uint64_t number) { Add(&number, sizeof number); }
  uint64_t value() const { return value_; }

 private:
  uint64_t value_ = 0xcbf29ce484222325ULL;
};

}  // namespace opsroom::sim
