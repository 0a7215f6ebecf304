#include "tests/sim/sim_world.h"

#include <array>
#include <string>

#include "frame_generated.h"
#include "hub/audience.h"

namespace opsroom::sim {

World::World(const RunConfig& config, const hub::KeyRegistry& registry)
    : config_(config), registry_(registry), rng_(config.seed), store_(config.breaks.store),
      hub_(store_, registry_, hub_config_) {
  hub_config_.hub_id = "sim-hub";
  hub_config_.clock = [this] { return now_; };
  hub_config_.index_deadlines_in_background = false;  // the simulation owns every thread
  hub_config_.log_links = true;  // as opsroom-hub: LinkChange entries join the log (judged by "forbidden")
  // Small batches so that a full batch, and a batch judged on one in commit, happen often.
  hub_config_.max_batch_frames = 1 + rng_.Below(12);
  for (Identity& identity : NodeIdentities()) nodes_.emplace_back(std::move(identity));
  for (Identity& identity : ConsoleIdentities()) consoles_.emplace_back(std::move(identity), !config.breaks.drop_event);
}

Link& World::LinkOf(std::size_t client) {
  return client < nodes_.size() ? nodes_[client].link() : consoles_[client - nodes_.size()].link();
}

void World::Trace(const std::string& line) {
  std::string stamped = std::to_string(result_.steps) + " t+" + std::to_string(now_ - 1'800'000'000'000) + " " + line;
  trace_.Add(stamped.data(), stamped.size());
  tail_.push_back(std::move(stamped));
  if (tail_.size() > config_.trace_tail) tail_.pop_front();
}

RunResult World::Run() {
  if (!hub_.Start(result_.problems)) result_.ok = false;
  for (uint32_t i = 0; i < config_.steps && result_.ok; ++i) Step(true);
  if (result_.ok) {
    Trace("quiet: faults stop");
    store_.Arm(StoreFault::kNone);  // a fault armed but not yet met would strike in the quiet phase
    store_.DiskFreed();
    for (uint32_t i = 0; i < kQuietStepsMax && result_.ok && !Settled(); ++i) Step(false);
  }
  if (result_.ok) FinalChecks();
  if (config_.keep_going) {
    KeepFirstOfEach();
    for (const auto& [name, line] : first_of_each_) result_.problems += line + "\n";
  }
  for (const std::string& line : tail_) result_.trace_tail += line + "\n";
  trace_.Add(result_.problems.data(), result_.problems.size());
  result_.trace_digest = trace_.value();
  result_.ok = result_.problems.empty();
  return result_;
}

void World::Step(bool chaos) {
  ++result_.steps;
  now_ += 1 + static_cast<int64_t>(rng_.Below(30));
  if (chaos) Inject();
  Reconnect();
  if (chaos && rng_.Chance(0.3)) {
    SimNode& node = nodes_[rng_.Below(nodes_.size())];
    node.MakeReport(rng_, now_);
    ++result_.reports;
    Trace("report " + node.identity().node_id);
  }
  Deliver(chaos);
  if (rng_.Chance(0.4)) hub_.StepCommit(rng_.Chance(0.5), now_);
  if (now_ >= next_tick_) {
    hub_.Tick(now_);
    next_tick_ = now_ + 200;
  }
  if (now_ >= next_retry_) {
    for (SimNode& node : nodes_) node.Retry(now_);
    for (SimConsole& console : consoles_) console.Retry(now_);
    next_retry_ = now_ + 300;
  }
  Route(chaos);
  Check();
}

void World::Inject() {
  if (rng_.Chance(0.015)) {
    std::size_t client = rng_.Below(nodes_.size() + consoles_.size());
    LinkOf(client).Cut(now_, 1 + static_cast<int64_t>(rng_.Below(3000)));
    Trace("cut " + Peer(client));
  }
  if (rng_.Chance(0.008)) {
    StoreFault fault = std::array{StoreFault::kIoError, StoreFault::kFsyncAfterWrite, StoreFault::kDiskFull}[rng_.Below(3)];
    store_.Arm(fault);
    Trace("arm store fault " + std::to_string(static_cast<int>(fault)));
  }
  if (store_.full() && rng_.Chance(0.05)) {
    store_.DiskFreed();
    Trace("disk freed");
  }
  if (rng_.Chance(0.003)) {
    ++result_.power_cuts;
    Trace("power cut");
    hub_.PowerCut();
    log_reset_ = true;
    for (std::size_t client = 0; client < nodes_.size() + consoles_.size(); ++client) {
      LinkOf(client).Cut(now_, 1 + static_cast<int64_t>(rng_.Below(500)));
    }
    if (!hub_.Start(result_.problems)) result_.ok = false;
  }
}

void World::Reconnect() {
  for (std::size_t client = 0; client < nodes_.size() + consoles_.size(); ++client) {
    Link& link = LinkOf(client);
    if (link.up || now_ < link.reconnect_at) continue;
    link.Connect();
    Trace("connect " + Peer(client));
    if (client < nodes_.size()) {
      nodes_[client].OnConnect(now_);
      continue;
    }
    SimConsole& console = consoles_[client - nodes_.size()];
    // What the hub's fan-out grants this identity for a subscription to every event (hub/fanout.cc).
    const hub::KeyEntry* entry = registry_.Current()->FindByNode(console.identity().node_id);
    console.grants() = config_.breaks.leak ? std::vector<std::string>{"ev."}
                                           : hub::GrantsFor("ev.", hub::GrantedPrefixes(*entry));
    console.OnConnect(now_, rng_.Chance(0.5));
  }
}

void World::Deliver(bool chaos) {
  for (std::size_t client = 0; client < nodes_.size() + consoles_.size(); ++client) {
    Link& link = LinkOf(client);
    const Identity& who = client < nodes_.size() ? nodes_[client].identity()
                                                 : consoles_[client - nodes_.size()].identity();
    while (link.up && link.to_hub.Due(now_)) {
      Packet packet = link.to_hub.Pop();
      Trace("hub <- " + Peer(client) + " " + Describe(packet.bytes.data()));
      hub_.OnFrame(Peer(client), packet.bytes, who.node_id, who.key, now_);
      // A report sent twice (at-least-once: a resend crossing its ack) arrives right behind it.
      // Queries are not doubled: a client that loses an answer starts again (a doubled
      // SnapshotRequest would move the snapshot's cursor twice and skip a page).
      bool is_publish = wire::GetFrame(packet.bytes.data())->body_type() == wire::Body::Publish;
      if (chaos && is_publish && rng_.Chance(0.02)) hub_.OnFrame(Peer(client), packet.bytes, who.node_id, who.key, now_);
    }
    // Which stream goes first is chance: replies and events travel on different connections.
    bool events_first = rng_.Chance(0.5);
    for (Stream* stream : {events_first ? &link.events : &link.replies, events_first ? &link.replies : &link.events}) {
      while (link.up && stream->Due(now_)) {
        Packet packet = stream->Pop();
        Trace(Peer(client) + " <- " + Describe(packet.bytes.data()) + (packet.topic.empty() ? "" : " " + packet.topic));
        if (client < nodes_.size()) {
          nodes_[client].OnReply(packet.bytes, now_, result_.problems);
        } else if (stream == &link.replies) {
          uint64_t request_id = wire::GetFrame(packet.bytes.data())->request_id();
          consoles_[client - nodes_.size()].OnReply(packet.bytes, now_, result_.problems,
                                                    hub_.DurableSeqWhenAnswered(Peer(client), request_id));
        } else {
          consoles_[client - nodes_.size()].OnEvent(packet.bytes, now_, result_.problems);
        }
      }
    }
  }
}

void World::Route(bool chaos) {
  auto send = [&](Stream& stream, bool up, const std::string& topic, const wire::Bytes& bytes) {
    if (!up || (chaos && rng_.Chance(0.03))) return;  // dropped (a full HWM, a dying connection)
    int copies = chaos && rng_.Chance(0.02) ? 2 : 1;
    for (int i = 0; i < copies; ++i) stream.Push(now_ + (chaos ? WireDelay(rng_) : 1), topic, bytes);
  };
  for (const hub::Reply& reply : hub_.replies()) {
    for (std::size_t client = 0; client < nodes_.size() + consoles_.size(); ++client) {
      if (reply.peer == Peer(client)) send(LinkOf(client).replies, LinkOf(client).up, {}, reply.bytes);  // else: that connection is gone
    }
  }
  hub_.replies().clear();
  for (const FannedEvent& event : hub_.events()) {
    if (config_.breaks.drop_event && rng_.Chance(0.2)) continue;
    for (SimConsole& console : consoles_) {
      bool granted = false;
      for (const std::string& prefix : console.grants()) granted = granted || event.topic.starts_with(prefix);
      if (granted) send(console.link().events, console.link().up, event.topic, event.bytes);
    }
  }
  hub_.events().clear();
}

}  // namespace opsroom::sim
