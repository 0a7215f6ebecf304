// The commit path of a cluster member (docs/cluster.md, "Apply on every hub"
// and "Acks"), in place of Committer: the leader proposes each batch it
// staged to raft as one entry (batch_entry.h); every member applies the
// committed entries in raft's order: the built_on check, the writes plus
// APPLIED_INDEX as one WriteBatch, the apply step, the fan-out. Only the
// leader acks, when raft's outcome for its proposal says committed; a failed
// outcome refuses the senders with a retryable reason. It is also the hub's
// LeadershipSource: leading once raft made it leader and its barrier for
// that term is applied and the core reloaded.
// Threads: raft's thread only queues what it applied and the outcomes; all
// the rest runs on the hub's loop thread (Pump), which owns the core.
#pragma once
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "cluster/replicated_log.h"
#include "hub/batch.h"
#include "hub/config.h"
#include "hub/leadership.h"
#include "hub/reply.h"

namespace opsroom::hub {

class Fanout;
class HubCore;
class Stats;
class Store;

// Meta key of the last raft index this store holds (Be64).
inline constexpr std::string_view kAppliedIndexKey = "raft.applied_index";

class ReplicatedCommit : public LeadershipSource {
 public:
  struct Parts {
    Store& store;
    HubCore& core;
    Fanout& fanout;
    Stats& stats;
  };
  // Starts this member's raft (bootstrapping the members list on a first
  // start). Null with `error` set when the config or raft refuses.
  static std::unique_ptr<ReplicatedCommit> Start(const HubConfig& config, Parts parts, std::string* error);
  // Stops raft; call Settle first so that the proposal in flight is answered.
  ~ReplicatedCommit() override;
  ReplicatedCommit(const ReplicatedCommit&) = delete;
  ReplicatedCommit& operator=(const ReplicatedCommit&) = delete;

  // Readable (poll) when raft applied an entry or decided a proposal.
  int wake_fd() const { return wake_fd_; }
  // A batch is proposed and not yet decided (one at a time, as Committer).
  bool busy() const { return proposal_ != nullptr; }
  // The loop thread's own question (it alone changes the answer).
  bool leading() const { return leadership_.leading; }
  // A copy; any thread (the hub asks on its loop thread, tests and status elsewhere).
  Leadership Current() const override;
  // The last raft index in this hub's store; any thread.
  uint64_t applied_index() const { return applied_index_.load(std::memory_order_relaxed); }
  cluster::LogStatus raft_status() const { return log_->status(); }
  // Not empty once this store could not take a committed entry: the hub must
  // stop; a restart applies again from APPLIED_INDEX.
  const std::string& fatal_error() const { return fatal_error_; }

  // The core's batch in hand: proposed when leading and nothing is in
  // flight, else (not leading) refused with a retryable reason.
  void CommitBatchInHand(int64_t now_ms, std::vector<Reply>& replies);
  // Applies what raft committed, answers decided proposals (acks into
  // `replies`), follows raft's leadership. Every loop turn.
  void Pump(int64_t now_ms, std::vector<Reply>& replies);
  // Stopping: pumps what raft applied, then until no proposal is in flight,
  // at most `limit_ms`.
  void Settle(int64_t now_ms, std::vector<Reply>& replies, int limit_ms);

 private:
  struct Item {
    bool applied = false;  // true: raft applied `entry` at `index`; false: proposal `id` was decided
    uint64_t index = 0;
    std::string entry;
    uint64_t id = 0;
    uint64_t barrier_term = 0;  // not 0: the outcome of this term's barrier
    cluster::ProposeOutcome outcome;
  };
  enum class OwnState { kWaiting, kApplied, kNoOp };
  struct Proposal {
    uint64_t id = 0;
    std::unique_ptr<Batch> batch;
    std::string entry;
    uint64_t built_on = 0;
    OwnState state = OwnState::kWaiting;
    int64_t proposed_ms = 0;
  };

  ReplicatedCommit(const ClusterConfig& config, Parts parts);
  void Push(Item item);  // any thread
  void Apply(uint64_t index, std::string_view entry, int64_t now_ms);
  void ApplyOwn(uint64_t index);
  bool CommitAt(WriteSet& writes, uint64_t index);
  void Decided(uint64_t id, const cluster::ProposeOutcome& outcome, int64_t now_ms, std::vector<Reply>& replies);
  void BarrierDecided(uint64_t term, const cluster::ProposeOutcome& outcome, std::vector<Reply>& replies);
  void FollowLeadership();
  void SetLeading(bool leading, uint64_t term);
  void Refuse(const Batch& batch, const std::string& why, std::vector<Reply>& replies);
  void Fail(const std::string& error);

  ClusterConfig config_;
  Parts parts_;
  std::unique_ptr<cluster::ReplicatedLog> log_;
  int wake_fd_ = -1;
  std::mutex mutex_;
  std::vector<Item> queue_;  // guarded by mutex_; bounded by raft's pace (one proposal in flight here)
  std::vector<Item> taken_;  // the loop's swap of queue_
  std::unique_ptr<Proposal> proposal_;
  uint64_t next_id_ = 0;
  std::atomic<uint64_t> applied_index_{0};
  Batch applying_;  // a decoded entry of another member, reused
  mutable std::mutex leadership_mutex_;  // written by the loop thread only, under it
  Leadership leadership_{false, {}};
  uint64_t leading_term_ = 0;
  uint64_t barrier_term_ = 0;  // the term whose barrier is proposed or applied; 0: none
  std::string fatal_error_;
};

}  // namespace opsroom::hub
