// Child processes of the chaos harness: started with fork/exec (stdout and
// stderr to files), signalled (kill -9, SIGSTOP/SIGCONT), waited with a
// deadline. A ChildProcess that goes out of scope kills its process with
// SIGKILL and reaps it, so nothing outlives a test, even a failing one; the
// child also gets SIGKILL if the harness itself dies (PR_SET_PDEATHSIG).
// Owned by the thread that started it (PDEATHSIG follows that thread).
#pragma once
#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

namespace opsroom::chaos {

class ChildProcess {
 public:
  ChildProcess() = default;
  ~ChildProcess();
  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&& other) noexcept;
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // argv[0] is the program path. Output files are appended to (empty: /dev/null).
  // extra_env: "NAME=value" entries added to the inherited environment.
  static std::optional<ChildProcess> Start(const std::vector<std::string>& argv, const std::string& stdout_path,
                                           const std::string& stderr_path, std::string* error,
                                           const std::vector<std::string>& extra_env = {});

  bool running() const { return pid_ > 0 && !exit_status_; }
  pid_t pid() const { return pid_; }
  bool Signal(int signo);
  void Kill9();  // SIGKILL and reap
  // Waits up to timeout_ms for the exit; the wait status when it exited.
  std::optional<int> Wait(int timeout_ms);
  // Exit code if it exited normally; -signal if killed; nullopt if running.
  std::optional<int> exit_code() const;

 private:
  pid_t pid_ = -1;
  std::optional<int> exit_status_;
};

// Runs a program to completion (bounded by timeout_ms; killed after), with its
// stdout captured. False when it could not run, timed out or exited non-zero.
bool RunToCompletion(const std::vector<std::string>& argv, int timeout_ms, std::string* output, std::string* error);

}  // namespace opsroom::chaos
