#include "console/app/event_source.h"

#include <string>

#include "console/model/replay_archive.h"
#include "console/net/console_link.h"

namespace opsroom::console {

namespace {

LinkConfig ToLinkConfig(const HubSourceConfig& config) {
  LinkConfig link{config.endpoint, config.fanout, config.operator_name};
  link.other_hubs = config.other_hubs;
  link.curve = config.curve;
  link.audit_public_key = config.audit_public_key;
  link.node_id = config.node_id;
  link.on_events = config.wake;
  link.role = config.planner ? wire::ClientRole::Planner : wire::ClientRole::Console;
  return link;
}

// The replay's link: the whole log from sequence 1, then live; read-only.
LinkConfig HistoryLinkConfig(const HubSourceConfig& config) {
  LinkConfig link = ToLinkConfig(config);
  link.operator_name.clear();
  link.replay_from_seq = 1;
  link.on_events = nullptr;  // the replay's log is taken once per frame; a wake per batch would buy nothing
  return link;
}

// The past window's link: the hub's state at `at_ms`, then the log after it; read-only.
LinkConfig StateLinkConfig(const HubSourceConfig& config, int64_t at_ms) {
  LinkConfig link = HistoryLinkConfig(config);
  link.replay_from_seq = 0;
  link.as_of_time_ms = at_ms;
  return link;
}

class HubSource : public EventSource {
 public:
  explicit HubSource(const HubSourceConfig& config) : config_(config), link_(ToLinkConfig(config)) { link_.Start(); }
  void Take(std::vector<ConsoleEvent>* out, int64_t) override { link_.SwapEvents(out); }
  void Submit(const ActionRequest& request) override {
    if (!link_.SubmitAction(request)) dropped_actions_++;
  }
  void Submit(const HitDecisionRequest& request) override {
    if (!link_.SubmitHitDecision(request)) dropped_actions_++;
  }
  void Submit(const HandoverRequest& request) override {
    if (!link_.SubmitHandover(request)) dropped_actions_++;
  }
  void Submit(const OperationForm& form) override {
    if (!link_.SubmitOperation(form)) dropped_actions_++;
  }
  void StartHistory() override {
    if (history_) return;
    history_ = std::make_unique<ConsoleLink>(HistoryLinkConfig(config_));
    history_->Start();
  }
  void TakeHistory(std::vector<ConsoleEvent>* out) override {
    if (history_) history_->SwapEvents(out);
  }
  void FetchStateAt(int64_t hub_time_ms) override {
    StopStateAt();  // a fetch for another moment is of no use any more
    // as_of_time_ms 0 asks for the hub's state now (docs/protocol.md 8.1.1):
    // never give that as a past moment (ReplaySession starts at 1 ms).
    if (hub_time_ms <= 0) {
      state_refusal_ = "no state at hub time " + std::to_string(hub_time_ms) + " ms: a past moment starts at 1 ms";
      return;
    }
    state_ = std::make_unique<ConsoleLink>(StateLinkConfig(config_, hub_time_ms));
    state_->Start();
  }
  void TakeStateAt(std::vector<ConsoleEvent>* out) override {
    if (!state_refusal_.empty()) {
      out->push_back(LinkValue{LinkState::kLost, std::move(state_refusal_), /*for_good=*/true});
    }
    state_refusal_.clear();
    if (state_) state_->SwapEvents(out);
  }
  void StopStateAt() override {
    state_.reset();
    state_refusal_.clear();
  }
  FeedStats stats() const override {
    LinkStats s = link_.stats();
    FeedStats f;
    f.has_network = true;
    f.queued = s.events.depth;
    f.received = s.events.pushed;
    f.producer_waits = s.events.producer_waits;
    f.actions_pending = s.actions.depth;
    return f;
  }

 private:
  HubSourceConfig config_;
  ConsoleLink link_;
  std::unique_ptr<ConsoleLink> history_;
  std::unique_ptr<ConsoleLink> state_;
  std::string state_refusal_;  // a moment FetchStateAt would not ask, until taken
  uint64_t dropped_actions_ = 0;
};

}  // namespace

std::unique_ptr<EventSource> MakeHubSource(const HubSourceConfig& config) {
  return std::make_unique<HubSource>(config);
}

DemoSource::DemoSource(std::size_t alerts, double rate, std::string operator_name)
    : feed_(SyntheticConfig{.seed = 7, .initial_alerts = alerts}),
      initial_(alerts),
      rate_(rate),
      operator_name_(std::move(operator_name)) {}

void DemoSource::Take(std::vector<ConsoleEvent>* out, int64_t now_ms) {
  std::size_t from = out->size();
  if (!started_) {
    for (auto& event : feed_.Initial(now_ms)) out->push_back(std::move(event));
    started_ = true;
    last_ms_ = now_ms;
    Record(*out, from);
    return;
  }
  owed_ += rate_ * static_cast<double>(now_ms - last_ms_) / 1000.0;
  last_ms_ = now_ms;
  int due = static_cast<int>(owed_);
  owed_ -= due;
  // New alerts when due, and a status report every second, like the hub.
  if (due > 0 || now_ms - last_status_ms_ >= 1000) {
    for (auto& event : feed_.Tick(now_ms, due)) out->push_back(std::move(event));
    last_status_ms_ = now_ms;
  }
  for (const ActionRequest& request : actions_) {
    ActionValue action;
    action.meta = EventMeta{0, now_ms, "OPSROOM-DEMO", "OPSROOM"};  // no hub: no hub sequence
    action.alert_id = request.alert_id;
    action.kind = request.kind;
    action.actor = operator_name_;
    action.at_ms = now_ms;
    action.assignee = request.assignee;
    action.text = request.text;
    out->push_back(action);
    out->push_back(ActionOutcomeValue{request.alert_id, request.kind, true, 0, ""});
  }
  actions_.clear();
  for (const HitDecisionRequest& request : decisions_) {
    HitDecisionValue decision;
    decision.meta = EventMeta{0, now_ms, "OPSROOM-DEMO", "OPSROOM"};
    decision.hit_id = request.hit_id;
    decision.verdict = request.verdict;
    decision.actor = operator_name_;
    decision.at_ms = now_ms;
    out->push_back(decision);
  }
  decisions_.clear();
  TakeHandovers(out, now_ms);
  TakeOperations(out, now_ms);
  Record(*out, from);
  stats_.received += out->size();
}

// The demo's log: what carries a hub sequence (the demo's own actions have none).
void DemoSource::Record(const std::vector<ConsoleEvent>& out, std::size_t from) {
  for (std::size_t i = from; i < out.size(); ++i) {
    if (HubSeqOf(out[i]) != 0) history_.push_back(out[i]);
  }
}

void DemoSource::TakeHistory(std::vector<ConsoleEvent>* out) {
  if (!history_on_) return;
  for (auto& event : history_) out->push_back(std::move(event));
  history_.clear();
}

void DemoSource::TakeStateAt(std::vector<ConsoleEvent>* out) {
  if (!state_asked_) return;
  out->push_back(
      LinkValue{LinkState::kLost, "the demo has no hub to ask for its state at a past moment", /*for_good=*/true});
  state_asked_ = false;
}

// As if the hub had stored them, under the demo's own prefix.
void DemoSource::TakeOperations(std::vector<ConsoleEvent>* out, int64_t now_ms) {
  for (const OperationForm& form : operations_) {
    OperationValue value(ToJointOperation(form), EventMeta{0, now_ms, "OPSROOM-DEMO", "OPSROOM"});
    if (value.code.find(':') == std::string::npos) value.code = "OPSROOM-DEMO:" + value.code;
    out->push_back(std::move(value));
    out->push_back(ActionOutcomeValue{form.code, ActionKind::Comment, true, 0, ""});
  }
  operations_.clear();
}

void DemoSource::Submit(const ActionRequest& request) { actions_.push_back(request); }

void DemoSource::Submit(const HitDecisionRequest& request) { decisions_.push_back(request); }

void DemoSource::Submit(const HandoverRequest& request) { handovers_.push_back(request); }

// As if the hub had stored them: the handover (under the demo's own prefix) or its acknowledgement.
void DemoSource::TakeHandovers(std::vector<ConsoleEvent>* out, int64_t now_ms) {
  for (const HandoverRequest& request : handovers_) {
    EventMeta meta{0, now_ms, "OPSROOM-DEMO", "OPSROOM"};
    std::string id = request.ack ? request.handover_id : "OPSROOM-DEMO:" + request.handover_id;
    if (request.ack) {
      out->push_back(HandoverAckValue({id, operator_name_, now_ms, request.note}, meta));
    } else {
      out->push_back(
          HandoverValue({id, operator_name_, request.note, now_ms, request.items, request.items_left_out}, meta));
    }
    ActionKind kind = request.ack ? ActionKind::Acknowledge : ActionKind::Comment;
    out->push_back(ActionOutcomeValue{request.handover_id, kind, true, 0, ""});
  }
  handovers_.clear();
}

}  // namespace opsroom::console
