// The flash alarm: a banner that rings when a Flash alert arrives and stays
// until every open Flash alert has been handled (acknowledged, assigned,
// escalated or closed). The operator may mute it for a while; a new Flash
// alert rings again. An explicit state machine: Step is pure and tested as a
// table. UI thread only.
#pragma once
#include <cstdint>
#include <string>

namespace opsroom::console {

enum class AlarmState : uint8_t { kQuiet, kRinging, kMuted };
enum class AlarmEvent : uint8_t { kFlashRaised, kAllHandled, kMute, kMuteExpired };

const char* AlarmStateName(AlarmState state);
const char* AlarmEventName(AlarmEvent event);

AlarmState Step(AlarmState state, AlarmEvent event);

class FlashAlarm {
 public:
  static constexpr int64_t kMuteMs = 5 * 60 * 1000;

  // A Flash alert became open (arrived, re-raised or reopened).
  void OnFlashRaised(const std::string& alert_id, int64_t now_ms);
  // The store's count of open Flash alerts after applying events.
  void OnOpenFlashCount(std::size_t open_flash);
  void Mute(int64_t now_ms);
  void Tick(int64_t now_ms);

  AlarmState state() const { return state_; }
  const std::string& latest_alert_id() const { return latest_id_; }
  int64_t raised_at_ms() const { return raised_at_ms_; }
  std::size_t open_flash() const { return open_flash_; }

 private:
  void Fire(AlarmEvent event);

  AlarmState state_ = AlarmState::kQuiet;
  std::string latest_id_;
  int64_t raised_at_ms_ = 0;
  int64_t muted_at_ms_ = 0;
  std::size_t open_flash_ = 0;
};

}  // namespace opsroom::console
