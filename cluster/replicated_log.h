// One member of a replicated log on canonical raft (Debian's libraft 0.15)
// with its libuv I/O backend: entries are opaque bytes; a leader proposes
// them, raft makes them durable on a majority, and every member applies the
// committed entries in the same order through `apply`. Snapshots are taken
// and installed through callbacks. docs/cluster.md is the design around it.
// Threads: raft and its libuv loop run on this object's own thread
// ("cluster-raft"); every callback runs there. Propose() and status() may be
// called from any thread.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace opsroom::cluster {

struct Member {
  uint64_t id = 0;       // raft id, > 0
  std::string address;   // raft's address, "host:port" (never the hub's client port)
};

struct ReplicatedLogConfig {
  uint64_t id = 0;
  std::string address;                // this member's raft address; it listens there
  std::string data_dir;               // raft's own directory (created if missing)
  std::vector<Member> bootstrap;      // the first configuration; empty: a member added later
  unsigned election_timeout_ms = 1000;
  unsigned heartbeat_timeout_ms = 100;
  unsigned snapshot_threshold = 1024;  // entries applied between two snapshots
  unsigned snapshot_trailing = 128;    // entries kept in the log after a snapshot
  bool pre_vote = true;                // a member back from a partition does not depose the leader
  std::size_t max_pending = 4096;      // proposals waiting for the raft thread; more are refused kBusy
};

struct LogCallbacks {
  // Every committed entry, in raft index order, once per member (again after
  // a restart for entries after the last snapshot: make it idempotent by index).
  std::function<void(uint64_t index, std::string_view entry)> apply;
  // The state as of the last applied entry, as bytes.
  std::function<std::string()> take_snapshot;
  // Replace the state by a snapshot; false refuses it (raft then fails the install).
  std::function<bool(std::string_view snapshot)> install_snapshot;
};

enum class Role { kUnavailable, kFollower, kCandidate, kLeader };
std::string_view RoleName(Role role);

struct LogStatus {
  Role role = Role::kUnavailable;
  uint64_t term = 0;
  uint64_t leader_id = 0;  // 0: none known
  std::string leader_address;
  uint64_t commit_index = 0;
  uint64_t last_index = 0;     // last entry in this member's raft log
  uint64_t applied_index = 0;  // last entry applied here
  uint64_t refused_busy = 0;   // proposals refused because the hand-off was full
};

enum class ProposeCode {
  kCommitted,       // durable on a majority and applied here: `index` is its raft index
  kNotLeader,       // never proposed: this member is not the leader (leader_* name it when known)
  kLeadershipLost,  // proposed, outcome unknown: it may still commit under the next leader
  kShutdown,        // the member stopped before the outcome was known
  kBusy,            // never proposed: the hand-off to the raft thread was full
  kFailed,          // raft refused it (error says why)
};
std::string_view ProposeCodeName(ProposeCode code);

struct ProposeOutcome {
  ProposeCode code = ProposeCode::kFailed;
  uint64_t index = 0;
  uint64_t leader_id = 0;
  std::string leader_address;
  std::string error;
};
using ProposeDone = std::function<void(const ProposeOutcome&)>;

class ReplicatedLog {
 public:
  // Creates the data dir, bootstraps it on first start (a dir that holds
  // state is a restart), starts raft and its thread. Null with `error` set
  // when raft refused (its own message included).
  static std::unique_ptr<ReplicatedLog> Start(const ReplicatedLogConfig& config, LogCallbacks callbacks,
                                              std::string* error);
  // Closes raft cleanly on its thread and joins it; proposals not yet decided
  // get kShutdown.
  ~ReplicatedLog();
  ReplicatedLog(const ReplicatedLog&) = delete;
  ReplicatedLog& operator=(const ReplicatedLog&) = delete;

  // Any thread. `done` is called exactly once: on the raft thread when the
  // entry is committed or failed, or inline with kBusy when the hand-off is full.
  void Propose(std::string entry, ProposeDone done);
  // Any thread: a copy, refreshed by the raft thread after every loop turn.
  LogStatus status() const;

  struct Impl;

 private:
  explicit ReplicatedLog(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace opsroom::cluster
