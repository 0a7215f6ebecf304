// StoreAndForwardPublisher's state, shared by store_forward.cc (the public
// calls) and store_forward_link.cc (the link: sessions, refills, acks,
// stalls, heartbeats). One owner thread, like the class.
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <zmq.hpp>

#include "nodes/client/hub_endpoints.h"
#include "nodes/client/store_forward.h"
#include "wire/frame_check.h"

namespace opsroom::nodes {

inline bool IsFinalRefusal(wire::RejectReason code) { return static_cast<int>(code) < 500; }

struct StoreAndForwardPublisher::Impl {
  Impl(zmq::context_t& c, StoreForwardConfig cfg, std::unique_ptr<Outbox> box)
      : context(c),
        config(std::move(cfg)),
        outbox(std::move(box)),
        hubs(config.publisher.hub_endpoint, config.publisher.other_hubs),
        backoff(config.backoff_base_ms, config.backoff_max_ms,
                config.jitter_seed != 0
                    ? config.jitter_seed
                    : static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count())) {}

  zmq::context_t& context;
  StoreForwardConfig config;
  std::unique_ptr<Outbox> outbox;
  EndpointRing hubs;  // where the next session goes (docs/protocol.md section 17)
  Backoff backoff;
  wire::ValidationContext validation;
  std::unique_ptr<Publisher> publisher;
  std::optional<zmq::socket_t> status_sub;
  std::string status_watched;     // the fan-out status_sub is connected to
  std::vector<uint64_t> scratch;  // aligned copies of HubStatus frames

  ForwardState state = ForwardState::kDown;
  int64_t retry_at_ms = 0;             // steady clock, while kDown
  int64_t connect_started_ms = 0;      // steady clock, while kConnecting
  uint64_t handed_up_to = 0;           // highest node_seq given to this session's Publisher
  std::map<uint64_t, int64_t> window;  // node_seq -> when handed (steady), until its outcome
  uint64_t hellos_seen = 0;            // Publisher re-Hellos resend the window: restart its clocks
  uint64_t welcomes_checked = 0;       // the Publisher's Welcomes already compared with the outbox
  // A cluster of hubs: a follower's Welcome may lag behind what the leader
  // acked (it applies committed entries a moment later), so the latest
  // Welcome is compared with the outbox once its hub acks, i.e. it leads.
  bool hub_check_pending = false;
  int64_t heartbeat_due_ms = 0;
  int64_t last_status_ms = 0;  // steady clock of the last HubStatus; 0: none yet
  std::string down_reason = "not connected yet";
  bool lost = true;
  int64_t lost_since_wall_ms = 0;
  std::vector<PublishOutcome> outcomes;
  std::vector<std::pair<uint64_t, uint64_t>> renumbered;  // (old, new) node_seqs, until taken
  StoreForwardStatus counts;                              // the counters part of Status()

  // HubStatus from `fanout` (config.status_endpoint, else the session hub's
  // port + 1); a no-op when already watching it. Empty on success, else why.
  std::string WatchStatus(const std::string& fanout);
  void Apply(ForwardEvent event, const std::string& why);
  void OpenSession(int64_t now);
  void OnWelcome(int64_t now);
  void OnHubChosen();
  void CheckHubKept(uint64_t hub_last_node_seq);
  // CheckHubKept now, or (a cluster) once the hub of the latest Welcome acks.
  void CheckWelcome(uint64_t hub_last_node_seq);
  void RenumberNeverSent(uint64_t hub_last_node_seq);
  void Warn(const std::string& line);  // on_warning, else stderr
  void DropSession(int64_t now, const std::string& why);
  void Refill(int64_t now);
  void TakePublisherOutcomes(int64_t now);
  void CheckStall(int64_t now);
  void DrainStatus(int64_t now);
  void Heartbeat(int64_t now);
  void UpdateLinkFlag(int64_t now);
  void Tick(int64_t now);
  std::optional<wire::Rejection> CheckBuilt(uint64_t node_seq, const wire::Bytes& envelope);
};

}  // namespace opsroom::nodes
