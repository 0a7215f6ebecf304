// A cluster_test_member child process driven through its stdin and stdout:
// started with fork+exec, killed with SIGKILL, every read bounded in time.
// Header-only; for member_kill_test.cc.
#pragma once
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace opsroom::cluster::testing {

class MemberProcess {
 public:
  MemberProcess(const std::string& binary, std::vector<std::string> args) {
    int to_child[2];
    int from_child[2];
    // Close-on-exec: a later child must not inherit this one's stdin pipe, or
    // closing it here would never reach this child as end of input.
    if (::pipe2(to_child, O_CLOEXEC) != 0 || ::pipe2(from_child, O_CLOEXEC) != 0) return;
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(to_child[0], 0);
      ::dup2(from_child[1], 1);
      ::close(to_child[1]);
      ::close(from_child[0]);
      std::vector<char*> argv{const_cast<char*>(binary.c_str())};
      for (std::string& arg : args) argv.push_back(arg.data());
      argv.push_back(nullptr);
      ::execv(binary.c_str(), argv.data());
      ::_exit(127);
    }
    ::close(to_child[0]);
    ::close(from_child[1]);
    in_ = to_child[1];
    out_ = from_child[0];
  }
  ~MemberProcess() {
    if (in_ >= 0) ::close(in_);
    in_ = -1;
    // A clean stop once stdin is closed; SIGKILL if it does not come within 10 s.
    for (int turn = 0; pid_ > 0 && turn < 1000; ++turn) {
      if (::waitpid(pid_, nullptr, WNOHANG) == pid_) pid_ = -1;
      if (pid_ > 0) ::usleep(10000);
    }
    Kill();
    Close();
  }
  MemberProcess(const MemberProcess&) = delete;
  MemberProcess& operator=(const MemberProcess&) = delete;

  bool started() const { return pid_ > 0 && in_ >= 0; }

  bool Send(const std::string& line) {
    std::string text = line + "\n";
    return in_ >= 0 && ::write(in_, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  }

  // The next line, or nothing when none came within `limit` (or the child ended).
  std::optional<std::string> ReadLine(std::chrono::milliseconds limit) {
    auto until = std::chrono::steady_clock::now() + limit;
    for (int turn = 0; turn < 100000; ++turn) {
      if (std::size_t nl = buffer_.find('\n'); nl != std::string::npos) {
        std::string line = buffer_.substr(0, nl);
        buffer_.erase(0, nl + 1);
        return line;
      }
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
      if (left.count() <= 0 || out_ < 0) return std::nullopt;
      pollfd fd{out_, POLLIN, 0};
      if (::poll(&fd, 1, static_cast<int>(left.count())) <= 0) return std::nullopt;
      char chunk[4096];
      ssize_t n = ::read(out_, chunk, sizeof chunk);
      if (n <= 0) return std::nullopt;
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
    return std::nullopt;
  }

  // The next line that starts with `prefix` (others are dropped), within `limit`.
  std::optional<std::string> Expect(const std::string& prefix, std::chrono::milliseconds limit) {
    auto until = std::chrono::steady_clock::now() + limit;
    for (int turn = 0; turn < 100000; ++turn) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
      if (left.count() <= 0) return std::nullopt;
      std::optional<std::string> line = ReadLine(left);
      if (!line) return std::nullopt;
      if (line->rfind(prefix, 0) == 0) return line;
    }
    return std::nullopt;
  }

  void Kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
    Close();
  }

 private:
  void Close() {
    if (in_ >= 0) ::close(in_);
    if (out_ >= 0) ::close(out_);
    in_ = out_ = -1;
  }

  pid_t pid_ = -1;
  int in_ = -1;
  int out_ = -1;
  std::string buffer_;
};

}  // namespace opsroom::cluster::testing
