// opsroom-hub: parses the command line, runs the hub or one of its tools, maps
// the outcome to an exit code (0 ok, 1 failure, 2 usage).
#include <csignal>
#include <iostream>

#include "hub/hub_server.h"
#include "hub/tools/audit_tool.h"
#include "hub/tools/backup.h"
#include "hub/tools/command_line.h"
#include "hub/tools/dump_stats.h"
#include "hub/tools/export_command.h"
#include "hub/tools/first_start.h"
#include "hub/tools/handover_list.h"
#include "hub/tools/report_command.h"
#include "hub/tools/service_notify.h"

namespace {

opsroom::hub::HubServer* g_server = nullptr;

extern "C" void OnSignal(int) {
  if (g_server != nullptr) g_server->RequestStop();
}

extern "C" void OnHangup(int) {
  if (g_server != nullptr) g_server->RequestRegistryReload();
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
    std::cerr << "opsroom-hub: " << setup.rejection().text << '\n';
    return false;
  }
  std::cerr << opsroom::hub::FirstStartNotice(config, setup.value());
  return true;
}

int RunHub(const opsroom::hub::HubConfig& config) {
  if (!PrepareKeys(config)) return 1;
  opsroom::hub::HubServer server(config);
  opsroom::hub::NotifyStatus("opening the store in " + config.data_dir + " (replaying its write-ahead log)");
  opsroom::wire::Status started = server.Start();
  if (!started.ok) {
    std::cerr << "opsroom-hub: " << started.error << '\n';
    return 1;
  }
  // Handlers first: a script may send SIGHUP as soon as it reads the line below.
  g_server = &server;
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  std::signal(SIGHUP, OnHangup);
  std::cerr << "opsroom-hub: hub " << config.hub_id << ", ROUTER " << server.router_endpoint() << ", PUB "
            << server.pub_endpoint() << ", data " << config.data_dir << ", hub_seq "
            << server.stats().Get(opsroom::hub::Counter::kHubSeq) << '\n';
  if (config.insecure) {
    std::cerr << "\n"
                 "  ***************************************************************\n"
                 "  *  opsroom-hub --insecure: PLAIN TEXT, NO AUTHENTICATION.      *\n"
                 "  *  Anyone who can reach "
              << config.bind
              << " may speak as any node\n"
                 "  *  and read everything. Loopback demos only (stats: insecure 1). *\n"
                 "  ***************************************************************\n\n";
  }
  if (!config.sync) {
    std::cerr << "opsroom-hub: WARNING --sync=none: acknowledgements are NOT durable; a power loss can lose "
                 "acknowledged messages (HubStatus.durable=false)\n";
  }
  opsroom::hub::NotifyReady("serving at hub_seq " + std::to_string(server.stats().Get(opsroom::hub::Counter::kHubSeq)));
  server.Run();
  opsroom::hub::NotifyStopping();
  g_server = nullptr;
  std::cerr << "opsroom-hub: stopped at hub_seq " << server.stats().Get(opsroom::hub::Counter::kHubSeq) << '\n';
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

}  // namespace

int main(int argc, char** argv) {
  using opsroom::hub::CommandKind;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (opsroom::hub::IsBackupCommand(args)) return opsroom::hub::RunBackupCommand(args, std::cout, std::cerr);
  if (opsroom::hub::IsExportCommand(args)) return opsroom::hub::RunExportCommand(args, std::cout, std::cerr);
  if (opsroom::hub::IsReportCommand(args)) return opsroom::hub::RunReportCommand(args, std::cout, std::cerr);
  opsroom::hub::ParsedCommand parsed = opsroom::hub::ParseCommandLine(args);
  if (!parsed.command) {
    std::cerr << "opsroom-hub: " << parsed.error << "\n\n" << opsroom::hub::UsageText();
    return 2;
  }
  const auto& command = *parsed.command;
  switch (command.kind) {
    case CommandKind::kHelp: std::cout << opsroom::hub::UsageText(); return 0;
    case CommandKind::kDump: {
      opsroom::wire::Status result = opsroom::hub::DumpLog(command.config.data_dir, std::cout);
      if (!result.ok) std::cerr << "opsroom-hub dump: " << result.error << '\n';
      return result.ok ? 0 : 1;
    }
    case CommandKind::kHandovers: {
      std::vector<opsroom::hub::HandoverSummary> handovers;
      opsroom::wire::Status result = opsroom::hub::ReadHandovers(command.config.data_dir, &handovers);
      if (result.ok) opsroom::hub::PrintHandovers(handovers, std::cout);
      else std::cerr << "opsroom-hub handovers: " << result.error << '\n';
      return result.ok ? 0 : 1;
    }
    case CommandKind::kAudit: return RunAudit(command);
    case CommandKind::kStats: return RunStats(command.stats);
    case CommandKind::kRun: return RunHub(command.config);
  }
  return 2;
}
