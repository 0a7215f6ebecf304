// Follows the hub the Clone way (ZeroMQ guide, 12/CHP): a consistent snapshot
// "at hub sequence N", then replay from N+1, then live events from the PUB
// socket, repairing any gap by replay. Delivers every event exactly once and
// in hub order. Not thread-safe: one owner thread (e.g. the console's network
// thread) calls Poll in a loop.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <zmq.hpp>

#include "wire/audit_head.h"
#include "wire/curve_keys.h"
#include "wire/frame_builder.h"
#include "wire/frame_check.h"
#include "wire/link_state.h"

namespace opsroom::nodes {

struct SubscriberConfig {
  std::string hub_endpoint = "tcp://127.0.0.1:7700";  // the hub's ROUTER
  std::string fanout_endpoint;                        // hub_endpoint's PUB; empty: same host, port + 1
  // The other members of a cluster of hubs (docs/protocol.md section 17), in
  // ring order after hub_endpoint (their fan-out: port + 1); empty: a single
  // hub. A lost link moves to the next member and resumes by replay.
  std::vector<std::string> other_hubs;
  std::string node_id;                                // who asks (Hello)
  std::string country;
  wire::ClientRole role = wire::ClientRole::Console;
  uint64_t start_after_seq = 0;   // >0: skip the snapshot, replay from this + 1
  bool want_snapshot = true;      // false with start_after_seq == 0: live only
  uint64_t replay_from_seq = 0;   // >0: skip the snapshot, replay from this (1: the whole log);
                                  // overrides start_after_seq
  // Non-zero (one field): the snapshot is the hub's state at that hub sequence
  // or hub time (docs/protocol.md 8.1.1), then replay from its N + 1 and live.
  // Such a subscriber takes no other snapshot (a re-marking or a rewind goes
  // on, as for start points). A hub that cannot answer it (InvalidValue: before
  // its version index or removed by retention; an older hub that answers its
  // current state) loses the link for good: last_error() says why.
  wire::SnapshotAsOf as_of{};
  int connect_timeout_ms = 5000;  // a Hello unanswered this long loses the link (then it retries)
  wire::CurveClientKeys curve{};  // for the DEALER and the SUB; empty: plain text (--insecure hub)
  // The hub's audit public key (raw 32 bytes, wire::AuditPublicKeyFrom) that
  // signed audit heads must carry; empty: pin the key of the first head seen.
  std::string audit_public_key;
  // A head accepted in an earlier run (opsroom-node tail: the last line of
  // --save-heads): heads from the hub are held to it from the first, so a
  // rollback between two runs is refused at once. Ignored when not signed by
  // audit_public_key (check it first: AuditHeadWatch::Seed).
  std::optional<wire::SignedHeadFields> audit_seed_head;
};

struct SubscriberCounters {
  uint64_t delivered = 0;  // on_event calls
  uint64_t snapshot_events = 0;
  uint64_t replayed_events = 0;   // delivered from ReplayPages
  uint64_t live_events = 0;       // delivered from the fan-out
  uint64_t dropped_old = 0;       // live or replayed events not newer than last_seq
  uint64_t buffer_overflows = 0;  // live events dropped while catching up (refilled by replay)
  uint64_t bad_frames = 0;        // failed CheckHubFrame / CheckEventFrame
  uint64_t reconnects = 0;        // kLost -> kConnecting
  uint64_t hub_statuses = 0;
  uint64_t hub_rewinds = 0;          // Welcomes whose hub_seq was below what we had applied
  uint64_t audit_heads = 0;          // new signed audit heads accepted (docs/protocol.md 7.1)
  uint64_t audit_heads_refused = 0;  // bad signature, other key, rollback or a second history
  uint64_t remarks = 0;              // re-markings that concerned this identity (live or by replay)
  uint64_t remark_reloads = 0;       // of those, the ones that dropped the state for a new snapshot
};

using wire::LinkState;
const char* LinkStateName(LinkState state);

struct SubscriberSink {
  // Bytes behind CheckedEvent are valid only during the call: copy what you keep.
  std::function<void(const wire::CheckedEvent&)> on_event;
  std::function<void(uint64_t snapshot_seq)> on_snapshot_done;
  std::function<void(const wire::HubStatus&)> on_hub_status;
  std::function<void(LinkState)> on_link_state;
  // The hub's sequence went back below the last event applied (the hub was
  // restored from a backup): events above hub_seq that were applied no longer
  // exist, and new ones will reuse their sequences. Drop everything built from
  // earlier events: a snapshot follows (without snapshots, delivery goes on
  // from hub_seq + 1). rewind_detail() says it in words.
  std::function<void(uint64_t applied_seq, uint64_t hub_seq)> on_hub_rewound;
  // A new signed audit head, checked (signature, key, no rollback, no second
  // history); `refused` is called instead for one that fails, with why.
  std::function<void(const wire::SignedHeadFields&)> on_audit_head;
  std::function<void(const std::string& why)> on_audit_head_refused;
  // The event at hub_seq changed an item's marking so that this identity may
  // now see it or no longer (docs/protocol.md 10.3). Drop everything built
  // from earlier events: a snapshot follows, reflecting the latest markings.
  // Not called for a subscriber that takes no snapshots (start points): it
  // goes on, and only counters().remarks tells.
  std::function<void(uint64_t hub_seq)> on_remarked;
  // After on_audit_head_refused, for a refused head that the trusted key did
  // sign (a rollback or a second history): evidence to keep.
  std::function<void(const wire::SignedHeadFields&, const std::string& why)> on_signed_audit_head_refused;
};

class Subscriber {
 public:
  Subscriber(zmq::context_t& context, SubscriberConfig config);
  ~Subscriber();
  Subscriber(const Subscriber&) = delete;
  Subscriber& operator=(const Subscriber&) = delete;

  // Pumps the sockets for at most timeout_ms and calls the sink.
  void Poll(int timeout_ms, const SubscriberSink& sink);

  uint64_t last_seq() const;  // last hub sequence delivered
  LinkState link_state() const;
  uint64_t gaps_repaired() const;  // gaps detected on the live feed and filled by replay

  // Snapshot events are delivered once the whole snapshot has arrived (all
  // pages), before on_snapshot_done; they follow the snapshot's order, not hub
  // order. After that, on_event sees hub_seq last_seq()+1, +2, ... exactly once.
  SubscriberCounters counters() const;
  const std::string& last_error() const;     // why the link was last lost; empty if never
  const std::string& hub_endpoint() const;   // the member it talks to (or will try next)
  bool as_of_refused() const;                // the hub cannot answer config.as_of: lost for good
  bool ever_welcomed() const;                // a hub has answered our Hello at least once
  const std::string& rewind_detail() const;  // the latest hub rewind in words; empty if never
  // The latest signed audit head accepted; nullopt before the first.
  const std::optional<wire::SignedHeadFields>& latest_audit_head() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace opsroom::nodes
