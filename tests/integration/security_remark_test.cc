// Need-to-know at its edges (issue 22): identities of every allowed
// (participant, role) pair against a real hub with CURVE; forbidden pairs in
// the registry are not admitted and the refusal is audited; alerts and
// operations re-marked at random points in both directions, with updates
// before and after, give every identity the same state live (a node-library
// MirrorFollower that ran all along), by replay and by snapshot, holding
// exactly what the identity may see under the latest markings. Every wait is
// bounded.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>
#include <thread>

#include "hub/audit_log.h"
#include "hub/store.h"
#include "integration/hub_fixture.h"
#include "integration/secure_client.h"
#include "integration/security_key_dir.h"
#include "tests/mirror/mirror_follower.h"
#include "tests/mirror/state_mirror.h"
#include "wire/entitlement.h"
#include "wire/identity_table.h"

namespace opsroom::testing {
namespace {

using wire::ClientRole;

// Every allowed pair of docs/protocol.md section 10.2, then pairs it forbids.
std::vector<Identity> AllIdentities() {
  return {{"AL-BP", "AL", ClientRole::NationalNode, {}},
          {"BA-BP", "BA", ClientRole::NationalNode, {}},
          {"HR-BP", "HR", ClientRole::NationalNode, {}},
          {"XK-BP", "XK", ClientRole::NationalNode, {}},
          {"ME-BP", "ME", ClientRole::NationalNode, {}},
          {"MK-BP", "MK", ClientRole::NationalNode, {}},
          {"RS-BP", "RS", ClientRole::NationalNode, {}},
          {"SI-POL", "SI", ClientRole::NationalNode, {}},
          {"EUROPOL-EMSC", "EUROPOL", ClientRole::PartnerAgency, {}},
          {"FRONTEX-JO", "FRONTEX", ClientRole::PartnerAgency, {}},
          {"OPSROOM-DUTY", "OPSROOM", ClientRole::Console, {}},
          {"OPSROOM-PLAN", "OPSROOM", ClientRole::Planner, {}},
          // Forbidden: the registry lists them, the hub must not admit them.
          {"AL-DESK", "AL", ClientRole::Console, {}},
          {"EUROPOL-NODE", "EUROPOL", ClientRole::NationalNode, {}},
          {"OPSROOM-NODE", "OPSROOM", ClientRole::NationalNode, {}},
          {"SI-PLAN", "SI", ClientRole::Planner, {}},
          {"EUROPOL-LO", "EUROPOL", ClientRole::Planner, {}}};
}

// A state built from events (Frame{Event} blobs) with the node library's mirror.
void ApplyBlobs(const flatbuffers::Vector<flatbuffers::Offset<wire::Blob>>* blobs, nodes::StateMirror& mirror) {
  if (blobs == nullptr) return;
  for (const wire::Blob* blob : *blobs) {
    const wire::Frame* frame = wire::GetFrame(blob->bytes()->data());
    const wire::Event* event = frame->body_as_Event();
    ASSERT_NE(event, nullptr);
    const wire::Envelope* envelope = event->envelope_nested_root();
    ASSERT_NE(envelope, nullptr);
    mirror.Apply(event->hub_seq(), event->hub_time_ms(), *envelope,
                 std::span<const uint8_t>(event->envelope()->data(), event->envelope()->size()));
  }
}

class SecureRemarkTest : public ::testing::Test {
 protected:
  SecureRemarkTest()
      : identities_(AllIdentities()), keys_(identities_), hub_([this](hub::HubConfig& config) {
          config.insecure = false;
          config.keys_dir = keys_.dir();
          config.handshake_ivl_ms = 1000;
        }) {}

  std::vector<const Identity*> Allowed() const {
    std::vector<const Identity*> allowed;
    for (const Identity& i : identities_) {
      if (wire::IsAllowedIdentity(i.country, i.role)) allowed.push_back(&i);
    }
    return allowed;
  }
  std::unique_ptr<SecureClient> Open(const Identity& who) {
    return std::make_unique<SecureClient>(hub_.context(), hub_.router_endpoint(), who.keys, keys_.hub_public());
  }
  // A node-library client of `who` that follows the hub live from a snapshot.
  std::unique_ptr<nodes::MirrorFollower> Follower(const Identity& who) {
    nodes::SubscriberConfig config;
    config.hub_endpoint = hub_.router_endpoint();
    config.fanout_endpoint = hub_.pub_endpoint();
    config.node_id = who.node_id;
    config.country = who.country;
    config.role = who.role;
    config.curve = who.ClientKeys(keys_.hub_public());
    return std::make_unique<nodes::MirrorFollower>(hub_.context(), config);
  }
  nodes::StateMirror ByReplay(SecureClient& client) {
    nodes::StateMirror mirror;
    EXPECT_TRUE(ReplayPages(client, [&](const wire::ReplayPage& page) { ApplyBlobs(page.events(), mirror); }));
    return mirror;
  }
  nodes::StateMirror BySnapshot(SecureClient& client) {
    nodes::StateMirror mirror;
    EXPECT_TRUE(SnapshotPages(client, [&](const wire::SnapshotPage& page) { ApplyBlobs(page.events(), mirror); }));
    return mirror;
  }

  std::vector<Identity> identities_;
  KeyDir keys_;
  HubFixture hub_;
};

TEST_F(SecureRemarkTest, ForbiddenPairsAreNotAdmittedAndTheRefusalIsAudited) {
  ASSERT_TRUE(hub_.started());
  for (const Identity& who : identities_) {
    auto client = Open(who);
    client->Send(wire::BuildHello(who.node_id, who.country, who.role, "remark-test", wire::kProtocolVersion));
    bool allowed = wire::IsAllowedIdentity(who.country, who.role);
    wire::Body answer = client->ReceiveType(nullptr, allowed ? kDefaultTimeoutMs : 1500);
    EXPECT_EQ(answer, allowed ? wire::Body::Welcome : wire::Body::NONE) << who.node_id;
  }
  hub_.Stop();
  hub::OpenResult opened = hub::OpenRocksStore({hub_.data_dir(), false, true});
  ASSERT_TRUE(opened.status.ok()) << opened.status.message();
  std::string audit;
  ASSERT_TRUE(
      hub::PrintAudit(*opened.store, "", 0, [&](std::string_view line) { audit.append(line).append("\n"); }).ok());
  for (const Identity& who : identities_) {
    if (wire::IsAllowedIdentity(who.country, who.role)) continue;
    EXPECT_NE(audit.find(who.node_id + " not admitted"), std::string::npos) << who.node_id << "\n" << audit;
  }
}

// The model of the room: each item's latest marking and its updates.
struct Update {
  uint64_t hub_seq;
  wire::Marking marking;
};
struct Item {
  std::string owner;  // node id
  std::string country;
  wire::Marking marking;  // of the latest version
  std::vector<Update> updates;
};

wire::Marking RandomMarking(std::mt19937_64& random, const std::string& origin_country) {
  static const std::vector<std::string> kCodes = {"AL", "ME", "RS", "SI", "EUROPOL", "FRONTEX", "OPSROOM"};
  wire::Marking marking{origin_country, static_cast<wire::Distribution>(random() % 3), {}, random() % 4 == 0};
  for (const std::string& code : kCodes) {
    if (random() % 4 == 0) marking.recipients.push_back(code);
  }
  if (marking.distribution == wire::Distribution::Restricted && marking.recipients.empty()) {
    marking.recipients.push_back("ME");
  }
  return marking;
}

void Mark(wire::EnvelopeT& envelope, const wire::Marking& marking) {
  SetHandling(envelope, marking.distribution, marking.recipients, marking.no_onward_dissemination);
}

// Items re-marked in both directions at random points, updates before and after.
TEST_F(SecureRemarkTest, RemarkedItemsGiveTheSameStateByReplayAndSnapshot) {
  ASSERT_TRUE(hub_.started());
  std::map<std::string, std::unique_ptr<SecureClient>> clients;
  std::map<std::string, std::unique_ptr<nodes::MirrorFollower>> live;
  for (const Identity* who : Allowed()) {
    clients[who->node_id] = Open(*who);
    ASSERT_EQ(clients[who->node_id]->Hello(*who), wire::Body::Welcome) << who->node_id;
    live[who->node_id] = Follower(*who);
  }
  for (auto& [node, follower] : live) {
    ASSERT_TRUE(follower->PollUntil([&] { return follower->snapshot_done(); }, 20'000)) << node;
  }
  auto poll_all = [&] {
    for (auto& [node, follower] : live) follower->Poll(0);
  };
  std::mt19937_64 random(20261206);
  std::map<std::string, Item> alerts, operations;  // by alert id / operation code
  std::map<std::string, uint64_t> node_seq;
  std::vector<const Identity*> allowed = Allowed();
  int remarked = 0;
  int remarked_changes = 0;  // versions whose marking differs from the one before
  for (int n = 0; n < 700; ++n) {
    if (n % 25 == 0) poll_all();  // keep the live clients' sessions and heartbeats going
    const Identity& from = *allowed[random() % allowed.size()];
    wire::Viewer viewer{from.country, from.role};
    SecureClient& client = *clients[from.node_id];
    int kind = static_cast<int>(random() % 6);
    bool operations_kind = kind >= 3;
    auto& items = operations_kind ? operations : alerts;
    wire::Payload item_payload = operations_kind ? wire::Payload::JointOperation : wire::Payload::Alert;
    wire::Marking marking = RandomMarking(random, from.country);
    if (kind % 3 == 0 || items.empty()) {  // a new item
      if (!wire::MayPublish(from.role, item_payload)) continue;
      uint64_t seq = ++node_seq[from.node_id];
      std::string id = from.node_id + (operations_kind ? ":OP" : ":A") + std::to_string(seq);
      wire::EnvelopeT envelope = operations_kind ? OperationEnvelope(from.node_id, from.country, seq, id)
                                                 : AlertEnvelope(from.node_id, from.country, seq, id);
      Mark(envelope, marking);
      ASSERT_GT(client.PublishOne(envelope), 0) << n;
      items[id] = Item{from.node_id, from.country, marking, {}};
      continue;
    }
    auto it = std::next(items.begin(), static_cast<long>(random() % items.size()));
    Item& item = it->second;
    if (kind % 3 == 1) {  // re-mark: a new version from its owner
      const Identity* owner = nullptr;
      for (const Identity* i : allowed) owner = i->node_id == item.owner ? i : owner;
      ASSERT_NE(owner, nullptr);
      uint64_t owner_seq = ++node_seq[owner->node_id];
      wire::Marking remark = RandomMarking(random, owner->country);
      wire::EnvelopeT envelope = operations_kind
                                     ? OperationEnvelope(owner->node_id, owner->country, owner_seq, it->first)
                                     : AlertEnvelope(owner->node_id, owner->country, owner_seq, it->first);
      Mark(envelope, remark);
      ASSERT_GT(clients[owner->node_id]->PublishOne(envelope), 0) << n;
      if (!(remark == item.marking)) ++remarked_changes;
      item.marking = remark;
      ++remarked;
      continue;
    }
    // An update (comment or sitrep) with its own marking.
    if (!wire::MayPublish(from.role, operations_kind ? wire::Payload::SitRep : wire::Payload::AlertAction)) continue;
    uint64_t seq = ++node_seq[from.node_id];
    wire::EnvelopeT envelope =
        operations_kind ? SitRepEnvelope(from.node_id, from.country, seq, it->first)
                        : ActionEnvelope(from.node_id, from.country, seq, it->first, wire::ActionKind::Comment);
    Mark(envelope, marking);
    int64_t result = client.PublishOne(envelope);
    if (!wire::EntitledTo(viewer, item.marking)) {
      EXPECT_LT(result, 0) << n << ": " << from.node_id << " acted on " << it->first << " it may not see";
      continue;
    }
    ASSERT_GT(result, 0) << n;
    item.updates.push_back({static_cast<uint64_t>(result), marking});
  }
  ASSERT_GT(remarked, 50);
  // A public marker: every live client is done once it has applied it.
  const Identity& me = *allowed[4];
  uint64_t marker = static_cast<uint64_t>(
      clients[me.node_id]->PublishOne(AlertEnvelope(me.node_id, me.country, ++node_seq[me.node_id], "ME-BP:END")));
  ASSERT_GT(marker, 0u);
  alerts["ME-BP:END"] = Item{me.node_id, me.country, wire::Marking{"ME", wire::Distribution::Public, {}, false}, {}};
  uint64_t reloads = 0;

  for (const Identity* who : Allowed()) {
    wire::Viewer viewer{who->country, who->role};
    SecureClient& client = *clients[who->node_id];
    nodes::StateMirror replayed = ByReplay(client);
    nodes::StateMirror snapshot = BySnapshot(client);
    EXPECT_EQ(replayed.DigestLines(), snapshot.DigestLines()) << who->node_id;
    nodes::MirrorFollower& follower = *live[who->node_id];
    ASSERT_TRUE(follower.CatchUpTo(marker, 60'000)) << who->node_id << " live client stuck at " << follower.last_seq();
    EXPECT_EQ(follower.mirror().DigestLines(), snapshot.DigestLines()) << who->node_id << " live";
    // Its order check counts every sequence withheld from it as a jump: only the console sees them all.
    if (who->role == ClientRole::Console) {
      EXPECT_EQ(follower.order_violations(), 0u) << who->node_id;
    }
    reloads += follower.remark_reloads();
    // Exactly what the latest markings allow: items, and their updates.
    std::set<std::string> expected_alerts, got_alerts, expected_ops, got_ops;
    std::set<uint64_t> expected_updates, got_updates;
    for (const auto& [id, item] : alerts) {
      if (!wire::EntitledTo(viewer, item.marking)) continue;
      expected_alerts.insert(id);
      for (const Update& u : item.updates) {
        if (wire::EntitledTo(viewer, u.marking)) expected_updates.insert(u.hub_seq);
      }
    }
    for (const auto& [code, item] : operations) {
      if (!wire::EntitledTo(viewer, item.marking)) continue;
      expected_ops.insert(code);
      for (const Update& u : item.updates) {
        if (wire::EntitledTo(viewer, u.marking)) expected_updates.insert(u.hub_seq);
      }
    }
    for (const auto& [id, record] : replayed.alerts()) {
      got_alerts.insert(id);
      for (const auto& [seq, action] : record.actions) got_updates.insert(seq);
    }
    for (const auto& [code, record] : replayed.operations()) got_ops.insert(code);
    for (const auto& [seq, sitrep] : replayed.sitreps()) got_updates.insert(seq);
    EXPECT_EQ(got_alerts, expected_alerts) << who->node_id;
    EXPECT_EQ(got_ops, expected_ops) << who->node_id;
    EXPECT_EQ(got_updates, expected_updates) << who->node_id;
  }
  EXPECT_GT(reloads, 0u) << "the re-markings concerned some live client";

  // The audit trail says whom each re-marking concerned.
  live.clear();
  clients.clear();
  hub_.Stop();
  hub::OpenResult opened = hub::OpenRocksStore({hub_.data_dir(), false, true});
  ASSERT_TRUE(opened.status.ok()) << opened.status.message();
  int remark_records = 0, narrowed = 0;
  ASSERT_TRUE(hub::PrintAudit(*opened.store, "", 0, [&](std::string_view line) {
                if (line.find("\"kind\":\"remark\"") == std::string_view::npos) return;
                ++remark_records;
                if (line.find("\"narrowed\":[\"") != std::string_view::npos) ++narrowed;
              }).ok());
  EXPECT_EQ(remark_records, remarked_changes) << "one record per version that changed a marking";
  EXPECT_GT(narrowed, 0);
}

}  // namespace
}  // namespace opsroom::testing
