// The version index (hub/item_versions.h) on a real RocksDB: the version of
// each item at a sequence, found through the entries read ahead, over more
// items than one read-ahead holds and with items changed, removed and
// created on both sides of the sequence; a hit, which is never indexed.
#include <gtest/gtest.h>

#include <map>
#include <random>

#include "hub/item_versions.h"
#include "tests/support/temp_dir.h"

namespace opsroom::hub {
namespace {

TEST(ItemVersions, TheVersionAtASequenceIsFoundForEveryItemAcrossReadAheads) {
  testing::TempDir dir("opsroom-versions");
  OpenResult opened = OpenRocksStore({dir.file("db"), false, false});
  ASSERT_TRUE(opened.status.ok()) << opened.status.message();
  Store& store = *opened.store;
  // 10,000 watchlist entries, each with 1-4 versions (some removals), at random sequences.
  std::mt19937_64 random(14);
  std::map<std::string, std::vector<EntityRecord>> history;  // by state key, in hub order
  uint64_t seq = 0;
  WriteSet writes;
  for (int round = 0; round < 4; ++round) {
    for (int i = 0; i < 10'000; ++i) {
      if (round > 0 && random() % 2 == 0) continue;
      std::string key = "ME-BP:W" + std::to_string(i);
      std::vector<EntityRecord>& versions = history[key];
      std::optional<EntityRecord> previous;
      if (!versions.empty()) previous = versions.back();
      EntityRecord now{"ME-BP", ++seq, static_cast<uint32_t>(versions.size() + 1), 0, random() % 5 == 0};
      IndexVersion(writes, Family::kWatchlist, key, previous, now);
      writes.Put(Family::kWatchlist, key, EncodeEntity(now));
      versions.push_back(now);
    }
    ASSERT_TRUE(store.Commit(writes).ok());
    writes.Clear();
  }
  // A hit: written once by the hub, never indexed; before it, it did not exist.
  std::string hit_key = AlertKey("\x01hit:OPSROOM-HUB:H1");
  writes.Put(Family::kAlerts, hit_key, EncodeEntity({"RS-CRIM", seq + 1, 0, 0, false}));
  ASSERT_TRUE(store.Commit(writes).ok());
  {
    auto view = store.OpenView();
    VersionEntries entries(*view);
    std::string error;
    Lookup hit = view->Get(Family::kAlerts, hit_key);
    ASSERT_TRUE(hit.value);
    EXPECT_EQ(StateEventAt(entries, Family::kAlerts, hit_key, *hit.value, seq, &error), std::nullopt);
    EXPECT_EQ(StateEventAt(entries, Family::kAlerts, hit_key, *hit.value, seq + 1, &error), seq + 1);
    EXPECT_EQ(error, "");
  }
  for (uint64_t as_of : {uint64_t{0}, uint64_t{1}, seq / 3, seq / 2, seq - 1, seq}) {
    auto view = store.OpenView();
    VersionEntries entries(*view);
    std::size_t checked = 0;
    StoreStatus scanned = view->Scan(Family::kWatchlist, "", [&](std::string_view key, std::string_view value) {
      std::optional<uint64_t> expected;
      for (const EntityRecord& version : history[std::string(key)]) {
        if (version.hub_seq <= as_of) expected = version.removed ? std::nullopt : std::optional(version.hub_seq);
      }
      std::string error;
      EXPECT_EQ(StateEventAt(entries, Family::kWatchlist, key, value, as_of, &error), expected)
          << key << " at " << as_of;
      EXPECT_EQ(error, "");
      ++checked;
      return true;
    });
    ASSERT_TRUE(scanned.ok());
    EXPECT_EQ(checked, 10'000u);
  }
}

}  // namespace
}  // namespace opsroom::hub
