#include "nodes/sim/simulator.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <set>
#include <thread>

#include "nodes/client/store_forward.h"
#include "nodes/client/zmq_link.h"
#include "nodes/sim/traffic_generator.h"
#include "wire/participants.h"

namespace opsroom::nodes {

namespace {

constexpr int64_t kProgressIntervalMs = 1000;
// Messages go into the outboxes in groups (one synced write per agency and
// group), handed over at this many, before a wait and before a pause.
constexpr std::size_t kSubmitGroup = 64;

class SimulationRun {
 public:
  SimulationRun(zmq::context_t& context, const SimulatorConfig& config, const SimulationProgress& progress,
                const std::atomic<bool>* stop)
      : context_(context), config_(config), progress_(progress), stop_(stop) {}

  SimulationReport Run();

 private:
  bool ConnectAll(std::vector<uint64_t>* id_bases);
  bool Finished(uint64_t generated, int64_t now) const;
  void Queue(SimMessage message);
  bool SubmitQueued();
  bool WaitFor(const std::string& key);
  void PollAll(int timeout_ms);
  bool Collect();
  bool Drain();
  void MaybeReport(int64_t now, bool force);

  zmq::context_t& context_;
  const SimulatorConfig& config_;
  const SimulationProgress& progress_;
  const std::atomic<bool>* stop_;
  std::vector<std::unique_ptr<StoreAndForwardPublisher>> nodes_;
  std::vector<std::vector<SimMessage>> queued_;           // per agency: generated, not yet in its outbox
  std::vector<std::map<uint64_t, std::string>> creates_;  // per agency: node_seq -> key it creates
  std::set<std::string> published_keys_;
  std::set<std::string> settled_keys_;  // acked or refused: waiting on them is over
  SimulationReport report_;
  int64_t start_ms_ = 0;
  int64_t last_report_ms_ = 0;
};

SimulationReport SimulationRun::Run() {
  start_ms_ = SteadyNowMs();
  last_report_ms_ = start_ms_;
  std::vector<uint64_t> id_bases;
  if (!ConnectAll(&id_bases)) return report_;
  TrafficConfig traffic;
  traffic.seed = config_.seed;
  traffic.agencies = config_.agencies;
  traffic.id_bases = id_bases;
  traffic.operation_cycle = config_.operation_cycle != 0 ? config_.operation_cycle
                            : config_.count != 0         ? config_.count
                                                         : 3000;
  TrafficGenerator generator(std::move(traffic), wire::PlaceCatalog::InUse());
  while (!Finished(report_.generated, SteadyNowMs())) {
    int64_t now = SteadyNowMs();
    if (config_.rate > 0) {
      auto due = start_ms_ + static_cast<int64_t>(static_cast<double>(report_.generated) * 1000.0 / config_.rate);
      if (now < due) {
        if (!SubmitQueued()) break;
        PollAll(static_cast<int>(std::min<int64_t>(due - now, 50)));
        MaybeReport(SteadyNowMs(), false);
        continue;
      }
    }
    SimMessage message = generator.Next(WallNowMs());
    ++report_.generated;
    if (!WaitFor(message.needs)) break;
    Queue(std::move(message));
    if (report_.generated % kSubmitGroup == 0 && !SubmitQueued()) break;
    if (report_.generated % 64 == 0) PollAll(0);
    MaybeReport(now, false);
  }
  if (report_.error.empty() && SubmitQueued()) Drain();
  for (const auto& node : nodes_) {
    StoreForwardStatus status = node->Status();
    report_.hellos += status.sessions;
    report_.resent += status.resent;
    report_.pending += status.outbox.depth;
  }
  report_.elapsed_ms = SteadyNowMs() - start_ms_;
  MaybeReport(SteadyNowMs(), true);
  return report_;
}

// Opens every agency's outbox and waits until each has a session: what an
// earlier run left in an outbox is sent first, and the ids of this run's
// messages start above the node_seqs its outbox and the hub have seen.
bool SimulationRun::ConnectAll(std::vector<uint64_t>* id_bases) {
  if (config_.outbox_dir.empty()) {
    report_.error = "no outbox directory (SimulatorConfig::outbox_dir)";
    return false;
  }
  std::error_code made;  // each agency's own outbox is made private (0700) when it opens
  std::filesystem::create_directories(config_.outbox_dir, made);
  if (made) {
    report_.error = "cannot create the outbox directory " + config_.outbox_dir + ": " + made.message();
    return false;
  }
  for (std::size_t i = 0; i < config_.agencies.size(); ++i) {
    const SimAgency& agency = config_.agencies[i];
    StoreForwardConfig sf;
    PublisherConfig& pc = sf.publisher;
    pc.hub_endpoint = config_.hub_endpoint;
    pc.other_hubs = config_.other_hubs;
    pc.node_id = agency.node_id;
    pc.country = agency.country;
    const wire::Participant* participant = wire::FindParticipant(agency.country);
    bool national = participant != nullptr && participant->kind == wire::ParticipantKind::kNational;
    pc.role = national ? wire::ClientRole::NationalNode : wire::ClientRole::PartnerAgency;
    pc.software_version = "opsroom-sim/0.1";
    pc.max_in_flight = config_.max_in_flight;
    pc.connect_timeout_ms = config_.connect_timeout_ms;
    if (auto keys = config_.curve_keys.find(agency.node_id); keys != config_.curve_keys.end()) pc.curve = keys->second;
    sf.outbox_dir = config_.outbox_dir + "/" + agency.node_id;
    sf.status_endpoint = "none";
    sf.jitter_seed = config_.seed * 1000 + i + 1;
    std::string error;
    auto node = StoreAndForwardPublisher::Open(context_, std::move(sf), &error);
    if (!node) {
      report_.error = agency.node_id + ": " + error;
      return false;
    }
    report_.recovered += node->Status().outbox.depth;
    nodes_.push_back(std::move(node));
  }
  const int64_t deadline = SteadyNowMs() + config_.connect_timeout_ms;
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    StoreAndForwardPublisher& node = *nodes_[i];
    while (node.Status().state != ForwardState::kUp && SteadyNowMs() < deadline) {
      for (auto& each : nodes_) each->Poll(2);
    }
    StoreForwardStatus status = node.Status();
    if (status.state != ForwardState::kUp) {
      const std::string refused = "the hub refused Hello";
      report_.hub_unreachable = status.link_detail.find(refused) == std::string::npos;
      report_.error = config_.agencies[i].node_id + ": " +
                      (status.link_detail.empty() ? "no Welcome within " + std::to_string(config_.connect_timeout_ms) + " ms"
                                                  : status.link_detail);
      return false;
    }
    id_bases->push_back(status.outbox.next_node_seq - 1);
  }
  queued_.resize(nodes_.size());
  creates_.resize(nodes_.size());
  return true;
}

bool SimulationRun::Finished(uint64_t generated, int64_t now) const {
  if (config_.count != 0 && generated >= config_.count) return true;
  if (config_.duration_ms != 0 && now - start_ms_ >= config_.duration_ms) return true;
  return stop_ != nullptr && stop_->load();
}

void SimulationRun::Queue(SimMessage message) {
  std::size_t agency = message.agency;
  queued_[agency].push_back(std::move(message));
}

// Hands what is queued to the outboxes: one synced write per agency.
bool SimulationRun::SubmitQueued() {
  for (std::size_t agency = 0; agency < queued_.size(); ++agency) {
    std::vector<SimMessage>& messages = queued_[agency];
    if (messages.empty()) continue;
    std::vector<Submission> submissions;
    for (SimMessage& message : messages) {
      submissions.push_back({[&message](uint64_t node_seq) {
                               message.header.node_seq = node_seq;
                               message.header.message_id.clear();
                               return BuildEnvelope(message.header, message.payload);
                             },
                             0});
    }
    std::vector<wire::Result<uint64_t>> results = nodes_[agency]->SubmitEach(submissions);
    for (std::size_t i = 0; i < results.size(); ++i) {
      if (!results[i]) {
        report_.error = messages[i].header.origin + ": " + results[i].rejection().text;
        messages.clear();
        return false;
      }
      ++report_.published;
      if (!messages[i].creates.empty()) {
        creates_[agency][results[i].value()] = messages[i].creates;
        published_keys_.insert(messages[i].creates);
      }
    }
    messages.clear();
  }
  return true;
}

// Actions and sitreps wait for the ack of what they refer to: the hub would
// refuse them (UnknownAlert, UnknownOperation) if they overtook it.
bool SimulationRun::WaitFor(const std::string& key) {
  if (key.empty()) return true;
  if (!SubmitQueued()) return false;  // what it waits for may still be queued
  if (published_keys_.count(key) == 0) return true;
  const int64_t deadline = SteadyNowMs() + config_.drain_timeout_ms;
  while (settled_keys_.count(key) == 0) {
    if (SteadyNowMs() > deadline) {
      report_.error = "no ack for " + key + " within " + std::to_string(config_.drain_timeout_ms) + " ms";
      return false;
    }
    PollAll(5);
  }
  return true;
}

void SimulationRun::PollAll(int timeout_ms) {
  const int64_t deadline = SteadyNowMs() + timeout_ms;
  do {
    for (auto& node : nodes_) node->Poll(0);
    if (Collect() || timeout_ms == 0) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  } while (SteadyNowMs() < deadline);
}

// Takes every publisher's outcomes into the report; true if there were any.
bool SimulationRun::Collect() {
  bool any = false;
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    for (const PublishOutcome& outcome : nodes_[i]->TakeOutcomes()) {
      any = true;
      if (outcome.acknowledged()) {
        ++report_.acked;
        if (outcome.duplicate) ++report_.duplicates;
        report_.max_hub_seq = std::max(report_.max_hub_seq, outcome.hub_seq);
      } else {
        ++report_.refused;
        ++report_.refused_by_reason[wire::ReasonLabel(outcome.rejection.code)];
        if (report_.first_refusal.empty()) {
          report_.first_refusal = config_.agencies[i].node_id + " node_seq " + std::to_string(outcome.node_seq) + ": " +
                                  wire::ReasonLabel(outcome.rejection.code) + ": " + outcome.rejection.text;
        }
      }
      auto created = creates_[i].find(outcome.node_seq);
      if (created != creates_[i].end()) {
        settled_keys_.insert(created->second);
        creates_[i].erase(created);
      }
    }
  }
  return any;
}

bool SimulationRun::Drain() {
  const int64_t deadline = SteadyNowMs() + config_.drain_timeout_ms;
  for (auto& node : nodes_) {
    node->Drain(static_cast<int>(std::max<int64_t>(deadline - SteadyNowMs(), 0)));
    Collect();
  }
  for (auto& node : nodes_) node->ReportNow();
  std::size_t left = 0;
  for (auto& node : nodes_) left += node->Status().outbox.depth;
  if (left == 0) return true;
  report_.error = std::to_string(left) + " messages not acknowledged within " +
                  std::to_string(config_.drain_timeout_ms) + " ms of the end; they wait in the outboxes under " +
                  config_.outbox_dir + " for the next run";
  return false;
}

void SimulationRun::MaybeReport(int64_t now, bool force) {
  if (!progress_ || (!force && now - last_report_ms_ < kProgressIntervalMs)) return;
  last_report_ms_ = now;
  report_.elapsed_ms = now - start_ms_;
  progress_(report_);
}

}  // namespace

SimulationReport RunSimulation(zmq::context_t& context, const SimulatorConfig& config,
                               const SimulationProgress& progress, const std::atomic<bool>* stop) {
  SimulationRun run(context, config, progress, stop);
  return run.Run();
}

}  // namespace opsroom::nodes
