// What one simulated run is made of, and the deliberately broken variants
// (negative controls): each breaks one guarantee so that a test can show the
// simulator's invariant for it fires (tests/cmake/sim.cmake).
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "tests/sim/sim_store.h"

namespace opsroom::sim {

struct Breaks {
  StoreBreaks store;
  bool drop_event = false;  // fan-out loses events and consoles trust the live stream (no replay repair)
  bool leak = false;        // fan-out grants every subscriber every topic, whatever its identity
};

// Parses a --break name; nullopt when unknown. Names: ack-before-sync,
// hole, lose-acked, doubles, drop-event, leak, read-failed-write.
std::optional<Breaks> ParseBreak(const std::string& name);

struct RunConfig {
  uint64_t seed = 1;
  uint32_t steps = 400;  // fault-injecting steps; a quiet phase follows until everything settles
  Breaks breaks;
  std::size_t trace_tail = 40;  // steps of trace printed for a failing seed
  // Negative controls run to the end and report the first violation of each
  // invariant: a broken variant often trips several, and the one expected
  // may come a few steps after another.
  bool keep_going = false;
};

}  // namespace opsroom::sim
