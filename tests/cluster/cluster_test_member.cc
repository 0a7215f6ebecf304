// One ReplicatedLog member as a process of its own, for the tests that kill
// members with SIGKILL (member_kill_test.cc). It records what it applies
// (cluster_support.h's Recorder) and answers one command a line on stdin:
//   propose <entry>  -> later: outcome <entry> <code> <index>
//   status           -> status <role> <term> <leader id> <commit index> <entries applied>
//   applied          -> applied <n>, then n lines "<index> <entry>", then "end"
// Stdin closed: it stops cleanly. Usage:
//   cluster_test_member <id> <raft dir> <id>=<host:port>[,<id>=<host:port>...]
#include <cstdio>
#include <iostream>
#include <mutex>
#include <sstream>
#include <string>

#include "cluster/cluster_support.h"
#include "cluster/replicated_log.h"

namespace {

using opsroom::cluster::LogStatus;
using opsroom::cluster::Member;
using opsroom::cluster::ProposeOutcome;
using opsroom::cluster::ReplicatedLog;
using opsroom::cluster::ReplicatedLogConfig;

std::mutex out_mutex;  // lines come from this thread and from raft's

void Say(const std::string& line) {
  std::lock_guard lock(out_mutex);
  std::fwrite(line.data(), 1, line.size(), stdout);
  std::fputc('\n', stdout);
  std::fflush(stdout);
}

bool ParseMembers(const std::string& text, std::vector<Member>* members) {
  std::istringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    std::size_t eq = item.find('=');
    if (eq == std::string::npos || eq == 0) return false;
    members->push_back({std::stoull(item.substr(0, eq)), item.substr(eq + 1)});
  }
  return !members->empty();
}

}  // namespace

int main(int argc, char** argv) {
  ReplicatedLogConfig config;
  if (argc != 4 || !ParseMembers(argv[3], &config.bootstrap)) {
    std::fprintf(stderr, "usage: cluster_test_member <id> <raft dir> <id>=<host:port>[,...]\n");
    return 2;
  }
  config.id = std::stoull(argv[1]);
  config.data_dir = argv[2];
  for (const Member& member : config.bootstrap) {
    if (member.id == config.id) config.address = member.address;
  }
  opsroom::cluster::testing::Recorder recorder;
  std::string error;
  std::unique_ptr<ReplicatedLog> log = ReplicatedLog::Start(config, recorder.Callbacks(), &error);
  if (!log) {
    std::fprintf(stderr, "cluster_test_member: %s\n", error.c_str());
    return 1;
  }
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.rfind("propose ", 0) == 0) {
      std::string entry = line.substr(8);
      log->Propose(entry, [entry](const ProposeOutcome& out) {
        Say("outcome " + entry + " " + std::string(opsroom::cluster::ProposeCodeName(out.code)) + " " +
            std::to_string(out.index));
      });
    } else if (line == "status") {
      LogStatus s = log->status();
      Say("status " + std::string(opsroom::cluster::RoleName(s.role)) + " " + std::to_string(s.term) + " " +
          std::to_string(s.leader_id) + " " + std::to_string(s.commit_index) + " " + std::to_string(recorder.size()));
    } else if (line == "applied") {
      opsroom::cluster::testing::Applied applied = recorder.applied();
      std::string text = "applied " + std::to_string(applied.size());
      for (const auto& [index, entry] : applied) text += "\n" + std::to_string(index) + " " + entry;
      Say(text + "\nend");
    } else {
      Say("error unknown command: " + line);
    }
  }
  log.reset();
  return 0;
}
