// Asking a hub for the state at a past moment (docs/protocol.md 8.1.1) and
// comparing it with the log applied up to that moment, for any client that
// can send a request and take the reply (raw or CURVE). Every loop is bounded.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "tests/integration/hub_fixture.h"
#include "tests/mirror/state_mirror.h"
#include "wire/frame_check.h"

namespace opsroom::testing {

// Sends a query and returns the reply (nullopt: none came).
using AskHub = std::function<std::optional<wire::Bytes>(const wire::Bytes& request)>;

// The logged events (Frame{Event} bytes) a replay from 1 returns.
inline std::vector<wire::Bytes> ReplayAll(const AskHub& ask) {
  std::vector<wire::Bytes> events;
  uint64_t from = 1;
  for (int page = 0; page < 100; ++page) {
    auto reply = ask(wire::BuildReplayRequest(7, from, 0));
    if (!reply || AsFrame(*reply)->body_type() != wire::Body::ReplayPage) break;
    const wire::ReplayPage* body = AsFrame(*reply)->body_as_ReplayPage();
    if (body->events()) {
      for (const wire::Blob* blob : *body->events()) events.emplace_back(blob->bytes()->begin(), blob->bytes()->end());
    }
    if (body->next_seq() == from) break;
    from = body->next_seq();
  }
  return events;
}

struct AsOfAnswer {
  uint64_t hub_seq = 0;
  bool as_of = false;
  bool done = false;
  std::vector<wire::Bytes> events;
};

// Every page of a snapshot as of `as_of`, two events a page so that the token is used.
inline AsOfAnswer SnapshotAsOf(const AskHub& ask, wire::SnapshotAsOf as_of) {
  AsOfAnswer answer;
  uint64_t token = 0;
  for (int page = 0; page < 100 && !answer.done; ++page) {
    auto reply = ask(wire::BuildSnapshotRequest(9, token, 2, token == 0 ? as_of : wire::SnapshotAsOf{}));
    if (!reply || AsFrame(*reply)->body_type() != wire::Body::SnapshotPage) break;
    const wire::SnapshotPage* body = AsFrame(*reply)->body_as_SnapshotPage();
    answer.hub_seq = body->hub_seq();
    answer.as_of = body->as_of();
    answer.done = body->done();
    if (body->events()) {
      for (const wire::Blob* blob : *body->events()) {
        answer.events.emplace_back(blob->bytes()->begin(), blob->bytes()->end());
      }
    }
    token = body->token();
  }
  return answer;
}

// The node library's mirror of `events`, those at or below up_to only, as comparable lines.
inline std::vector<std::string> Digest(const std::vector<wire::Bytes>& events, uint64_t up_to) {
  nodes::StateMirror mirror;
  for (const wire::Bytes& bytes : events) {
    auto checked = wire::CheckEventFrame(bytes);
    EXPECT_TRUE(checked.ok());
    if (!checked.ok() || checked->hub_seq > up_to) continue;
    const wire::Event* event = AsFrame(bytes)->body_as_Event();
    mirror.Apply(event->hub_seq(), event->hub_time_ms(), *checked->envelope,
                 std::span<const uint8_t>(event->envelope()->data(), event->envelope()->size()));
  }
  return mirror.DigestLines();
}

inline std::vector<uint64_t> Seqs(const std::vector<wire::Bytes>& events) {
  std::vector<uint64_t> seqs;
  for (const wire::Bytes& bytes : events) seqs.push_back(EventSeq(bytes));
  return seqs;
}

}  // namespace opsroom::testing
