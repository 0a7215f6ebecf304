// For tests of clients of a cluster of hubs (docs/protocol.md section 17):
// real hubs from HubFixture, one of which may be told it does not lead, and a
// StoreAndForwardPublisher given a list of them.
#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "hub/leadership.h"
#include "integration/hub_data_copy.h"
#include "integration/hub_fixture.h"
#include "nodes/client/store_forward.h"
#include "tests/support/temp_dir.h"

namespace opsroom::testing {

// The hub's own LeadershipSource interface with a fixed answer, standing in
// for the raft side: the hub under test runs exactly as a follower would.
// Must outlive the hub that reads it (declare it before the HubFixture).
class FixedLeadership : public hub::LeadershipSource {
 public:
  explicit FixedLeadership(std::string leader_endpoint) : answer_{false, std::move(leader_endpoint)} {}
  hub::Leadership Current() const override { return answer_; }

 private:
  hub::Leadership answer_;
};

// A hub that refuses Publish as a follower naming `leader` ("" names none).
inline std::function<void(hub::HubConfig&)> FollowerOf(const FixedLeadership& leadership) {
  return [&leadership](hub::HubConfig& config) { config.leadership = &leadership; };
}

// A leader, and a hub told it follows that leader (members in this order).
struct LeaderAndFollower {
  bool started() const { return leader.started() && follower.started(); }
  HubFixture leader;
  FixedLeadership leadership{leader.router_endpoint()};
  HubFixture follower{FollowerOf(leadership)};
};

// Two hubs where the second takes over the first's log when the first dies:
// standing in for raft's replication, it restarts on a copy of the first's
// data, on its own ports. The second is stopped until then.
struct TakeOverPair {
  TakeOverPair() { second.Stop(); }
  bool TakeOver() {
    first.Stop();
    std::filesystem::path copy = std::filesystem::path(second.data_dir()).parent_path() / "first-copy";
    CopyHubData(first.data_dir(), copy);
    RestoreHubData(copy, second.data_dir());
    return second.RestartAfterRestore();
  }
  HubFixture first;
  HubFixture second;
};

// Alert reports of ME-BP, one distinct alert per node_seq (never a held duplicate).
inline wire::Bytes DistinctAlert(uint64_t node_seq) {
  return Pack(AlertEnvelope("ME-BP", "ME", node_seq, "A-" + std::to_string(node_seq)));
}

// A store-and-forward node for ME-BP over `hubs` (the first is where it starts).
inline std::unique_ptr<nodes::StoreAndForwardPublisher> OpenNode(zmq::context_t& context,
                                                                 const std::vector<std::string>& hubs,
                                                                 const std::string& outbox_dir) {
  nodes::StoreForwardConfig config;
  config.publisher.hub_endpoint = hubs.front();
  config.publisher.other_hubs.assign(hubs.begin() + 1, hubs.end());
  config.publisher.node_id = "ME-BP";
  config.publisher.country = "ME";
  config.publisher.max_in_flight = 16;  // a window smaller than the batches: refills happen mid-failover
  config.outbox_dir = outbox_dir;
  config.jitter_seed = 15;
  config.connect_timeout_ms = 500;  // a dead member is given up sooner than the default 3 s
  config.backoff_max_ms = 1000;
  std::string error;
  auto node = nodes::StoreAndForwardPublisher::Open(context, std::move(config), &error);
  EXPECT_TRUE(node) << error;
  return node;
}

// Every outcome so far, by node_seq: a node_seq answered twice fails the test.
class OutcomeBook {
 public:
  void Take(nodes::StoreAndForwardPublisher& node) {
    for (const nodes::PublishOutcome& outcome : node.TakeOutcomes()) {
      EXPECT_TRUE(outcome.acknowledged()) << "node_seq " << outcome.node_seq << " refused: " << outcome.rejection.text;
      bool first = by_seq_.emplace(outcome.node_seq, outcome).second;
      EXPECT_TRUE(first) << "node_seq " << outcome.node_seq << " answered twice";
    }
  }
  std::size_t size() const { return by_seq_.size(); }
  std::size_t duplicates() const {
    std::size_t count = 0;
    for (const auto& [seq, outcome] : by_seq_) count += outcome.duplicate ? 1 : 0;
    return count;
  }

 private:
  std::map<uint64_t, nodes::PublishOutcome> by_seq_;
};

}  // namespace opsroom::testing
