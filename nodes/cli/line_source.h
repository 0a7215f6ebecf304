// Input lines for `opsroom-node send`: read from a file descriptor without
// blocking past a given wait, so that a pipe kept open (tail -f ...) never
// holds back the acks of lines already read. Memory is bounded: at most one
// partial line (capped at kMaxLineBytes) besides the lines handed out. Owned
// by the command's thread.
#pragma once
#include <cstddef>
#include <cstdint>
#include <istream>
#include <string>
#include <vector>

namespace opsroom::nodes::cli {

// A longer line is answered as an error; its bytes are skipped, not kept.
inline constexpr std::size_t kMaxLineBytes = 1 << 20;

struct InputLine {
  uint64_t number = 0;    // 1-based, blank lines counted
  std::string text;       // without the newline
  bool too_long = false;  // text is empty then
};

class LineSource {
 public:
  // Reads `fd` (not owned; a file or a pipe).
  static LineSource FromFd(int fd);
  // Reads a stream with blocking getline (a caller that gave no descriptor).
  static LineSource FromStream(std::istream& in);

  // Appends up to `max_lines` complete lines, waiting at most `wait_ms` for
  // the first byte when none is ready. Stops early at the end of input.
  void Read(std::size_t max_lines, int wait_ms, std::vector<InputLine>& out);
  bool at_end() const { return at_end_; }
  std::string error() const { return error_; }  // a read error ends the input

 private:
  LineSource(int fd, std::istream* in) : fd_(fd), in_(in) {}
  bool Fill(int wait_ms);  // false: nothing more now
  bool TakeLine(std::vector<InputLine>& out);

  int fd_ = -1;
  std::istream* in_ = nullptr;
  std::string buffer_;     // read, not yet split
  std::size_t start_ = 0;  // first byte of buffer_ not yet handed out
  uint64_t number_ = 0;
  bool skipping_ = false;  // inside a line longer than kMaxLineBytes
  bool at_end_ = false;
  std::string error_;
};

}  // namespace opsroom::nodes::cli
