// The secure hub for tests: raw CURVE clients (a DEALER with Send/Receive, a
// SUB subscribed to everything it could ask for) and a fixture with a hub,
// a key directory and the identities of the room (7 national nodes, a
// duty-officer console, a planner, a partner). Every wait is bounded.
#pragma once
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "integration/hub_fixture.h"
#include "integration/secure_client.h"
#include "integration/security_key_dir.h"
#include "wire/curve_keys.h"
#include "wire/protocol_constants.h"

namespace opsroom::testing {

using wire::ClientRole;

class SecureHubTest : public ::testing::Test {
 protected:
  SecureHubTest() : SecureHubTest(std::vector<Identity>{}) {}
  // The room's identities and `extra` ones (another agency of a country...).
  explicit SecureHubTest(std::vector<Identity> extra) : SecureHubTest(std::move(extra), nullptr) {}
  // The same with `adjust` applied to the hub's config after the keys.
  SecureHubTest(std::vector<Identity> extra, const std::function<void(hub::HubConfig&)>& adjust)
      : identities_(RoomIdentities(std::move(extra))), keys_(identities_), hub_([this, adjust](hub::HubConfig& config) {
          config.insecure = false;
          config.keys_dir = keys_.dir();
          config.handshake_ivl_ms = 1000;
          if (adjust) adjust(config);
        }) {}

  static std::vector<Identity> RoomIdentities(std::vector<Identity> extra) {
    std::vector<Identity> all = {{"AL-BP", "AL", ClientRole::NationalNode, {}},
                                 {"BA-BP", "BA", ClientRole::NationalNode, {}},
                                 {"HR-BP", "HR", ClientRole::NationalNode, {}},
                                 {"XK-BP", "XK", ClientRole::NationalNode, {}},
                                 {"ME-BP", "ME", ClientRole::NationalNode, {}},
                                 {"MK-BP", "MK", ClientRole::NationalNode, {}},
                                 {"RS-BP", "RS", ClientRole::NationalNode, {}},
                                 {"OPSROOM-DUTY", "OPSROOM", ClientRole::Console, {}},
                                 {"OPSROOM-PLAN", "OPSROOM", ClientRole::Planner, {}},
                                 {"EUROPOL-EMSC", "EUROPOL", ClientRole::PartnerAgency, {}}};
    all.insert(all.end(), extra.begin(), extra.end());
    return all;
  }

  const Identity& Who(const std::string& node_id) const {
    for (const Identity& i : identities_) {
      if (i.node_id == node_id) return i;
    }
    throw std::runtime_error("no identity " + node_id);
  }
  std::unique_ptr<SecureClient> Connect(const std::string& node_id) {
    auto client =
        std::make_unique<SecureClient>(hub_.context(), hub_.router_endpoint(), Who(node_id).keys, keys_.hub_public());
    EXPECT_EQ(client->Hello(Who(node_id)), wire::Body::Welcome) << node_id;
    return client;
  }
  std::unique_ptr<zmq::socket_t> Subscribe(const std::string& node_id) {
    auto sub = std::make_unique<zmq::socket_t>(hub_.context(), zmq::socket_type::sub);
    Curve(*sub, Who(node_id).keys, keys_.hub_public());
    sub->set(zmq::sockopt::rcvhwm, 0);
    sub->set(zmq::sockopt::subscribe, "");  // everything it could ask for: the hub grants what it may see
    sub->connect(hub_.pub_endpoint());
    return sub;
  }
  // What a SUB learnt from HubStatus: the topics it came under and the node
  // ids of its node table rows.
  struct StatusSeen {
    std::set<std::string> topics;
    std::set<std::string> rows;
    std::size_t messages = 0;
  };
  static void NoteStatus(const zmq::message_t& topic, const zmq::message_t& body, StatusSeen& seen) {
    auto* data = static_cast<const uint8_t*>(body.data());
    wire::Bytes bytes(data, data + body.size());  // the frame points into it: it must outlive the reads
    const wire::Frame* frame = AsFrame(bytes);
    const wire::HubStatus* status = frame ? frame->body_as_HubStatus() : nullptr;
    if (status == nullptr) return;
    ++seen.messages;
    seen.topics.insert(topic.to_string());
    if (status->nodes() == nullptr) return;
    for (const wire::NodeStatus* row : *status->nodes()) seen.rows.insert(row->node_id()->str());
  }
  // Message ids of events a SUB received until `marker` (or timeout); the
  // status messages among them go to `status` when given.
  std::set<std::string> Drain(zmq::socket_t& sub, const std::string& marker, int timeout_ms = 10'000,
                              StatusSeen* status = nullptr) {
    std::set<std::string> ids;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < deadline && ids.count(marker) == 0) {
      if (!Readable(sub, 100)) continue;
      zmq::message_t topic, body;
      if (!sub.recv(topic) || !topic.more() || !sub.recv(body)) continue;
      if (wire::IsHubStatusTopic(topic.to_string_view())) {
        if (status != nullptr) NoteStatus(topic, body, *status);
        continue;
      }
      if (topic.to_string_view().rfind(wire::kTopicEventPrefix, 0) != 0) continue;  // signed audit heads
      auto* data = static_cast<const uint8_t*>(body.data());
      ids.insert(MessageIdOf(wire::Bytes(data, data + body.size())));
    }
    return ids;
  }
  // HubStatus messages a SUB receives within timeout_ms (at least `count` of them, then it stops).
  StatusSeen StatusFor(zmq::socket_t& sub, std::size_t count, int timeout_ms = 10'000) {
    StatusSeen seen;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < deadline && seen.messages < count) {
      if (!Readable(sub, 100)) continue;
      zmq::message_t topic, body;
      if (!sub.recv(topic) || !topic.more() || !sub.recv(body)) continue;
      if (wire::IsHubStatusTopic(topic.to_string_view())) NoteStatus(topic, body, seen);
    }
    return seen;
  }
  // Replay from 1 to the end; message ids, and whether next_seq always advanced.
  std::set<std::string> ReplayAll(SecureClient& client) {
    std::set<std::string> ids;
    uint64_t from = 1;
    for (int page = 0; page < 1000; ++page) {
      client.Send(wire::BuildReplayRequest(7, from, 0));
      wire::Bytes bytes;
      if (client.ReceiveType(&bytes) != wire::Body::ReplayPage) break;
      const wire::ReplayPage* reply = AsFrame(bytes)->body_as_ReplayPage();
      if (reply->events()) {
        for (const wire::Blob* blob : *reply->events()) {
          ids.insert(MessageIdOf(wire::Bytes(blob->bytes()->begin(), blob->bytes()->end())));
        }
      }
      if (reply->next_seq() == from) break;  // up to date
      from = reply->next_seq();
    }
    return ids;
  }
  std::set<std::string> SnapshotAll(SecureClient& client) {
    std::set<std::string> ids;
    uint64_t token = 0;
    for (int page = 0; page < 1000; ++page) {
      client.Send(wire::BuildSnapshotRequest(9, token, 0));
      wire::Bytes bytes;
      if (client.ReceiveType(&bytes) != wire::Body::SnapshotPage) break;
      const wire::SnapshotPage* reply = AsFrame(bytes)->body_as_SnapshotPage();
      if (reply->events()) {
        for (const wire::Blob* blob : *reply->events()) {
          ids.insert(MessageIdOf(wire::Bytes(blob->bytes()->begin(), blob->bytes()->end())));
        }
      }
      if (reply->done()) break;
      token = reply->token();
    }
    return ids;
  }

  std::vector<Identity> identities_;
  KeyDir keys_;
  HubFixture hub_;
};

}  // namespace opsroom::testing
