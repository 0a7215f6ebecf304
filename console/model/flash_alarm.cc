#include "console/model/flash_alarm.h"

namespace opsroom::console {

const char* AlarmStateName(AlarmState state) {
  switch (state) {
    case AlarmState::kQuiet: return "quiet";
    case AlarmState::kRinging: return "ringing";
    case AlarmState::kMuted: return "muted";
  }
  return "?";
}

const char* AlarmEventName(AlarmEvent event) {
  switch (event) {
    case AlarmEvent::kFlashRaised: return "flash raised";
    case AlarmEvent::kAllHandled: return "all handled";
    case AlarmEvent::kMute: return "mute";
    case AlarmEvent::kMuteExpired: return "mute expired";
  }
  return "?";
}

AlarmState Step(AlarmState state, AlarmEvent event) {
  switch (event) {
    case AlarmEvent::kFlashRaised: return AlarmState::kRinging;
    case AlarmEvent::kAllHandled: return AlarmState::kQuiet;
    case AlarmEvent::kMute: return state == AlarmState::kRinging ? AlarmState::kMuted : state;
    case AlarmEvent::kMuteExpired: return state == AlarmState::kMuted ? AlarmState::kRinging : state;
  }
  return state;
}

void FlashAlarm::OnFlashRaised(const std::string& alert_id, int64_t now_ms) {
  latest_id_ = alert_id;
  raised_at_ms_ = now_ms;
  Fire(AlarmEvent::kFlashRaised);
}

void FlashAlarm::OnOpenFlashCount(std::size_t open_flash) {
  open_flash_ = open_flash;
  if (open_flash == 0 && state_ != AlarmState::kQuiet) Fire(AlarmEvent::kAllHandled);
}

void FlashAlarm::Mute(int64_t now_ms) {
  muted_at_ms_ = now_ms;
  Fire(AlarmEvent::kMute);
}

void FlashAlarm::Tick(int64_t now_ms) {
  if (state_ == AlarmState::kMuted && now_ms - muted_at_ms_ >= kMuteMs) Fire(AlarmEvent::kMuteExpired);
}

void FlashAlarm::Fire(AlarmEvent event) { state_ = Step(state_, event); }

}  // namespace opsroom::console
