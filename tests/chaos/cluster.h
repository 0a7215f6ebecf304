// One chaos run's world: a temp directory, a hub process on a free loopback
// port pair, chaos_node processes (one log and one outbox each), optional
// relays, subscriber threads (MirrorFollower), and the verdict that puts node
// logs, the hub's replayed log and the subscribers' states into a Ledger.
// Everything it started is killed and joined when it goes out of scope.
// Owned by the test's thread.
#pragma once
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "chaos/hub_client.h"
#include "chaos/ledger.h"
#include "chaos/process.h"
#include "chaos/relay.h"

namespace opsroom::chaos {

// $OPSROOM_CHAOS_NODE_BINARY, else the path compiled in.
std::string ChaosNodeBinaryPath();

struct NodeSpec {
  std::string id;         // "ME-BP"
  uint64_t count = 1000;  // messages in all
  double rate = 0;        // per second; 0: as fast as possible
  std::size_t batch = 50;
  std::size_t window = 1000;
  bool via_relay = false;  // ROUTER traffic through the cluster's relay
  std::string fault;       // chaos_node --fault (negative controls)
};

// What a node's log says beyond the ledger's lines.
struct NodeLogSummary {
  uint64_t attempted_lines = 0;
  uint64_t ack_lines = 0;
  uint64_t duplicate_acks = 0;
  uint64_t submitted_up_to = 0;  // from "D"
  bool drained = false;          // "E" seen
  std::vector<int64_t> ack_wall_ms;
  struct Sample {
    int64_t wall_ms;
    uint64_t depth;
    bool lost;
  };
  std::vector<Sample> samples;  // "S" lines
};
NodeLogSummary SummarizeNodeLog(const std::string& path);

// A MirrorFollower on its own thread; can be slowed or stalled.
class SubscriberThread {
 public:
  struct Options {
    std::string name;
    std::string hub_endpoint;
    std::string fanout_endpoint;
    int delay_per_event_us = 0;
  };
  explicit SubscriberThread(Options options);
  ~SubscriberThread();  // stops and joins
  void Stall(bool stalled) { stalled_.store(stalled); }
  // Catches up to hub_seq (bounded), stops the thread, and returns the final state.
  struct Final {
    uint64_t digest = 0;
    uint64_t last_seq = 0;
    uint64_t gaps_repaired = 0;
    uint64_t order_violations = 0;
    uint64_t reconnects = 0;
    uint64_t delivered = 0;
  };
  Final Finish(uint64_t hub_seq, int timeout_ms);
  const std::string& name() const { return options_.name; }

 private:
  void Run();
  Options options_;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> stalled_{false};
  std::atomic<int> catch_up_timeout_ms_{0};
  std::atomic<uint64_t> catch_up_to_{0};  // set last: non-zero means "finish now"
  std::atomic<bool> finished_{false};
  Final final_;
};

class Cluster {
 public:
  Cluster(std::string name, uint64_t seed);
  ~Cluster();
  Cluster(const Cluster&) = delete;
  Cluster& operator=(const Cluster&) = delete;

  uint64_t seed() const { return seed_; }
  std::mt19937_64& rng() { return rng_; }
  const std::string& root() const { return root_; }
  // Keep the directory (logs, outboxes, hub data) for a post-mortem.
  void Keep() { keep_ = true; }

  // binary: empty for opsroom-hub; ChaosHubBinaryPath() for power cuts.
  bool StartHub(bool sync, std::string* error, const std::string& binary = "", uint64_t tear_seed = 0);
  bool RestartHub(std::string* error);  // kill -9 if running, then start on the same data and port
  void KillHub9();
  HubProcess& hub() { return *hub_; }
  std::string hub_data_dir() const { return root_ + "/hub"; }
  std::string hub_log_path() const { return root_ + "/hub.log"; }

  // A relay in front of the hub's ROUTER (nodes with via_relay) or its PUB.
  Relay* StartRelay(RelayConfig config, bool for_fanout, std::string* error);

  std::size_t AddNode(NodeSpec spec);
  bool StartNode(std::size_t index, std::string* error);
  bool StartAllNodes(std::string* error);
  void KillNode9(std::size_t index);
  bool NodeRunning(std::size_t index) { return !nodes_[index].process.Wait(0) && nodes_[index].process.running(); }
  // Waits until every node process exited (bounded); false if one failed or timed out.
  bool WaitNodes(int timeout_ms, std::string* error);
  std::string NodeLogPath(std::size_t index) const;
  NodeLogSummary NodeLog(std::size_t index) const { return SummarizeNodeLog(NodeLogPath(index)); }
  std::size_t node_count() const { return nodes_.size(); }
  const NodeSpec& node_spec(std::size_t index) const { return nodes_[index].spec; }
  // For the next start (a restarted node continues up to the new count).
  void SetNodeCount(std::size_t index, uint64_t count) { nodes_[index].spec.count = count; }

  // A subscriber following the hub (directly, or through the fan-out relay).
  SubscriberThread& AddSubscriber(const std::string& name, bool via_relay, int delay_per_event_us = 0);

  // The verdict: node logs + the hub's whole log by replay + its state digest
  // + every subscriber's final state (after catching up to the hub).
  bool Verify(ChaosReport* report, std::string* error);
  std::optional<std::map<std::string, int64_t>> HubCounters(std::string* error);
  // Each subscriber's final state, filled by Verify.
  const std::map<std::string, SubscriberThread::Final>& subscriber_finals() const { return finals_; }

 private:
  struct Node {
    NodeSpec spec;
    ChildProcess process;
    int starts = 0;
  };

  std::string name_;
  uint64_t seed_;
  std::mt19937_64 rng_;
  std::string root_;
  bool keep_ = false;
  uint16_t port_ = 0;
  std::unique_ptr<HubProcess> hub_;
  std::unique_ptr<Relay> router_relay_;
  std::unique_ptr<Relay> fanout_relay_;
  std::vector<Node> nodes_;
  std::vector<std::unique_ptr<SubscriberThread>> subscribers_;
  std::map<std::string, SubscriberThread::Final> finals_;
  zmq::context_t context_{1};
};

}  // namespace opsroom::chaos
