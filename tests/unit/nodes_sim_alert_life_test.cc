// The simulated room works its alerts as a real one would (issue 13): run
// seeded at the demo's pace against a model of the hub's state rules
// (docs/protocol.md sections 6 and 15: the latest event sets the status; the
// hub expires an alert at its expires_at_ms), no message of it ever reopens an
// alert that was closed or expired, only the owner changes an alert's status
// (its messages alone keep their order at the hub), and alerts do get closed
// and expire.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "nodes/sim/traffic_generator.h"
#include "unit/nodes_sample_specs.h"
#include "wire/places.h"

namespace opsroom::nodes {
namespace {

using testing::kNowMs;

constexpr int64_t kStepMs = 200;  // the demo's rate: 5 messages a second
constexpr int kMessages = 6000;   // 20 minutes of it

bool Finished(wire::AlertStatus status) {
  return status == wire::AlertStatus::Closed || status == wire::AlertStatus::Expired;
}

struct HubView {
  wire::AlertStatus status = wire::AlertStatus::Open;
  int64_t expires_at_ms = 0;
  std::string owner;  // the origin that created it
};

struct RunCounts {
  int closed = 0;
  int expired = 0;
};

// Applies every message as the hub would; fails the test on a reopening.
RunCounts RunAgainstTheStateRules(uint64_t seed) {
  TrafficConfig config;
  config.seed = seed;
  TrafficGenerator generator(config, wire::PlaceCatalog::Embedded());
  std::map<std::string, HubView> alerts;
  RunCounts counts;
  for (int i = 0; i < kMessages; ++i) {
    int64_t now = kNowMs + i * kStepMs;
    for (auto& [id, view] : alerts) {
      if (view.expires_at_ms > 0 && view.expires_at_ms <= now && !Finished(view.status)) {
        view.status = wire::AlertStatus::Expired;
        ++counts.expired;
      }
    }
    SimMessage m = generator.Next(now);
    if (const auto* alert = std::get_if<AlertSpec>(&m.payload)) {
      auto [it, created] = alerts.try_emplace(alert->alert_id);
      EXPECT_TRUE(created || !Finished(it->second.status))
          << "seed " << seed << " message " << i << ": a new version of finished alert " << alert->alert_id;
      if (created) it->second.owner = m.header.origin;
      it->second.status = alert->status;
      it->second.expires_at_ms = alert->expires_at_ms;
    } else if (const auto* action = std::get_if<AlertActionSpec>(&m.payload)) {
      auto it = alerts.find(action->alert_id);
      if (it == alerts.end()) {
        ADD_FAILURE() << "an action on an alert never sent: " << action->alert_id;
        continue;
      }
      EXPECT_FALSE(Finished(it->second.status))
          << "seed " << seed << " message " << i << ": " << wire::EnumNameActionKind(action->kind) << " on "
          << wire::EnumNameAlertStatus(it->second.status) << " alert " << action->alert_id;
      // Only the owner's messages keep their order at the hub (one connection each).
      if (action->kind != wire::ActionKind::Comment) {
        EXPECT_EQ(m.header.origin, it->second.owner) << action->alert_id;
      }
      switch (action->kind) {
        case wire::ActionKind::Acknowledge: it->second.status = wire::AlertStatus::Acknowledged; break;
        case wire::ActionKind::Assign: it->second.status = wire::AlertStatus::Assigned; break;
        case wire::ActionKind::Escalate: it->second.status = wire::AlertStatus::Escalated; break;
        case wire::ActionKind::Close:
          it->second.status = wire::AlertStatus::Closed;
          ++counts.closed;
          break;
        case wire::ActionKind::Reopen: it->second.status = wire::AlertStatus::Open; break;
        default: break;
      }
    }
  }
  return counts;
}

TEST(NodesSimAlertLife, TheRoomNeverReopensAClosedOrExpiredAlert) {
  for (uint64_t seed : {3u, 11u, 29u}) {
    RunCounts counts = RunAgainstTheStateRules(seed);
    EXPECT_GT(counts.closed, 0) << "seed " << seed << ": the room closes alerts";
    EXPECT_GT(counts.expired, 0) << "seed " << seed << ": some are left to expire";
  }
}

TEST(NodesSimAlertLife, StepsOfAClosedAlertAreDropped) {
  AlertLife life;
  SimRandom rng(5);
  int64_t expires_at = life.Plan(rng, 0, "ME-BP:A-1", wire::Severity::Flash, kNowMs);
  EXPECT_TRUE(life.Workable("ME-BP:A-1", kNowMs));
  life.Record("ME-BP:A-1", wire::ActionKind::Close);
  EXPECT_FALSE(life.Workable("ME-BP:A-1", kNowMs));
  EXPECT_FALSE(life.TakeDue(expires_at).has_value()) << "no acknowledgement or close after the close";
  EXPECT_EQ(life.planned(), 0u);
}

TEST(NodesSimAlertLife, NoStepNearTheExpiry) {
  AlertLife life;
  SimRandom rng(5);
  int64_t expires_at = life.Plan(rng, 0, "ME-BP:A-2", wire::Severity::Routine, kNowMs);
  EXPECT_FALSE(life.Workable("ME-BP:A-2", expires_at)) << "the hub expires it then";
  EXPECT_FALSE(life.Workable("ME-BP:A-9", kNowMs)) << "an alert never planned is not the room's to work";
}

}  // namespace
}  // namespace opsroom::nodes
