// opsroom-hub's log (spdlog's default logger): a UTC timestamp and a level on
// every line to stderr, or under systemd (stderr is the journal's stream,
// JOURNAL_STREAM) the "<N>" syslog prefix journald turns into the priority,
// the journal keeping its own time. Set up once by main before any thread.
// What is logged: events of the service, never a secret key or a message body.
#pragma once
#include <string>
#include <string_view>

#include <spdlog/spdlog.h>

namespace opsroom::hub {

// `level` is one of trace, debug, info, warn, error, critical, off (checked by
// the command line). `journal` forces the journald form (tests); otherwise it
// is chosen from JOURNAL_STREAM.
void SetUpHubLog(const std::string& level, bool journal = false);

// True when stderr is the stream systemd named in JOURNAL_STREAM ("dev:inode").
bool StderrIsJournal();

// Logs a text of several lines (a banner, a notice) one line at a time, so
// each line carries the level; empty lines are left out.
void LogLines(spdlog::level::level_enum level, std::string_view text);

}  // namespace opsroom::hub
