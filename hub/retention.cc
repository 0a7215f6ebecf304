#include "hub/retention.h"

#include <algorithm>
#include <unordered_set>

#include "frame_generated.h"
#include "hub/audit_log.h"
#include "hub/audit_trail.h"
#include "hub/batch_in_hand.h"
#include "hub/key_layout.h"

namespace opsroom::hub {

std::optional<uint64_t> StateEventFor(Family family, std::string_view key, std::string_view value, std::string* error) {
  if (family == Family::kSitreps || family == Family::kAlerts) {
    auto parsed = ParseSequencedKey(key);
    if (!parsed) return *error = std::string("bad key in ") + FamilyName(family), std::nullopt;
    if (parsed->seq != 0) return parsed->seq;  // a sitrep, or an alert's action
  }
  auto record = DecodeEntity(value);
  if (!record) return *error = std::string("bad record in ") + FamilyName(family), std::nullopt;
  if (record->removed) return std::nullopt;
  return record->hub_seq;
}

StoreStatus ReadRetentionFloor(StoreReader& store, uint64_t* floor) {
  Lookup stored = store.Get(Family::kMeta, kRetentionFloorKey);
  if (!stored.status.ok()) return stored.status;
  *floor = 0;
  if (!stored.value) return StoreStatus::Ok();
  auto parsed = ParseBe64(*stored.value);
  if (!parsed) return {StoreCode::kCorruption, "unreadable retention floor"};
  *floor = *parsed;
  return StoreStatus::Ok();
}

SweepPlan PlanSweep(StoreReader& view, int64_t cutoff_ms, std::size_t max_examined) {
  SweepPlan plan;
  plan.cutoff_ms = cutoff_ms;
  uint64_t floor = 0;
  if (StoreStatus s = ReadRetentionFloor(view, &floor); !s.ok()) return plan.error = s.message(), plan;
  plan.from_seq = plan.below_seq = std::max<uint64_t>(floor, 1);
  // The log is in hub order and hub_time_ms follows it: the old events are a prefix.
  std::vector<uint64_t> old;
  StoreStatus scanned =
      view.Scan(Family::kLog, LogKey(plan.from_seq), [&](std::string_view key, std::string_view value) {
        auto seq = ParseBe64(key);
        const wire::Event* event = wire::GetFrame(value.data())->body_as_Event();
        if (!seq || event == nullptr) return plan.error = "unreadable log entry", false;
        if (event->hub_time_ms() >= cutoff_ms) return false;
        old.push_back(*seq);
        const wire::Envelope* envelope = event->envelope_nested_root();
        if (envelope != nullptr && envelope->payload_type() == wire::Payload::Check) plan.checks.push_back(*seq);
        plan.below_seq = *seq + 1;
        return old.size() < max_examined;
      });
  if (!scanned.ok()) plan.error = scanned.message();
  if (!plan.error.empty() || old.empty()) return plan;
  // Which of them current state still names: one pass over the state families.
  std::unordered_set<uint64_t> referenced;
  for (Family family : kStateFamilies) {
    StoreStatus s = view.Scan(family, "", [&](std::string_view key, std::string_view value) {
      std::optional<uint64_t> seq = StateEventFor(family, key, value, &plan.error);
      if (seq && *seq >= plan.from_seq && *seq < plan.below_seq) referenced.insert(*seq);
      return plan.error.empty();
    });
    if (!s.ok()) plan.error = s.message();
    if (!plan.error.empty()) return plan;
  }
  for (uint64_t seq : old) {
    if (referenced.count(seq) != 0) ++plan.kept;
    else plan.removable.push_back(seq);
  }
  std::erase_if(plan.checks, [&](uint64_t seq) { return referenced.count(seq) != 0; });
  return plan;
}

namespace {
// Plans in a row made before the last staged chunk committed; past this the
// chunk is taken as lost (a failed batch) and the plan is used.
constexpr int kMaxStalePlans = 50;
}  // namespace

Retention::Retention(Store& store, const HubConfig& config) : store_(store), config_(config) {}

Retention::~Retention() { Join(); }

void Retention::Join() {
  if (worker_.joinable()) worker_.join();
}

void Retention::Tick(int64_t now_ms, BatchInHand& batches, AuditTrail& audit) {
  if (!enabled()) return;
  if (!running_) {
    if (now_ms < next_sweep_ms_) return;
    running_ = true;
    planned_.store(false, std::memory_order_relaxed);
    next_ = 0;
    int64_t cutoff_ms = now_ms - config_.retain_ms;
    std::shared_ptr<StoreView> view = store_.OpenView();
    worker_ = std::thread([this, view, cutoff_ms] {
      plan_ = PlanSweep(*view, cutoff_ms, kMaxExaminedPerSweep);
      planned_.store(true, std::memory_order_release);
    });
    return;
  }
  if (!planned_.load(std::memory_order_acquire)) return;
  Join();
  auto finish = [&] {
    running_ = false;
    next_sweep_ms_ = now_ms + config_.retention_interval_ms;
  };
  if (!plan_.error.empty()) {
    audit.Record(now_ms, "retention", "hub", AuditFields().Add("error", plan_.error));
    return finish();
  }
  // A view opened while the previous sweep's last chunk was still in a batch
  // in flight plans those deletes again (and counts them twice): plan anew
  // from a later view. Bounded, because a failed batch never commits that chunk.
  if (plan_.from_seq < staged_floor_ && ++stale_plans_ <= kMaxStalePlans) {
    running_ = false;
    return;
  }
  stale_plans_ = 0;
  if (plan_.below_seq == plan_.from_seq) return finish();  // nothing old enough
  // One chunk per tick: the deletes, the floor that covers them and the
  // audit record reach the store in one atomic batch.
  std::size_t end = std::min(plan_.removable.size(), next_ + kMaxDeletesPerBatch);
  bool last = end == plan_.removable.size();
  uint64_t floor = last ? plan_.below_seq : plan_.removable[end];
  WriteSet& writes = batches.building().writes;
  for (std::size_t i = next_; i < end; ++i) writes.Delete(Family::kLog, LogKey(plan_.removable[i]));
  auto checks_from = std::lower_bound(plan_.checks.begin(), plan_.checks.end(), next_ < end ? plan_.removable[next_] : floor);
  for (auto check = checks_from; check != plan_.checks.end() && *check < floor; ++check) {
    writes.Delete(Family::kMeta, CheckIndexKey(*check));
  }
  writes.Put(Family::kMeta, kRetentionFloorKey, Be64(floor));
  AuditFields fields;
  fields.Add("removed", static_cast<uint64_t>(end - next_))
      .Add("first_removed", next_ < end ? plan_.removable[next_] : 0)
      .Add("last_removed", next_ < end ? plan_.removable[end - 1] : 0)
      .Add("floor", floor)
      .Add("cutoff_ms", plan_.cutoff_ms);
  if (last) fields.Add("sweep_from_seq", plan_.from_seq).Add("kept_for_state", plan_.kept).Add("done", true);
  audit.Record(now_ms, "retention", "hub", fields);
  staged_floor_ = floor;
  removed_ += end - next_;
  next_ = end;
  if (last) finish();
}

}  // namespace opsroom::hub
