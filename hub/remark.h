// Re-marking (docs/protocol.md section 10.3): when a new version of an alert,
// operation or watchlist entry changes its marking, every identity whose
// entitlement changes is told, live and by replay, so that it takes a new
// snapshot. The previous marking is kept in the meta family under
// "remark.<be64 hub_seq>" (written in the version's own batch), so that replay
// can tell whom a past re-marking concerned. Owned by the hub's loop thread.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hub/audience.h"
#include "hub/batch.h"
#include "hub/store.h"
#include "wire/entitlement.h"

namespace opsroom::hub {

std::string RemarkKey(uint64_t hub_seq);
std::string EncodeMarking(const wire::Marking& marking);
std::optional<wire::Marking> DecodeMarking(std::string_view bytes);

// Does the change from `before` to `after` concern this viewer (it may see the
// item under one and not under the other)?
bool RemarkConcerns(const wire::Viewer& viewer, const wire::Marking& before, const wire::Marking& after);

// The viewer classes ("national.SI") a re-marking concerns, for the audit:
// those that saw the item and no longer may, and those that now may.
struct RemarkedClasses {
  std::vector<std::string> narrowed;
  std::vector<std::string> widened;
};

// Adds to the batch being built the record of a re-marking at hub_seq and the
// Remarked notices for the viewer classes of `keys` it concerns; call before
// the version's own events so that a subscriber gets the notice first.
RemarkedClasses AddRemark(Batch& batch, const KeyTable& keys, Audience& audience, uint64_t hub_seq,
                          const wire::Marking& before, const wire::Marking& after);

// Replay: for each item version in `event_frames` (logged Frame{Event} bytes
// with their hub_seq), the sequences whose re-marking concerns `viewer`.
// A store error is returned as text (empty: fine).
// An operation closing (or reopening) changes what its participants may see
// of everything shared under it (section 10.5): records the concerned
// participants under ScopeFlipKey(hub_seq) and adds a Remarked notice for each
// of their viewer classes but the room's consoles (who see everything).
void AddScopeFlip(Batch& batch, const KeyTable& keys, Audience& audience, uint64_t hub_seq,
                  const std::vector<std::string>& participants);

std::string RemarksFor(StoreReader& store, const wire::Viewer& viewer, uint64_t hub_seq, std::string_view event_frame,
                       std::vector<uint64_t>& out);

}  // namespace opsroom::hub
