// Test helpers for node links in the hub's log (docs/protocol.md 4.2): a hub
// clock the test moves (HubConfig::clock), so that a session expires when the
// test says and not after seconds of waiting, and the LinkChange entries of
// the log read back by replay. Every wait is bounded.
#pragma once
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "tests/integration/hub_fixture.h"
#include "tests/support/test_clock.h"

namespace opsroom::testing {

// The hub's time, moved by the test; a hub on it ticks (expiry, HubStatus)
// only when it moves.
class MovedClock {
 public:
  // A config adjustment: link logging on, this clock, and `also` applied after.
  std::function<void(hub::HubConfig&)> Config(const std::function<void(hub::HubConfig&)>& also = nullptr) {
    return [now = now_, also](hub::HubConfig& config) {
      config.log_links = true;
      config.clock = [now] { return now->load(); };
      if (also) also(config);
    };
  }
  void Advance(int64_t ms) { now_->fetch_add(ms); }
  int64_t Now() const { return now_->load(); }

 private:
  std::shared_ptr<std::atomic<int64_t>> now_ = std::make_shared<std::atomic<int64_t>>(NowMs());
};

struct LoggedChange {
  uint64_t hub_seq = 0;
  int64_t hub_time_ms = 0;
  std::string node_id;
  wire::NodeLinkState state = wire::NodeLinkState::Connected;
  wire::NodeLinkReason reason = wire::NodeLinkReason::SessionOpened;
  uint32_t suppressed = 0;
  bool operator==(const LoggedChange&) const = default;
};

// The LinkChange entries of `node_id` in the log, in hub order, replayed from
// sequence 1 by `reader` (a client with a session).
inline std::vector<LoggedChange> LinkChangesInLog(RawClient& reader, const std::string& node_id) {
  std::vector<LoggedChange> out;
  uint64_t from = 1;
  for (int page = 0; page < 100; ++page) {
    reader.Send(wire::BuildReplayRequest(page + 1, from, 0));
    auto reply = reader.Expect(wire::Body::ReplayPage);
    if (!reply) break;
    const wire::ReplayPage* replay = AsFrame(*reply)->body_as_ReplayPage();
    for (const wire::Blob* blob : *replay->events()) {
      const wire::Event* event = wire::GetFrame(blob->bytes()->data())->body_as_Event();
      const auto* envelope = flatbuffers::GetRoot<wire::Envelope>(event->envelope()->data());
      const wire::LinkChange* change = envelope->payload_as_LinkChange();
      if (change == nullptr || change->node_id()->str() != node_id) continue;
      out.push_back({event->hub_seq(), event->hub_time_ms(), change->node_id()->str(), change->state(),
                     change->reason(), change->suppressed()});
    }
    if (replay->next_seq() == from) break;  // up to date
    from = replay->next_seq();
  }
  return out;
}

// Polls the log until `node_id` has `count` link changes (or ~5 s passed).
inline std::vector<LoggedChange> WaitForLinkChanges(RawClient& reader, const std::string& node_id, std::size_t count) {
  std::vector<LoggedChange> changes;
  for (int i = 0; i < 100; ++i) {
    changes = LinkChangesInLog(reader, node_id);
    if (changes.size() >= count) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return changes;
}

}  // namespace opsroom::testing
