// A node's durable outbox (store-and-forward): every message is written here,
// synced, before it is sent, and removed only when the hub acknowledges it.
// The socket's queue is never the storage: this is. Owned by one thread.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "wire/frame_builder.h"
#include "wire/status.h"

namespace opsroom::nodes {

// Reports the hub acknowledged and later no longer held (it answered a
// Welcome with last_node_seq below them: restored from a backup). They left
// this outbox with their ack, so they cannot be resent; this record keeps the
// latest such loss for `opsroom-node status`.
struct HubLoss {
  uint64_t first_node_seq = 0;  // the range the hub forgot; 0: never
  uint64_t last_node_seq = 0;
  uint64_t reports = 0;     // acknowledged ones in that range (not pending, not refused)
  int64_t detected_ms = 0;  // wall clock
  bool operator==(const HubLoss&) const = default;
};
// "the hub lost 3 acknowledged report(s) after a restore: node_seq 5..7 ...".
std::string FormatHubLoss(const HubLoss& loss);

struct OutboxStatus {
  uint64_t depth = 0;                // messages written and not yet acknowledged
  uint64_t oldest_node_seq = 0;      // 0 when empty
  int64_t oldest_enqueued_ms = 0;    // 0 when empty
  uint64_t last_acked_node_seq = 0;  // highest node_seq removed by an ack
  uint64_t last_ack_hub_seq = 0;     // the hub_seq of the latest ack (0: none yet)
  int64_t last_ack_ms = 0;           // wall clock of the latest ack (0: none yet)
  uint64_t next_node_seq = 1;        // survives restarts: sequences never go back
  uint64_t refused = 0;              // messages in the refused record
  HubLoss hub_loss;                  // the latest one recorded (survives restarts)
};

// The latest acknowledgement, kept with a Remove for `opsroom-node status`.
struct AckMark {
  uint64_t hub_seq = 0;
  int64_t at_ms = 0;
};

struct OutboxMessage {
  uint64_t node_seq = 0;
  int64_t enqueued_ms = 0;
  wire::Bytes envelope;
};

// A message the hub refused for good (a 1xx-3xx reason): out of the pending
// set, kept with the hub's reason for the operator.
struct RefusedMessage {
  uint64_t node_seq = 0;
  int64_t refused_ms = 0;
  wire::RejectReason code = wire::RejectReason::None;
  std::string reason;
  wire::Bytes envelope;
};

class Outbox {
 public:
  // Opens (creating if needed) the outbox in `dir`. Errors name the directory.
  static std::unique_ptr<Outbox> Open(const std::string& dir, std::string* error);
  ~Outbox();

  // Reserves the next node_seq (persisted with the next Append).
  uint64_t ReserveNodeSeq();
  // Lets the sequence jump forward (e.g. to Welcome.last_node_seq + 1); never back.
  void AdvanceNodeSeqTo(uint64_t next);

  // Writes the messages in one synced batch; ok once they are on disk.
  // (Every write and scan answers a wire::Status: ok, or why not in words.)
  wire::Status Append(const std::vector<OutboxMessage>& messages);
  // Removes acknowledged (or finally refused) messages; not synced: a message
  // removed again after a crash is only resent, and the hub dedupes it.
  wire::Status Remove(const std::vector<uint64_t>& node_seqs, const AckMark* ack = nullptr);

  // Moves a pending message to the refused record in one write (not synced,
  // like Remove: after a crash it is only resent and refused again).
  wire::Status Refuse(uint64_t node_seq, wire::RejectReason code, const std::string& reason, int64_t at_ms);
  wire::Status ForEachRefused(const std::function<bool(const RefusedMessage&)>& visit) const;

  // The loss of acknowledged node_seqs above hub_last_node_seq, counted and
  // recorded (synced); nullopt when the hub holds everything acknowledged
  // here or the loss was recorded already.
  std::optional<HubLoss> RecordHubLoss(uint64_t hub_last_node_seq, int64_t now_ms, std::string* error);

  // True once a hub has welcomed this outbox (MarkWelcomed), or it holds an
  // ack: its pending messages may have been sent. False for a new outbox
  // (a first start, or one recreated after a loss): nothing in it was sent.
  bool welcomed() const;
  // Records the first Welcome (synced); a no-op once welcomed.
  wire::Status MarkWelcomed();
  // Gives every pending message a new node_seq from `first_node_seq` on, in
  // order (`rebuild` writes the envelope under its new node_seq), and marks
  // the outbox welcomed, in one synced write. For an outbox that was never
  // welcomed, whose node_seqs started below the hub's (docs/protocol.md 5.4).
  // The (old, new) pairs, in order.
  using Rebuild = std::function<wire::Bytes(const OutboxMessage& message, uint64_t new_node_seq)>;
  std::optional<std::vector<std::pair<uint64_t, uint64_t>>> RenumberPending(uint64_t first_node_seq,
                                                                            const Rebuild& rebuild, std::string* error);

  // Visits pending messages in node_seq order, starting after `after_node_seq`,
  // at most `limit` of them; stops early when `visit` returns false.
  wire::Status ForEachPending(uint64_t after_node_seq, std::size_t limit,
                              const std::function<bool(const OutboxMessage&)>& visit) const;

  OutboxStatus Status() const;

 private:
  struct Impl;
  explicit Outbox(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace opsroom::nodes
