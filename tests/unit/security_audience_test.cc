// The fan-out topics of a restricted item follow the key registry: the viewer
// classes are cached per registry version, and a new version (a new key, a
// new class) is seen at once.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "hub/audience.h"
#include "hub/key_layout.h"
#include "wire/frame_builder.h"
#include "wire/item_id.h"
#include "unit/wire_sample_envelopes.h"
#include "wire/curve_keys.h"

namespace opsroom::hub {
namespace {

// No parents are looked up for an alert: the store is never read.
struct EmptyStore : StoreReader {
  Lookup Get(Family, std::string_view) override { return {StoreStatus::Ok(), std::nullopt}; }
  StoreStatus Scan(Family, std::string_view, const ScanVisitor&) override { return StoreStatus::Ok(); }
  Lookup LastKey(Family) override { return {StoreStatus::Ok(), std::nullopt}; }
};

KeyTable Registry(const std::vector<KeyEntry>& entries, uint64_t generation) {
  KeyTable table;
  for (KeyEntry entry : entries) {
    entry.public_key = wire::GenerateCurveKeyPair().value().public_z85;
    table.key_by_node[entry.node_id] = entry.public_key;
    table.by_key[entry.public_key] = entry;
  }
  table.generation = generation;
  return table;
}

bool Has(const std::vector<std::string>& topics, const std::string& topic) {
  return std::find(topics.begin(), topics.end(), topic) != topics.end();
}

// ME-BP's sample alert under `distribution` (and `recipients`), packed.
std::vector<uint8_t> MeAlert(wire::Distribution distribution, std::vector<std::string> recipients = {}) {
  wire::EnvelopeT alert = wire::testing::SampleAlert();
  alert.origin = "ME-BP";
  alert.country = "ME";
  alert.handling = std::make_unique<wire::HandlingT>();
  alert.handling->distribution = distribution;
  alert.handling->recipients = std::move(recipients);
  return wire::testing::Pack(alert);
}

TEST(SecurityAudience, RestrictedTopicsFollowEachRegistryVersion) {
  auto bytes = MeAlert(wire::Distribution::Restricted, {"AL"});
  const wire::Envelope& envelope = *flatbuffers::GetRoot<wire::Envelope>(bytes.data());

  EmptyStore store;
  Audience audience(store);
  KeyTable first = Registry({{"", "ME-BP", "ME", wire::ClientRole::NationalNode},
                             {"", "RS-BP", "RS", wire::ClientRole::NationalNode},
                             {"", "OPSROOM-DUTY", "OPSROOM", wire::ClientRole::Console}},
                            1);
  std::vector<std::string> topics;
  audience.Topics(envelope, wire::MarkingOf(envelope), first, "alert", topics);
  EXPECT_TRUE(Has(topics, "ev.to.national.ME.alert.ME-BP"));
  EXPECT_TRUE(Has(topics, "ev.to.console.OPSROOM.alert.ME-BP"));
  EXPECT_FALSE(Has(topics, "ev.to.national.RS.alert.ME-BP"));
  EXPECT_EQ(topics.size(), 2u);

  KeyTable second = Registry({{"", "ME-BP", "ME", wire::ClientRole::NationalNode},
                              {"", "AL-BP", "AL", wire::ClientRole::NationalNode},
                              {"", "OPSROOM-DUTY", "OPSROOM", wire::ClientRole::Console}},
                             2);
  topics.clear();
  audience.Topics(envelope, wire::MarkingOf(envelope), second, "alert", topics);
  EXPECT_TRUE(Has(topics, "ev.to.national.AL.alert.ME-BP")) << "AL's key arrived with the new version";
  EXPECT_EQ(topics.size(), 3u);
  EXPECT_EQ(audience.Classes(envelope, second).size(), 3u);
}

// A store of a few records whose reads can be made to fail, as a disk error would.
struct FlakyStore : StoreReader {
  std::map<std::pair<Family, std::string>, std::string> records;
  bool failing = false;
  Lookup Get(Family family, std::string_view key) override {
    if (failing) return {StoreStatus(StoreCode::kIoError, "injected: read failed"), std::nullopt};
    auto it = records.find({family, std::string(key)});
    if (it == records.end()) return {StoreStatus::Ok(), std::nullopt};
    return {StoreStatus::Ok(), it->second};
  }
  StoreStatus Scan(Family, std::string_view, const ScanVisitor&) override { return StoreStatus::Ok(); }
  Lookup LastKey(Family) override { return {StoreStatus::Ok(), std::nullopt}; }
};

// Replay judges an old version by the item's latest marking (protocol 10.3).
// When the store cannot say what that marking is, an old, wider marking must
// not decide: an alert re-marked Restricted to AL after a Public version is
// shown to nobody while reads fail, and to RS never.
TEST(SecurityAudience, AnUnreadableStoreShowsAnOldVersionToNobody) {
  auto first_bytes = MeAlert(wire::Distribution::Public);
  const wire::Envelope& public_version = *flatbuffers::GetRoot<wire::Envelope>(first_bytes.data());
  auto second_bytes = MeAlert(wire::Distribution::Restricted, {"AL"});
  const std::string alert_id = wire::ItemIdOf(public_version);
  ASSERT_EQ(alert_id, wire::ItemIdOf(*flatbuffers::GetRoot<wire::Envelope>(second_bytes.data())));

  FlakyStore store;
  store.records[{Family::kAlerts, AlertKey(alert_id)}] = EncodeEntity(EntityRecord{"ME-BP", 9, 0, 0, false});
  wire::Bytes latest_event = wire::BuildEvent(9, 1'765'000'000'000, second_bytes);
  store.records[{Family::kLog, LogKey(9)}] = std::string(latest_event.begin(), latest_event.end());
  const wire::Viewer rs{"RS", wire::ClientRole::NationalNode};
  const wire::Viewer al{"AL", wire::ClientRole::NationalNode};

  {
    Audience audience(store);
    EXPECT_FALSE(audience.EntitledByLatestMarking(rs, public_version, 5)) << "the latest marking leaves RS out";
    EXPECT_TRUE(audience.EntitledByLatestMarking(al, public_version, 5));
  }
  store.failing = true;
  {
    Audience audience(store);  // nothing cached: every judgement reads the store
    EXPECT_FALSE(audience.EntitledByLatestMarking(rs, public_version, 5)) << "fail open: the old Public marking decided";
    EXPECT_FALSE(audience.EntitledByLatestMarking(al, public_version, 5)) << "while reads fail, nobody";
  }
  store.failing = false;
  store.records.clear();
  {
    Audience audience(store);
    EXPECT_TRUE(audience.EntitledByLatestMarking(rs, public_version, 5))
        << "an item the store answers it does not hold: the version's own marking decides";
  }
}

}  // namespace
}  // namespace opsroom::hub
