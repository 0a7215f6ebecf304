// The invariants of a run (docs/simulation.md), checked after every step and
// at the end. Each problem line starts with the invariant's name, which the
// negative-control tests look for:
//   acked-lost          an acknowledged report is not in the durable log
//   doubles             one (origin, node_seq) stored twice      (sim_log.cc)
//   hole                the hub sequence skips a number          (sim_log.cc)
//   ack-before-durable  an ack left the hub before its entry was synced
//   forbidden           a subscriber received what its handling code forbids (sim_console.cc)
//   digest              a subscriber's state differs from the reference model
//   links               a node that connected has no LinkChange in the log, or one is not the room's
//   stuck               the quiet phase did not deliver everything (liveness)
#include <set>
#include <string>
#include <vector>

#include "frame_generated.h"
#include "tests/sim/sim_world.h"

namespace opsroom::sim {

namespace {

bool Holds(const LogIndex& log, const std::string& origin, uint64_t node_seq, uint64_t hub_seq) {
  const LoggedEvent* event = log.Find(hub_seq);
  return event != nullptr && event->origin == origin && event->node_seq == node_seq;
}

}  // namespace

void World::Check() {
  result_.problems += log_.Refresh(store_.durable_maps()[static_cast<std::size_t>(hub::Family::kLog)], log_reset_);
  log_reset_ = false;
  for (SimConsole& console : consoles_) console.JudgePageVersions(log_, result_.problems);
  for (const hub::Reply& reply : hub_.released_acks()) {
    std::size_t client = std::stoul(reply.peer.substr(1));
    if (client >= nodes_.size()) continue;
    const std::string& origin = nodes_[client].identity().node_id;
    for (const wire::AckEntry* entry : *wire::GetFrame(reply.bytes.data())->body_as_Ack()->entries()) {
      if (Holds(log_, origin, entry->node_seq(), entry->hub_seq())) continue;
      result_.problems += "ack-before-durable: " + origin + " node_seq " + std::to_string(entry->node_seq()) +
                          " acked as hub_seq " + std::to_string(entry->hub_seq()) + " before it was synced\n";
    }
  }
  hub_.released_acks().clear();
  for (const SimNode& node : nodes_) {
    for (const auto& [node_seq, hub_seq] : node.acked()) {
      if (Holds(log_, node.identity().node_id, node_seq, hub_seq)) continue;
      result_.problems += "acked-lost: " + node.identity().node_id + " node_seq " + std::to_string(node_seq) +
                          " was acknowledged as hub_seq " + std::to_string(hub_seq) + ", the durable log has " +
                          (log_.Find(hub_seq) ? "another entry there" : "nothing there") + "\n";
    }
  }
  if (result_.problems.empty()) return;
  if (config_.keep_going) KeepFirstOfEach();
  else result_.ok = false;
}

void World::KeepFirstOfEach() {
  std::size_t start = 0;
  while (start < result_.problems.size()) {
    std::size_t end = result_.problems.find('\n', start);
    if (end == std::string::npos) end = result_.problems.size();
    std::string line = result_.problems.substr(start, end - start);
    first_of_each_.try_emplace(line.substr(0, line.find(':')), line);
    start = end + 1;
  }
  result_.problems.clear();
}

bool World::Settled() const {
  if (!hub_.Idle()) return false;
  for (const SimNode& node : nodes_) {
    if (node.outbox_depth() > 0) return false;
  }
  for (const SimConsole& console : consoles_) {
    if (!console.CaughtUp(hub_.committed_seq())) return false;
  }
  return true;
}

void World::FinalChecks() {
  if (!Settled()) {
    std::string what = hub_.Idle() ? "" : " the hub holds a batch;";
    for (const SimNode& node : nodes_) {
      if (node.outbox_depth() > 0) what += " " + node.identity().node_id + " outbox " + std::to_string(node.outbox_depth()) + ";";
    }
    for (const SimConsole& console : consoles_) {
      if (!console.CaughtUp(hub_.committed_seq())) what += " " + console.identity().node_id + " not caught up;";
    }
    result_.problems += "stuck: " + std::to_string(kQuietStepsMax) + " quiet steps did not settle:" + what + "\n";
  }
  for (const SimConsole& console : consoles_) {
    AlertState reference;
    for (const auto& [seq, event] : log_.events()) {
      if (wire::EntitledTo(console.viewer(), event.marking)) ApplyToState(event, reference);
    }
    if (StateDigest(reference) == StateDigest(console.state())) continue;
    std::string differ;  // the first alerts that differ, for the report
    for (const auto& [id, version] : reference) {
      auto held = console.state().find(id);
      if (differ.size() < 200 && (held == console.state().end() || held->second != version)) {
        differ += " " + id + (held == console.state().end() ? " missing" : " at hub_seq " + std::to_string(held->second.first)) +
                  " (log: hub_seq " + std::to_string(version.first) + ")";
      }
    }
    result_.problems += "digest: " + console.identity().node_id + " holds " + std::to_string(console.state().size()) +
                        " alerts, the reference model fed the log " + std::to_string(reference.size()) + ";" + differ + "\n";
  }
  FinalLinkChecks();
  trace_.Add(result_.reports);
  for (const SimConsole& console : consoles_) trace_.Add(StateDigest(console.state()));
}

// Node links (docs/protocol.md 4.2): every node said Hello, so the log names
// each in a LinkChange, and every LinkChange is the hub's and the room's only.
void World::FinalLinkChecks() {
  std::set<std::string> named;
  for (const auto& [seq, event] : log_.events()) {
    if (event.link_node.empty()) continue;
    named.insert(event.link_node);
    const wire::Marking& m = event.marking;
    if (event.origin != "OPSROOM-HUB" || m.distribution != wire::Distribution::Restricted ||
        m.recipients != std::vector<std::string>{"OPSROOM"}) {
      result_.problems += "links: hub_seq " + std::to_string(seq) + " is a LinkChange from " + event.origin +
                          " not marked for the room alone\n";
    }
  }
  for (const SimNode& node : nodes_) {
    if (named.count(node.identity().node_id) == 0) {
      result_.problems += "links: " + node.identity().node_id + " connected but the log holds no LinkChange for it\n";
    }
  }
}

}  // namespace opsroom::sim
