// The body of the frame fuzz target, shared by the libFuzzer binary (clang)
// and the plain replay driver (any compiler). Single-threaded: it keeps one
// JsonCodec for the whole process.
#pragma once
#include <cstddef>
#include <cstdint>

#include "reject_reason_generated.h"

namespace opsroom::fuzz {

// The checker's clock: fixed, so that a crash input reproduces on any day and
// the seeds of tests/fuzz/corpus/frame_fuzz stay "recent". Same instant as the unit tests.
inline constexpr int64_t kFuzzNowMs = 1'795'000'000'000;

// What each entry point said about one input (None = accepted).
struct FrameVerdicts {
  wire::RejectReason client = wire::RejectReason::None;    // CheckClientFrame (the hub's ingest)
  wire::RejectReason hub = wire::RejectReason::None;       // CheckHubFrame (a node reading the hub)
  wire::RejectReason envelope = wire::RejectReason::None;  // CheckEnvelope (bytes taken as an Envelope)
};

// Runs `data` through every check and, for what they accept, the JSON printer.
// Aborts (a crash for libFuzzer) when an invariant of the checkers is broken.
FrameVerdicts FuzzOneInput(const uint8_t* data, std::size_t size);

}  // namespace opsroom::fuzz
