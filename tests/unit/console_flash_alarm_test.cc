// The flash alarm's state machine, as a table, and as the model drives it.
#include <gtest/gtest.h>

#include "console/model/console_model.h"
#include "console/model/flash_alarm.h"

namespace opsroom::console {
namespace {

TEST(FlashAlarmStep, Table) {
  using S = AlarmState;
  using E = AlarmEvent;
  struct Row {
    S from;
    E event;
    S to;
  };
  const Row rows[] = {
      {S::kQuiet, E::kFlashRaised, S::kRinging},
      {S::kQuiet, E::kAllHandled, S::kQuiet},
      {S::kQuiet, E::kMute, S::kQuiet},
      {S::kQuiet, E::kMuteExpired, S::kQuiet},
      {S::kRinging, E::kFlashRaised, S::kRinging},
      {S::kRinging, E::kAllHandled, S::kQuiet},
      {S::kRinging, E::kMute, S::kMuted},
      {S::kRinging, E::kMuteExpired, S::kRinging},
      {S::kMuted, E::kFlashRaised, S::kRinging},
      {S::kMuted, E::kAllHandled, S::kQuiet},
      {S::kMuted, E::kMute, S::kMuted},
      {S::kMuted, E::kMuteExpired, S::kRinging},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(Step(row.from, row.event), row.to) << AlarmStateName(row.from) << " + " << AlarmEventName(row.event);
  }
}

TEST(FlashAlarm, MuteExpiresAfterItsTime) {
  FlashAlarm alarm;
  alarm.OnFlashRaised("F1", 1000);
  alarm.OnOpenFlashCount(1);
  alarm.Mute(2000);
  EXPECT_EQ(alarm.state(), AlarmState::kMuted);
  alarm.Tick(2000 + FlashAlarm::kMuteMs - 1);
  EXPECT_EQ(alarm.state(), AlarmState::kMuted);
  alarm.Tick(2000 + FlashAlarm::kMuteMs);
  EXPECT_EQ(alarm.state(), AlarmState::kRinging);
}

AlertValue Flash(const std::string& id, uint64_t seq) {
  AlertValue a;
  a.meta = EventMeta{seq, 1000, "RS-BP", "RS"};
  a.alert_id = id;
  a.severity = Severity::Flash;
  return a;
}

ActionValue Ack(const std::string& id, uint64_t seq) {
  ActionValue v;
  v.meta = EventMeta{seq, 1000, "OPSROOM-ANA", "OPSROOM"};
  v.alert_id = id;
  v.kind = ActionKind::Acknowledge;
  return v;
}

TEST(FlashAlarm, RingsUntilEveryNewFlashAlertIsAcknowledged) {
  ConsoleModel model;
  model.Apply(Flash("F1", 1), 10);
  model.Apply(Flash("F2", 2), 10);
  model.Refresh(10);
  EXPECT_EQ(model.alarm().state(), AlarmState::kRinging);
  EXPECT_EQ(model.alarm().latest_alert_id(), "RS-BP:F2") << "RS-BP's short id, as the room names it";
  model.Apply(Ack("RS-BP:F1", 3), 20);
  model.Refresh(20);
  EXPECT_EQ(model.alarm().state(), AlarmState::kRinging);
  model.Apply(Ack("RS-BP:F2", 4), 30);
  model.Refresh(30);
  EXPECT_EQ(model.alarm().state(), AlarmState::kQuiet);
  model.alarm().Mute(40);
  model.Apply(Flash("F3", 5), 50);
  model.Refresh(50);
  EXPECT_EQ(model.alarm().state(), AlarmState::kRinging);
}

}  // namespace
}  // namespace opsroom::console
