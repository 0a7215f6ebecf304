#include "hub/cluster/replicated_commit.h"

#include <sys/eventfd.h>
#include <unistd.h>

#include <chrono>
#include <climits>
#include <thread>

#include <spdlog/spdlog.h>

#include "hub/cluster/batch_entry.h"
#include "hub/fanout.h"
#include "hub/hub_core.h"
#include "hub/key_layout.h"
#include "hub/stats.h"
#include "hub/store.h"

namespace opsroom::hub {

namespace {

// Senders of a batch this hub will not acknowledge resend (their outbox does
// it after the refusal); dedupe answers those that did commit.
constexpr wire::RejectReason kRetry = wire::RejectReason::StoreFailed;
const std::string kNoEndpoint;

}  // namespace

ReplicatedCommit::ReplicatedCommit(const ClusterConfig& config, Parts parts) : config_(config), parts_(parts) {
  wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
}

ReplicatedCommit::~ReplicatedCommit() {
  log_.reset();  // joins raft's thread; its last outcomes land in queue_, unread
  if (wake_fd_ >= 0) close(wake_fd_);
}

std::unique_ptr<ReplicatedCommit> ReplicatedCommit::Start(const HubConfig& config, Parts parts, std::string* error) {
  const ClusterConfig& cluster = config.cluster;
  const ClusterMember* self = cluster.Find(cluster.member_id);
  if (self == nullptr) {
    *error = "member id " + std::to_string(cluster.member_id) + " is not in the members list";
    return nullptr;
  }
  std::unique_ptr<ReplicatedCommit> commit(new ReplicatedCommit(cluster, parts));
  Lookup applied = parts.store.Get(Family::kMeta, kAppliedIndexKey);
  if (!applied.status.ok()) {
    *error = "cannot read " + std::string(kAppliedIndexKey) + ": " + applied.status.message();
    return nullptr;
  }
  if (applied.value) {
    commit->applied_index_.store(ParseBe64(*applied.value).value_or(0));
  } else {
    // A log no raft log carries (a single hub's store): every entry would be
    // built on another sequence than this member stands at, and applied as a no-op.
    Lookup last = parts.store.LastKey(Family::kLog);
    if (!last.status.ok() || last.value) {
      *error = last.status.ok() ? "this store already holds a log (up to hub_seq " +
                                      std::to_string(ParseBe64(*last.value).value_or(0)) +
                                      ") that no raft log carries: a cluster member starts from an empty data directory "
                                      "(docs/cluster.md)"
                                : "cannot read the log: " + last.status.message();
      return nullptr;
    }
  }
  cluster::ReplicatedLogConfig log_config;
  log_config.id = self->id;
  log_config.address = self->raft_address;
  log_config.data_dir = cluster.raft_dir.empty() ? config.data_dir + "/raft" : cluster.raft_dir;
  for (const ClusterMember& member : cluster.members) log_config.bootstrap.push_back({member.id, member.raft_address});
  log_config.election_timeout_ms = cluster.election_timeout_ms;
  log_config.heartbeat_timeout_ms = cluster.heartbeat_timeout_ms;
  // Snapshots from RocksDB checkpoints are not written yet (docs/cluster.md):
  // raft's log is never compacted, so a member always catches up by log.
  log_config.snapshot_threshold = UINT_MAX;
  ReplicatedCommit* self_commit = commit.get();
  cluster::LogCallbacks callbacks;
  callbacks.apply = [self_commit](uint64_t index, std::string_view entry) {
    self_commit->Push({true, index, std::string(entry), 0, 0, {}});
  };
  callbacks.take_snapshot = [] { return std::string(); };
  callbacks.install_snapshot = [](std::string_view) {
    spdlog::error("cluster: a raft snapshot was offered; this hub cannot install one yet (docs/cluster.md)");
    return false;
  };
  commit->log_ = cluster::ReplicatedLog::Start(log_config, std::move(callbacks), error);
  if (commit->log_ == nullptr) return nullptr;
  return commit;
}

void ReplicatedCommit::Push(Item item) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(item));
  }
  uint64_t one = 1;
  static_cast<void>(write(wake_fd_, &one, sizeof one));
}

void ReplicatedCommit::Pump(int64_t now_ms, std::vector<Reply>& replies) {
  uint64_t count = 0;
  static_cast<void>(read(wake_fd_, &count, sizeof count));
  taken_.clear();
  {
    std::lock_guard lock(mutex_);
    taken_.swap(queue_);
  }
  for (const Item& item : taken_) {
    if (item.applied) Apply(item.index, item.entry, now_ms);
    else if (item.barrier_term != 0) BarrierDecided(item.barrier_term, item.outcome, replies);
    else Decided(item.id, item.outcome, now_ms, replies);
  }
  FollowLeadership();
}

void ReplicatedCommit::Settle(int64_t now_ms, std::vector<Reply>& replies, int limit_ms) {
  auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(limit_ms);
  Pump(now_ms, replies);
  while (proposal_ != nullptr && std::chrono::steady_clock::now() < until) {
    Pump(now_ms, replies);
    if (proposal_ != nullptr) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  if (proposal_ == nullptr) return;
  std::unique_ptr<Proposal> proposal = std::move(proposal_);
  Refuse(*proposal->batch, "the hub stopped before raft decided the batch", replies);
}

void ReplicatedCommit::CommitBatchInHand(int64_t now_ms, std::vector<Reply>& replies) {
  if (proposal_ != nullptr || !parts_.core.HasBatch() || !fatal_error_.empty()) return;
  std::unique_ptr<Batch> batch = parts_.core.TakeBatch();
  if (!leadership_.leading) {
    if (batch->acks.empty() && batch->last_seq == 0) {
      // Audit records of this hub's own sessions: not the log's (docs/cluster.md).
      spdlog::debug("cluster: not leading; {} writes of the hub's own dropped", batch->writes.size());
      parts_.core.Discard(*batch);
    } else {
      Refuse(*batch, "this hub does not lead the cluster", replies);
    }
    parts_.core.Recycle(std::move(batch));
    return;
  }
  proposal_ = std::make_unique<Proposal>();
  proposal_->id = ++next_id_;
  proposal_->built_on = parts_.core.committed_seq();
  proposal_->entry = EncodeBatchEntry(*batch, proposal_->built_on);
  proposal_->batch = std::move(batch);
  proposal_->proposed_ms = now_ms;
  uint64_t id = proposal_->id;
  log_->Propose(proposal_->entry, [this, id](const cluster::ProposeOutcome& outcome) {
    Push({false, 0, {}, id, 0, outcome});
  });
}

void ReplicatedCommit::Apply(uint64_t index, std::string_view entry, int64_t now_ms) {
  if (!fatal_error_.empty() || index <= applied_index()) return;  // replayed after a restart: in the store already
  if (proposal_ != nullptr && proposal_->state == OwnState::kWaiting && entry == proposal_->entry) {
    ApplyOwn(index);
    return;
  }
  EntryHeader header;
  if (std::string error = DecodeEntry(entry, header, applying_); !error.empty()) {
    Fail("raft entry " + std::to_string(index) + " is not a hub entry this hub can read: " + error);
    return;
  }
  bool applies = header.kind == EntryKind::kBatch && header.built_on == parts_.core.committed_seq();
  if (header.kind == EntryKind::kBatch && !applies) {
    spdlog::warn("cluster: entry {} was built on hub_seq {}, this hub stands at {}: applied as a no-op", index,
                 header.built_on, parts_.core.committed_seq());
  }
  if (!applies) applying_.Clear();  // only APPLIED_INDEX moves
  parts_.core.durable_audience().CommitStarted(applying_.item_versions);
  if (!CommitAt(applying_.writes, index)) return;
  if (!applies) return;
  parts_.core.ApplyReplicated(applying_, now_ms);
  parts_.fanout.PublishBatch(applying_);
}

void ReplicatedCommit::ApplyOwn(uint64_t index) {
  Proposal& own = *proposal_;
  if (own.built_on != parts_.core.committed_seq()) {
    WriteSet none;
    own.state = OwnState::kNoOp;
    static_cast<void>(CommitAt(none, index));
    return;
  }
  if (CommitAt(own.batch->writes, index)) own.state = OwnState::kApplied;
}

bool ReplicatedCommit::CommitAt(WriteSet& writes, uint64_t index) {
  writes.Put(Family::kMeta, kAppliedIndexKey, Be64(index));
  StoreStatus status = parts_.store.Commit(writes);
  if (!status.ok()) {
    Fail("the store could not take raft entry " + std::to_string(index) + ": " + status.message());
    return false;
  }
  applied_index_.store(index, std::memory_order_relaxed);
  return true;
}

void ReplicatedCommit::Decided(uint64_t id, const cluster::ProposeOutcome& outcome, int64_t now_ms,
                               std::vector<Reply>& replies) {
  if (proposal_ == nullptr || proposal_->id != id) return;
  std::unique_ptr<Proposal> own = std::move(proposal_);
  // raft's own word, before its status copy says so (that lags by a loop
  // turn): this member no longer leads in this term, so it takes nothing more.
  if (outcome.code == cluster::ProposeCode::kNotLeader || outcome.code == cluster::ProposeCode::kLeadershipLost) {
    if (leadership_.leading) spdlog::warn("cluster: member {} no longer leads (raft: {})", config_.member_id,
                                          cluster::ProposeCodeName(outcome.code));
    SetLeading(false, 0);
  }
  Batch& batch = *own->batch;
  parts_.stats.Add(Counter::kBatches);
  parts_.stats.ObserveCommit(static_cast<double>(now_ms - own->proposed_ms) / 1e3, batch.message_count());
  if (own->state == OwnState::kApplied && outcome.code == cluster::ProposeCode::kCommitted) {
    parts_.core.Finish(batch, StoreStatus::Ok(), now_ms, replies);
    parts_.fanout.PublishBatch(batch);
  } else {
    // Applied but not reported committed: in the store, so subscribers get
    // it; its senders resend and dedupe answers them.
    if (own->state == OwnState::kApplied) parts_.fanout.PublishBatch(batch);
    std::string why = own->state == OwnState::kNoOp
                          ? "the batch was built on a state the cluster's log did not reach"
                          : "raft did not commit the batch: " + std::string(cluster::ProposeCodeName(outcome.code));
    if (batch.message_count() > 0) spdlog::warn("cluster: {} messages refused for a resend: {}", batch.message_count(), why);
    else spdlog::warn("cluster: a batch of the hub's own records was not committed: {}", why);
    Refuse(batch, why, replies);
  }
  parts_.core.Recycle(std::move(own->batch));
}

void ReplicatedCommit::Refuse(const Batch& batch, const std::string& why, std::vector<Reply>& replies) {
  std::string text = why + "; resend (to the leader" +
                     (leadership_.leader_endpoint.empty() ? std::string() : " " + leadership_.leader_endpoint) + ")";
  parts_.core.Abandon(batch, kRetry, text, replies);
}

void ReplicatedCommit::BarrierDecided(uint64_t term, const cluster::ProposeOutcome& outcome,
                                      std::vector<Reply>& replies) {
  cluster::LogStatus status = log_->status();
  bool still_leader = status.role == cluster::Role::kLeader && status.term == term;
  if (outcome.code != cluster::ProposeCode::kCommitted || !still_leader || !fatal_error_.empty()) {
    if (barrier_term_ == term) barrier_term_ = 0;  // proposed again while raft still says leader
    return;
  }
  // Everything committed before this term is applied: reload the core from
  // the store (sequence, watermarks, audit head, deadlines, hits).
  if (parts_.core.HasBatch()) {
    std::unique_ptr<Batch> stale = parts_.core.TakeBatch();
    Refuse(*stale, "this hub was catching up with the cluster's log", replies);
    parts_.core.Recycle(std::move(stale));
  }
  if (StoreStatus opened = parts_.core.Open(); !opened.ok()) {
    spdlog::error("cluster: leader of term {} cannot reload its state: {}", term, opened.message());
    barrier_term_ = 0;
    return;
  }
  SetLeading(true, term);
  spdlog::info("cluster: member {} leads in term {} from hub_seq {}", config_.member_id, term,
               parts_.core.committed_seq());
}

Leadership ReplicatedCommit::Current() const {
  std::lock_guard lock(leadership_mutex_);
  return leadership_;
}

void ReplicatedCommit::SetLeading(bool leading, uint64_t term) {
  std::lock_guard lock(leadership_mutex_);
  leadership_.leading = leading;
  if (leading) {
    leadership_.leader_endpoint.clear();
    leading_term_ = term;
  }
}

void ReplicatedCommit::FollowLeadership() {
  cluster::LogStatus status = log_->status();
  bool raft_leads = status.role == cluster::Role::kLeader;
  if (leadership_.leading && (!raft_leads || status.term != leading_term_)) {
    SetLeading(false, 0);
    spdlog::warn("cluster: member {} no longer leads (raft: {}, term {})", config_.member_id,
                 cluster::RoleName(status.role), status.term);
  }
  if (raft_leads && !leadership_.leading && barrier_term_ != status.term && fatal_error_.empty()) {
    barrier_term_ = status.term;
    uint64_t term = status.term;
    log_->Propose(EncodeBarrierEntry(term), [this, term](const cluster::ProposeOutcome& outcome) {
      Push({false, 0, {}, 0, term, outcome});
    });
  }
  const ClusterMember* leader = leadership_.leading || raft_leads ? nullptr : config_.Find(status.leader_id);
  const std::string& endpoint = leader != nullptr ? leader->client_endpoint : kNoEndpoint;
  if (endpoint == leadership_.leader_endpoint) return;
  std::lock_guard lock(leadership_mutex_);
  leadership_.leader_endpoint = endpoint;
}

void ReplicatedCommit::Fail(const std::string& error) {
  if (!fatal_error_.empty()) return;
  fatal_error_ = error;
  SetLeading(false, 0);
  spdlog::critical("cluster: {}; stopping (a restart applies again from raft's log)", error);
}

}  // namespace opsroom::hub
