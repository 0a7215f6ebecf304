// Where the console's events come from: the hub through the network thread,
// or a synthetic feed (--demo). The UI thread takes what is there when woken
// and before each frame; neither source ever blocks it.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "console/model/events.h"
#include "console/model/synthetic_feed.h"
#include "console/view/view_context.h"
#include "wire/curve_keys.h"

namespace opsroom::console {

class EventSource {
 public:
  virtual ~EventSource() = default;
  virtual void Take(std::vector<ConsoleEvent>* out, int64_t now_ms) = 0;
  virtual void Submit(const ActionRequest& request) = 0;
  virtual void Submit(const HitDecisionRequest& request) = 0;
  virtual void Submit(const HandoverRequest& request) = 0;
  virtual void Submit(const OperationForm& form) = 0;
  // The log for the replay: StartHistory begins fetching it from sequence 1
  // (once; then it follows live); TakeHistory appends what arrived.
  virtual void StartHistory() = 0;
  virtual void TakeHistory(std::vector<ConsoleEvent>* out) = 0;
  // A moment older than the replay's archive: the hub's state at hub time T
  // (docs/protocol.md 8.1.1) and the log after it, on a third read-only link.
  // FetchStateAt (re)starts it, TakeStateAt appends what arrived (as the link
  // gave it: snapshot events, SnapshotDone, the log, link states), StopStateAt
  // closes it.
  virtual void FetchStateAt(int64_t hub_time_ms) = 0;
  virtual void TakeStateAt(std::vector<ConsoleEvent>* out) = 0;
  virtual void StopStateAt() = 0;
  virtual FeedStats stats() const = 0;
};

struct HubSourceConfig {
  std::string endpoint;
  std::string fanout;
  std::string operator_name;
  std::string node_id;             // the key's registered id; empty without a key
  wire::CurveClientKeys curve;     // empty: plain text (an --insecure hub)
  std::string audit_public_key{};  // raw 32 bytes; empty: the first signed audit head's key
  bool planner = false;            // the key's role is planner (else console)
  std::function<void()> wake{};    // called from the network thread when events arrive
  std::vector<std::string> other_hubs{};  // a cluster's other members (docs/protocol.md section 17)
};

// Connects to the hub (the link's thread starts now).
std::unique_ptr<EventSource> MakeHubSource(const HubSourceConfig& config);

// A synthetic picture of `alerts` alerts, then `rate` new alerts per second.
// Actions apply locally as if the hub had stored them.
class DemoSource : public EventSource {
 public:
  DemoSource(std::size_t alerts, double rate, std::string operator_name);
  void Take(std::vector<ConsoleEvent>* out, int64_t now_ms) override;
  void Submit(const ActionRequest& request) override;
  void Submit(const HitDecisionRequest& request) override;
  void Submit(const HandoverRequest& request) override;
  void Submit(const OperationForm& form) override { operations_.push_back(form); }
  void StartHistory() override { history_on_ = true; }
  void TakeHistory(std::vector<ConsoleEvent>* out) override;
  // No hub to ask: the answer says so (its archive keeps every event unless capped).
  void FetchStateAt(int64_t) override { state_asked_ = true; }
  void TakeStateAt(std::vector<ConsoleEvent>* out) override;
  void StopStateAt() override { state_asked_ = false; }
  FeedStats stats() const override { return stats_; }

 private:
  void TakeHandovers(std::vector<ConsoleEvent>* out, int64_t now_ms);
  void TakeOperations(std::vector<ConsoleEvent>* out, int64_t now_ms);
  void Record(const std::vector<ConsoleEvent>& out, std::size_t from);

  SyntheticFeed feed_;
  std::size_t initial_;
  double rate_;
  std::string operator_name_;
  bool started_ = false;
  int64_t last_ms_ = 0;
  int64_t last_status_ms_ = 0;
  double owed_ = 0;
  std::vector<ActionRequest> actions_;
  std::vector<HitDecisionRequest> decisions_;
  std::vector<HandoverRequest> handovers_;
  std::vector<OperationForm> operations_;
  bool history_on_ = false;
  bool state_asked_ = false;
  std::vector<ConsoleEvent> history_;  // every logged event the demo produced, for its replay
  FeedStats stats_;
};

}  // namespace opsroom::console
