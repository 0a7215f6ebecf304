// The hub as the simulator runs it: the real HubCore and Query on a SimStore,
// driven the way hub/hub_server.cc drives them, minus the sockets and the
// commit thread. A batch is taken, committed (at once or a few steps later,
// so that the next batch is judged on top of one still in commit, as with
// the pipelined commit thread) and finished; its acks and events come back to
// the world, which puts them on the simulated network. A power cut throws
// the core away and opens a new one on what the store kept.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "hub/config.h"
#include "hub/hub_core.h"
#include "hub/key_registry.h"
#include "hub/query.h"
#include "hub/stats.h"
#include "tests/sim/sim_rng.h"
#include "tests/sim/sim_store.h"

namespace opsroom::sim {

struct FannedEvent {
  std::string topic;
  wire::Bytes bytes;
};

class SimHub {
 public:
  SimHub(SimStore& store, const hub::KeyRegistry& registry, const hub::HubConfig& config);

  // (Re)starts the core on what the store holds; false (and why) when it cannot load.
  bool Start(std::string& problems);
  // One frame from a client's connection (peer), authenticated as (user_id, key).
  void OnFrame(const std::string& peer, const wire::Bytes& bytes, const std::string& user_id,
               const std::string& key, int64_t now);
  // Moves the commit pipeline one stage: finish the batch in commit, or take
  // and submit the batch in hand. `commit_late`: the store write happens at
  // finish time instead of at submit (the commit thread's two timings).
  void StepCommit(bool commit_late, int64_t now);
  // The server's tick: retries a failed store while idle, expires sessions.
  void Tick(int64_t now);
  void PowerCut();
  bool Idle() const { return !in_commit_ && !core_->HasBatch(); }

  std::vector<hub::Reply>& replies() { return replies_; }
  std::vector<FannedEvent>& events() { return events_; }
  // The acks just released by a finished batch (for the durability check).
  std::vector<hub::Reply>& released_acks() { return released_acks_; }
  uint64_t committed_seq() const { return core_->committed_seq(); }
  // The end of the durable log when the hub answered request `request_id`
  // of `peer`: what "the item's latest durable marking" meant for that page
  // (docs/protocol.md 10.3). 0 when it answered no such request.
  uint64_t DurableSeqWhenAnswered(const std::string& peer, uint64_t request_id) const;

 private:
  void Finish(int64_t now);

  SimStore& store_;
  const hub::KeyRegistry& registry_;
  const hub::HubConfig& config_;
  hub::Stats stats_;
  std::unique_ptr<hub::HubCore> core_;
  std::unique_ptr<hub::Query> query_;
  std::unique_ptr<hub::Batch> in_commit_;
  std::optional<hub::StoreStatus> commit_status_;  // empty: not yet written
  bool store_failing_ = false;
  std::vector<hub::Reply> replies_;
  std::vector<hub::Reply> released_acks_;
  std::vector<FannedEvent> events_;
  std::map<std::pair<std::string, uint64_t>, uint64_t> answered_durable_seq_;  // (peer, request_id) -> seq
};

}  // namespace opsroom::sim
