// Proposals/s and commit latency of opsroom::cluster::ReplicatedLog: N members
// in this process (each on its own raft thread), raft over loopback TCP, raft
// directories under a temp dir (the uv backend syncs every segment write).
// Latency is Propose() to the proposer's done callback: durable on a majority
// and applied on the leader. Figures, never a test threshold.
//   opsroom-bench-cluster [--members 1|3] [--entries N] [--size BYTES] [--window N] [--dir DIR]
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <stdlib.h>

#include "cluster/replicated_log.h"
#include "tests/cluster/cluster_support.h"  // free loopback ports, shared with the cluster tests

namespace {

using Clock = std::chrono::steady_clock;
using opsroom::cluster::Member;
using opsroom::cluster::ProposeCode;
using opsroom::cluster::ProposeOutcome;
using opsroom::cluster::ReplicatedLog;
using opsroom::cluster::Role;

struct Options {
  int members = 3;
  int entries = 20000;
  std::size_t size = 512;
  int window = 1000;
  std::string dir;
};

bool Parse(int argc, char** argv, Options* o) {
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    std::string value = argv[i + 1];
    if (flag == "--members") o->members = std::atoi(value.c_str());
    else if (flag == "--entries") o->entries = std::atoi(value.c_str());
    else if (flag == "--size") o->size = static_cast<std::size_t>(std::atol(value.c_str()));
    else if (flag == "--window") o->window = std::atoi(value.c_str());
    else if (flag == "--dir") o->dir = value;
    else return false;
  }
  return argc % 2 == 1 && o->members >= 1 && o->members <= 7 && o->entries > 0 && o->window > 0 && o->size > 0;
}

// What the proposer waits on: entries in flight and each one's latency.
struct Flight {
  std::mutex mutex;
  std::condition_variable changed;
  int in_flight = 0;
  int failed = 0;
  std::vector<double> latency_ms;
};

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!Parse(argc, argv, &o)) {
    std::fprintf(stderr,
                 "usage: opsroom-bench-cluster [--members 1..7] [--entries N] [--size BYTES] [--window N] [--dir DIR]\n");
    return 2;
  }
  bool own_dir = o.dir.empty();
  if (own_dir) {
    std::string pattern = (std::filesystem::temp_directory_path() / "opsroom-bench-cluster-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) return 1;
    o.dir = pattern;
  }
  std::vector<Member> members = opsroom::cluster::testing::LoopbackMembers(o.members);
  if (members.empty()) return 1;
  std::vector<std::unique_ptr<ReplicatedLog>> logs;
  for (int i = 0; i < o.members; ++i) {
    opsroom::cluster::ReplicatedLogConfig config;
    config.id = members[i].id;
    config.address = members[i].address;
    config.data_dir = o.dir + "/raft-" + std::to_string(i + 1);
    config.bootstrap = members;
    config.snapshot_threshold = 1u << 30;  // the log alone: this measures commits, not snapshots
    config.max_pending = static_cast<std::size_t>(o.window) + 1;
    std::string error;
    auto log = ReplicatedLog::Start(config, {[](uint64_t, std::string_view) {}, {}, {}}, &error);
    if (!log) {
      std::fprintf(stderr, "member %d: %s\n", i + 1, error.c_str());
      return 1;
    }
    logs.push_back(std::move(log));
  }
  ReplicatedLog* leader = nullptr;
  for (int turn = 0; turn < 3000 && leader == nullptr; ++turn) {
    for (auto& log : logs) {
      if (log->status().role == Role::kLeader) leader = log.get();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (leader == nullptr) {
    std::fprintf(stderr, "no leader within 30 s\n");
    return 1;
  }

  Flight flight;
  flight.latency_ms.reserve(static_cast<std::size_t>(o.entries));
  std::string entry(o.size, 'x');
  auto start = Clock::now();
  for (int k = 0; k < o.entries; ++k) {
    {
      std::unique_lock lock(flight.mutex);
      flight.changed.wait(lock, [&] { return flight.in_flight < o.window; });
      ++flight.in_flight;
    }
    auto sent = Clock::now();
    leader->Propose(entry, [&flight, sent](const ProposeOutcome& out) {
      double ms = std::chrono::duration<double, std::milli>(Clock::now() - sent).count();
      std::lock_guard lock(flight.mutex);
      --flight.in_flight;
      if (out.code == ProposeCode::kCommitted) flight.latency_ms.push_back(ms);
      else ++flight.failed;
      flight.changed.notify_all();
    });
  }
  {
    std::unique_lock lock(flight.mutex);
    flight.changed.wait(lock, [&] { return flight.in_flight == 0; });
  }
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::size_t committed = flight.latency_ms.size();
  std::printf("members=%d size=%zu window=%d entries=%d committed=%zu failed=%d\n", o.members, o.size, o.window,
              o.entries, committed, flight.failed);
  std::printf("  %.0f entries/s, %.1f MB/s; commit latency p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
              static_cast<double>(committed) / seconds,
              static_cast<double>(committed * o.size) / seconds / 1e6, Percentile(flight.latency_ms, 0.50),
              Percentile(flight.latency_ms, 0.99), Percentile(flight.latency_ms, 1.0));
  logs.clear();
  if (own_dir) {
    std::error_code ignored;
    std::filesystem::remove_all(o.dir, ignored);
  }
  return flight.failed == 0 ? 0 : 1;
}
