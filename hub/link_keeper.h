// Node links in the hub's log (docs/protocol.md section 4.2): the hub's view
// of each node's link (connected, silent, disconnected) and the LinkChange
// entries it writes when that view changes, so that a replay shows which
// nodes were connected at a past moment. Heartbeats and HubStatus stay
// control traffic: only changes are logged, never a heartbeat, and at most
// kMaxEntriesPerWindow per node per kWindowMs (a flapping node's further
// changes are counted and its state then is logged once the window ends).
// Owned by the hub's core; used on the loop thread.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "envelope_generated.h"
#include "hub/batch_in_hand.h"
#include "hub/log_position.h"
#include "hub/log_stager.h"
#include "hub/sessions.h"

namespace opsroom::hub {

// The LinkChange envelope the hub writes: origin OPSROOM-HUB, node_seq =
// hub_seq, Restricted to the room (recipients OPSROOM).
wire::Bytes BuildLinkChange(wire::LinkChangeT change, uint64_t hub_seq, int64_t hub_time_ms);

class LinkKeeper {
 public:
  static constexpr int kMaxEntriesPerWindow = 6;
  static constexpr int64_t kWindowMs = 60'000;

  LinkKeeper(BatchInHand& batches, LogPosition& position, LogStager& stager)
      : batches_(batches), position_(position), stager_(stager) {}

  // A Hello opened a session of `node_id` (a node already connected stays so).
  void Opened(std::string_view node_id, std::string_view country, int64_t now_ms);
  // Sessions were expired: a connected node with none left is silent.
  void Expired(const SessionTable& sessions, int64_t now_ms);
  // The hub stops: every connected node is disconnected.
  void Stopping(int64_t now_ms);
  // Stages a LinkChange for each node whose state differs from the one last
  // logged, within the bounds above and while the batch in hand has room; the
  // rest wait for a later call.
  void Flush(int64_t now_ms);
  // After a failed batch the log may lack what was staged: every known node's
  // state is logged again (so a store failure can repeat a state once).
  void Forget();

  std::size_t pending() const { return pending_.size(); }

 private:
  struct Link {
    std::string country;
    wire::NodeLinkState state = wire::NodeLinkState::Connected;
    wire::NodeLinkReason reason = wire::NodeLinkReason::SessionOpened;
    int64_t changed_ms = 0;  // hub time of the latest change
    std::optional<wire::NodeLinkState> logged;
    uint32_t changes_unlogged = 0;  // changes since the last entry
    int64_t window_start_ms = 0;
    int window_entries = 0;
  };
  void Change(const std::string& node_id, Link& link, wire::NodeLinkState state, wire::NodeLinkReason reason,
              int64_t now_ms);
  // Whether the node's window allows another entry now (opens a new window when due).
  static bool MayLog(Link& link, int64_t now_ms);
  void Stage(const std::string& node_id, Link& link, int64_t now_ms);

  BatchInHand& batches_;
  LogPosition& position_;
  LogStager& stager_;
  std::map<std::string, Link, std::less<>> links_;
  std::set<std::string, std::less<>> pending_;  // nodes whose state differs from the one logged
};

}  // namespace opsroom::hub
