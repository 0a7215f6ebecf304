#include "chaos/cluster.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/mirror/mirror_follower.h"
#include "tests/mirror/state_mirror.h"
#include "tests/support/free_port.h"
#include "tests/support/temp_dir.h"

namespace opsroom::chaos {

namespace {

constexpr int kHubStartTimeoutMs = 15'000;
constexpr int kReplayTimeoutMs = 120'000;
constexpr int kSubscriberPollMs = 20;

}  // namespace

std::string ChaosNodeBinaryPath() {
  if (const char* path = std::getenv("OPSROOM_CHAOS_NODE_BINARY"); path != nullptr && *path != '\0') return path;
#ifdef OPSROOM_CHAOS_NODE_BINARY
  return OPSROOM_CHAOS_NODE_BINARY;
#else
  return "chaos_node";
#endif
}

NodeLogSummary SummarizeNodeLog(const std::string& path) {
  NodeLogSummary summary;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.size() < 3 || line.compare(line.size() - 2, 2, " .") != 0) continue;
    std::istringstream fields(line);
    std::string tag;
    fields >> tag;
    if (tag == "A") {
      ++summary.attempted_lines;
    } else if (tag == "K") {
      uint64_t seq = 0, hub_seq = 0;
      int dup = 0;
      int64_t at = 0;
      fields >> seq >> hub_seq >> dup >> at;
      ++summary.ack_lines;
      summary.duplicate_acks += dup;
      summary.ack_wall_ms.push_back(at);
    } else if (tag == "S") {
      NodeLogSummary::Sample sample{};
      int lost = 0;
      fields >> sample.wall_ms >> sample.depth >> lost;
      sample.lost = lost != 0;
      summary.samples.push_back(sample);
    } else if (tag == "D") {
      fields >> summary.submitted_up_to;
    } else if (tag == "E") {
      summary.drained = true;
    }
  }
  return summary;
}

// ---- SubscriberThread ----

SubscriberThread::SubscriberThread(Options options) : options_(std::move(options)) {
  thread_ = std::thread([this] { Run(); });
}

SubscriberThread::~SubscriberThread() {
  stop_.store(true);
  if (thread_.joinable()) thread_.join();
}

void SubscriberThread::Run() {
  zmq::context_t context(1);
  nodes::SubscriberConfig config;
  config.hub_endpoint = options_.hub_endpoint;
  config.fanout_endpoint = options_.fanout_endpoint;
  config.node_id = "OPSROOM-SUB" + std::to_string(std::hash<std::string>{}(options_.name) % 1000);
  config.country = "OPSROOM";
  nodes::MirrorFollower follower(context, config);
  follower.set_delay_per_event_us(options_.delay_per_event_us);
  while (!stop_.load()) {
    uint64_t target = catch_up_to_.load();
    if (target != 0) {
      follower.set_delay_per_event_us(0);
      follower.CatchUpTo(target, catch_up_timeout_ms_.load());
      break;
    }
    if (stalled_.load()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(kSubscriberPollMs));
      continue;
    }
    follower.Poll(kSubscriberPollMs);
  }
  final_.digest = follower.mirror().Digest();
  final_.last_seq = follower.last_seq();
  final_.gaps_repaired = follower.subscriber().gaps_repaired();
  final_.order_violations = follower.order_violations();
  final_.reconnects = follower.subscriber().counters().reconnects;
  final_.delivered = follower.subscriber().counters().delivered;
  finished_.store(true);
}

SubscriberThread::Final SubscriberThread::Finish(uint64_t hub_seq, int timeout_ms) {
  stalled_.store(false);
  catch_up_timeout_ms_.store(timeout_ms);
  catch_up_to_.store(std::max<uint64_t>(hub_seq, 1));
  if (thread_.joinable()) thread_.join();
  return final_;
}

// ---- Cluster ----

Cluster::Cluster(std::string name, uint64_t seed)
    : name_(std::move(name)), seed_(seed), rng_(seed), root_(testing::MakeTempDir("opsroom-chaos-" + name_)),
      port_(testing::FreePortPair()) {}

Cluster::~Cluster() {
  subscribers_.clear();
  for (Node& node : nodes_) node.process.Kill9();
  if (hub_) hub_->Kill9();
  router_relay_.reset();
  fanout_relay_.reset();
  if (!keep_) {
    std::error_code ignored;
    std::filesystem::remove_all(root_, ignored);
  }
}

bool Cluster::StartHub(bool sync, std::string* error, const std::string& binary, uint64_t tear_seed) {
  HubOptions options{root_ + "/hub", port_, sync, root_ + "/hub.log", binary, tear_seed};
  hub_ = std::make_unique<HubProcess>(options);
  return hub_->Start(kHubStartTimeoutMs, error);
}

bool Cluster::RestartHub(std::string* error) {
  hub_->Kill9();
  return hub_->Start(kHubStartTimeoutMs, error);
}

void Cluster::KillHub9() { hub_->Kill9(); }

Relay* Cluster::StartRelay(RelayConfig config, bool for_fanout, std::string* error) {
  config.target_port = static_cast<uint16_t>(for_fanout ? port_ + 1 : port_);
  auto relay = std::make_unique<Relay>(config);
  if (!relay->Start(error)) return nullptr;
  auto& slot = for_fanout ? fanout_relay_ : router_relay_;
  slot = std::move(relay);
  return slot.get();
}

std::size_t Cluster::AddNode(NodeSpec spec) {
  nodes_.push_back({std::move(spec), ChildProcess(), 0});
  return nodes_.size() - 1;
}

std::string Cluster::NodeLogPath(std::size_t index) const { return root_ + "/" + nodes_[index].spec.id + ".log"; }

bool Cluster::StartNode(std::size_t index, std::string* error) {
  Node& node = nodes_[index];
  std::string hub_endpoint = "tcp://127.0.0.1:" + std::to_string(port_);
  if (node.spec.via_relay && router_relay_) hub_endpoint = router_relay_->endpoint();
  std::string status_endpoint = "tcp://127.0.0.1:" + std::to_string(port_ + 1);
  std::vector<std::string> argv = {ChaosNodeBinaryPath(),
                                   "--id",
                                   node.spec.id,
                                   "--hub",
                                   hub_endpoint,
                                   "--status-endpoint",
                                   status_endpoint,
                                   "--outbox",
                                   root_ + "/outbox-" + node.spec.id,
                                   "--log",
                                   NodeLogPath(index),
                                   "--count",
                                   std::to_string(node.spec.count),
                                   "--seed",
                                   std::to_string(seed_),
                                   "--rate",
                                   std::to_string(node.spec.rate),
                                   "--batch",
                                   std::to_string(node.spec.batch),
                                   "--window",
                                   std::to_string(node.spec.window)};
  if (!node.spec.fault.empty()) {
    argv.push_back("--fault");
    argv.push_back(node.spec.fault);
  }
  std::string stderr_path = root_ + "/" + node.spec.id + ".stderr";
  auto child = ChildProcess::Start(argv, stderr_path, stderr_path, error);
  if (!child) return false;
  node.process = std::move(*child);
  ++node.starts;
  return true;
}

bool Cluster::StartAllNodes(std::string* error) {
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    if (!StartNode(i, error)) return false;
  }
  return true;
}

void Cluster::KillNode9(std::size_t index) { nodes_[index].process.Kill9(); }

bool Cluster::WaitNodes(int timeout_ms, std::string* error) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (Node& node : nodes_) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (!node.process.Wait(static_cast<int>(std::max<int64_t>(left.count(), 0)))) {
      *error = node.spec.id + " did not finish within " + std::to_string(timeout_ms) + " ms (see " + root_ + ")";
      return false;
    }
    if (node.process.exit_code() != 0) {
      *error = node.spec.id + " exited with " + std::to_string(node.process.exit_code().value_or(-1)) + " (see " +
               root_ + "/" + node.spec.id + ".stderr)";
      return false;
    }
  }
  return true;
}

SubscriberThread& Cluster::AddSubscriber(const std::string& name, bool via_relay, int delay_per_event_us) {
  SubscriberThread::Options options;
  options.name = name;
  options.hub_endpoint = "tcp://127.0.0.1:" + std::to_string(port_);
  options.fanout_endpoint =
      via_relay && fanout_relay_ ? fanout_relay_->endpoint() : "tcp://127.0.0.1:" + std::to_string(port_ + 1);
  options.delay_per_event_us = delay_per_event_us;
  subscribers_.push_back(std::make_unique<SubscriberThread>(options));
  return *subscribers_.back();
}

std::optional<std::map<std::string, int64_t>> Cluster::HubCounters(std::string* error) {
  QueryClient client(context_, hub_->endpoint());
  if (!client.Connect(5000, error)) return std::nullopt;
  return client.Counters(5000, error);
}

bool Cluster::Verify(ChaosReport* report, std::string* error) {
  Ledger ledger;
  std::set<std::string> origins;
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    origins.insert(nodes_[i].spec.id);
    if (ledger.LoadNodeLog(NodeLogPath(i), nodes_[i].spec.id) < 0) {
      *error = "cannot read " + NodeLogPath(i);
      return false;
    }
  }
  ledger.JudgeOrigins(origins);
  QueryClient client(context_, hub_->endpoint());
  if (!client.Connect(5000, error)) return false;
  nodes::StateMirror mirror;
  uint64_t last_seq = 0;
  bool replayed = client.ReplayAll(
      1,
      [&](const wire::CheckedEvent& event) {
        ledger.Observe({event.hub_seq, event.envelope->origin()->str(), event.envelope->node_seq(),
                        nodes::Fnv1a64(event.envelope_bytes)});
        mirror.Apply(event);
        last_seq = std::max(last_seq, event.hub_seq);
      },
      kReplayTimeoutMs, error);
  if (!replayed) return false;
  ledger.HubState(mirror.Digest(), last_seq);
  for (auto& subscriber : subscribers_) {
    SubscriberThread::Final final = subscriber->Finish(last_seq, 60'000);
    ledger.SubscriberState(subscriber->name(), final.digest, final.last_seq);
    finals_[subscriber->name()] = final;
  }
  subscribers_.clear();
  *report = ledger.Report();
  return true;
}

}  // namespace opsroom::chaos
