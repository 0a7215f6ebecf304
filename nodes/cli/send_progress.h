// `opsroom-node send`'s progress line (lines read, acknowledged, refused,
// queued, rate) on stderr, redrawn in place at most every kProgressEveryMs,
// and only when stderr is a terminal: scripts and jq see nothing of it.
// Owned by the command's thread.
#pragma once
#include <cstdint>
#include <ostream>

#include "nodes/cli/send_board.h"

namespace opsroom::nodes::cli {

inline constexpr int64_t kProgressEveryMs = 500;

class SendProgress {
 public:
  SendProgress(std::ostream& err, bool on_terminal, int64_t start_ms)
      : err_(err), enabled_(on_terminal), start_ms_(start_ms), next_ms_(start_ms + kProgressEveryMs) {}
  SendProgress(const SendProgress&) = delete;
  SendProgress& operator=(const SendProgress&) = delete;

  // True when a redraw is due (so that the caller gathers the figures only then).
  bool Due(int64_t now_ms) const { return enabled_ && now_ms >= next_ms_; }
  void Update(const SendCounts& counts, uint64_t outbox_depth, int64_t now_ms);
  // Before results go to stdout: wipes the line when stdout is the same terminal.
  void BeforeOutput();
  // Wipes the line (at the end).
  void Clear();

 private:
  std::ostream& err_;
  bool enabled_;
  bool shown_ = false;
  int64_t start_ms_;
  int64_t next_ms_;
};

// True when `err` is the process's stderr and that is a terminal.
bool StderrIsTerminal(const std::ostream& err);

}  // namespace opsroom::nodes::cli
