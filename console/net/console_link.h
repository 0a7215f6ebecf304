// The console's network thread. It owns a nodes::Subscriber (snapshot,
// replay, live; exactly once, in hub order) and, when an operator is named, a
// nodes::Publisher for AlertActions. Frames become plain ConsoleEvents in a
// bounded queue (policy kBlockProducer: nothing is lost; a stalled UI stalls
// the subscriber, which later resumes by replay). The UI thread swaps the
// queue out once per frame and never waits on the network.
#pragma once
#include <atomic>
#include <optional>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "console/model/events.h"
#include "console/model/operation_form.h"
#include "console/net/bounded_queue.h"
#include "wire/curve_keys.h"

namespace opsroom::console {

struct LinkConfig {
  std::string hub_endpoint = "tcp://127.0.0.1:7700";
  std::string fanout_endpoint;  // empty: the hub's host, port + 1
  std::string operator_name;    // empty: no publisher, read-only
  std::size_t event_capacity = 1 << 16;
  std::size_t action_capacity = 256;
  // CurveZMQ (docs/protocol.md section 2.1): the console's key pair and the
  // hub's public key; empty: plain text (a hub run with --insecure).
  wire::CurveClientKeys curve{};
  // The registered node id of that key (role console), used by both sessions;
  // empty: OPSROOM-VIEW<pid> for the subscriber, OperatorNodeId() for actions.
  std::string node_id{};
  // The hub's audit public key (raw 32 bytes): signed audit heads must carry
  // it (docs/protocol.md 7.1); empty: the key of the first head seen.
  std::string audit_public_key{};
  // The key's registered role (docs/protocol.md 2.1): Console for a duty
  // officer, Planner for an ops-room planner (who may publish operations).
  wire::ClientRole role = wire::ClientRole::Console;
  // >0: no snapshot; replay the log from this sequence (1: all of it), then
  // follow live. The replay archive's link uses it.
  uint64_t replay_from_seq = 0;
  // Non-zero: the snapshot is the hub's state at this hub time (docs/protocol.md
  // 8.1.1), then the log after it, then live; the replay's state link uses
  // it. A hub that cannot answer loses the link for good (LinkValue kLost
  // with the hub's reason).
  int64_t as_of_time_ms = 0;
  // Called on the link's thread when it queues an event and the UI has
  // swapped the queue out since the last call: the UI thread wakes on data
  // (glfwPostEmptyEvent) instead of at its next frame. Thread-safe; empty:
  // nobody is woken.
  std::function<void()> on_events{};
  // A cluster's other members (docs/protocol.md section 17): a lost link moves
  // to the next, and so does an operator's session that cannot connect.
  std::vector<std::string> other_hubs{};
};

struct LinkStats {
  QueueCounters events;
  QueueCounters actions;
  uint64_t actions_sent = 0;
  uint64_t decode_failures = 0;
  uint64_t gaps_repaired = 0;
};

// "OPSROOM-" + the operator's name in A-Z 0-9 (at most 16), the origin of
// this console's AlertActions.
std::string OperatorNodeId(const std::string& operator_name);

class ConsoleLink {
 public:
  explicit ConsoleLink(LinkConfig config);
  ~ConsoleLink();  // stops and joins
  ConsoleLink(const ConsoleLink&) = delete;
  ConsoleLink& operator=(const ConsoleLink&) = delete;

  void Start();
  void Stop();

  // UI thread: appends what arrived since the last call.
  void SwapEvents(std::vector<ConsoleEvent>* out) {
    wake_pending_.store(false);  // before the swap: an event queued after it wakes again
    events_.SwapOut(out);
  }
  // UI thread: queues an action (kDiscardNew: false when full, counted).
  bool SubmitAction(const ActionRequest& request) { return actions_.Push({request, std::nullopt, std::nullopt}); }
  // UI thread: queues a hit decision, in the same queue as the actions.
  bool SubmitHitDecision(const HitDecisionRequest& request) { return actions_.Push({{}, request, std::nullopt}); }
  // UI thread: queues a handover or its acknowledgement, in the same queue;
  // its outcome names the handover_id, kind Acknowledge for an ack, else Comment.
  bool SubmitHandover(const HandoverRequest& request) {
    ActionRequest as_action{request.handover_id, request.ack ? ActionKind::Acknowledge : ActionKind::Comment, {}, {}};
    return actions_.Push({as_action, std::nullopt, request});
  }
  // UI thread: queues a new version of an operation (a planner's), in the same
  // queue; its outcome names the operation's code, kind Comment.
  bool SubmitOperation(const OperationForm& form) {
    return actions_.Push({{form.code, ActionKind::Comment, {}, {}}, std::nullopt, std::nullopt, form});
  }
  LinkStats stats() const;
  const LinkConfig& config() const { return config_; }

 private:
  struct Worker;
  void Run();

  LinkConfig config_;
  BoundedQueue<ConsoleEvent> events_;
  // An AlertAction, or a HitDecision when `decision` is set, a Handover (or
  // HandoverAck) when `handover` is, a JointOperation when `operation` is.
  struct OperatorRequest {
    ActionRequest action;
    std::optional<HitDecisionRequest> decision;
    std::optional<HandoverRequest> handover;
    std::optional<OperationForm> operation = std::nullopt;
  };
  BoundedQueue<OperatorRequest> actions_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> wake_pending_{false};  // on_events was called and the UI has not swapped since
  std::atomic<uint64_t> actions_sent_{0};
  std::atomic<uint64_t> decode_failures_{0};
  std::atomic<uint64_t> gaps_repaired_{0};
  std::thread thread_;
};

}  // namespace opsroom::console
