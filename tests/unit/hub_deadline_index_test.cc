// The index of pending deadlines (hub/deadlines.h): earliest first, ties in
// (kind, id) order, a Set replaces the alert's deadlines, nothing stale or
// repeated ever comes out, and a model of it agrees over a random run.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "hub/deadlines.h"

namespace opsroom::hub {
namespace {

constexpr int64_t kT0 = 1'765'000'000'000;
constexpr AckDeadlines kAck = {0, 4'000, 2'000, 1'000};  // routine none, priority 4 s, urgent 2 s, flash 1 s

AlertClock Open(wire::Severity severity, int64_t version_ms, int64_t expires_at_ms = 0) {
  return {severity, version_ms, expires_at_ms, wire::AlertStatus::Open};
}

std::vector<Due> PopAll(DeadlineIndex& index, int64_t now_ms) {
  std::vector<Due> out;
  for (int i = 0; i < 10'000; ++i) {
    std::optional<Due> due = index.PopDue(now_ms);
    if (!due) break;
    out.push_back(*due);
  }
  return out;
}

TEST(DeadlineIndex, GivesTheEarliestFirstAndOnlyWhatIsDue) {
  DeadlineIndex index(kAck);
  index.Set("B", Open(wire::Severity::Priority, kT0));          // ack at +4000
  index.Set("A", Open(wire::Severity::Flash, kT0, kT0 + 3000));  // ack at +1000, expiry at +3000
  index.Set("C", Open(wire::Severity::Routine, kT0));           // none
  EXPECT_EQ(index.size(), 3u);
  EXPECT_FALSE(index.PopDue(kT0 + 999));
  std::vector<Due> due = PopAll(index, kT0 + 3000);
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[0], (Due{kT0 + 1000, DeadlineKind::kAcknowledge, "A"}));
  EXPECT_EQ(due[1], (Due{kT0 + 3000, DeadlineKind::kExpiry, "A"}));
  EXPECT_EQ(index.size(), 1u);
  EXPECT_EQ(PopAll(index, kT0 + 10'000), (std::vector<Due>{{kT0 + 4000, DeadlineKind::kAcknowledge, "B"}}));
  EXPECT_EQ(index.size(), 0u);
}

TEST(DeadlineIndex, BreaksTiesByKindThenId) {
  DeadlineIndex index(kAck);
  index.SetDue("Z", {{kT0, DeadlineKind::kExpiry, "Z"}});
  index.SetDue("Y", {{kT0, DeadlineKind::kAcknowledge, "Y"}});
  index.SetDue("X", {{kT0, DeadlineKind::kExpiry, "X"}});
  std::vector<Due> due = PopAll(index, kT0);
  ASSERT_EQ(due.size(), 3u);
  EXPECT_EQ(due[0].alert_id, "Y");
  EXPECT_EQ(due[1].alert_id, "X");
  EXPECT_EQ(due[2].alert_id, "Z");
}

TEST(DeadlineIndex, ASetReplacesAndNoStaleOrRepeatedDeadlineComesOut) {
  DeadlineIndex index(kAck);
  index.Set("A", Open(wire::Severity::Flash, kT0));
  index.Set("A", Open(wire::Severity::Flash, kT0));                                   // the same again
  index.Set("A", Open(wire::Severity::Urgent, kT0 + 500));                            // a new version
  index.Set("B", Open(wire::Severity::Flash, kT0));
  index.Set("B", AlertClock{wire::Severity::Flash, kT0, 0, wire::AlertStatus::Acknowledged});  // met in time
  index.Set("C", Open(wire::Severity::Flash, kT0));
  index.Set("C", std::nullopt);  // gone (retention)
  EXPECT_EQ(index.size(), 1u);
  EXPECT_EQ(PopAll(index, kT0 + 100'000), (std::vector<Due>{{kT0 + 2500, DeadlineKind::kAcknowledge, "A"}}));
  EXPECT_EQ(index.size(), 0u);
  // Set again after it was given out: due again (a reopened alert is the keeper's to judge).
  index.Set("A", Open(wire::Severity::Urgent, kT0 + 500));
  EXPECT_EQ(PopAll(index, kT0 + 100'000).size(), 1u);
}

TEST(DeadlineIndex, ClearForgetsEverything) {
  DeadlineIndex index(kAck);
  for (int i = 0; i < 100; ++i) index.Set("A" + std::to_string(i), Open(wire::Severity::Flash, kT0 + i));
  index.Clear();
  EXPECT_EQ(index.size(), 0u);
  EXPECT_FALSE(index.PopDue(kT0 + 1'000'000));
  index.Set("B", Open(wire::Severity::Flash, kT0));
  EXPECT_EQ(PopAll(index, kT0 + 1'000'000).size(), 1u);
}

// A plain model (the pending set per alert, everything recomputed) against
// the index over many random Sets, re-Sets, removals and pops: the same
// deadlines come out in the same order and nothing else.
TEST(DeadlineIndex, AgreesWithAModelOverARandomRun) {
  std::mt19937_64 random(20261207);
  DeadlineIndex index(kAck);
  std::map<std::string, std::vector<Due>> model;
  int64_t now = kT0;
  std::size_t popped = 0;
  for (int step = 0; step < 60'000; ++step) {
    std::string id = "AL-BP:A-" + std::to_string(random() % 2'000);
    switch (random() % 8) {
      case 0: {  // popping what is due, after time moves
        now += static_cast<int64_t>(random() % 400);
        std::set<Due> expected;
        for (const auto& [item, dues] : model)
          for (const Due& due : dues)
            if (due.due_ms <= now) expected.insert(due);
        std::vector<Due> got = PopAll(index, now);
        ASSERT_EQ(got, std::vector<Due>(expected.begin(), expected.end())) << "step " << step;
        for (const Due& due : got) std::erase(model[due.alert_id], due);
        std::erase_if(model, [](const auto& entry) { return entry.second.empty(); });
        popped += got.size();
        break;
      }
      case 1:
        index.Set(id, std::nullopt);
        model.erase(id);
        break;
      default: {
        auto severity = static_cast<wire::Severity>(random() % 4);
        int64_t version = now + static_cast<int64_t>(random() % 2000) - 1000;
        int64_t expires = random() % 3 == 0 ? now + static_cast<int64_t>(random() % 5000) : 0;
        auto status = random() % 4 == 0 ? wire::AlertStatus::Acknowledged : wire::AlertStatus::Open;
        AlertClock clock{severity, version, expires, status};
        index.Set(id, clock);
        std::vector<Due> dues = DeadlinesOf(id, clock, kAck);
        if (dues.empty()) {
          model.erase(id);
        } else {
          model[id] = dues;
        }
      }
    }
    std::size_t pending = 0;
    for (const auto& [item, dues] : model) pending += dues.size();
    ASSERT_EQ(index.size(), pending) << "step " << step;
  }
  EXPECT_GT(popped, 10'000u) << "the run should give many deadlines out";
}

}  // namespace
}  // namespace opsroom::hub
