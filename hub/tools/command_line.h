// opsroom-hub's command line (CLI11): which command to run and with what. The
// run command's settings come from hub_settings.h's table, first from a
// --config FILE (config_file.h), then from the flags, which win. Parsed once by
// main or a test, on its thread.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "hub/config.h"
#include "hub/tools/audit_tool.h"
#include "hub/tools/dump_stats.h"
#include "wire/catalogue_files.h"

namespace opsroom::hub {

enum class CommandKind {
  kRun,
  kDump,
  kStats,
  kHelp,         // `text` is the help of the command asked about
  kVersion,      // `text` is the version line
  kCheckConfig,  // config_file is the file to check
  kAudit,
  kHandovers,
  kExport,       // tool_args for RunExportCommand
  kReport,       // tool_args for RunReportCommand
  kBackup,       // tool_args for RunBackupCommand (backup and restore)
};

struct Command {
  CommandKind kind = CommandKind::kRun;
  HubConfig config;                // kRun; kDump and kHandovers use config.data_dir
  std::string config_file;         // kRun: the TOML file read (empty: none); kCheckConfig: the file to check
  std::string log_level = "info";  // kRun: spdlog's level name
  std::string places_file;         // kRun: empty: the places built in
  std::string participants_file;   // kRun: empty: the participants built in
  StatsClient stats;               // kStats
  std::string audit_node;          // kAudit: only this node's records
  int64_t audit_since_ms = 0;      // kAudit: only records at or after
  AuditVerifyOptions audit_check;  // kAudit: --verify, --audit-key, --heads, --keys
  std::vector<std::string> tool_args;  // kExport, kReport, kBackup: the verb and its options, checked
  std::string text;                // kHelp, kVersion: what to print

  // kRun: the places and participants files, read with wire/catalogue_files.h.
  wire::CatalogueFiles catalogue_files() const { return {places_file, participants_file}; }
};

struct ParsedCommand {
  std::optional<Command> command;  // nullopt: print `error` (and `usage` when not empty)
  std::string error;
  std::string usage;               // the help of the command that was mistyped
  int exit_code = 2;               // 2 wrong usage; 1 a config file that does not load
};
ParsedCommand ParseCommandLine(const std::vector<std::string>& args);  // args without argv[0]

// The top-level help (every verb and the run options).
std::string UsageText();

}  // namespace opsroom::hub
