// Backup while a node keeps sending, restore, and a hub on the restored copy:
// its log is the original's 1..N exactly and its state is that of hub_seq N
// (node watermark, alert records). Plus the restore's refusals.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>

#include "hub/key_layout.h"
#include "hub/store.h"
#include "hub/tools/backup.h"
#include "integration/hub_fixture.h"
#include "tests/support/temp_dir.h"

namespace opsroom::testing {
namespace {

namespace fs = std::filesystem;
using hub::Family;

constexpr uint64_t kChunk = 100;
constexpr uint64_t kMaxMessages = 20'000;

// Every log record of a stopped store, in hub_seq order.
std::vector<std::string> ReadLog(const std::string& data_dir) {
  hub::OpenResult opened = hub::OpenRocksStore({data_dir, true, true});
  EXPECT_TRUE(opened.status.ok()) << opened.status.message();
  std::vector<std::string> log;
  if (!opened.status.ok()) return log;
  EXPECT_TRUE(opened.store
                  ->Scan(Family::kLog, "",
                         [&](std::string_view, std::string_view value) {
                           log.emplace_back(value);
                           return true;
                         })
                  .ok());
  return log;
}

std::size_t CountRecords(const std::string& data_dir, Family family) {
  hub::OpenResult opened = hub::OpenRocksStore({data_dir, true, true});
  std::size_t count = 0;
  if (opened.status.ok()) {
    static_cast<void>(opened.store->Scan(family, "", [&](std::string_view, std::string_view) {
      ++count;
      return true;
    }));
  }
  return count;
}

TEST(HubBackup, RestoredUnderLoadIsTheOriginalUpToItsHubSeq) {
  std::string root = MakeTempDir("opsroom-backup");
  ASSERT_FALSE(root.empty());
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  std::atomic<bool> backup_done{false};
  std::atomic<uint64_t> acked{0};
  uint64_t sent_after_backup = 0;
  std::thread sender([&] {
    RawClient me(hub.context(), hub.router_endpoint());
    if (!me.Hello("ME-BP", "ME")) return;
    // Keeps sending until well past the backup: the backup is taken under load.
    for (uint64_t next = 1; next <= kMaxMessages && sent_after_backup < 5 * kChunk; next += kChunk) {
      for (uint64_t seq = next; seq < next + kChunk; ++seq) {
        me.Publish(Pack(AlertEnvelope("ME-BP", "ME", seq, "ME-BP:ME-" + std::to_string(seq))));
      }
      acked += me.CollectOutcomes(kChunk).size();
      if (backup_done) sent_after_backup += kChunk;
    }
  });
  for (int wait = 0; wait < 200 && acked < 5 * kChunk; ++wait)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  uint64_t backup_seq = 0;
  wire::Status backup = hub::TakeBackup(hub.data_dir(), root + "/backup", &backup_seq);
  backup_done = true;
  sender.join();
  ASSERT_TRUE(backup.ok) << backup.error;
  hub.Stop();
  std::vector<std::string> original = ReadLog(hub.data_dir());
  ASSERT_GT(backup_seq, 0u);
  ASSERT_GT(original.size(), backup_seq) << "the node must still have been sending after the backup";

  uint64_t restored_seq = 0;
  std::string restored_dir = root + "/restored/hub";
  wire::Status restored = hub::RestoreBackup(root + "/backup", restored_dir, false, &restored_seq);
  ASSERT_TRUE(restored.ok) << restored.error;
  EXPECT_EQ(restored_seq, backup_seq);
  {
    HubFixture on_copy([&](hub::HubConfig& config) { config.data_dir = restored_dir; });
    ASSERT_TRUE(on_copy.started());
    RawClient me(on_copy.context(), on_copy.router_endpoint());
    auto welcome = me.Hello("ME-BP", "ME");
    ASSERT_TRUE(welcome);
    EXPECT_EQ(AsFrame(*welcome)->body_as_Welcome()->hub_seq(), backup_seq);
    // One node sending 1, 2, 3...: its watermark at hub_seq N is N (plus the
    // audit records, which take no hub_seq).
    EXPECT_EQ(AsFrame(*welcome)->body_as_Welcome()->last_node_seq(), backup_seq);
    on_copy.Stop();
    std::vector<std::string> copy = ReadLog(restored_dir);
    ASSERT_EQ(copy.size(), backup_seq);
    for (uint64_t i = 0; i < backup_seq; ++i) ASSERT_EQ(copy[i], original[i]) << "log record " << i + 1 << " differs";
    EXPECT_EQ(CountRecords(restored_dir, Family::kAlerts), backup_seq) << "one alert per message up to N, none after";
  }
  fs::remove_all(root);
}

TEST(HubBackup, RestoreRefusesARunningHubAndANonEmptyTargetWithoutForce) {
  std::string root = MakeTempDir("opsroom-backup");
  ASSERT_FALSE(root.empty());
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  uint64_t seq = 0;
  ASSERT_TRUE(hub::TakeBackup(hub.data_dir(), root + "/backup", &seq).ok);
  wire::Status busy = hub::RestoreBackup(root + "/backup", hub.data_dir(), true, &seq);
  EXPECT_FALSE(busy.ok);
  EXPECT_NE(busy.error.find("stop it"), std::string::npos) << busy.error;
  hub.Stop();
  wire::Status occupied = hub::RestoreBackup(root + "/backup", hub.data_dir(), false, &seq);
  EXPECT_FALSE(occupied.ok);
  EXPECT_NE(occupied.error.find("--force"), std::string::npos) << occupied.error;
  EXPECT_TRUE(hub::RestoreBackup(root + "/backup", hub.data_dir(), true, &seq).ok);
  wire::Status again = hub::TakeBackup(hub.data_dir(), root + "/backup", &seq);
  EXPECT_FALSE(again.ok) << "a backup never overwrites another";
  fs::remove_all(root);
}

}  // namespace
}  // namespace opsroom::testing
