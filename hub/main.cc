// opsroom-hub: parses the command line, runs the hub or one of its tools, maps
// the outcome to an exit code: 0 ok, 1 failure (a config or data file that
// does not load included), 2 wrong usage (docs/operations.md "Exit codes").
#include <csignal>
#include <iostream>

#include "hub/hub_server.h"
#include "hub/tools/audit_tool.h"
#include "hub/tools/backup.h"
#include "hub/tools/command_line.h"
#include "hub/tools/config_file.h"
#include "hub/tools/dump_stats.h"
#include "hub/tools/export_command.h"
#include "hub/tools/first_start.h"
#include "hub/tools/handover_list.h"
#include "hub/tools/hub_log.h"
#include "hub/tools/report_command.h"
#include "hub/tools/service_notify.h"
#include "hub/tools/settings_reload.h"
#include "wire/version.h"

namespace {

opsroom::hub::HubServer* g_server = nullptr;

extern "C" void OnSignal(int) {
  if (g_server != nullptr) g_server->RequestStop();
}

extern "C" void OnHangup(int) {
  if (g_server != nullptr) g_server->RequestReload();
}

int RunAudit(const opsroom::hub::Command& command) {
  opsroom::hub::AuditVerifyOptions check = command.audit_check;
  if (check.keys_dir.empty()) check.keys_dir = command.config.AuditKeysDir();
  opsroom::wire::Status result = opsroom::hub::PrintAuditTrail(command.config.data_dir, command.audit_node,
                                                               command.audit_since_ms, check, std::cout, std::cerr);
  if (!result.ok) std::cerr << "opsroom-hub audit: " << result.error << '\n';
  return result.ok ? 0 : 1;
}

// A bare hub makes its key pair and an empty registry on first start (issue 3:
// `opsroom-hub` alone must run), then runs secure like any other.
bool PrepareKeys(const opsroom::hub::HubConfig& config) {
  if (config.insecure) return true;
  auto setup = opsroom::hub::EnsureHubKeys(config);
  if (!setup) {
    spdlog::error("{}", setup.rejection().text);
    return false;
  }
  opsroom::hub::LogLines(spdlog::level::warn, opsroom::hub::FirstStartNotice(config, setup.value()));
  return true;
}

void WarnWhenUnsafe(const opsroom::hub::HubConfig& config) {
  if (config.insecure) {
    spdlog::warn("--insecure: PLAIN TEXT, NO AUTHENTICATION. Anyone who can reach {} may speak as any node and read "
                 "everything. Loopback demos only (stats: insecure 1).",
                 config.bind);
  }
  if (!config.sync) {
    spdlog::warn("--sync=none: acknowledgements are NOT durable; a power loss can lose acknowledged messages "
                 "(HubStatus.durable=false)");
  }
}

int RunHub(const opsroom::hub::Command& command, const std::vector<std::string>& args) {
  opsroom::hub::HubConfig config = command.config;
  // The program logs node links (docs/protocol.md 4.2); the library leaves it to its user.
  config.log_links = true;
  spdlog::info("{} starting{}", opsroom::wire::VersionLine("opsroom-hub"),
               command.config_file.empty() ? "" : " with settings from " + command.config_file);
  if (std::string refused = opsroom::wire::UseCatalogueFiles(command.catalogue_files()); !refused.empty()) {
    spdlog::critical("refusing to start: {}", refused);
    return 1;
  }
  if (!PrepareKeys(config)) return 1;
  opsroom::hub::HubServer server(config);
  server.SetConfigSource(opsroom::hub::SettingsReloader(args, command));
  opsroom::hub::NotifyStatus("opening the store in " + config.data_dir + " (replaying its write-ahead log)");
  opsroom::wire::Status started = server.Start();
  if (!started.ok) {
    spdlog::critical("{}", started.error);
    return 1;
  }
  // Handlers first: a script may send SIGHUP as soon as it reads the line below.
  g_server = &server;
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  std::signal(SIGHUP, OnHangup);
  const auto hub_seq = server.stats().Get(opsroom::hub::Counter::kHubSeq);
  spdlog::info("hub {}, ROUTER {}, PUB {}, data {}, hub_seq {}", config.hub_id, server.router_endpoint(),
               server.pub_endpoint(), config.data_dir, hub_seq);
  WarnWhenUnsafe(config);
  opsroom::hub::NotifyReady("serving at hub_seq " + std::to_string(hub_seq));
  server.Run();
  opsroom::hub::NotifyStopping();
  g_server = nullptr;
  spdlog::info("stopped at hub_seq {}", server.stats().Get(opsroom::hub::Counter::kHubSeq));
  return 0;
}

int RunStats(const opsroom::hub::StatsClient& client) {
  std::vector<std::pair<std::string, int64_t>> counters;
  opsroom::wire::Status result = opsroom::hub::FetchStats(client, &counters);
  if (!result.ok) {
    std::cerr << "opsroom-hub stats: " << result.error << '\n';
    return 1;
  }
  for (const auto& [name, value] : counters) std::cout << name << ' ' << value << '\n';
  return 0;
}

int RunDataTool(const opsroom::hub::Command& command) {
  std::vector<opsroom::hub::HandoverSummary> handovers;
  opsroom::wire::Status result = command.kind == opsroom::hub::CommandKind::kDump
                                     ? opsroom::hub::DumpLog(command.config.data_dir, std::cout)
                                     : opsroom::hub::ReadHandovers(command.config.data_dir, &handovers);
  if (result.ok && command.kind == opsroom::hub::CommandKind::kHandovers) {
    opsroom::hub::PrintHandovers(handovers, std::cout);
  }
  if (!result.ok) {
    std::cerr << "opsroom-hub " << (command.kind == opsroom::hub::CommandKind::kDump ? "dump" : "handovers") << ": "
              << result.error << '\n';
  }
  return result.ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  using opsroom::hub::CommandKind;
  const std::vector<std::string> args(argv + 1, argv + argc);
  opsroom::hub::ParsedCommand parsed = opsroom::hub::ParseCommandLine(args);
  if (!parsed.command) {
    // The usage first, the error last: on a terminal the error stays in view.
    if (!parsed.usage.empty()) std::cerr << parsed.usage << '\n';
    std::cerr << "opsroom-hub: " << parsed.error << '\n';
    return parsed.exit_code;
  }
  const auto& command = *parsed.command;
  switch (command.kind) {
    case CommandKind::kHelp:
    case CommandKind::kVersion: std::cout << command.text << '\n'; return 0;
    case CommandKind::kCheckConfig: return opsroom::hub::CheckConfigFile(command.config_file, std::cout, std::cerr);
    case CommandKind::kDump:
    case CommandKind::kHandovers: return RunDataTool(command);
    case CommandKind::kExport: return opsroom::hub::RunExportCommand(command.tool_args, std::cout, std::cerr);
    case CommandKind::kReport: return opsroom::hub::RunReportCommand(command.tool_args, std::cout, std::cerr);
    case CommandKind::kBackup: return opsroom::hub::RunBackupCommand(command.tool_args, std::cout, std::cerr);
    case CommandKind::kAudit: return RunAudit(command);
    case CommandKind::kStats: return RunStats(command.stats);
    case CommandKind::kRun: opsroom::hub::SetUpHubLog(command.log_level); return RunHub(command, args);
  }
  return 2;
}
