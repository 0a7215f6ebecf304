// The fan-out topics of a restricted item follow the key registry: the viewer
// classes are cached per registry version, and a new version (a new key, a
// new class) is seen at once.
#include <gtest/gtest.h>

#include <algorithm>

#include "hub/audience.h"
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

TEST(SecurityAudience, RestrictedTopicsFollowEachRegistryVersion) {
  wire::EnvelopeT alert = wire::testing::SampleAlert();
  alert.origin = "ME-BP";
  alert.country = "ME";
  alert.handling = std::make_unique<wire::HandlingT>();
  alert.handling->distribution = wire::Distribution::Restricted;
  alert.handling->recipients = {"AL"};
  auto bytes = wire::testing::Pack(alert);
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

}  // namespace
}  // namespace opsroom::hub
