// chaos_node: a national node for the chaos harness, built on
// StoreAndForwardPublisher. Submits --count deterministic reports (from
// --seed) at --rate, then drains its outbox and exits 0. Restarted on the same
// --outbox it continues where the outbox says. Its log (--log, appended with
// one write(2) per line, so a kill -9 leaves at most a torn last line):
//   A <node_seq> <envelope hash> .            attempted (written BEFORE the outbox write)
//   K <node_seq> <hub_seq> <dup> <wall ms> .  acknowledged
//   R <node_seq> <code> .                     refused for good
//   S <wall ms> <depth> <link lost> <losses> <state> .   status, every 250 ms
//   C <node_seq> .                            accepted up to here (the outbox write returned)
//   D <submitted up to node_seq> .            everything submitted
//   E <acked> .                               outbox empty, exiting
// The reports come from an upstream that hands each one over once: a
// restarted node continues after the last "C", so a node that forgot its
// outbox (--fault forget-outbox, the harness's negative control) loses them.
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>

#include "chaos/traffic.h"
#include "nodes/client/store_forward.h"
#include "nodes/client/zmq_link.h"
#include "tests/mirror/state_mirror.h"

namespace {

using opsroom::nodes::StoreAndForwardPublisher;

constexpr int kStatusEveryMs = 250;

struct Options {
  std::string id;
  std::string hub = "tcp://127.0.0.1:7700";
  std::string status_endpoint;
  std::string outbox;
  std::string log;
  uint64_t count = 1000;
  uint64_t seed = 1;
  double rate = 0;         // messages per second; 0: as fast as the outbox takes them
  std::size_t batch = 50;  // messages per synced outbox write
  std::size_t window = 1000;
  int drain_timeout_ms = 300'000;
  std::size_t pad = 0;
  std::string fault;  // "forget-outbox": start with an empty outbox (negative control)
};

const char* kUsage =
    "usage: chaos_node --id CC-AGENCY --outbox DIR --log FILE [--hub tcp://127.0.0.1:7700]\n"
    "                  [--status-endpoint E|none] [--count N] [--seed S] [--rate MSGS_PER_S]\n"
    "                  [--batch B] [--window W] [--drain-timeout-ms T] [--pad BYTES]\n"
    "                  [--fault forget-outbox]\n";

bool Parse(int argc, char** argv, Options* o) {
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string name = argv[i];
    std::string value = argv[i + 1];
    if (name == "--id") o->id = value;
    else if (name == "--hub") o->hub = value;
    else if (name == "--status-endpoint") o->status_endpoint = value;
    else if (name == "--outbox") o->outbox = value;
    else if (name == "--log") o->log = value;
    else if (name == "--count") o->count = std::stoull(value);
    else if (name == "--seed") o->seed = std::stoull(value);
    else if (name == "--rate") o->rate = std::stod(value);
    else if (name == "--batch") o->batch = std::stoul(value);
    else if (name == "--window") o->window = std::stoul(value);
    else if (name == "--drain-timeout-ms") o->drain_timeout_ms = std::stoi(value);
    else if (name == "--pad") o->pad = std::stoul(value);
    else if (name == "--fault") o->fault = value;
    else return false;
  }
  return argc % 2 == 1 && !o->id.empty() && !o->outbox.empty() && !o->log.empty() && o->batch > 0 &&
         o->id.find('-') != std::string::npos;
}

// The highest node_seq a previous run confirmed as accepted ("C" lines).
uint64_t LastConfirmed(const std::string& path) {
  std::ifstream in(path);
  uint64_t last = 0;
  for (std::string line; std::getline(in, line);) {
    std::istringstream fields(line);
    std::string tag, end;
    uint64_t seq = 0;
    if (fields >> tag >> seq >> end && tag == "C" && end == ".") last = std::max(last, seq);
  }
  return last;
}

class LogFile {
 public:
  explicit LogFile(const std::string& path) : fd_(::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644)) {}
  ~LogFile() {
    if (fd_ >= 0) ::close(fd_);
  }
  bool ok() const { return fd_ >= 0; }
  void Line(const std::string& line) {
    std::string text = line + " .\n";
    static_cast<void>(::write(fd_, text.data(), text.size()));
  }

 private:
  int fd_;
};

// Written from the on_outcome hook, before the message leaves the outbox: a
// kill -9 can leave an ack logged twice (harmless) but never acked unlogged.
void LogOutcome(const opsroom::nodes::PublishOutcome& outcome, LogFile& log) {
  if (outcome.acknowledged()) {
    log.Line("K " + std::to_string(outcome.node_seq) + " " + std::to_string(outcome.hub_seq) + " " +
             (outcome.duplicate ? "1 " : "0 ") + std::to_string(opsroom::nodes::WallNowMs()));
  } else {
    log.Line("R " + std::to_string(outcome.node_seq) + " " + std::to_string(static_cast<int>(outcome.rejection.code)));
  }
}

void LogOutcomes(StoreAndForwardPublisher& node, LogFile&) { static_cast<void>(node.TakeOutcomes()); }

void LogStatus(StoreAndForwardPublisher& node, LogFile& log) {
  auto s = node.Status();
  log.Line("S " + std::to_string(opsroom::nodes::WallNowMs()) + " " + std::to_string(s.outbox.depth) + " " +
           (s.link_lost ? "1 " : "0 ") + std::to_string(s.link_losses) + " " + ForwardStateName(s.state));
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (!Parse(argc, argv, &options)) {
    std::cerr << kUsage;
    return 2;
  }
  uint64_t confirmed = LastConfirmed(options.log);
  if (options.fault == "forget-outbox") std::filesystem::remove_all(options.outbox);
  LogFile log(options.log);
  if (!log.ok()) {
    std::cerr << "chaos_node: cannot open " << options.log << '\n';
    return 1;
  }
  std::string country = options.id.substr(0, options.id.find('-'));
  log.Line("seed " + std::to_string(options.seed));
  std::cerr << "chaos_node " << options.id << ": seed " << options.seed << '\n';

  zmq::context_t context(1);
  opsroom::nodes::StoreForwardConfig config;
  config.publisher.hub_endpoint = options.hub;
  config.publisher.node_id = options.id;
  config.publisher.country = country;
  config.publisher.max_in_flight = options.window;
  config.publisher.software_version = "chaos-node/1";
  config.outbox_dir = options.outbox;
  config.status_endpoint = options.status_endpoint;
  config.jitter_seed = opsroom::chaos::Mix(options.seed ^ std::hash<std::string>{}(options.id));
  config.on_outcome = [&log](const opsroom::nodes::PublishOutcome& outcome) { LogOutcome(outcome, log); };
  std::string error;
  auto node = StoreAndForwardPublisher::Open(context, config, &error);
  if (!node) {
    std::cerr << "chaos_node: " << error << '\n';
    return 1;
  }
  auto traffic = opsroom::chaos::TrafficFactory({options.id, country, options.seed, options.pad});
  auto logged = [&](uint64_t node_seq) {
    opsroom::wire::Bytes envelope = traffic(node_seq);
    log.Line("A " + std::to_string(node_seq) + " " + std::to_string(opsroom::nodes::Fnv1a64(envelope)));
    return envelope;
  };

  const auto start = std::chrono::steady_clock::now();
  uint64_t first = std::max(node->Status().outbox.next_node_seq, confirmed + 1);
  node->AdvanceNodeSeqTo(first);
  uint64_t next = first;
  int64_t next_status = 0;
  while (next <= options.count) {
    std::size_t n = static_cast<std::size_t>(std::min<uint64_t>(options.batch, options.count - next + 1));
    auto submitted = node->SubmitBatch(n, logged);
    if (!submitted) {
      std::cerr << "chaos_node: submit failed: " << submitted.rejection().text << '\n';
      return 1;
    }
    next = submitted->back() + 1;
    log.Line("C " + std::to_string(submitted->back()));
    // Rate: the (next - first)th message is due at (next - first) / rate seconds.
    auto due = start +
               std::chrono::microseconds(
                   options.rate > 0 ? static_cast<int64_t>(static_cast<double>(next - first) * 1e6 / options.rate) : 0);
    do {
      node->Poll(options.rate > 0 ? 5 : 0);
      LogOutcomes(*node, log);
      if (opsroom::nodes::SteadyNowMs() >= next_status) {
        LogStatus(*node, log);
        next_status = opsroom::nodes::SteadyNowMs() + kStatusEveryMs;
      }
    } while (std::chrono::steady_clock::now() < due);
  }
  log.Line("D " + std::to_string(next - 1));
  const int64_t deadline = opsroom::nodes::SteadyNowMs() + options.drain_timeout_ms;
  while (node->Status().outbox.depth > 0 && opsroom::nodes::SteadyNowMs() < deadline) {
    node->Poll(50);
    LogOutcomes(*node, log);
    if (opsroom::nodes::SteadyNowMs() >= next_status) {
      LogStatus(*node, log);
      next_status = opsroom::nodes::SteadyNowMs() + kStatusEveryMs;
    }
  }
  LogOutcomes(*node, log);
  LogStatus(*node, log);
  auto status = node->Status();
  std::cerr << opsroom::nodes::FormatStatus(status);
  if (status.outbox.depth > 0) {
    std::cerr << "chaos_node: outbox not empty after " << options.drain_timeout_ms << " ms\n";
    return 3;
  }
  log.Line("E " + std::to_string(status.acked));
  return 0;
}
