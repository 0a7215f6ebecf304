// HubServer's SIGHUP settings reload (hub/config_reload.h): on the loop
// thread, between iterations, where the live settings are read.
#include <spdlog/spdlog.h>

#include "hub/audit_log.h"
#include "hub/config_reload.h"
#include "hub/hub_core.h"
#include "hub/hub_server.h"

namespace opsroom::hub {

void HubServer::ReloadSettings(int64_t now_ms) {
  if (!config_source_) return;
  std::optional<HubConfig> fresh = config_source_();
  if (!fresh) return;  // the source logged why; the running settings stay
  const AckDeadlines ack_before = config_.ack_deadline_ms;
  const int64_t hit_window_before = config_.hit_window_ms;
  ConfigReload reload = ApplyLiveSettings(config_, *fresh);
  if (config_.ack_deadline_ms != ack_before) {
    if (StoreStatus indexed = core_->SetAckDeadlines(config_.ack_deadline_ms); !indexed.ok()) {
      spdlog::error("SIGHUP: deadlines.ack: the deadline index was not rebuilt: {}", indexed.message());
    }
  }
  if (config_.hit_window_ms != hit_window_before) {
    if (StoreStatus loaded = core_->SetHitWindow(config_.hit_window_ms); !loaded.ok()) {
      spdlog::error("SIGHUP: deadlines.hit_window_days: the Checks it adds were not read: {}", loaded.message());
    }
  }
  for (const std::string& change : reload.applied) spdlog::info("SIGHUP: {}", change);
  for (const std::string& name : reload.needs_restart) {
    spdlog::warn("SIGHUP: {} changed: needs a restart (the running value stays)", name);
  }
  if (reload.applied.empty() && reload.needs_restart.empty()) spdlog::info("SIGHUP: no setting the hub holds changed");
  if (reload.applied.empty()) return;
  core_->audit().Record(now_ms, "settings", "hub",
                        AuditFields().Add("applied", reload.applied).Add("needs_restart", reload.needs_restart));
}

}  // namespace opsroom::hub
