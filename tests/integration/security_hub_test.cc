// The hub with CurveZMQ and a key registry, attacked and audited: raw CURVE
// clients (7 national nodes, a duty-officer console, a planner), identities
// taken from keys, revocation on an open connection, need-to-know over live
// fan-out, replay and snapshot against a model (zero leaks, nothing missing),
// the named case (restricted for ME and AL never reaches RS), a handshake
// flood, and the audit chain. Every wait is bounded.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "hub/audit_log.h"
#include "hub/key_layout.h"
#include "hub/key_registry.h"
#include "hub/store.h"
#include "integration/secure_hub_fixture.h"
#include "tests/support/temp_dir.h"
#include "wire/curve_keys.h"
#include "wire/entitlement.h"

namespace opsroom::testing {
namespace {

TEST_F(SecureHubTest, UnregisteredKeyAndPlainTextGetNoAnswer) {
  ASSERT_TRUE(hub_.started());
  auto stranger_keys = wire::GenerateCurveKeyPair().value();
  SecureClient stranger(hub_.context(), hub_.router_endpoint(), stranger_keys, keys_.hub_public());
  stranger.Send(wire::BuildHello("RS-BP", "RS", ClientRole::NationalNode, "x", wire::kProtocolVersion));
  EXPECT_FALSE(stranger.Receive(1500).has_value());
  RawClient plain(hub_.context(), hub_.router_endpoint());
  plain.Send(wire::BuildHello("RS-BP", "RS", ClientRole::NationalNode, "x", wire::kProtocolVersion));
  EXPECT_FALSE(plain.Receive(1500).has_value());
  EXPECT_EQ(hub_.stats().RefusedFor(wire::RejectReason::Unauthenticated), 0) << "refused at the handshake already";
}

TEST_F(SecureHubTest, IdentityComesFromTheKeyNotThePayload) {
  ASSERT_TRUE(hub_.started());
  SecureClient al(hub_.context(), hub_.router_endpoint(), Who("AL-BP").keys, keys_.hub_public());
  Identity claimed = Who("RS-BP");
  EXPECT_EQ(al.Hello(claimed), wire::Body::Nack) << "a Hello as RS on AL's key";
  EXPECT_EQ(al.Hello(Who("AL-BP")), wire::Body::Welcome);
  EXPECT_EQ(al.PublishOne(AlertEnvelope("RS-BP", "RS", 1, "RS-BP:A1")),
            -static_cast<int64_t>(wire::RejectReason::OriginMismatch));
  EXPECT_GT(al.PublishOne(AlertEnvelope("AL-BP", "AL", 1, "AL-BP:A1")), 0);
  EXPECT_GE(hub_.stats().RefusedFor(wire::RejectReason::OriginMismatch), 2);
}

TEST_F(SecureHubTest, RevokedKeyIsRefusedOnItsOpenConnection) {
  ASSERT_TRUE(hub_.started());
  auto al = Connect("AL-BP");
  EXPECT_GT(al->PublishOne(AlertEnvelope("AL-BP", "AL", 1, "AL-BP:A1")), 0);
  std::vector<Identity> remaining;
  for (const Identity& i : identities_) {
    if (i.node_id != "AL-BP") remaining.push_back(i);
  }
  keys_.WriteRegistry(remaining);
  int64_t result = 0;
  for (int attempt = 0; attempt < 40 && result >= 0; ++attempt) {  // the hub polls the registry every tick
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    result = al->PublishOne(AlertEnvelope("AL-BP", "AL", 2 + attempt, "AL-BP:A" + std::to_string(2 + attempt)));
  }
  EXPECT_EQ(result, -static_cast<int64_t>(wire::RejectReason::Unauthenticated));
}

TEST_F(SecureHubTest, RestrictedAlertForMeAndAlNeverReachesRs) {
  ASSERT_TRUE(hub_.started());
  auto rs_sub = Subscribe("RS-BP");
  auto al_sub = Subscribe("AL-BP");
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // subscriptions reach the hub
  auto me = Connect("ME-BP");
  auto duty = Connect("OPSROOM-DUTY");
  wire::EnvelopeT alert = AlertEnvelope("ME-BP", "ME", 1, "ME-BP:A-0412");
  SetHandling(alert, wire::Distribution::Restricted, {"ME", "AL"}, true);
  ASSERT_GT(me->PublishOne(alert), 0);
  wire::EnvelopeT comment = ActionEnvelope("OPSROOM-DUTY", "OPSROOM", 1, "ME-BP:A-0412", wire::ActionKind::Assign);
  ASSERT_GT(duty->PublishOne(comment), 0) << "a public action on the restricted alert";
  ASSERT_GT(me->PublishOne(AlertEnvelope("ME-BP", "ME", 2, "ME-BP:A-public")), 0);
  std::set<std::string> rs_live = Drain(*rs_sub, "ME-BP:2");
  std::set<std::string> al_live = Drain(*al_sub, "ME-BP:2");
  EXPECT_EQ(rs_live, (std::set<std::string>{"ME-BP:2"}));
  EXPECT_EQ(al_live, (std::set<std::string>{"ME-BP:1", "OPSROOM-DUTY:1", "ME-BP:2"}));
  auto rs = Connect("RS-BP");
  EXPECT_EQ(ReplayAll(*rs), (std::set<std::string>{"ME-BP:2"}));
  EXPECT_EQ(SnapshotAll(*rs), (std::set<std::string>{"ME-BP:2"}));
  // RS cannot act on it either, nor learn that it exists.
  EXPECT_EQ(rs->PublishOne(ActionEnvelope("RS-BP", "RS", 1, "ME-BP:A-0412", wire::ActionKind::Comment)),
            -static_cast<int64_t>(wire::RejectReason::UnknownAlert));
}

// What a refusal says once the id the sender gave is taken out of it.
std::string WithoutId(std::string text, const std::string& id) {
  for (std::size_t at = text.find(id); at != std::string::npos; at = text.find(id, at))
    text.replace(at, id.size(), "<id>");
  return text;
}

// Thousands of random messages with random markings from 7 nodes and two
// console roles; every identity subscribed to everything it could ask for.
// Besides the events, what each identity learns elsewhere: its HubStatus
// carries no other node's row unless it is the room's console, stats are the
// consoles' alone, and a refusal about a hidden alert reads exactly like one
// about an alert that does not exist, naming no other node.
TEST_F(SecureHubTest, RandomMarkingsZeroLeaksNothingMissing) {
  ASSERT_TRUE(hub_.started());
  std::map<std::string, std::unique_ptr<zmq::socket_t>> subs;
  for (const Identity& i : identities_) subs[i.node_id] = Subscribe(i.node_id);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  std::map<std::string, std::unique_ptr<SecureClient>> clients;
  for (const Identity& i : identities_) clients[i.node_id] = Connect(i.node_id);

  std::mt19937_64 random(20261123);
  const std::vector<std::string> codes = {"AL", "BA", "HR", "XK", "ME", "MK", "RS", "EUROPOL", "OPSROOM"};
  std::map<std::string, wire::Marking> alert_markings;  // alert id -> marking
  std::vector<std::string> alert_ids;
  std::map<std::string, uint64_t> next_seq;
  // Expected audience per message id, from the model.
  std::map<std::string, std::set<std::string>> audience;
  const int kMessages = 2000;
  // The answer about an alert nobody ever created, per sender: the yardstick
  // for every refusal about a hidden one.
  std::map<std::string, std::string> absent_text;
  for (const Identity& i : identities_) {
    std::string never = "ME-BP:A-NEVER-" + i.node_id;
    SecureClient::Answer answer = clients[i.node_id]->Publish(
        ActionEnvelope(i.node_id, i.country, ++next_seq[i.node_id], never, wire::ActionKind::Comment));
    ASSERT_EQ(answer.result, -static_cast<int64_t>(wire::RejectReason::UnknownAlert)) << i.node_id;
    absent_text[i.node_id] = WithoutId(answer.text, never);
  }
  std::size_t hidden_refusals = 0;
  std::string last_id;
  for (int n = 0; n < kMessages; ++n) {
    const Identity& from = identities_[random() % identities_.size()];
    uint64_t seq = ++next_seq[from.node_id];
    bool action = !alert_ids.empty() && random() % 3 == 0;
    wire::EnvelopeT envelope;
    std::string alert_id;
    if (action) {
      alert_id = alert_ids[random() % alert_ids.size()];
      envelope = ActionEnvelope(from.node_id, from.country, seq, alert_id, wire::ActionKind::Comment);
    } else {
      alert_id = from.node_id + ":A" + std::to_string(seq);
      envelope = AlertEnvelope(from.node_id, from.country, seq, alert_id);
      if (!wire::MayPublish(from.role, wire::Payload::Alert)) {  // consoles and planners raise no alerts
        ASSERT_EQ(clients[from.node_id]->PublishOne(envelope), -static_cast<int64_t>(wire::RejectReason::Forbidden));
        continue;
      }
    }
    auto distribution = static_cast<wire::Distribution>(random() % 3);
    std::vector<std::string> recipients;
    for (const std::string& code : codes) {
      if (random() % 4 == 0) recipients.push_back(code);
    }
    if (distribution == wire::Distribution::Restricted && recipients.empty()) recipients.push_back("HR");
    SetHandling(envelope, distribution, recipients, random() % 4 == 0);
    auto bytes = Pack(envelope);
    const wire::Envelope* view = wire::GetEnvelope(bytes.data());
    // The model: who may see it (an action needs its alert too; the sender
    // must see the alert to act on it).
    const wire::Marking* parent = action ? &alert_markings[alert_id] : nullptr;
    if (action && !wire::EntitledTo(wire::Viewer{from.country, from.role}, *parent)) {
      SecureClient::Answer answer = clients[from.node_id]->Publish(envelope);
      ASSERT_EQ(answer.result, -static_cast<int64_t>(wire::RejectReason::UnknownAlert));
      EXPECT_EQ(WithoutId(answer.text, alert_id), absent_text[from.node_id]) << "hidden reads as absent";
      for (const Identity& other : identities_) {
        if (other.node_id != from.node_id) {
          EXPECT_EQ(WithoutId(answer.text, alert_id).find(other.node_id), std::string::npos) << answer.text;
        }
      }
      ++hidden_refusals;
      continue;
    }
    std::set<std::string> who;
    for (const Identity& i : identities_) {
      if (wire::EntitledToItem(wire::Viewer{i.country, i.role}, *view, parent)) who.insert(i.node_id);
    }
    ASSERT_GT(clients[from.node_id]->PublishOne(envelope), 0) << n;
    last_id = envelope.message_id;
    audience[last_id] = who;
    if (!action) {
      alert_markings[alert_id] = wire::MarkingOf(*view);
      alert_ids.push_back(alert_id);
    }
  }
  // A public marker ends every live stream.
  ASSERT_GT(clients["ME-BP"]->PublishOne(AlertEnvelope("ME-BP", "ME", ++next_seq["ME-BP"], "ME-BP:END")), 0);
  std::string marker = "ME-BP:" + std::to_string(next_seq["ME-BP"]);
  for (const Identity& i : identities_) audience[marker].insert(i.node_id);

  for (const Identity& i : identities_) {
    std::set<std::string> expected;
    for (const auto& [id, who] : audience) {
      if (who.count(i.node_id)) expected.insert(id);
    }
    StatusSeen status;
    std::set<std::string> live = Drain(*subs[i.node_id], marker, 30'000, &status);
    StatusSeen next = StatusFor(*subs[i.node_id], 1);  // at least one status, however fast the run was
    status.topics.insert(next.topics.begin(), next.topics.end());
    status.rows.insert(next.rows.begin(), next.rows.end());
    bool console = i.role == ClientRole::Console;
    EXPECT_EQ(status.topics, (std::set<std::string>{console ? "st.room." : "st.node." + i.node_id + "."})) << i.node_id;
    if (!console) {
      EXPECT_TRUE(status.rows.empty() || status.rows == std::set<std::string>{i.node_id}) << i.node_id;
    }
    clients[i.node_id]->Send(wire::BuildStatsRequest(11));
    EXPECT_EQ(clients[i.node_id]->ReceiveType(), console ? wire::Body::Stats : wire::Body::Nack)
        << i.node_id << " stats";
    std::set<std::string> replayed = ReplayAll(*clients[i.node_id]);
    std::set<std::string> snapshot = SnapshotAll(*clients[i.node_id]);
    EXPECT_EQ(live, expected) << i.node_id << " live";
    EXPECT_EQ(replayed, expected) << i.node_id << " replay";
    EXPECT_EQ(snapshot, expected) << i.node_id << " snapshot";
  }
  EXPECT_GT(hidden_refusals, 10u) << "the run must try hidden alerts";
}

TEST_F(SecureHubTest, HandshakeFloodDoesNotStopLegitimateNodes) {
  ASSERT_TRUE(hub_.started());
  std::string endpoint = hub_.router_endpoint();
  int port = std::stoi(endpoint.substr(endpoint.rfind(':') + 1));
  std::vector<int> fds;
  for (int n = 0; n < 300; ++n) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) break;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      ::close(fd);
      continue;
    }
    if (n % 2 == 0) {
      std::string garbage(64 + n, static_cast<char>(0xff ^ n));
      static_cast<void>(::send(fd, garbage.data(), garbage.size(), MSG_NOSIGNAL));
    }
    fds.push_back(fd);
  }
  EXPECT_GE(fds.size(), 250u);
  auto started = std::chrono::steady_clock::now();
  auto me = Connect("ME-BP");
  EXPECT_GT(me->PublishOne(AlertEnvelope("ME-BP", "ME", 1, "ME-BP:A1")), 0);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
  for (int fd : fds) ::close(fd);
}

TEST(SecureHubConfig, InsecureRefusesANonLoopbackBindAndSecureNeedsKeys) {
  const TempDir temp("opsroom-sec-config");
  ASSERT_TRUE(temp.made());
  const std::filesystem::path& dir = temp.path();
  hub::HubConfig wide;
  wide.data_dir = (dir / "a").string();
  wide.insecure = true;
  wide.bind = "tcp://0.0.0.0:0";
  wire::Status refused = hub::HubServer(wide).Start();
  EXPECT_FALSE(refused.ok);
  EXPECT_NE(refused.error.find("loopback"), std::string::npos) << refused.error;
  hub::HubConfig no_keys;
  no_keys.data_dir = (dir / "b").string();
  no_keys.bind = "tcp://127.0.0.1:0";
  no_keys.keys_dir = (dir / "nokeys").string();
  wire::Status keyless = hub::HubServer(no_keys).Start();
  EXPECT_FALSE(keyless.ok);
  EXPECT_NE(keyless.error.find("opsroom-keys new"), std::string::npos) << keyless.error;
  HubFixture insecure_loopback([](hub::HubConfig& config) { config.insecure = true; });
  ASSERT_TRUE(insecure_loopback.started());
  EXPECT_EQ(insecure_loopback.stats().Get(hub::Counter::kInsecure), 1);
}

TEST_F(SecureHubTest, AuditRecordsDenialsAndWritesAndVerifies) {
  ASSERT_TRUE(hub_.started());
  SecureClient al(hub_.context(), hub_.router_endpoint(), Who("AL-BP").keys, keys_.hub_public());
  ASSERT_EQ(al.Hello(Who("AL-BP")), wire::Body::Welcome);
  EXPECT_LT(al.PublishOne(AlertEnvelope("RS-BP", "RS", 1, "RS-BP:A1")), 0);
  auto duty = Connect("OPSROOM-DUTY");
  ASSERT_GT(al.PublishOne(AlertEnvelope("AL-BP", "AL", 1, "AL-BP:A1")), 0);
  wire::EnvelopeT assign = ActionEnvelope("OPSROOM-DUTY", "OPSROOM", 1, "AL-BP:A1", wire::ActionKind::Assign);
  assign.payload.AsAlertAction()->actor = "duty officer A. Markovic";
  ASSERT_GT(duty->PublishOne(assign), 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));  // handshake records join at the next tick
  hub_.Stop();
  hub::OpenResult opened = hub::OpenRocksStore({hub_.data_dir(), false, true});
  ASSERT_TRUE(opened.status.ok()) << opened.status.message();
  hub::AuditVerdict verdict = hub::VerifyAudit(*opened.store);
  EXPECT_TRUE(verdict.ok) << verdict.error;
  std::vector<std::string> lines;
  ASSERT_TRUE(hub::PrintAudit(*opened.store, "", 0, [&](std::string_view line) { lines.emplace_back(line); }).ok());
  auto has = [&](const std::vector<std::string>& parts) {
    for (const std::string& line : lines) {
      bool all = true;
      for (const std::string& part : parts) all = all && line.find(part) != std::string::npos;
      if (all) return true;
    }
    return false;
  };
  std::string all_lines;
  for (const std::string& line : lines) all_lines += line + "\n";
  EXPECT_TRUE(has({"\"kind\":\"denial\"", "\"node\":\"AL-BP\"", "OriginMismatch"})) << all_lines;
  EXPECT_TRUE(has({"\"kind\":\"write\"", "\"node\":\"AL-BP\"", "AL-BP:1"}));
  EXPECT_TRUE(has({"\"kind\":\"write\"", "\"node\":\"OPSROOM-DUTY\"", "\"actor\":\"duty officer A. Markovic\""}));
  EXPECT_TRUE(has({"\"kind\":\"handshake\"", "\"node\":\"AL-BP\""}));

  // The command line: prints and verifies; after an offline edit --verify fails.
  std::string audit = std::string(OPSROOM_BINARY_DIR) + "/hub/opsroom-hub audit --data " + hub_.data_dir();
  std::string verify = audit + " --verify --keys " + keys_.dir();  // audit.pub: the signed heads' key
  EXPECT_EQ(std::system((verify + " > /dev/null 2>&1").c_str()), 0);
  EXPECT_EQ(std::system((audit + " --node AL-BP | grep -q OriginMismatch").c_str()), 0);
  std::string second = opened.store->Get(hub::Family::kAudit, hub::Be64(2)).value.value_or("");
  ASSERT_FALSE(second.empty());
  opened.store.reset();
  hub::OpenResult writable = hub::OpenRocksStore({hub_.data_dir(), true, false});
  ASSERT_TRUE(writable.status.ok());
  hub::WriteSet edit;
  second.replace(second.find("\"at_ms\":") + 9, 1, "9");  // backdate nothing, just change one digit
  edit.Put(hub::Family::kAudit, hub::Be64(2), second);
  ASSERT_TRUE(writable.store->Commit(edit).ok());
  writable.store.reset();
  EXPECT_NE(std::system((verify + " > /dev/null 2>&1").c_str()), 0);
  EXPECT_EQ(std::system((verify + " 2>&1 | grep -q BROKEN").c_str()), 0);
}

}  // namespace
}  // namespace opsroom::testing
