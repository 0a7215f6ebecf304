#include "nodes/sim/simulator.h"

#include <algorithm>
#include <chrono>
#include <memory>
#include <set>
#include <thread>

#include "nodes/client/publisher.h"
#include "nodes/client/zmq_link.h"
#include "nodes/sim/traffic_generator.h"
#include "wire/participants.h"

namespace opsroom::nodes {

namespace {

constexpr int64_t kProgressIntervalMs = 1000;

class SimulationRun {
 public:
  SimulationRun(zmq::context_t& context, const SimulatorConfig& config, const SimulationProgress& progress,
                const std::atomic<bool>* stop)
      : context_(context), config_(config), progress_(progress), stop_(stop) {}

  SimulationReport Run();

 private:
  bool ConnectAll(std::vector<uint64_t>* id_bases);
  bool Finished(uint64_t generated, int64_t now) const;
  bool Send(SimMessage& message);
  bool WaitFor(const std::string& key);
  void PollAll(int timeout_ms);
  bool Collect();
  bool Drain();
  void MaybeReport(int64_t now, bool force);

  zmq::context_t& context_;
  const SimulatorConfig& config_;
  const SimulationProgress& progress_;
  const std::atomic<bool>* stop_;
  std::vector<std::unique_ptr<Publisher>> publishers_;
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
  TrafficGenerator generator(std::move(traffic), wire::PlaceCatalog::Embedded());
  while (!Finished(report_.generated, SteadyNowMs())) {
    int64_t now = SteadyNowMs();
    if (config_.rate > 0) {
      auto due = start_ms_ + static_cast<int64_t>(static_cast<double>(report_.generated) * 1000.0 / config_.rate);
      if (now < due) {
        PollAll(static_cast<int>(std::min<int64_t>(due - now, 50)));
        MaybeReport(SteadyNowMs(), false);
        continue;
      }
    }
    SimMessage message = generator.Next(WallNowMs());
    ++report_.generated;
    if (!WaitFor(message.needs) || !Send(message)) break;
    if (report_.generated % 64 == 0) PollAll(0);
    MaybeReport(now, false);
  }
  if (report_.error.empty()) Drain();
  for (const auto& publisher : publishers_) {
    report_.hellos += publisher->counters().hellos;
    report_.resent += publisher->counters().resent;
  }
  report_.elapsed_ms = SteadyNowMs() - start_ms_;
  MaybeReport(SteadyNowMs(), true);
  return report_;
}

bool SimulationRun::ConnectAll(std::vector<uint64_t>* id_bases) {
  for (const SimAgency& agency : config_.agencies) {
    PublisherConfig pc;
    pc.hub_endpoint = config_.hub_endpoint;
    pc.node_id = agency.node_id;
    pc.country = agency.country;
    const wire::Participant* participant = wire::FindParticipant(agency.country);
    bool national = participant != nullptr && participant->kind == wire::ParticipantKind::kNational;
    pc.role = national ? wire::ClientRole::NationalNode : wire::ClientRole::PartnerAgency;
    pc.software_version = "opsroom-sim/0.1";
    pc.max_in_flight = config_.max_in_flight;
    pc.connect_timeout_ms = config_.connect_timeout_ms;
    if (auto keys = config_.curve_keys.find(agency.node_id); keys != config_.curve_keys.end()) pc.curve = keys->second;
    auto publisher = std::make_unique<Publisher>(context_, pc);
    auto welcome = publisher->Connect();
    if (!welcome) {
      report_.hub_unreachable = IsLinkFailure(welcome.rejection());
      report_.error =
          agency.node_id + ": " +
          (report_.hub_unreachable ? ""
                                   : "the hub refused Hello: " + wire::ReasonLabel(welcome.rejection().code) + ": ") +
          welcome.rejection().text;
      return false;
    }
    id_bases->push_back(welcome->last_node_seq);
    publishers_.push_back(std::move(publisher));
  }
  creates_.resize(publishers_.size());
  return true;
}

bool SimulationRun::Finished(uint64_t generated, int64_t now) const {
  if (config_.count != 0 && generated >= config_.count) return true;
  if (config_.duration_ms != 0 && now - start_ms_ >= config_.duration_ms) return true;
  return stop_ != nullptr && stop_->load();
}

bool SimulationRun::Send(SimMessage& message) {
  Publisher& publisher = *publishers_[message.agency];
  message.header.node_seq = publisher.NextNodeSeq();
  message.header.message_id.clear();
  auto sent = publisher.Publish(BuildEnvelope(message.header, message.payload));
  if (!sent) {
    report_.error = message.header.origin + ": " + sent.rejection().text;
    return false;
  }
  ++report_.published;
  if (!message.creates.empty()) {
    creates_[message.agency][sent.value()] = message.creates;
    published_keys_.insert(message.creates);
  }
  return true;
}

// Actions and sitreps wait for the ack of what they refer to: the hub would
// refuse them (UnknownAlert, UnknownOperation) if they overtook it.
bool SimulationRun::WaitFor(const std::string& key) {
  if (key.empty() || published_keys_.count(key) == 0) return true;
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
    for (auto& publisher : publishers_) publisher->Poll(0);
    if (Collect() || timeout_ms == 0) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  } while (SteadyNowMs() < deadline);
}

// Takes every publisher's outcomes into the report; true if there were any.
bool SimulationRun::Collect() {
  bool any = false;
  for (std::size_t i = 0; i < publishers_.size(); ++i) {
    for (const PublishOutcome& outcome : publishers_[i]->TakeOutcomes()) {
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
  for (auto& publisher : publishers_) {
    publisher->Flush(static_cast<int>(std::max<int64_t>(deadline - SteadyNowMs(), 0)));
    Collect();
  }
  std::size_t left = 0;
  for (auto& publisher : publishers_) left += publisher->in_flight();
  if (left == 0) return true;
  report_.error = std::to_string(left) + " messages not acknowledged within " +
                  std::to_string(config_.drain_timeout_ms) + " ms of the end";
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
