// Runs one of the project's programs through the shell, as an operator would,
// and keeps what it printed (stdout and stderr together) and its exit code.
// Header-only so any test executable can use it without a CMake change.
#pragma once
#include <sys/wait.h>

#include <cstdio>
#include <string>

namespace opsroom::testing {

struct BinaryRun {
  int exit_code = -1;  // -1: could not run, or killed by a signal
  std::string output;  // stdout and stderr
};

// `command` is a shell command line; 2>&1 is appended.
inline BinaryRun RunCommandLine(const std::string& command) {
  BinaryRun run;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return run;
  char buffer[4096];
  while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe)) run.output.append(buffer, n);
  int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

}  // namespace opsroom::testing
