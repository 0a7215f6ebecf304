// Ids without a node prefix are namespaced by the hub (issue 10.1,
// docs/protocol.md section 6.1), against a real secure hub over CurveZMQ: two
// nodes create the same short id and get two items, each owner acts on its
// own by the short id, a third node names them by the full id, nobody
// pre-empts anybody, and the hub's snapshot and replay, a node's state mirror
// and the console's model all key the items alike.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "console/model/console_model.h"
#include "console/net/event_decode.h"
#include "integration/secure_hub_fixture.h"
#include "tests/mirror/state_mirror.h"
#include "wire/aligned_bytes.h"
#include "wire/entitlement.h"
#include "wire/frame_check.h"
#include "wire/item_id.h"

namespace opsroom::testing {
namespace {

using wire::ActionKind;
using wire::RejectReason;

int64_t Refused(RejectReason code) { return -static_cast<int64_t>(code); }

// Each Frame{Event} checked and handed to `apply`.
template <typename Apply>
void ForEachEvent(const std::vector<wire::Bytes>& events, Apply&& apply) {
  for (const wire::Bytes& bytes : events) {
    std::vector<uint64_t> scratch;
    auto checked = wire::CheckEventFrame(wire::AlignedBytes(bytes, scratch));
    ASSERT_TRUE(checked) << "an event the hub sent does not check";
    apply(checked.value());
  }
}

// The effective ids of the items the events create (not their updates).
std::set<std::string> ItemIds(const std::vector<wire::Bytes>& events) {
  std::set<std::string> ids;
  ForEachEvent(events, [&](const wire::CheckedEvent& event) {
    if (!wire::HasParent(event.envelope->payload_type())) ids.insert(wire::ItemIdOf(*event.envelope));
  });
  ids.erase("");
  return ids;
}

nodes::StateMirror MirrorOf(const std::vector<wire::Bytes>& events) {
  nodes::StateMirror mirror;
  ForEachEvent(events, [&](const wire::CheckedEvent& event) { mirror.Apply(event); });
  return mirror;
}

std::set<std::string> MirrorIds(const nodes::StateMirror& mirror) {
  std::set<std::string> ids;
  for (const auto& [id, alert] : mirror.alerts()) ids.insert(id);
  for (const auto& [id, entry] : mirror.watchlist()) ids.insert(id);
  for (const auto& [code, operation] : mirror.operations()) ids.insert(code);
  return ids;
}

class IdNamespaceTest : public SecureHubTest {
 protected:
  // The room the tests share: the same short ids from AL-BP and ME-BP (and an
  // operation "JAD" from EUROPOL-EMSC and AL-BP), each owner updating and
  // acting on its own by the short id, RS-BP naming ME-BP's by the full id.
  void Populate() {
    auto al = Connect("AL-BP");
    auto me = Connect("ME-BP");
    auto rs = Connect("RS-BP");
    auto europol = Connect("EUROPOL-EMSC");
    EXPECT_GT(al->PublishOne(AlertEnvelope("AL-BP", "AL", 1, "A-1")), 0);
    EXPECT_GT(me->PublishOne(AlertEnvelope("ME-BP", "ME", 1, "A-1")), 0) << "the same short id: ME-BP's own item";
    EXPECT_GT(me->PublishOne(AlertEnvelope("ME-BP", "ME", 2, "A-1", wire::AlertStatus::Escalated)), 0)
        << "its owner updates it by the short id";
    EXPECT_GT(me->PublishOne(ActionEnvelope("ME-BP", "ME", 3, "A-1", ActionKind::Acknowledge)), 0);
    EXPECT_GT(al->PublishOne(ActionEnvelope("AL-BP", "AL", 2, "A-1", ActionKind::Close)), 0);
    EXPECT_GT(rs->PublishOne(ActionEnvelope("RS-BP", "RS", 1, "ME-BP:A-1", ActionKind::Comment)), 0)
        << "anyone else names it by the full id";
    EXPECT_EQ(rs->PublishOne(ActionEnvelope("RS-BP", "RS", 2, "A-1", ActionKind::Comment)),
              Refused(RejectReason::UnknownAlert))
        << "RS-BP's short A-1 is RS-BP:A-1, which does not exist";

    EXPECT_GT(al->PublishOne(WatchEnvelope("AL-BP", "AL", 3, "W-1", 1)), 0);
    EXPECT_GT(me->PublishOne(WatchEnvelope("ME-BP", "ME", 4, "W-1", 1)), 0);
    EXPECT_GT(me->PublishOne(WatchEnvelope("ME-BP", "ME", 5, "W-1", 2)), 0) << "revision 2 of ME-BP:W-1";
    EXPECT_EQ(me->PublishOne(WatchEnvelope("ME-BP", "ME", 6, "ME-BP:W-1", 2)), Refused(RejectReason::RevisionNotNewer))
        << "the full id names the same entry";

    EXPECT_GT(europol->PublishOne(OperationEnvelope("EUROPOL-EMSC", "EUROPOL", 1, "JAD")), 0);
    EXPECT_GT(al->PublishOne(OperationEnvelope("AL-BP", "AL", 4, "JAD")), 0);
    EXPECT_GT(europol->PublishOne(SitRepEnvelope("EUROPOL-EMSC", "EUROPOL", 2, "JAD")), 0)
        << "a sitrep on its own unprefixed operation code";
    EXPECT_GT(rs->PublishOne(SitRepEnvelope("RS-BP", "RS", 3, "EUROPOL-EMSC:JAD")), 0);
    EXPECT_EQ(rs->PublishOne(SitRepEnvelope("RS-BP", "RS", 4, "JAD")), Refused(RejectReason::UnknownOperation));
  }

  const std::set<std::string> expected_{"AL-BP:A-1", "ME-BP:A-1",        "AL-BP:W-1",
                                        "ME-BP:W-1", "EUROPOL-EMSC:JAD", "AL-BP:JAD"};
};

TEST_F(IdNamespaceTest, NobodyPreEmptsAnothersIdsEitherWay) {
  ASSERT_TRUE(hub_.started());
  auto al = Connect("AL-BP");
  auto me = Connect("ME-BP");
  // Under ME-BP's prefix: refused before ME-BP has it, for every family.
  EXPECT_EQ(al->PublishOne(AlertEnvelope("AL-BP", "AL", 1, "ME-BP:B-7")), Refused(RejectReason::NotOwner));
  EXPECT_EQ(al->PublishOne(WatchEnvelope("AL-BP", "AL", 2, "ME-BP:W-7", 1)), Refused(RejectReason::NotOwner));
  EXPECT_EQ(al->PublishOne(OperationEnvelope("AL-BP", "AL", 3, "ME-BP:OP-7")), Refused(RejectReason::NotOwner));
  // AL-BP's short ids first: they are AL-BP's, and take nothing of ME-BP's.
  EXPECT_GT(al->PublishOne(AlertEnvelope("AL-BP", "AL", 4, "B-7")), 0);
  EXPECT_GT(al->PublishOne(WatchEnvelope("AL-BP", "AL", 5, "W-7", 1)), 0);
  EXPECT_GT(al->PublishOne(OperationEnvelope("AL-BP", "AL", 6, "OP-7")), 0);
  EXPECT_GT(me->PublishOne(AlertEnvelope("ME-BP", "ME", 1, "B-7")), 0);
  EXPECT_GT(me->PublishOne(WatchEnvelope("ME-BP", "ME", 2, "ME-BP:W-7", 1)), 0);
  EXPECT_GT(me->PublishOne(OperationEnvelope("ME-BP", "ME", 3, "OP-7")), 0);
  // The other way round: ME-BP's items exist; AL-BP's short ids are still its own.
  EXPECT_GT(me->PublishOne(AlertEnvelope("ME-BP", "ME", 4, "ME-BP:B-8")), 0);
  EXPECT_GT(al->PublishOne(AlertEnvelope("AL-BP", "AL", 7, "B-8")), 0) << "AL-BP:B-8, a second item";
  EXPECT_EQ(al->PublishOne(AlertEnvelope("AL-BP", "AL", 8, "ME-BP:B-8")), Refused(RejectReason::NotOwner));
  EXPECT_EQ(al->PublishOne(WatchEnvelope("AL-BP", "AL", 9, "ME-BP:W-7", 5)), Refused(RejectReason::NotOwner));
  EXPECT_EQ(al->PublishOne(OperationEnvelope("AL-BP", "AL", 10, "ME-BP:OP-7")), Refused(RejectReason::NotOwner));
  // And the owners keep updating their own.
  EXPECT_GT(me->PublishOne(WatchEnvelope("ME-BP", "ME", 5, "W-7", 2)), 0);
  EXPECT_GT(al->PublishOne(WatchEnvelope("AL-BP", "AL", 11, "W-7", 2)), 0);
}

TEST_F(IdNamespaceTest, SnapshotReplayMirrorAndConsoleAgreeOnTheKeys) {
  ASSERT_TRUE(hub_.started());
  Populate();
  auto duty = Connect("OPSROOM-DUTY");
  std::vector<wire::Bytes> snapshot = SnapshotEvents(*duty);
  std::vector<wire::Bytes> replay = ReplayEvents(*duty);
  EXPECT_EQ(ItemIds(snapshot), expected_);
  EXPECT_EQ(ItemIds(replay), expected_);

  nodes::StateMirror from_snapshot = MirrorOf(snapshot);
  nodes::StateMirror from_replay = MirrorOf(replay);
  EXPECT_EQ(MirrorIds(from_snapshot), expected_);
  EXPECT_EQ(MirrorIds(from_replay), expected_);
  ASSERT_EQ(from_replay.alerts().count("ME-BP:A-1"), 1u);
  EXPECT_EQ(from_replay.alerts().at("ME-BP:A-1").actions.size(), 2u) << "ME-BP's by short id, RS-BP's by full id";
  EXPECT_EQ(from_replay.alerts().at("ME-BP:A-1").status, wire::AlertStatus::Acknowledged);
  EXPECT_EQ(from_replay.alerts().at("AL-BP:A-1").actions.size(), 1u);
  EXPECT_EQ(from_replay.alerts().at("AL-BP:A-1").status, wire::AlertStatus::Closed);
  EXPECT_EQ(from_snapshot.DigestLines(), from_replay.DigestLines());
  EXPECT_EQ(from_replay.watchlist().at("ME-BP:W-1").entry.revision, 2u);
  EXPECT_EQ(from_replay.watchlist().at("AL-BP:W-1").entry.revision, 1u);

  console::ConsoleModel model;
  ForEachEvent(snapshot, [&](const wire::CheckedEvent& event) {
    auto value = console::DecodeEvent(event, wire::PlaceCatalog::Embedded(), true);
    if (value) model.Apply(*value, 0);
  });
  for (const char* id : {"AL-BP:A-1", "ME-BP:A-1"}) {
    auto index = model.alerts().Find(id);
    ASSERT_TRUE(index) << id;
    EXPECT_EQ(model.alerts().at(*index).alert_id, id) << "shown by its effective id";
  }
  EXPECT_EQ(model.alerts().at(*model.alerts().Find("ME-BP:A-1")).actions.size(), 2u);
  EXPECT_EQ(model.alerts().at(*model.alerts().Find("ME-BP:A-1")).status, console::AlertStatus::Acknowledged);
  EXPECT_EQ(model.alerts().size(), 2u);
  ASSERT_NE(model.watchlist().Find("ME-BP:W-1"), nullptr);
  ASSERT_NE(model.watchlist().Find("AL-BP:W-1"), nullptr);
  EXPECT_EQ(model.watchlist().size(), 2u);
  const console::OperationRecord* jad = model.operations().Find("EUROPOL-EMSC:JAD");
  ASSERT_NE(jad, nullptr);
  EXPECT_EQ(jad->sitrep_count, 2u) << "EUROPOL-EMSC's by short code, RS-BP's by full code";
  EXPECT_NE(model.operations().Find("AL-BP:JAD"), nullptr);
  EXPECT_EQ(model.operations().size(), 2u);
}

}  // namespace
}  // namespace opsroom::testing
