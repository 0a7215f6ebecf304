#include "nodes/cli/send_progress.h"

#include <unistd.h>

#include <algorithm>
#include <iostream>

namespace opsroom::nodes::cli {

void SendProgress::Update(const SendCounts& counts, uint64_t outbox_depth, int64_t now_ms) {
  if (!Due(now_ms)) return;
  next_ms_ = now_ms + kProgressEveryMs;
  int64_t elapsed_ms = std::max<int64_t>(1, now_ms - start_ms_);
  uint64_t rate = counts.acked * 1000 / static_cast<uint64_t>(elapsed_ms);
  err_ << "\r\033[K" << counts.read << " read, " << counts.acked << " acknowledged (" << counts.duplicates
       << " duplicate), " << counts.refused << " refused, " << outbox_depth << " in the outbox, " << rate << " lines/s"
       << std::flush;
  shown_ = true;
}

void SendProgress::BeforeOutput() {
  if (shown_ && ::isatty(STDOUT_FILENO) == 1) Clear();
}

void SendProgress::Clear() {
  if (!shown_) return;
  err_ << "\r\033[K" << std::flush;
  shown_ = false;
}

bool StderrIsTerminal(const std::ostream& err) { return &err == &std::cerr && ::isatty(STDERR_FILENO) == 1; }

}  // namespace opsroom::nodes::cli
