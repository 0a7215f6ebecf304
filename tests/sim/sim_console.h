// A simulated subscriber (a duty officer's console, a planner, a partner's or
// a national desk): it holds a session for its queries, takes the fan-out
// topics the hub grants its identity, and repairs what it missed with
// Replay, as nodes/client/subscriber.h does. Its state is the latest version
// of every alert it has received; the run compares it with the reference
// model fed the hub's log (sim_log.h).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "frame_generated.h"
#include "tests/sim/sim_log.h"
#include "tests/sim/sim_network.h"
#include "tests/sim/sim_node.h"

namespace opsroom::sim {

class SimConsole {
 public:
  SimConsole(Identity identity, bool repairs) : identity_(std::move(identity)), repairs_(repairs) {}

  const Identity& identity() const { return identity_; }
  wire::Viewer viewer() const { return {identity_.country, identity_.role}; }
  Link& link() { return link_; }
  // The topic prefixes the hub granted on the current connection.
  std::vector<std::string>& grants() { return grants_; }

  // A new connection. `snapshot`: start from a snapshot of current state
  // (paged), then replay from its hub_seq, as a subscriber that starts cold.
  void OnConnect(int64_t now, bool snapshot);
  // A fan-out event. `problems` gets what it may not hold (forbidden).
  void OnEvent(const wire::Bytes& bytes, int64_t now, std::string& problems);
  // `durable_seq_when_answered`: SimHub::DurableSeqWhenAnswered for this reply.
  void OnReply(const wire::Bytes& bytes, int64_t now, std::string& problems, uint64_t durable_seq_when_answered);
  // Judges the versions pages brought by the item's latest version durable
  // when the hub answered (docs/protocol.md 10.3): an old version is allowed
  // once a later one widened the item, and forbidden once one narrowed it.
  // Call once `log` holds every entry durable then.
  void JudgePageVersions(const LogIndex& log, std::string& problems);
  void Retry(int64_t now);

  // Caught up: its replay reached the hub's committed sequence.
  bool CaughtUp(uint64_t committed_seq) const { return !repairs_ || cursor_ >= committed_seq; }
  const AlertState& state() const { return state_; }
  std::size_t received() const { return received_; }

 private:
  // `page_durable_seq`: 0 for a live event, else the durable log's end when the page was answered.
  void Take(const LoggedEvent& event, std::string& problems, uint64_t page_durable_seq);
  void RequestReplay(int64_t now);
  void RequestSnapshot(int64_t now, uint64_t token);
  void OnSnapshotPage(const wire::SnapshotPage& page, int64_t now, std::string& problems, uint64_t durable_seq);
  void TakeBlobs(const flatbuffers::Vector<flatbuffers::Offset<wire::Blob>>* blobs, std::string& problems,
                 uint64_t durable_seq);
  void Forbidden(const LoggedEvent& event, std::string& problems) const;

  Identity identity_;
  bool repairs_;
  Link link_;
  std::vector<std::string> grants_;
  bool welcomed_ = false;
  int64_t asked_at_ = 0;  // the last Hello or ReplayRequest
  bool replay_open_ = false;
  bool wants_snapshot_ = false;
  bool snapshot_open_ = false;
  uint64_t cursor_ = 0;  // every event up to here was seen or withheld by replay
  uint64_t next_request_id_ = 1;
  AlertState state_;
  std::size_t received_ = 0;
  struct PageVersion {
    LoggedEvent event;
    uint64_t durable_seq;  // the durable log's end when the page was answered
  };
  std::vector<PageVersion> page_versions_;  // to judge (JudgePageVersions)
};

}  // namespace opsroom::sim
