#include "tests/sim/sim_console.h"

#include "frame_generated.h"
#include "wire/protocol_constants.h"

namespace opsroom::sim {

namespace {
constexpr int64_t kAskAgainAfterMs = 2000;  // a lost Hello, ReplayRequest or answer is asked again
constexpr uint32_t kReplayPage = 64;
}  // namespace

void SimConsole::OnConnect(int64_t now, bool snapshot) {
  welcomed_ = false;
  replay_open_ = false;
  wants_snapshot_ = snapshot && repairs_;
  snapshot_open_ = false;
  asked_at_ = now;
  link_.SendToHub(now, 1, wire::BuildHello(identity_.node_id, identity_.country, identity_.role, "sim",
                                           wire::kProtocolVersion));
}

void SimConsole::Forbidden(const LoggedEvent& event, std::string& problems) const {
  problems += "forbidden: " + identity_.node_id + " received hub_seq " + std::to_string(event.hub_seq) + " (alert " +
              event.alert_id + ", " + wire::EnumNameDistribution(event.marking.distribution) +
              ") that its handling code keeps from it\n";
}

void SimConsole::Take(const LoggedEvent& event, std::string& problems, uint64_t page_durable_seq) {
  // Live fan-out judges by the version's own marking; pages by the item's
  // latest durable one, which may allow an old version or forbid it.
  if (page_durable_seq != 0) page_versions_.push_back({event, page_durable_seq});
  else if (!wire::EntitledTo(viewer(), event.marking)) Forbidden(event, problems);
  ++received_;
  ApplyToState(event, state_);
}

void SimConsole::OnEvent(const wire::Bytes& bytes, int64_t now, std::string& problems) {
  std::optional<LoggedEvent> event =
      ParseEvent(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
  if (!event) return;
  Take(*event, problems, 0);
  // A gap before it may be events withheld from us or events lost: replay decides.
  if (repairs_ && event->hub_seq > cursor_ + 1 && welcomed_ && !replay_open_ && !snapshot_open_) RequestReplay(now);
  if (event->hub_seq == cursor_ + 1) cursor_ = event->hub_seq;
}

void SimConsole::RequestReplay(int64_t now) {
  replay_open_ = true;
  asked_at_ = now;
  link_.SendToHub(now, 1, wire::BuildReplayRequest(next_request_id_++, cursor_ + 1, kReplayPage));
}

void SimConsole::RequestSnapshot(int64_t now, uint64_t token) {
  snapshot_open_ = true;
  asked_at_ = now;
  link_.SendToHub(now, 1, wire::BuildSnapshotRequest(next_request_id_++, token, kReplayPage / 4));
}

void SimConsole::JudgePageVersions(const LogIndex& log, std::string& problems) {
  for (const PageVersion& version : page_versions_) {
    // The item's latest version durable when the page was answered.
    const LoggedEvent* latest = nullptr;
    const auto& events = log.events();
    for (auto it = events.upper_bound(version.durable_seq); it != events.begin() && latest == nullptr;) {
      --it;
      if (it->second.alert_id == version.event.alert_id) latest = &it->second;
    }
    // Not in the index (a run whose store lost what it called durable): its own marking.
    const wire::Marking& marking = latest != nullptr ? latest->marking : version.event.marking;
    if (!wire::EntitledTo(viewer(), marking)) Forbidden(version.event, problems);
  }
  page_versions_.clear();
}

void SimConsole::TakeBlobs(const flatbuffers::Vector<flatbuffers::Offset<wire::Blob>>* blobs, std::string& problems,
                           uint64_t durable_seq) {
  if (blobs == nullptr) return;
  for (const wire::Blob* blob : *blobs) {
    std::optional<LoggedEvent> event =
        ParseEvent(std::string_view(reinterpret_cast<const char*>(blob->bytes()->data()), blob->bytes()->size()));
    if (event) Take(*event, problems, durable_seq);
  }
}

void SimConsole::OnSnapshotPage(const wire::SnapshotPage& page, int64_t now, std::string& problems,
                                uint64_t durable_seq) {
  snapshot_open_ = false;
  TakeBlobs(page.events(), problems, durable_seq);
  if (!page.done()) {
    RequestSnapshot(now, page.token());
    return;
  }
  // The snapshot holds the latest version of everything up to its hub_seq: replay goes on from there.
  if (page.hub_seq() > cursor_) cursor_ = page.hub_seq();
  RequestReplay(now);
}

void SimConsole::OnReply(const wire::Bytes& bytes, int64_t now, std::string& problems,
                         uint64_t durable_seq_when_answered) {
  const wire::Frame* frame = wire::GetFrame(bytes.data());
  if (frame->body_as_Welcome() != nullptr) {
    if (welcomed_) return;
    welcomed_ = true;
    if (wants_snapshot_) RequestSnapshot(now, 0);
    else if (repairs_) RequestReplay(now);
    return;
  }
  bool answers_last = frame->request_id() + 1 == next_request_id_;  // else an old or doubled answer
  if (const wire::SnapshotPage* page = frame->body_as_SnapshotPage()) {
    if (snapshot_open_ && answers_last) OnSnapshotPage(*page, now, problems, durable_seq_when_answered);
    return;
  }
  if (const wire::ReplayPage* page = frame->body_as_ReplayPage()) {
    if (!replay_open_ || !answers_last) return;
    replay_open_ = false;
    TakeBlobs(page->events(), problems, durable_seq_when_answered);
    if (page->next_seq() > cursor_ + 1) cursor_ = page->next_seq() - 1;
    if (page->next_seq() <= page->hub_seq()) RequestReplay(now);
    return;
  }
  if (const wire::Nack* nack = frame->body_as_Nack()) {
    if (nack->code() == wire::RejectReason::NoSession) {
      OnConnect(now, wants_snapshot_);
      return;
    }
    replay_open_ = false;  // asked again by Retry; a refused snapshot falls back to replay
    snapshot_open_ = false;
  }
}

void SimConsole::Retry(int64_t now) {
  if (!link_.up) return;
  if (!welcomed_) {
    if (now - asked_at_ > kAskAgainAfterMs) OnConnect(now, wants_snapshot_);
    return;
  }
  if (snapshot_open_ && now - asked_at_ <= kAskAgainAfterMs) return;
  snapshot_open_ = false;  // an unanswered snapshot page: replay instead
  if (repairs_ && (!replay_open_ || now - asked_at_ > kAskAgainAfterMs)) RequestReplay(now);
}

}  // namespace opsroom::sim
