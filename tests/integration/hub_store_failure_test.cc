// A real hub on a real RocksDB whose file system runs out of space
// (tests/chaos/fault_fs.h): the recovery leaves its "store" audit record
// whichever retry reopened the store, and a failing retry shows its reason
// in HubStatus.store_error.
#include <gtest/gtest.h>

#include <rocksdb/env.h>

#include <thread>

#include "chaos/fault_fs.h"
#include "hub/store.h"
#include "integration/hub_fixture.h"

namespace opsroom::testing {
namespace {

constexpr int kMaxAttempts = 5;
constexpr auto kPastProbeInterval = std::chrono::milliseconds(600);  // the store probes at most twice a second

class HubStoreFailure : public ::testing::Test {
 protected:
  std::shared_ptr<chaos::FaultFileSystem> fault_fs_ =
      std::make_shared<chaos::FaultFileSystem>(rocksdb::FileSystem::Default());
  std::unique_ptr<rocksdb::Env> env_ = rocksdb::NewCompositeEnv(fault_fs_);
};

std::size_t CountAudit(const std::string& data_dir, const std::string& kind) {
  hub::OpenResult opened = hub::OpenRocksStore({data_dir, true, true});
  EXPECT_TRUE(opened.status.ok()) << opened.status.message();
  std::size_t count = 0;
  if (!opened.status.ok()) return count;
  static_cast<void>(opened.store->Scan(hub::Family::kAudit, "", [&](std::string_view, std::string_view value) {
    if (value.find("\"kind\":\"" + kind + "\"") != std::string_view::npos &&
        value.find("\"resumed_after_ms\":") != std::string_view::npos) {
      ++count;
    }
    return true;
  }));
  return count;
}

// No tick runs during the test, so only ingest's retry after a failed batch
// can reopen the store: before the fix that recovery wrote no record.
TEST_F(HubStoreFailure, ARecoveryByIngestsRetryIsAudited) {
  HubFixture hub([&](hub::HubConfig& config) {
    config.store_env = env_.get();
    config.heartbeat_interval_ms = 600'000;
  });
  ASSERT_TRUE(hub.started());
  RawClient me(hub.context(), hub.router_endpoint());
  ASSERT_TRUE(me.Hello("ME-BP", "ME"));
  me.Publish(Pack(AlertEnvelope("ME-BP", "ME", 1, "ME-BP:ME-1")));
  ASSERT_EQ(me.CollectOutcomes(1).at(0).hub_seq, 1u);

  fault_fs_->SetDiskFull(true);
  me.Publish(Pack(AlertEnvelope("ME-BP", "ME", 2, "ME-BP:ME-2")));
  auto refused = me.CollectOutcomes(1);
  ASSERT_EQ(refused.size(), 1u);
  EXPECT_EQ(refused[0].code, wire::RejectReason::DiskFull);
  fault_fs_->SetDiskFull(false);

  bool acked = false;
  for (int attempt = 0; attempt < kMaxAttempts && !acked; ++attempt) {
    std::this_thread::sleep_for(kPastProbeInterval);
    me.Publish(Pack(AlertEnvelope("ME-BP", "ME", 2, "ME-BP:ME-2")));
    auto outcome = me.CollectOutcomes(1);
    acked = outcome.size() == 1 && outcome[0].hub_seq == 2;
  }
  ASSERT_TRUE(acked) << "the store did not write again";
  hub.Stop();
  EXPECT_EQ(CountAudit(hub.data_dir(), "store"), 1u);
}

// Without traffic the tick retries; while the disk stays full the reason is
// on the fan-out, not only the failed batch's error.
TEST_F(HubStoreFailure, AFailingRetrySaysWhyInHubStatus) {
  HubFixture hub([&](hub::HubConfig& config) {
    config.store_env = env_.get();
    config.heartbeat_interval_ms = 100;
  });
  ASSERT_TRUE(hub.started());
  RawSubscriber status(hub.context(), hub.pub_endpoint(), "st");
  RawClient me(hub.context(), hub.router_endpoint());
  ASSERT_TRUE(me.Hello("ME-BP", "ME"));
  fault_fs_->SetDiskFull(true);
  me.Publish(Pack(AlertEnvelope("ME-BP", "ME", 1, "ME-BP:ME-1")));
  ASSERT_EQ(me.CollectOutcomes(1).size(), 1u);
  std::string last_error;
  for (int received = 0; received < 50 && last_error.find("retry: ") == std::string::npos; ++received) {
    auto message = status.Receive(1000);
    if (!message) continue;
    const wire::Frame* frame = AsFrame(message->bytes);
    if (frame == nullptr || frame->body_as_HubStatus() == nullptr) continue;
    const flatbuffers::String* error = frame->body_as_HubStatus()->store_error();
    last_error = error ? error->str() : "";
  }
  EXPECT_NE(last_error.find("retry: "), std::string::npos) << last_error;
  fault_fs_->SetDiskFull(false);
  hub.Stop();
}

}  // namespace
}  // namespace opsroom::testing
