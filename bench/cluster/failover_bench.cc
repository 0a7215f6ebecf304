// Failover of a cluster of three real opsroom-hub processes (issue 15): a
// store-and-forward node given all three endpoints sends a steady stream of
// reports; the leader (the hub the node's acks come from) is killed with
// SIGKILL, and the bench times kill -> the first ack from the new leader for
// a report the old one had not acked. The killed hub is restarted from its
// directories and the next round waits until acks flow again. At the end
// every report must be acked (the node's outbox empties), and every member's
// log, read back after the members stop, must hold each report exactly once
// and be the same as the others'. Printed: kill -> a new leader taking
// Publishes (its log line) and kill -> the node's first new ack, p50/p90/max.
//   opsroom-bench-failover [--kills N] [--rate PER_SECOND] [--settle-ms MS] [--dir DIR]
// Figures, never a test threshold; hubs bind 127.0.0.1 only.
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>
#include <zmq.hpp>

#include "chaos/process.h"
#include "chaos/traffic.h"
#include "frame_generated.h"
#include "hub/store.h"
#include "nodes/client/store_forward.h"
#include "nodes/client/zmq_link.h"
#include "tests/support/free_port.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
constexpr int kMembers = 3;

struct Options {
  int kills = 50;
  int rate = 200;  // reports a second
  int settle_ms = 3000;
  std::string dir;
};

int Usage() {
  std::fprintf(stderr, "usage: opsroom-bench-failover [--kills N] [--rate PER_SECOND] [--settle-ms MS] [--dir DIR]\n");
  return 2;
}

std::optional<Options> Parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; i += 2) {
    std::string_view flag = argv[i];
    if (i + 1 >= argc) return std::nullopt;
    std::string value = argv[i + 1];
    if (flag == "--dir") {
      options.dir = value;
      continue;
    }
    char* end = nullptr;
    long number = std::strtol(value.c_str(), &end, 10);
    if (*end != '\0' || number < 1) return std::nullopt;
    if (flag == "--kills") {
      options.kills = static_cast<int>(number);
    } else if (flag == "--rate") {
      options.rate = static_cast<int>(std::min(number, 5000L));
    } else if (flag == "--settle-ms") {
      options.settle_ms = static_cast<int>(number);
    } else {
      return std::nullopt;
    }
  }
  return options;
}

// "2026-12-07T20:35:19.076Z ..." -> ms since 1970; 0 when the line has no such time.
int64_t LineTimeMs(const std::string& line) {
  std::tm parts{};
  int ms = 0;
  if (std::sscanf(line.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3dZ", &parts.tm_year, &parts.tm_mon, &parts.tm_mday,
                  &parts.tm_hour, &parts.tm_min, &parts.tm_sec, &ms) != 7)
    return 0;
  parts.tm_year -= 1900;
  parts.tm_mon -= 1;
  return static_cast<int64_t>(timegm(&parts)) * 1000 + ms;
}

// The ledger of one member's log: node_seq -> how often HR-FAILOVER's report
// is in it, and a digest of every (key, value) so that members compare.
struct LogLedger {
  std::map<uint64_t, int> copies;
  std::size_t digest = 0;
  std::string error;
};

LogLedger ReadLedger(const std::string& data_dir) {
  LogLedger ledger;
  opsroom::hub::OpenResult opened = opsroom::hub::OpenRocksStore({data_dir, false, true});
  if (!opened.status.ok()) return ledger.error = opened.status.message(), ledger;
  opsroom::hub::StoreStatus scanned =
      opened.store->Scan(opsroom::hub::Family::kLog, "", [&](std::string_view key, std::string_view value) {
        ledger.digest = ledger.digest * 1'000'003 ^ std::hash<std::string_view>{}(key) ^
                        (std::hash<std::string_view>{}(value) << 1);
        std::string aligned(value);
        const auto* event = opsroom::wire::GetFrame(aligned.data())->body_as_Event();
        if (event == nullptr || event->envelope() == nullptr) return true;
        const auto* envelope = event->envelope_nested_root();
        if (envelope->origin() != nullptr && envelope->origin()->str() == "HR-FAILOVER") ++ledger.copies[envelope->node_seq()];
        return true;
      });
  if (!scanned.ok()) ledger.error = scanned.message();
  return ledger;
}

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double Quantile(std::vector<double> values, double q) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[static_cast<std::size_t>(q * static_cast<double>(values.size() - 1))];
}

class Cluster {
 public:
  Cluster(std::string hub_binary, std::string dir) : hub_(std::move(hub_binary)), dir_(std::move(dir)) {}

  bool Prepare(std::string* error) {
    std::ofstream members(dir_ + "/members");
    for (int i = 0; i < kMembers; ++i) {
      uint16_t client = opsroom::testing::FreePortPair();
      uint16_t raft = opsroom::testing::FreePortPair();
      if (client == 0 || raft == 0 || client == raft) {
        *error = "no free loopback ports";
        return false;
      }
      endpoints_.push_back("tcp://127.0.0.1:" + std::to_string(client));
      members << i + 1 << " 127.0.0.1:" << raft << " " << endpoints_.back() << "\n";
    }
    processes_.resize(kMembers);
    return static_cast<bool>(members);
  }

  bool Start(int i, std::string* error) {
    std::string data = dir_ + "/hub" + std::to_string(i + 1);
    std::vector<std::string> argv = {hub_,         "--data",     data,          "--bind", endpoints_[i], "--insecure",
                                     "--member-id", std::to_string(i + 1), "--members", dir_ + "/members"};
    std::string log = data + ".log";
    auto process = opsroom::chaos::ChildProcess::Start(argv, log, log, error);
    if (!process) return false;
    processes_[i] = std::move(*process);
    return true;
  }

  void Kill(int i) { processes_[i].Kill9(); }
  // Stops every member (SIGTERM, then SIGKILL after 10 s).
  void StopAll() {
    for (auto& process : processes_) {
      if (!process.running()) continue;
      process.Signal(SIGTERM);
      if (!process.Wait(10'000)) process.Kill9();
    }
  }
  void KillAll() {
    for (auto& process : processes_) {
      if (process.running()) process.Kill9();
    }
  }
  // The member that said last (highest term) that it leads, from the hubs'
  // logs ("<UTC time> ... cluster: member N leads in term T"); -1 when none
  // did. `since_ms`: when it said so (wall clock, ms).
  int Leader(int64_t* since_ms = nullptr) const {
    int leader = -1;
    unsigned long best_term = 0;
    for (int i = 0; i < kMembers; ++i) {
      std::ifstream log(dir_ + "/hub" + std::to_string(i + 1) + ".log");
      std::string line;
      const std::string marker = "cluster: member " + std::to_string(i + 1) + " leads in term ";
      while (std::getline(log, line)) {
        std::size_t at = line.find(marker);
        if (at == std::string::npos) continue;
        unsigned long term = std::strtoul(line.c_str() + at + marker.size(), nullptr, 10);
        if (term <= best_term) continue;
        best_term = term;
        leader = i;
        if (since_ms != nullptr) *since_ms = LineTimeMs(line);
      }
    }
    return leader;
  }
  const std::vector<std::string>& endpoints() const { return endpoints_; }

 private:
  std::string hub_;
  std::string dir_;
  std::vector<std::string> endpoints_;
  std::vector<opsroom::chaos::ChildProcess> processes_;
};

}  // namespace

int main(int argc, char** argv) {
  std::optional<Options> options = Parse(argc, argv);
  if (!options) return Usage();
  signal(SIGPIPE, SIG_IGN);
  fs::path self = fs::canonical("/proc/self/exe");
  std::string hub = (self.parent_path().parent_path().parent_path() / "hub" / "opsroom-hub").string();
  bool own_dir = options->dir.empty();
  std::string dir = own_dir ? (fs::temp_directory_path() / ("opsroom-failover-" + std::to_string(getpid()))).string()
                            : options->dir;
  fs::create_directories(dir);
  Cluster cluster(hub, dir);
  std::string error;
  if (!cluster.Prepare(&error)) {
    std::fprintf(stderr, "failover bench: %s\n", error.c_str());
    return 1;
  }
  for (int i = 0; i < kMembers; ++i) {
    if (!cluster.Start(i, &error)) {
      std::fprintf(stderr, "failover bench: cannot start %s: %s\n", hub.c_str(), error.c_str());
      return 1;
    }
  }

  zmq::context_t context(1);
  opsroom::nodes::StoreForwardConfig config;
  config.publisher.hub_endpoint = cluster.endpoints()[0];
  config.publisher.other_hubs = {cluster.endpoints()[1], cluster.endpoints()[2]};
  config.publisher.node_id = "HR-FAILOVER";
  config.publisher.country = "HR";
  config.outbox_dir = dir + "/outbox";
  config.status_endpoint = "none";
  uint64_t max_acked_hub_seq = 0;
  uint64_t acks = 0, duplicates = 0;
  std::optional<Clock::time_point> first_new_ack;
  uint64_t acked_before_kill = 0;
  config.on_outcome = [&](const opsroom::nodes::PublishOutcome& outcome) {
    if (!outcome.acknowledged()) return;
    ++acks;
    if (outcome.duplicate) ++duplicates;
    if (outcome.hub_seq > acked_before_kill && !first_new_ack) first_new_ack = Clock::now();
    max_acked_hub_seq = std::max(max_acked_hub_seq, outcome.hub_seq);
  };
  auto node = opsroom::nodes::StoreAndForwardPublisher::Open(context, config, &error);
  if (!node) {
    std::fprintf(stderr, "failover bench: %s\n", error.c_str());
    return 1;
  }
  opsroom::chaos::TrafficConfig traffic{"HR-FAILOVER", "HR", 15, 512, true};
  auto factory = opsroom::chaos::TrafficFactory(traffic);
  const auto interval = std::chrono::microseconds(1'000'000 / options->rate);
  auto next_send = Clock::now();
  uint64_t submitted = 0;
  // Sends on schedule and pumps the link until `until` or `done()`.
  auto run = [&](Clock::time_point until, const std::function<bool()>& done) {
    while (Clock::now() < until && !done()) {
      while (Clock::now() >= next_send) {
        if (node->Submit(factory).ok()) ++submitted;
        next_send += interval;
      }
      node->Poll(1);
    }
  };
  std::vector<double> failover_ms;
  std::vector<double> leader_ms;  // kill -> a new leader caught up and taking Publishes (its log line)
  int unanswered = 0;
  run(Clock::now() + std::chrono::seconds(10), [&] { return acks > 0; });
  if (acks == 0) {
    std::fprintf(stderr, "failover bench: no ack in 10 s; hub logs in %s\n", dir.c_str());
    return 1;
  }
  for (int round = 0; round < options->kills; ++round) {
    run(Clock::now() + std::chrono::milliseconds(options->settle_ms), [] { return false; });
    int leader = cluster.Leader();
    if (leader < 0) {
      ++unanswered;
      continue;
    }
    acked_before_kill = max_acked_hub_seq;
    first_new_ack.reset();
    auto killed_at = Clock::now();
    int64_t killed_wall_ms = opsroom::nodes::WallNowMs();
    cluster.Kill(leader);
    run(killed_at + std::chrono::seconds(30), [&] { return first_new_ack.has_value(); });
    if (first_new_ack) {
      failover_ms.push_back(Ms(*first_new_ack - killed_at));
    } else {
      ++unanswered;
    }
    int64_t leads_since_ms = 0;
    int successor = cluster.Leader(&leads_since_ms);
    double leads_after_ms = successor != leader && leads_since_ms > 0 ? double(leads_since_ms - killed_wall_ms) : -1.0;
    if (leads_after_ms >= 0) leader_ms.push_back(leads_after_ms);
    std::printf("round %d: killed member %d; member %d leads after %.0f ms; first new ack at the node after %.0f ms\n",
                round + 1, leader + 1, successor + 1, leads_after_ms, first_new_ack ? failover_ms.back() : -1.0);
    std::fflush(stdout);
    if (!cluster.Start(leader, &error)) {
      std::fprintf(stderr, "failover bench: cannot restart member %d: %s\n", leader + 1, error.c_str());
      return 1;
    }
  }
  bool drained = node->Drain(60'000);
  // The member restarted last catches up from the leader's log meanwhile.
  std::this_thread::sleep_for(std::chrono::milliseconds(options->settle_ms * 2));
  auto status = node->Status();
  std::printf(
      "failover: kills=%d answered=%zu | new leader p50=%.0f p90=%.0f max=%.0f ms | first new ack p50=%.0f p90=%.0f "
      "max=%.0f ms | reports submitted=%llu acked=%llu duplicates=%llu outbox_left=%llu drained=%s\n",
      options->kills, failover_ms.size(), Quantile(leader_ms, 0.5), Quantile(leader_ms, 0.9), Quantile(leader_ms, 1.0),
      Quantile(failover_ms, 0.5), Quantile(failover_ms, 0.9), Quantile(failover_ms, 1.0),
      static_cast<unsigned long long>(submitted), static_cast<unsigned long long>(acks),
      static_cast<unsigned long long>(duplicates), static_cast<unsigned long long>(status.outbox.depth),
      drained ? "yes" : "no");
  node.reset();
  // The ledger: every report acked is in every member's log exactly once, and the logs are the same.
  cluster.StopAll();
  std::size_t lost = 0, doubled = 0;
  bool identical = true;
  std::optional<std::size_t> first_digest;
  for (int i = 0; i < kMembers; ++i) {
    LogLedger ledger = ReadLedger(dir + "/hub" + std::to_string(i + 1));
    if (!ledger.error.empty()) {
      std::fprintf(stderr, "failover bench: member %d's store: %s\n", i + 1, ledger.error.c_str());
      identical = false;
      continue;
    }
    std::size_t member_lost = 0;
    for (uint64_t node_seq = 1; node_seq <= submitted; ++node_seq) {
      int copies = ledger.copies.count(node_seq) ? ledger.copies[node_seq] : 0;
      if (copies == 0) ++member_lost;
      if (copies > 1) ++doubled;
    }
    if (member_lost > 0) std::printf("member %d's log lacks %zu reports\n", i + 1, member_lost);
    lost += member_lost;
    if (!first_digest) first_digest = ledger.digest;
    identical = identical && ledger.digest == *first_digest;
  }
  std::printf("ledger: %d members, reports missing from a log=%zu, stored twice=%zu, logs identical=%s\n", kMembers,
              lost, doubled, identical ? "yes" : "NO");
  if (own_dir) {
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  }
  return drained && unanswered == 0 && lost == 0 && doubled == 0 && identical ? 0 : 1;
}
