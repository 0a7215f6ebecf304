#include "hub/link_keeper.h"

#include <unordered_set>

#include "hub/matching/hit_envelope.h"

namespace opsroom::hub {

wire::Bytes BuildLinkChange(wire::LinkChangeT change, uint64_t hub_seq, int64_t hub_time_ms) {
  std::string origin(matching::kHitOrigin);
  std::string country(matching::kHitCountry);
  wire::EnvelopeT envelope;
  envelope.origin = origin;
  envelope.country = country;
  envelope.node_seq = hub_seq;
  envelope.message_id = origin + ":" + std::to_string(hub_seq);
  envelope.sent_at_ms = hub_time_ms;
  // The room's, as HubStatus's node table is: no national node or partner
  // learns of another node's link (docs/protocol.md 4.2, 10.4).
  envelope.handling = std::make_unique<wire::HandlingT>();
  envelope.handling->distribution = wire::Distribution::Restricted;
  envelope.handling->recipients = {country};
  envelope.payload.Set(std::move(change));
  flatbuffers::FlatBufferBuilder b(256);
  b.Finish(wire::Envelope::Pack(b, &envelope));
  return wire::Bytes(b.GetBufferPointer(), b.GetBufferPointer() + b.GetSize());
}

void LinkKeeper::Opened(std::string_view node_id, std::string_view country, int64_t now_ms) {
  auto it = links_.find(node_id);
  if (it == links_.end()) {
    it = links_.emplace(std::string(node_id), Link{}).first;
    it->second.country = std::string(country);
    Change(it->first, it->second, wire::NodeLinkState::Connected, wire::NodeLinkReason::SessionOpened, now_ms);
    return;
  }
  if (it->second.state != wire::NodeLinkState::Connected) {
    Change(it->first, it->second, wire::NodeLinkState::Connected, wire::NodeLinkReason::SessionOpened, now_ms);
  }
}

void LinkKeeper::Expired(const SessionTable& sessions, int64_t now_ms) {
  std::unordered_set<std::string_view> open;
  sessions.ForEach([&](const std::string&, const Session& session) { open.insert(session.node_id); });
  for (auto& [node_id, link] : links_) {
    if (link.state == wire::NodeLinkState::Connected && open.count(node_id) == 0) {
      Change(node_id, link, wire::NodeLinkState::Silent, wire::NodeLinkReason::HeartbeatExpiry, now_ms);
    }
  }
}

void LinkKeeper::Stopping(int64_t now_ms) {
  for (auto& [node_id, link] : links_) {
    if (link.state == wire::NodeLinkState::Connected) {
      Change(node_id, link, wire::NodeLinkState::Disconnected, wire::NodeLinkReason::HubStop, now_ms);
      link.window_entries = 0;  // the last word before the hub stops is never held back
    }
  }
}

void LinkKeeper::Change(const std::string& node_id, Link& link, wire::NodeLinkState state,
                        wire::NodeLinkReason reason, int64_t now_ms) {
  link.state = state;
  link.reason = reason;
  link.changed_ms = now_ms;
  ++link.changes_unlogged;
  pending_.insert(node_id);
}

bool LinkKeeper::MayLog(Link& link, int64_t now_ms) {
  if (now_ms - link.window_start_ms >= kWindowMs) {
    link.window_start_ms = now_ms;
    link.window_entries = 0;
  }
  return link.window_entries < kMaxEntriesPerWindow;
}

void LinkKeeper::Flush(int64_t now_ms) {
  for (auto it = pending_.begin(); it != pending_.end() && !batches_.Full();) {
    Link& link = links_.find(*it)->second;
    if (link.logged == link.state) {
      it = pending_.erase(it);  // it changed and changed back: nothing to log (counted in the next entry)
      continue;
    }
    if (!MayLog(link, now_ms)) {
      ++it;
      continue;
    }
    Stage(*it, link, now_ms);
    it = pending_.erase(it);
  }
}

void LinkKeeper::Stage(const std::string& node_id, Link& link, int64_t now_ms) {
  wire::LinkChangeT change;
  change.node_id = node_id;
  change.country = link.country;
  change.state = link.state;
  change.at_ms = link.changed_ms;
  change.suppressed = link.changes_unlogged > 0 ? link.changes_unlogged - 1 : 0;
  change.reason = change.suppressed > 0 ? wire::NodeLinkReason::Flapping : link.reason;
  uint64_t hub_seq = position_.Claim();
  wire::Bytes bytes = BuildLinkChange(std::move(change), hub_seq, now_ms);
  HubEntry entry{hub_seq, now_ms, bytes, "link", matching::kHitOrigin, "link", {}};
  entry.audit.Add("hub_seq", hub_seq)
      .Add("node", node_id)
      .Add("state", wire::EnumNameNodeLinkState(link.state))
      .Add("reason", wire::EnumNameNodeLinkReason(change.reason));
  stager_.StageHubEntry(entry);
  link.logged = link.state;
  link.changes_unlogged = 0;
  ++link.window_entries;
}

void LinkKeeper::Forget() {
  for (auto& [node_id, link] : links_) {
    link.logged.reset();
    pending_.insert(node_id);
  }
}

}  // namespace opsroom::hub
