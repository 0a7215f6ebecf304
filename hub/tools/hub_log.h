// opsroom-hub's log (spdlog's default logger): a UTC timestamp and a level on
// every line to stderr, or under systemd (stderr is the journal's stream,
// JOURNAL_STREAM) the "<N>" syslog prefix journald turns into the priority,
// the journal keeping its own time. Set up once by main before any thread.
// What is logged: events of the service, never a secret key or a message body.
#pragma once
#include <string>

#include <spdlog/spdlog.h>

#include "hub/log_lines.h"  // LogLines, for main's banners

namespace opsroom::hub {

// `level` is one of trace, debug, info, warn, error, critical, off (checked by
// the command line). `journal` forces the journald form (tests); otherwise it
// is chosen from JOURNAL_STREAM.
void SetUpHubLog(const std::string& level, bool journal = false);

// True when stderr is the stream systemd named in JOURNAL_STREAM ("dev:inode").
bool StderrIsJournal();

}  // namespace opsroom::hub
