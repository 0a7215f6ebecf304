// One raft entry of a cluster of hubs (docs/cluster.md, "The log: what an
// entry is"): a checked, staged Batch of the leader as bytes, or a barrier
// (a no-op a new leader proposes to learn that it has applied everything
// committed before its term). What an entry carries: the batch's WriteSet,
// its fan-out list, first/last seq, the origins' progress, the item versions
// it logs, and `built_on`, the hub sequence the leader's state stood at. The
// acks (the leader's sessions) and the in-flight overlay stay out.
// Pure functions; any thread.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "hub/batch.h"

namespace opsroom::hub {

// Bumped when the layout changes; a hub refuses an entry of another format
// (members must run the same release, docs/cluster.md).
inline constexpr uint32_t kEntryFormat = 1;

enum class EntryKind : uint8_t { kBatch = 1, kBarrier = 2 };

struct EntryHeader {
  EntryKind kind = EntryKind::kBatch;
  uint64_t built_on = 0;  // the hub sequence the batch was staged on
};

std::string EncodeBatchEntry(const Batch& batch, uint64_t built_on);
// `nonce` makes each barrier's bytes its own (the term that proposes it).
std::string EncodeBarrierEntry(uint64_t nonce);

// Fills `header` and, for a batch, `batch` (cleared first; acks and the
// overlay stay empty). Empty on success, else what is wrong and where: a
// truncated or garbled entry is refused whole, never half applied.
[[nodiscard]] std::string DecodeEntry(std::string_view bytes, EntryHeader& header, Batch& batch);

}  // namespace opsroom::hub
