// What a SIGHUP may change in a running hub (hub/config_reload.h).
#include "hub/config_reload.h"

#include <gtest/gtest.h>

namespace opsroom::hub {
namespace {

TEST(HubConfigReload, CopiesOnlyTheLiveSettingsAndNamesTheOthers) {
  HubConfig running;
  HubConfig fresh = running;
  fresh.retain_ms = 86'400'000;
  fresh.hit_answer_ms = 3'600'000;
  fresh.max_open_snapshots = 4;
  fresh.bind = "tcp://127.0.0.1:7800";
  fresh.max_sessions = 9;
  fresh.ack_deadline_ms[3] = 60'000;
  fresh.hit_window_ms = 86'400'000;

  ConfigReload reload = ApplyLiveSettings(running, fresh);
  EXPECT_EQ(running.retain_ms, 86'400'000);
  EXPECT_EQ(running.hit_answer_ms, 3'600'000);
  EXPECT_EQ(running.max_open_snapshots, 4u);
  EXPECT_EQ(running.bind, HubConfig{}.bind) << "a socket's address changes only with a restart";
  EXPECT_EQ(running.max_sessions, HubConfig{}.max_sessions);
  EXPECT_EQ(running.ack_deadline_ms, fresh.ack_deadline_ms);
  EXPECT_EQ(running.hit_window_ms, 86'400'000);
  EXPECT_EQ(
      reload.applied,
      (std::vector<std::string>{
          "retention.retain_days: 0 -> 1d", "deadlines.answer: 12h -> 1h",
          "deadlines.ack: routine=off,priority=4h,urgent=30m,flash=5m -> routine=off,priority=4h,urgent=30m,flash=1m",
          "deadlines.hit_window_days: 7d -> 1d", "sessions.max_open_snapshots: 16 -> 4"}));
  EXPECT_EQ(reload.needs_restart, (std::vector<std::string>{"net.bind", "sessions.max_sessions"}));

  ConfigReload again = ApplyLiveSettings(running, fresh);
  EXPECT_TRUE(again.applied.empty());
  EXPECT_EQ(again.needs_restart.size(), 2u) << "still differs from what runs";
}

}  // namespace
}  // namespace opsroom::hub
