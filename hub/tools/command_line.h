// opsroom-hub's command line: which command to run and with what (usage text
// lives in command_line.cc). Parsed once by main or a test, on its thread.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "hub/config.h"
#include "hub/tools/audit_tool.h"
#include "hub/tools/dump_stats.h"

namespace opsroom::hub {

enum class CommandKind { kRun, kDump, kStats, kHelp, kAudit, kHandovers };

struct Command {
  CommandKind kind = CommandKind::kRun;
  HubConfig config;                // kRun; kDump and kHandovers use config.data_dir
  StatsClient stats;               // kStats
  std::string audit_node;          // kAudit: only this node's records
  int64_t audit_since_ms = 0;      // kAudit: only records at or after
  AuditVerifyOptions audit_check;  // kAudit: --verify, --audit-key, --heads, --keys
};

struct ParsedCommand {
  std::optional<Command> command;  // nullopt: print `error` and the usage, exit 2
  std::string error;
};
ParsedCommand ParseCommandLine(const std::vector<std::string>& args);  // args without argv[0]

const char* UsageText();

}  // namespace opsroom::hub
