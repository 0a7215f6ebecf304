// The Checks of the matching window across a restart (hub/matching/hit_store.h):
// a start finds them through the Checks index, reading the Checks alone and
// not every event of the window; a store without the index (written by a hub
// older than it) has its window's Checks indexed at its first start.
#include <gtest/gtest.h>

#include "hub/key_layout.h"
#include "hub/matching/hit_store.h"
#include "hub/store.h"
#include "integration/match_fixture.h"

namespace opsroom::testing {
namespace {

// Counts the log entries a reader is given (point reads and scanned entries).
class LogCounter : public hub::StoreReader {
 public:
  explicit LogCounter(hub::StoreReader& inner) : inner_(inner) {}
  hub::Lookup Get(hub::Family family, std::string_view key) override {
    if (family == hub::Family::kLog) ++log_entries_read;
    return inner_.Get(family, key);
  }
  hub::StoreStatus Scan(hub::Family family, std::string_view start, const hub::ScanVisitor& visit) override {
    if (family != hub::Family::kLog) return inner_.Scan(family, start, visit);
    return inner_.Scan(family, start, [&](std::string_view key, std::string_view value) {
      ++log_entries_read;
      return visit(key, value);
    });
  }
  hub::Lookup LastKey(hub::Family family) override { return inner_.LastKey(family); }

  std::size_t log_entries_read = 0;

 private:
  hub::StoreReader& inner_;
};

constexpr int kAlertsAfterTheCheck = 200;

class MatchRestartTest : public MatchHubTest {
 protected:
  // One Check of Marko Šćepanović, then many alerts naming nobody.
  void LogACheckAmongAlerts() {
    auto hr = Connect("HR-BP");
    auto me = Connect("ME-BP");
    ASSERT_GT(Publish(*hr, CheckOf("HR-BP", "HR", 1, "C1", {Person("Marko Šćepanović", "1984-03-02")})), 0);
    for (int i = 1; i <= kAlertsAfterTheCheck; ++i) {
      ASSERT_GT(Publish(*me, AlertEnvelope("ME-BP", "ME", i, "ME-BP:A" + std::to_string(i))), 0);
    }
  }

  // After a restart, a new entry for the person checked before it.
  void ExpectANewEntryHitsTheCheck(uint64_t entry_node_seq) {
    auto rs = Connect("RS-CP");
    ASSERT_GT(Publish(*rs, PersonEntry("RS-CP", "RS", entry_node_seq, "RS-CP:W-1", 1, "Шћепановић Марко", "",
                                       "1984-03-02")),
              0);
    std::vector<SeenHit> hits = ReplayHits(*rs);
    ASSERT_FALSE(hits.empty()) << "the Check logged before the restart was not in the window";
    EXPECT_EQ(hits[0].source, wire::HitSource::FromEntry);
    EXPECT_EQ(hits[0].source_id, "C1");
  }
};

TEST_F(MatchRestartTest, AStartReadsTheWindowsChecksAloneAndANewEntryStillMeetsThem) {
  ASSERT_TRUE(hub_.started());
  LogACheckAmongAlerts();
  hub_.Stop();
  {
    hub::OpenResult opened = hub::OpenRocksStore({hub_.data_dir(), false, true});
    ASSERT_TRUE(opened.status.ok()) << opened.status.message();
    LogCounter counter(*opened.store);
    hub::matching::HitEngine engine;
    ASSERT_TRUE(hub::matching::LoadHitEngine(counter, engine).ok());
    EXPECT_EQ(engine.recent_check_count(), 1u);
    // The window's start is found by a binary search (~log2 of the log); then
    // one read per Check. A scan of the window would read every alert.
    EXPECT_LT(counter.log_entries_read, 40u) << "the start read the whole window, not its Checks";
  }
  ASSERT_TRUE(hub_.Restart());
  ExpectANewEntryHitsTheCheck(1);
}

TEST_F(MatchRestartTest, AStoreWithoutTheChecksIndexHasItsWindowIndexedAtItsFirstStart) {
  ASSERT_TRUE(hub_.started());
  LogACheckAmongAlerts();
  hub_.Stop();
  std::vector<std::string> index_keys;
  auto collect = [&](std::string_view key, std::string_view) {
    if (!key.starts_with(hub::kCheckIndexPrefix)) return false;
    index_keys.emplace_back(key);
    return true;
  };
  {
    // What a hub older than the index leaves: no index keys, no mark where it begins.
    hub::OpenResult opened = hub::OpenRocksStore({hub_.data_dir(), false, false});
    ASSERT_TRUE(opened.status.ok()) << opened.status.message();
    ASSERT_TRUE(opened.store->Scan(hub::Family::kMeta, hub::kCheckIndexPrefix, collect).ok());
    ASSERT_EQ(index_keys.size(), 1u) << "the Check has one index key";
    hub::WriteSet writes;
    writes.Delete(hub::Family::kMeta, index_keys[0]);
    writes.Delete(hub::Family::kMeta, hub::kChecksIndexedFromKey);
    ASSERT_TRUE(opened.store->Commit(writes).ok());
  }
  std::string check_key = index_keys[0];
  ASSERT_TRUE(hub_.Restart());
  ExpectANewEntryHitsTheCheck(1);
  hub_.Stop();
  hub::OpenResult opened = hub::OpenRocksStore({hub_.data_dir(), false, true});
  ASSERT_TRUE(opened.status.ok()) << opened.status.message();
  index_keys.clear();
  ASSERT_TRUE(opened.store->Scan(hub::Family::kMeta, hub::kCheckIndexPrefix, collect).ok());
  EXPECT_EQ(index_keys, std::vector<std::string>{check_key});
  hub::Lookup from = opened.store->Get(hub::Family::kMeta, hub::kChecksIndexedFromKey);
  ASSERT_TRUE(from.value) << "the start did not begin the index";
  EXPECT_EQ(hub::ParseBe64(*from.value), 1u) << "the window holds the whole log";
}

}  // namespace
}  // namespace opsroom::testing
