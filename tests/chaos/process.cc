#include "chaos/process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <utility>

#include "tests/support/temp_dir.h"

namespace opsroom::chaos {

namespace {

constexpr int kWaitStepMs = 5;

int OpenOutput(const std::string& path) {
  return ::open(path.empty() ? "/dev/null" : path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
}

}  // namespace

ChildProcess::~ChildProcess() { Kill9(); }

ChildProcess::ChildProcess(ChildProcess&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)), exit_status_(other.exit_status_) {}

ChildProcess& ChildProcess::operator=(ChildProcess&& other) noexcept {
  if (this != &other) {
    Kill9();
    pid_ = std::exchange(other.pid_, -1);
    exit_status_ = other.exit_status_;
  }
  return *this;
}

std::optional<ChildProcess> ChildProcess::Start(const std::vector<std::string>& argv, const std::string& stdout_path,
                                                const std::string& stderr_path, std::string* error,
                                                const std::vector<std::string>& extra_env) {
  int out = OpenOutput(stdout_path);
  int err = OpenOutput(stderr_path);
  if (out < 0 || err < 0) {
    *error = "cannot open output files for " + argv[0] + ": " + std::strerror(errno);
    if (out >= 0) ::close(out);
    if (err >= 0) ::close(err);
    return std::nullopt;
  }
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  std::vector<char*> env;
  for (char** entry = environ; *entry != nullptr; ++entry) env.push_back(*entry);
  for (const std::string& entry : extra_env) env.push_back(const_cast<char*>(entry.c_str()));
  env.push_back(nullptr);
  pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid == 0) {
    // Only async-signal-safe calls between fork and exec.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    ::dup2(out, STDOUT_FILENO);
    ::dup2(err, STDERR_FILENO);
    ::execve(args[0], args.data(), env.data());
    ::_exit(127);
  }
  ::close(out);
  ::close(err);
  if (pid < 0) {
    *error = "fork failed for " + argv[0] + ": " + std::strerror(errno);
    return std::nullopt;
  }
  ChildProcess child;
  child.pid_ = pid;
  return child;
}

bool ChildProcess::Signal(int signo) { return running() && ::kill(pid_, signo) == 0; }

void ChildProcess::Kill9() {
  if (!running()) return;
  ::kill(pid_, SIGKILL);
  ::kill(pid_, SIGCONT);  // a stopped process dies only once continued on some kernels
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  exit_status_ = status;
}

std::optional<int> ChildProcess::Wait(int timeout_ms) {
  if (exit_status_ || pid_ <= 0) return exit_status_;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (true) {
    int status = 0;
    pid_t done = ::waitpid(pid_, &status, WNOHANG);
    if (done == pid_) {
      exit_status_ = status;
      return exit_status_;
    }
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(kWaitStepMs));
  }
}

std::optional<int> ChildProcess::exit_code() const {
  if (!exit_status_) return std::nullopt;
  if (WIFEXITED(*exit_status_)) return WEXITSTATUS(*exit_status_);
  if (WIFSIGNALED(*exit_status_)) return -WTERMSIG(*exit_status_);
  return std::nullopt;
}

bool RunToCompletion(const std::vector<std::string>& argv, int timeout_ms, std::string* output, std::string* error) {
  std::string out_path = testing::MakeTempDir("opsroom-chaos-run") + "/stdout";
  std::string err_path = out_path + ".err";
  bool ok = false;
  {
    auto child = ChildProcess::Start(argv, out_path, err_path, error);
    if (!child) return false;
    auto status = child->Wait(timeout_ms);
    if (!status) {
      *error = argv[0] + " did not finish within " + std::to_string(timeout_ms) + " ms";
    } else if (child->exit_code() != 0) {
      std::ifstream err_in(err_path);
      std::stringstream err_text;
      err_text << err_in.rdbuf();
      *error = argv[0] + " exited with " + std::to_string(child->exit_code().value_or(-1)) + ": " + err_text.str();
    } else {
      ok = true;
    }
  }
  std::ifstream in(out_path);
  std::stringstream text;
  text << in.rdbuf();
  *output = text.str();
  std::filesystem::remove_all(std::filesystem::path(out_path).parent_path());
  return ok;
}

}  // namespace opsroom::chaos
