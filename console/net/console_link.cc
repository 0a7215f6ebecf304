#include "console/net/console_link.h"

#include <chrono>
#include <cstdio>
#include <map>
#include <unistd.h>

#include "console/net/event_decode.h"
#include "console/net/handover_envelope.h"
#include "nodes/client/check_builder.h"
#include "nodes/client/envelope_builder.h"
#include "nodes/client/hub_endpoints.h"
#include "nodes/client/publisher.h"
#include "nodes/client/subscriber.h"
#include "wire/places.h"

namespace opsroom::console {
namespace {

int64_t WallMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

int64_t SteadyMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

std::string UpperAlnum(const std::string& text, std::size_t limit) {
  std::string out;
  for (char c : text) {
    if (out.size() >= limit) break;
    if (c >= 'a' && c <= 'z') out += static_cast<char>(c - 'a' + 'A');
    if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) out += c;
  }
  return out;
}

constexpr int64_t kPublisherRetryMs = 3000;

}  // namespace

std::string OperatorNodeId(const std::string& operator_name) {
  std::string name = UpperAlnum(operator_name, 16);
  return "OPSROOM-" + (name.empty() ? std::string("CONSOLE") : name);
}

// State that lives on the network thread only.
struct ConsoleLink::Worker {
  ConsoleLink& link;
  zmq::context_t context{1};
  std::unique_ptr<nodes::Subscriber> subscriber;
  std::unique_ptr<nodes::Publisher> publisher;
  nodes::EndpointRing publisher_hubs{link.config_.hub_endpoint, link.config_.other_hubs};
  bool publisher_up = false;
  int64_t publisher_retry_at = 0;
  bool snapshot_done = false;
  std::string rewind_notice;                      // the subscriber's rewind_detail() since the last hub rewind
  std::map<uint64_t, OperatorRequest> in_flight;  // by node_seq
  std::string operator_id;

  explicit Worker(ConsoleLink& owner) : link(owner) {
    nodes::SubscriberConfig config;
    config.hub_endpoint = link.config_.hub_endpoint;
    config.other_hubs = link.config_.other_hubs;
    config.fanout_endpoint = link.config_.fanout_endpoint;
    // The subscriber's own session: one per console process.
    config.node_id = "OPSROOM-VIEW" + std::to_string(getpid() % 10000);
    // Over CURVE the hub admits only the id registered for the key.
    if (!link.config_.node_id.empty()) config.node_id = link.config_.node_id;
    config.country = "OPSROOM";
    config.role = link.config_.role;
    config.replay_from_seq = link.config_.replay_from_seq;
    config.as_of.time_ms = link.config_.as_of_time_ms;
    config.curve = link.config_.curve;
    config.audit_public_key = link.config_.audit_public_key;
    subscriber = std::make_unique<nodes::Subscriber>(context, config);
    operator_id = link.config_.node_id.empty() ? OperatorNodeId(link.config_.operator_name) : link.config_.node_id;
  }

  void Emit(ConsoleEvent event) {
    link.events_.Push(std::move(event));
    // One wake per swap, not per event: a snapshot of 50,000 alerts wakes
    // the UI once, and it takes them all.
    if (link.config_.on_events && !link.wake_pending_.exchange(true)) link.config_.on_events();
  }

  nodes::SubscriberSink Sink() {
    nodes::SubscriberSink sink;
    sink.on_event = [this](const wire::CheckedEvent& event) {
      auto decoded = DecodeEvent(event, wire::PlaceCatalog::InUse(), !snapshot_done);
      if (decoded) {
        Emit(std::move(*decoded));
      } else {
        ++link.decode_failures_;
      }
    };
    sink.on_snapshot_done = [this](uint64_t seq) {
      snapshot_done = true;
      Emit(SnapshotDoneValue{seq});
    };
    sink.on_hub_status = [this](const wire::HubStatus& status) { Emit(DecodeHubStatus(status)); };
    sink.on_audit_head = [this](const wire::SignedHeadFields& head) {
      Emit(AuditHeadValue{head.records, head.hub_seq, head.at_ms, ""});
    };
    sink.on_audit_head_refused = [this](const std::string& why) {
      std::fprintf(stderr, "opsroom-console: AUDIT: %s\n", why.c_str());
      Emit(AuditHeadValue{0, 0, 0, why});
    };
    sink.on_link_state = [this](nodes::LinkState state) {
      bool lost = state == nodes::LinkState::kLost;
      if (lost) rewind_notice.clear();
      Emit(LinkValue{state, lost ? subscriber->last_error() : rewind_notice, lost && subscriber->as_of_refused()});
    };
    // A hub restored from a backup: the model drops its state before the
    // snapshot that follows (a fresh start), and the operator is told why
    // until the link is next lost.
    sink.on_hub_rewound = [this](uint64_t applied_seq, uint64_t hub_seq) {
      snapshot_done = false;
      rewind_notice = subscriber->rewind_detail();
      std::fprintf(stderr, "opsroom-console: %s\n", rewind_notice.c_str());
      Emit(HubRewoundValue{applied_seq, hub_seq, rewind_notice});
      Emit(LinkValue{subscriber->link_state(), rewind_notice});
    };
    return sink;
  }

  void EnsurePublisher() {
    if (publisher_up || link.config_.operator_name.empty() || SteadyMs() < publisher_retry_at) return;
    nodes::PublisherConfig config;
    std::vector<std::string> hubs = publisher_hubs.FromCurrent();
    config.hub_endpoint = hubs.front();
    config.other_hubs.assign(hubs.begin() + 1, hubs.end());
    config.node_id = operator_id;
    config.country = "OPSROOM";
    config.role = link.config_.role;
    config.software_version = "opsroom-console/0.1";
    config.connect_timeout_ms = 1000;
    config.curve = link.config_.curve;
    publisher = std::make_unique<nodes::Publisher>(context, config);
    auto welcome = publisher->Connect();
    publisher_up = welcome.ok();
    if (publisher_up) return;
    publisher_retry_at = SteadyMs() + kPublisherRetryMs;
    publisher_hubs.Next();  // a dead member of a cluster: the next attempt tries the next one
  }

  void Refuse(const OperatorRequest& request, const std::string& reason) {
    Emit(ActionOutcomeValue{SubjectOf(request), request.action.kind, false, 0, reason});
  }

  // An AlertAction, a HitDecision when the request names a hit, a Handover or HandoverAck.
  wire::Bytes BuildRequest(const nodes::EnvelopeHeader& header, const OperatorRequest& request) const {
    if (request.handover) return BuildHandoverEnvelope(header, *request.handover, link.config_.operator_name, WallMs());
    if (request.operation) {
      return wire::msg::BuildEnvelope(OperationEnvelope(*request.operation, header.origin, header.node_seq, header.sent_at_ms));
    }
    if (const auto& d = request.decision) {
      nodes::HitDecisionSpec decision{d->hit_id, d->verdict, link.config_.operator_name, WallMs(), d->comment};
      nodes::EnvelopeHeader restricted = header;
      if (!d->owner_country.empty()) {
        restricted.handling.distribution = wire::Distribution::Restricted;
        restricted.handling.recipients = {d->owner_country};
      }
      return nodes::BuildHitDecisionEnvelope(restricted, decision);
    }
    const ActionRequest& a = request.action;
    nodes::AlertActionSpec action{a.alert_id, a.kind, link.config_.operator_name, WallMs(), a.assignee, a.text};
    return nodes::BuildEnvelope(header, action);
  }

  // What the outcome names: the alert, the hit decided, or the handover (in action.alert_id).
  static const std::string& SubjectOf(const OperatorRequest& request) {
    return request.decision ? request.decision->hit_id : request.action.alert_id;
  }

  void SendActions() {
    std::vector<OperatorRequest> requests;
    link.actions_.SwapOut(&requests);
    if (requests.empty()) return;
    EnsurePublisher();
    for (const OperatorRequest& request : requests) {
      if (!publisher_up) {
        Refuse(request, "hub not reachable for the operator's session; retrying in a few seconds");
        continue;
      }
      nodes::EnvelopeHeader header;
      header.origin = operator_id;
      header.country = "OPSROOM";
      header.node_seq = publisher->NextNodeSeq();
      header.sent_at_ms = WallMs();
      auto sent = publisher->Publish(BuildRequest(header, request));
      if (!sent.ok()) {
        publisher_up = false;
        Refuse(request, sent.rejection().text.empty() ? "link to the hub failed" : sent.rejection().text);
        continue;
      }
      in_flight[sent.value()] = request;
      ++link.actions_sent_;
    }
  }

  void CollectOutcomes() {
    if (!publisher) return;
    publisher->Poll(0);
    for (const nodes::PublishOutcome& outcome : publisher->TakeOutcomes()) {
      auto it = in_flight.find(outcome.node_seq);
      if (it == in_flight.end()) continue;
      Emit(ActionOutcomeValue{SubjectOf(it->second), it->second.action.kind, outcome.acknowledged(), outcome.hub_seq,
                              outcome.rejection.text});
      in_flight.erase(it);
    }
  }
};

ConsoleLink::ConsoleLink(LinkConfig config)
    : config_(std::move(config)),
      events_(config_.event_capacity, OverflowPolicy::kBlockProducer),
      actions_(config_.action_capacity, OverflowPolicy::kDiscardNew) {}

ConsoleLink::~ConsoleLink() { Stop(); }

void ConsoleLink::Start() {
  if (thread_.joinable()) return;
  stop_ = false;
  thread_ = std::thread([this] { Run(); });
}

void ConsoleLink::Stop() {
  stop_ = true;
  events_.Close();
  if (thread_.joinable()) thread_.join();
}

void ConsoleLink::Run() {
  Worker worker(*this);
  nodes::SubscriberSink sink = worker.Sink();
  while (!stop_) {
    worker.subscriber->Poll(10, sink);
    worker.SendActions();
    worker.CollectOutcomes();
    gaps_repaired_ = worker.subscriber->gaps_repaired();
  }
}

LinkStats ConsoleLink::stats() const {
  LinkStats s;
  s.events = events_.counters();
  s.actions = actions_.counters();
  s.actions_sent = actions_sent_;
  s.decode_failures = decode_failures_;
  s.gaps_repaired = gaps_repaired_;
  return s;
}

}  // namespace opsroom::console
