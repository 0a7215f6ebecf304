#include "tests/sim/sim_log.h"

#include "frame_generated.h"
#include "hub/key_layout.h"
#include "tests/sim/sim_rng.h"

namespace opsroom::sim {

std::optional<LoggedEvent> ParseEvent(std::string_view frame_bytes) {
  const wire::Frame* frame = wire::GetFrame(frame_bytes.data());
  const wire::Event* event = frame == nullptr ? nullptr : frame->body_as_Event();
  if (event == nullptr || event->envelope() == nullptr) return std::nullopt;
  const auto* envelope = flatbuffers::GetRoot<wire::Envelope>(event->envelope()->data());
  LoggedEvent out;
  out.hub_seq = event->hub_seq();
  out.origin = envelope->origin() ? envelope->origin()->str() : "";
  out.node_seq = envelope->node_seq();
  if (const wire::Alert* alert = envelope->payload_as_Alert(); alert && alert->alert_id()) {
    out.alert_id = alert->alert_id()->str();
  }
  if (const wire::LinkChange* link = envelope->payload_as_LinkChange(); link && link->node_id()) {
    out.link_node = link->node_id()->str();
  }
  out.marking = wire::MarkingOf(*envelope);
  Digest digest;
  digest.Add(event->envelope()->data(), event->envelope()->size());
  out.digest = digest.value();
  return out;
}

std::string Describe(const uint8_t* frame_bytes) {
  const wire::Frame* frame = wire::GetFrame(frame_bytes);
  std::string out = wire::EnumNameBody(frame->body_type());
  if (const wire::Publish* publish = frame->body_as_Publish(); publish && publish->envelope()) {
    const auto* envelope = flatbuffers::GetRoot<wire::Envelope>(publish->envelope()->data());
    out += " " + (envelope->origin() ? envelope->origin()->str() : "?") + "/" + std::to_string(envelope->node_seq());
  } else if (const wire::Ack* ack = frame->body_as_Ack(); ack && ack->entries()) {
    for (const wire::AckEntry* entry : *ack->entries()) {
      out += " " + std::to_string(entry->node_seq()) + ">" + std::to_string(entry->hub_seq()) +
             (entry->duplicate() ? "d" : "");
    }
  } else if (const wire::Nack* nack = frame->body_as_Nack()) {
    out += std::string(" ") + wire::EnumNameRejectReason(nack->code()) + " " + std::to_string(nack->node_seq());
  } else if (const wire::Welcome* welcome = frame->body_as_Welcome()) {
    out += " last " + std::to_string(welcome->last_node_seq()) + " hub " + std::to_string(welcome->hub_seq());
  } else if (const wire::Event* event = frame->body_as_Event()) {
    out += " " + std::to_string(event->hub_seq());
  } else if (const wire::ReplayRequest* request = frame->body_as_ReplayRequest()) {
    out += " from " + std::to_string(request->from_seq());
  } else if (const wire::ReplayPage* page = frame->body_as_ReplayPage()) {
    out += " next " + std::to_string(page->next_seq()) + " hub " + std::to_string(page->hub_seq());
  } else if (const wire::SnapshotPage* snapshot = frame->body_as_SnapshotPage()) {
    out += " hub " + std::to_string(snapshot->hub_seq()) + (snapshot->done() ? " done" : "") + " events";
    for (const wire::Blob* blob : *snapshot->events()) {
      const wire::Event* item = wire::GetFrame(blob->bytes()->data())->body_as_Event();
      out += " " + std::to_string(item ? item->hub_seq() : 0);
    }
  } else if (const wire::SnapshotRequest* snapshot_request = frame->body_as_SnapshotRequest()) {
    // The hub draws its tokens at random (unguessable): a trace names only new or next.
    out += snapshot_request->token() == 0 ? " new" : " next";
  }
  return out;
}

void ApplyToState(const LoggedEvent& event, AlertState& state) {
  if (event.alert_id.empty()) return;
  auto [it, inserted] = state.try_emplace(event.alert_id, event.hub_seq, event.digest);
  // Arrival order may differ from hub order (live stream and replay mix): the latest hub_seq wins.
  if (!inserted && it->second.first < event.hub_seq) it->second = {event.hub_seq, event.digest};
}

uint64_t StateDigest(const AlertState& state) {
  Digest digest;
  for (const auto& [id, version] : state) {
    digest.Add(id.data(), id.size());
    digest.Add(version.first);
    digest.Add(version.second);
  }
  return digest.value();
}

const LoggedEvent* LogIndex::Find(uint64_t hub_seq) const {
  auto it = events_.find(hub_seq);
  return it == events_.end() ? nullptr : &it->second;
}

std::string LogIndex::Refresh(const std::map<std::string, std::string, std::less<>>& durable_log, bool reset) {
  if (reset) {
    events_.clear();
    pairs_.clear();
  }
  std::string start = hub::Be64(last_seq() + 1);
  std::string problems;
  for (auto it = durable_log.lower_bound(start); it != durable_log.end(); ++it) {
    uint64_t key_seq = hub::ParseBe64(it->first).value_or(0);
    if (key_seq != last_seq() + 1) {
      problems += "hole: the log jumps from hub_seq " + std::to_string(last_seq()) + " to " +
                  std::to_string(key_seq) + "\n";
    }
    std::optional<LoggedEvent> event = ParseEvent(it->second);
    if (!event || event->hub_seq != key_seq) {
      problems += "hole: unreadable log entry at hub_seq " + std::to_string(key_seq) + "\n";
      event = LoggedEvent{};
      event->hub_seq = key_seq;
    }
    // Entries the hub writes itself (escalations) have no node_seq; nodes' entries must be unique.
    if (event->node_seq != 0 && !pairs_.emplace(event->origin, event->node_seq).second) {
      problems += "doubles: (" + event->origin + ", " + std::to_string(event->node_seq) + ") stored twice, again at " +
                  std::to_string(key_seq) + "\n";
    }
    events_.emplace(key_seq, std::move(*event));
  }
  return problems;
}

}  // namespace opsroom::sim
