// libFuzzer target, stateful: one hub core (HubCore and Query without
// sockets, tests/sim/sim_hub.h) on the simulator's store (tests/sim/
// sim_store.h), with three national nodes and three subscribers of the
// simulator. The input is not one frame but a script: each byte picks a step
// (a client connects, a node reports or sends a Publish of its choosing,
// a frame is delivered or doubled, raw bytes arrive as a frame, the hub
// commits now or late, the disk fails or fills, the power is cut, time passes,
// answers travel back) and the bytes after it are that step's arguments.
// After every step the simulator's invariants (docs/simulation.md) must hold:
//   acked-lost          every acknowledged (origin, node_seq) is durable at its hub_seq
//   doubles, hole       no (origin, node_seq) stored twice; the log is 1..N
//   ack-before-durable  an ack leaves the hub only once its entry is synced
//   forbidden           no subscriber receives what its handling code keeps from it
// Liveness (`stuck`) is not judged: a script may well refuse reports for good.
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "frame_generated.h"
#include "fuzz/fuzz_support.h"
#include "hub/audience.h"
#include "tests/sim/sim_console.h"
#include "tests/sim/sim_hub.h"
#include "tests/sim/sim_log.h"
#include "tests/sim/sim_node.h"
#include "tests/sim/sim_registry.h"
#include "tests/sim/sim_store.h"

namespace opsroom::fuzz {
namespace {

constexpr const char* kTarget = "hub_core_fuzz";
constexpr std::size_t kMaxSteps = 600;  // bounds one input's work whatever its length

// Reads the script: a byte at a time, zeros once it is used up.
class Script {
 public:
  Script(const uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  bool done() const { return at_ >= size_; }
  uint8_t Byte() { return at_ < size_ ? data_[at_++] : 0; }
  std::size_t Below(std::size_t n) { return n == 0 ? 0 : Byte() % n; }
  wire::Bytes Take(std::size_t n) {
    n = std::min(n, size_ - std::min(at_, size_));
    wire::Bytes bytes(data_ + at_, data_ + at_ + n);
    at_ += n;
    return bytes;
  }

 private:
  const uint8_t* data_;
  std::size_t size_;
  std::size_t at_ = 0;
};

const hub::KeyRegistry& Registry() {
  static std::unique_ptr<hub::KeyRegistry> registry = [] {
    std::string problem;
    auto loaded = sim::LoadSimRegistry(problem);
    Check(loaded != nullptr, kTarget, "the simulated key registry", problem);
    return loaded;
  }();
  return *registry;
}

// HUB_CORE_FUZZ_BREAK=ack-before-sync|lose-acked|hole|doubles: the simulator's
// broken stores (negative controls, tests/sim/sim_config.h), to see a script
// caught by the invariant it breaks.
sim::StoreBreaks BreaksFromEnv() {
  sim::StoreBreaks breaks;
  const char* name = std::getenv("HUB_CORE_FUZZ_BREAK");
  std::string_view wanted = name == nullptr ? "" : name;
  breaks.no_sync = wanted == "ack-before-sync";
  breaks.lose_last_sync = wanted == "lose-acked";
  breaks.drop_log_put = wanted == "hole";
  breaks.forget_dedupe = wanted == "doubles";
  return breaks;
}

class Room {
 public:
  explicit Room(uint8_t batch_frames) : store_(BreaksFromEnv()), hub_(store_, Registry(), config_) {
    config_.hub_id = "fuzz-hub";
    config_.clock = [this] { return now_; };
    config_.index_deadlines_in_background = false;  // one thread: replayable
    config_.max_batch_frames = 1 + batch_frames % 8;
    for (sim::Identity& who : sim::NodeIdentities()) nodes_.emplace_back(std::move(who));
    for (sim::Identity& who : sim::ConsoleIdentities()) {
      if (who.node_id != "OPSROOM-PLAN") consoles_.emplace_back(std::move(who), true);
    }
    Started();
  }

  void Step(Script& script);
  void Settle();

 private:
  std::size_t Clients() const { return nodes_.size() + consoles_.size(); }
  sim::Link& LinkOf(std::size_t client) {
    return client < nodes_.size() ? nodes_[client].link() : consoles_[client - nodes_.size()].link();
  }
  const sim::Identity& Who(std::size_t client) const {
    return client < nodes_.size() ? nodes_[client].identity() : consoles_[client - nodes_.size()].identity();
  }
  std::string Peer(std::size_t client) {
    return "p" + std::to_string(client) + "#" + std::to_string(LinkOf(client).generation);
  }
  void Started() {
    std::string problems;
    Check(hub_.Start(problems), kTarget, "the hub cannot open what its store kept", problems);
  }
  void Connect(std::size_t client, bool snapshot);
  void CraftedPublish(sim::SimNode& node, Script& script);
  void DeliverToHub(std::size_t client, bool doubled);
  void Route();
  void DeliverToClient(std::size_t client);
  void PowerCut();
  void CheckInvariants();

  int64_t now_ = 1'800'000'000'000;
  hub::HubConfig config_;
  sim::SimStore store_;
  sim::SimHub hub_;
  std::vector<sim::SimNode> nodes_;
  std::vector<sim::SimConsole> consoles_;
  sim::LogIndex log_;
  bool log_reset_ = false;
  std::string problems_;
};

void Room::Connect(std::size_t client, bool snapshot) {
  sim::Link& link = LinkOf(client);
  link.Cut(now_, 0);
  link.Connect();
  if (client < nodes_.size()) {
    nodes_[client].OnConnect(now_);
    return;
  }
  sim::SimConsole& console = consoles_[client - nodes_.size()];
  const hub::KeyEntry* entry = Registry().Current()->FindByNode(console.identity().node_id);
  console.grants() = hub::GrantsFor("ev.", hub::GrantedPrefixes(*entry));
  console.OnConnect(now_, snapshot);
}

// A Publish the node's outbox would never send: any node_seq near its own
// (again, ahead, behind), any handling code, a new version of an earlier alert.
void Room::CraftedPublish(sim::SimNode& node, Script& script) {
  uint64_t node_seq = 1 + script.Below(24);
  sim::Rng rng(script.Byte());
  wire::Marking marking = sim::DrawMarking(rng, node.identity().country);
  std::string alert_id = node.identity().node_id + "-X" + std::to_string(script.Below(4));
  uint32_t version = 1 + static_cast<uint32_t>(script.Below(3));
  node.link().SendToHub(now_, 1, wire::BuildPublish(sim::AlertEnvelope(node.identity(), node_seq, alert_id, marking,
                                                                       version, now_)));
}

void Room::DeliverToHub(std::size_t client, bool doubled) {
  sim::Link& link = LinkOf(client);
  if (link.to_hub.packets.empty()) return;
  sim::Packet packet = link.to_hub.Pop();
  const sim::Identity& who = Who(client);
  for (int copy = 0; copy < (doubled ? 2 : 1); ++copy) hub_.OnFrame(Peer(client), packet.bytes, who.node_id, who.key, now_);
}

// The hub's answers and events onto the connections still up (a reply to an
// old connection is lost, as the ROUTER drops it); events by fan-out grant.
void Room::Route() {
  for (const hub::Reply& reply : hub_.replies()) {
    for (std::size_t client = 0; client < Clients(); ++client) {
      if (reply.peer == Peer(client) && LinkOf(client).up) LinkOf(client).replies.Push(now_, {}, reply.bytes);
    }
  }
  hub_.replies().clear();
  for (const sim::FannedEvent& event : hub_.events()) {
    for (sim::SimConsole& console : consoles_) {
      bool granted = false;
      for (const std::string& prefix : console.grants()) granted = granted || event.topic.starts_with(prefix);
      if (granted && console.link().up) console.link().events.Push(now_, event.topic, event.bytes);
    }
  }
  hub_.events().clear();
}

void Room::DeliverToClient(std::size_t client) {
  sim::Link& link = LinkOf(client);
  while (!link.replies.packets.empty()) {
    sim::Packet packet = link.replies.Pop();
    if (client < nodes_.size()) {
      nodes_[client].OnReply(packet.bytes, now_, problems_);
    } else {
      uint64_t request_id = wire::GetFrame(packet.bytes.data())->request_id();
      consoles_[client - nodes_.size()].OnReply(packet.bytes, now_, problems_,
                                                hub_.DurableSeqWhenAnswered(Peer(client), request_id));
    }
  }
  while (!link.events.packets.empty()) {
    sim::Packet packet = link.events.Pop();
    consoles_[client - nodes_.size()].OnEvent(packet.bytes, now_, problems_);
  }
}

void Room::PowerCut() {
  hub_.PowerCut();
  log_reset_ = true;
  for (std::size_t client = 0; client < Clients(); ++client) LinkOf(client).Cut(now_, 0);
  Started();
}

void Room::Step(Script& script) {
  now_ += 1 + script.Below(8);
  uint8_t op = script.Byte();
  std::size_t client = script.Below(Clients());
  std::size_t node = client % nodes_.size();
  switch (op % 16) {
    case 0: Connect(client, (op & 0x10) != 0); break;
    case 1:
    case 2: {
      sim::Rng rng(script.Byte());
      nodes_[node].MakeReport(rng, now_);
      break;
    }
    case 3: CraftedPublish(nodes_[node], script); break;
    case 4:
    case 5:
    case 6: DeliverToHub(client, op % 16 == 6 && (op & 0x10) != 0); break;
    case 7:
    case 8: hub_.StepCommit((op & 0x10) != 0, now_); break;
    case 9: {
      constexpr std::array kFaults{sim::StoreFault::kIoError, sim::StoreFault::kFsyncAfterWrite,
                                   sim::StoreFault::kDiskFull};
      if ((op & 0x10) != 0) store_.DiskFreed();
      else store_.Arm(kFaults[script.Below(kFaults.size())]);
      break;
    }
    case 10:
      if ((op & 0x30) == 0x30) PowerCut();
      break;
    case 11:
      now_ += 100 * static_cast<int64_t>(script.Byte());
      hub_.Tick(now_);
      for (sim::SimNode& each : nodes_) each.Retry(now_);
      for (sim::SimConsole& each : consoles_) each.Retry(now_);
      break;
    case 12:
    case 13:
      Route();
      DeliverToClient(client);
      break;
    case 14: {
      // Raw bytes as a frame from this client's connection: the hub must
      // refuse whatever is not a valid frame, and stay whole.
      wire::Bytes raw = script.Take(script.Byte());
      const sim::Identity& who = Who(client);
      hub_.OnFrame(Peer(client), raw, who.node_id, who.key, now_);
      break;
    }
    default:
      LinkOf(client).Cut(now_, 0);  // a cut: what was in flight is lost, the client reconnects later
      break;
  }
  CheckInvariants();
}

// Faults stop; the pipeline empties and every answer travels, so that acks
// released at the end are checked too.
void Room::Settle() {
  store_.Arm(sim::StoreFault::kNone);
  store_.DiskFreed();
  for (int round = 0; round < 8; ++round) {
    now_ += 250;
    hub_.Tick(now_);
    for (int stage = 0; stage < 4 && !hub_.Idle(); ++stage) hub_.StepCommit(false, now_);
    Route();
    for (std::size_t client = 0; client < Clients(); ++client) DeliverToClient(client);
    CheckInvariants();
  }
  // HUB_CORE_FUZZ_VERBOSE=1: what a script reached, for whoever writes seeds.
  if (std::getenv("HUB_CORE_FUZZ_VERBOSE") != nullptr) {
    std::size_t acked = 0, received = 0;
    for (const sim::SimNode& node : nodes_) acked += node.acked().size();
    for (const sim::SimConsole& console : consoles_) received += console.received();
    std::fprintf(stderr, "%s: log %llu entries, %zu acked, %zu events received, %llu store commits\n", kTarget,
                 static_cast<unsigned long long>(log_.last_seq()), acked, received,
                 static_cast<unsigned long long>(store_.commits()));
  }
}

// The simulator's checks (tests/sim/sim_checks.cc), without liveness.
void Room::CheckInvariants() {
  problems_ += log_.Refresh(store_.durable_maps()[static_cast<std::size_t>(hub::Family::kLog)], log_reset_);
  log_reset_ = false;
  for (sim::SimConsole& console : consoles_) console.JudgePageVersions(log_, problems_);
  auto holds = [&](const std::string& origin, uint64_t node_seq, uint64_t hub_seq) {
    const sim::LoggedEvent* event = log_.Find(hub_seq);
    return event != nullptr && event->origin == origin && event->node_seq == node_seq;
  };
  for (const hub::Reply& reply : hub_.released_acks()) {
    std::size_t client = std::stoul(reply.peer.substr(1));
    if (client >= nodes_.size()) continue;
    const std::string& origin = nodes_[client].identity().node_id;
    for (const wire::AckEntry* entry : *wire::GetFrame(reply.bytes.data())->body_as_Ack()->entries()) {
      if (!holds(origin, entry->node_seq(), entry->hub_seq())) {
        problems_ += "ack-before-durable: " + origin + " node_seq " + std::to_string(entry->node_seq()) + " acked as " +
                     std::to_string(entry->hub_seq()) + "\n";
      }
    }
  }
  hub_.released_acks().clear();
  for (const sim::SimNode& node : nodes_) {
    for (const auto& [node_seq, hub_seq] : node.acked()) {
      if (!holds(node.identity().node_id, node_seq, hub_seq)) {
        problems_ += "acked-lost: " + node.identity().node_id + " node_seq " + std::to_string(node_seq) +
                     " acknowledged as hub_seq " + std::to_string(hub_seq) + "\n";
      }
    }
  }
  // A node's refused-for-good report is liveness, which a script may break at will.
  std::string kept;
  std::size_t start = 0;
  while (start < problems_.size()) {
    std::size_t end = problems_.find('\n', start);
    if (end == std::string::npos) end = problems_.size();
    if (problems_.compare(start, 6, "stuck:") != 0) kept += problems_.substr(start, end - start) + "\n";
    start = end + 1;
  }
  problems_.clear();
  // HUB_CORE_FUZZ_VERBOSE=1: the durable log beside a failure, to explain it.
  if (!kept.empty() && std::getenv("HUB_CORE_FUZZ_VERBOSE") != nullptr) {
    for (const auto& [hub_seq, event] : log_.events()) {
      std::fprintf(stderr, "durable %llu: %s/%llu alert %s %s\n", static_cast<unsigned long long>(hub_seq),
                   event.origin.c_str(), static_cast<unsigned long long>(event.node_seq), event.alert_id.c_str(),
                   wire::EnumNameDistribution(event.marking.distribution));
    }
  }
  Check(kept.empty(), kTarget, "an invariant of the simulator", kept);
}

}  // namespace
}  // namespace opsroom::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace opsroom::fuzz;
  Script script(data, size);
  Room room(script.Byte());
  for (std::size_t step = 0; step < kMaxSteps && !script.done(); ++step) room.Step(script);
  room.Settle();
  return 0;
}
