// The fixture of the opsroom-node tests: runs the real binary (stdin from a
// string, stdout and stderr kept) against a real hub, one outbox per test and
// node in a temp directory.
#pragma once
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "nodes/client/zmq_link.h"
#include "tests/integration/hub_fixture.h"
#include "tests/support/temp_dir.h"

namespace opsroom::nodes {

using opsroom::testing::HubFixture;

struct NodeRun {
  int exit_code = -1;
  std::string out;
  std::string err;
  int64_t elapsed_ms = 0;
};

inline std::string Quote(const std::string& arg) {
  std::string quoted = "'";
  for (char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

class CliNode : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(temp_.made()); }

  // Runs opsroom-node with `args` (and `input` on stdin), bounded by `timeout` seconds.
  NodeRun Node(const std::vector<std::string>& args, const std::string& input = "", int timeout_s = 30) {
    std::ofstream(dir_ / "in") << input;
    std::string command = "timeout -k 5 " + std::to_string(timeout_s) + " " +
                          Quote(std::string(OPSROOM_BINARY_DIR) + "/nodes/opsroom-node");
    for (const std::string& arg : args) command += " " + Quote(arg);
    command += " <" + Quote((dir_ / "in").string()) + " >" + Quote((dir_ / "out").string()) + " 2>" +
               Quote((dir_ / "err").string());
    NodeRun run;
    int64_t start = SteadyNowMs();
    int status = std::system(command.c_str());
    run.elapsed_ms = SteadyNowMs() - start;
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.out = ReadFile(dir_ / "out");
    run.err = ReadFile(dir_ / "err");
    return run;
  }

  // The commands that use the node's outbox get one per test and node (the
  // default, ./var/node-<ID>, would outlive the test).
  std::vector<std::string> AsNode(const HubFixture& hub, const std::string& id, std::vector<std::string> args) {
    std::vector<std::string> all = {"--id", id, "--hub", hub.router_endpoint(), "--fanout", hub.pub_endpoint()};
    all.insert(all.end(), args.begin(), args.end());
    for (const char* command : {"alert", "send", "status", "flush", "check", "decide", "operation", "sitrep", "simulate"}) {
      if (std::find(args.begin(), args.end(), command) == args.end()) continue;
      all.insert(all.end(), {"--outbox", (dir_ / ("outbox-" + id)).string()});
      break;
    }
    return all;
  }

  opsroom::testing::TempDir temp_{"opsroom-cli-test"};
  std::filesystem::path dir_ = temp_.path();  // removed with temp_ at the end
};

inline std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace opsroom::nodes
