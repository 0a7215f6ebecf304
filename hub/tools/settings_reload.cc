#include "hub/tools/settings_reload.h"

#include <spdlog/spdlog.h>

namespace opsroom::hub {

HubServer::ConfigSource SettingsReloader(std::vector<std::string> args, const Command& started) {
  return [args = std::move(args), running = started]() mutable -> std::optional<HubConfig> {
    ParsedCommand again = ParseCommandLine(args);
    if (!again.command || again.command->kind != CommandKind::kRun) {
      spdlog::error("SIGHUP: the settings did not load, the running ones stay: {}", again.error);
      return std::nullopt;
    }
    const Command& fresh = *again.command;
    if (fresh.log_level != running.log_level) {
      // Said before it applies, so that a quieter level still shows the change.
      spdlog::info("SIGHUP: log_level: \"{}\" -> \"{}\"", running.log_level, fresh.log_level);
      spdlog::default_logger()->set_level(spdlog::level::from_str(fresh.log_level));
      running.log_level = fresh.log_level;
    }
    if (fresh.places_file != running.places_file) spdlog::warn("SIGHUP: catalogues.places changed: needs a restart");
    if (fresh.participants_file != running.participants_file) {
      spdlog::warn("SIGHUP: catalogues.participants changed: needs a restart");
    }
    return fresh.config;
  };
}

}  // namespace opsroom::hub
