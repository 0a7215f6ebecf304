// Three real hubs as one cluster (docs/cluster.md) in this process: each a
// HubServer on its own thread with its own RocksDB and raft directory in a
// temp dir, raft and clients on loopback TCP ports picked at start. Plus the
// reading of a stopped member's log. Every wait is bounded.
#pragma once
#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>

#include "cluster/cluster_support.h"
#include "hub/cluster/replicated_commit.h"
#include "hub/hub_server.h"
#include "hub/key_layout.h"
#include "hub/store.h"
#include "support/temp_dir.h"

namespace opsroom::testing {

class HubCluster {
 public:
  static constexpr int kSize = 3;

  // `adjust` may change member i's config before each start (keys, secure mode).
  using Adjust = std::function<void(int, hub::HubConfig&)>;
  explicit HubCluster(Adjust adjust = nullptr) : adjust_(std::move(adjust)) {
    for (int i = 0; i < kSize; ++i) {
      int raft_port = cluster::testing::FreeLoopbackPort();
      int client_port = cluster::testing::FreeLoopbackPort();
      members_.push_back({static_cast<uint64_t>(i + 1), "127.0.0.1:" + std::to_string(raft_port),
                          "tcp://127.0.0.1:" + std::to_string(client_port)});
      pub_endpoints_[i] = "tcp://127.0.0.1:" + std::to_string(cluster::testing::FreeLoopbackPort());
    }
  }
  ~HubCluster() {
    for (int i = 0; i < kSize; ++i) Stop(i);
  }

  bool made() const { return dir_.made(); }
  std::string file(const std::string& name) const { return dir_.file(name); }
  hub::HubConfig ConfigOf(int i) const {
    hub::HubConfig config;
    config.data_dir = dir_.file("hub-" + std::to_string(i + 1));
    config.bind = members_[i].client_endpoint;
    config.pub_bind = pub_endpoints_[i];
    config.insecure = true;
    config.hub_id = "hub-" + std::to_string(i + 1);
    config.heartbeat_interval_ms = 200;  // status on the fan-out soon: a subscriber knows it is live
    config.cluster.member_id = members_[i].id;
    config.cluster.members = members_;
    config.cluster.raft_dir = dir_.file("raft-" + std::to_string(i + 1));
    if (adjust_) adjust_(i, config);
    return config;
  }
  // Starts member i (again after Stop, on the same directories); the error when it did not.
  std::string Start(int i) {
    auto server = std::make_unique<hub::HubServer>(ConfigOf(i));
    if (wire::Status started = server->Start(); !started.ok) return started.error;
    servers_[i] = std::move(server);
    threads_[i] = std::thread([s = servers_[i].get()] { s->Run(); });
    return {};
  }
  void Stop(int i) {
    if (!servers_[i]) return;
    servers_[i]->RequestStop();
    threads_[i].join();
    servers_[i].reset();
  }
  bool running(int i) const { return servers_[i] != nullptr; }

  // The running member that leads (raft leader, caught up, reloaded); -1 when none within `limit`.
  int WaitForLeader(std::chrono::milliseconds limit, int not_this = -1) const {
    int leader = -1;
    cluster::testing::WaitFor(
        [&] {
          for (int i = 0; i < kSize; ++i) {
            if (i != not_this && servers_[i] && servers_[i]->cluster()->Current().leading) leader = i;
          }
          return leader >= 0;
        },
        limit);
    return leader;
  }
  // Member i's store holds raft's entries up to `index` within `limit`.
  bool WaitApplied(int i, uint64_t index, std::chrono::milliseconds limit) const {
    return cluster::testing::WaitFor([&] { return servers_[i] && servers_[i]->cluster()->applied_index() >= index; },
                                     limit);
  }
  // Every running member's store holds what member i's raft has committed.
  bool WaitAllApplied(int i, std::chrono::milliseconds limit) const {
    uint64_t commit = servers_[i]->cluster()->raft_status().commit_index;
    for (int j = 0; j < kSize; ++j) {
      if (servers_[j] && !WaitApplied(j, commit, limit)) return false;
    }
    return true;
  }
  uint64_t LastIndex(int i) const { return servers_[i]->cluster()->raft_status().last_index; }

  const std::string& router(int i) const { return members_[i].client_endpoint; }
  const std::string& pub(int i) const { return pub_endpoints_[i]; }
  const hub::HubServer& server(int i) const { return *servers_[i]; }

  // A stopped member's log: hub_seq -> the stored Frame{Event} bytes.
  std::map<uint64_t, std::string> Log(int i, std::string* error) const {
    std::map<uint64_t, std::string> log;
    hub::OpenResult opened = hub::OpenRocksStore({ConfigOf(i).data_dir, false, true});
    if (!opened.status.ok()) {
      *error = opened.status.message();
      return log;
    }
    hub::StoreStatus scanned =
        opened.store->Scan(hub::Family::kLog, "", [&](std::string_view key, std::string_view value) {
          log[hub::ParseBe64(key).value_or(0)] = std::string(value);
          return true;
        });
    if (!scanned.ok()) *error = scanned.message();
    return log;
  }

 private:
  Adjust adjust_;
  TempDir dir_{"opsroom-hubs"};
  std::vector<hub::ClusterMember> members_;
  std::array<std::string, kSize> pub_endpoints_;
  std::array<std::unique_ptr<hub::HubServer>, kSize> servers_;
  std::array<std::thread, kSize> threads_;
};

}  // namespace opsroom::testing
