#include "nodes/cli/line_source.h"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace opsroom::nodes::cli {

namespace {

constexpr std::size_t kReadChunk = 1 << 16;

}  // namespace

LineSource LineSource::FromFd(int fd) { return LineSource(fd, nullptr); }

LineSource LineSource::FromStream(std::istream& in) { return LineSource(-1, &in); }

void LineSource::Read(std::size_t max_lines, int wait_ms, std::vector<InputLine>& out) {
  std::size_t taken = 0;
  while (taken < max_lines && !at_end_) {
    if (TakeLine(out)) {
      ++taken;
      continue;
    }
    // Only the first line may wait: later ones take what is there already.
    if (!Fill(taken == 0 ? wait_ms : 0)) break;
  }
  if (at_end_ && taken < max_lines && start_ < buffer_.size() && !skipping_) {
    out.push_back({++number_, buffer_.substr(start_), false});  // the last line without a newline
    buffer_.clear();
    start_ = 0;
  }
}

bool LineSource::TakeLine(std::vector<InputLine>& out) {
  std::size_t newline = buffer_.find('\n', start_);
  if (newline == std::string::npos) {
    if (buffer_.size() - start_ > kMaxLineBytes && !skipping_) {
      skipping_ = true;
      ++number_;
      out.push_back({number_, {}, true});
      buffer_.clear();
      start_ = 0;
      return true;
    }
    if (skipping_) {
      buffer_.clear();
      start_ = 0;
    }
    return false;
  }
  bool was_skipping = skipping_;
  if (!was_skipping) out.push_back({++number_, buffer_.substr(start_, newline - start_), false});
  skipping_ = false;  // a long line's rest ends here: it was answered already
  start_ = newline + 1;
  if (start_ == buffer_.size()) {
    buffer_.clear();
    start_ = 0;
  }
  return was_skipping ? TakeLine(out) : true;
}

bool LineSource::Fill(int wait_ms) {
  if (start_ > 0) {
    buffer_.erase(0, start_);
    start_ = 0;
  }
  if (in_ != nullptr) {
    std::string line;
    if (!std::getline(*in_, line)) {
      at_end_ = true;
      return false;
    }
    buffer_.append(line).append(in_->eof() ? "" : "\n");
    return true;
  }
  pollfd item{fd_, POLLIN, 0};
  int ready = ::poll(&item, 1, wait_ms);
  if (ready == 0 || (ready < 0 && errno == EINTR)) return false;
  ssize_t n = -1;
  if (ready > 0) {
    std::size_t old_size = buffer_.size();
    buffer_.resize(old_size + kReadChunk);
    n = ::read(fd_, buffer_.data() + old_size, kReadChunk);
    buffer_.resize(old_size + static_cast<std::size_t>(std::max<ssize_t>(n, 0)));
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) return false;
  }
  if (n < 0) {
    error_ = std::string("cannot read the input: ") + std::strerror(errno);
    at_end_ = true;
    return false;
  }
  if (n == 0) at_end_ = true;
  return n > 0;
}

}  // namespace opsroom::nodes::cli
