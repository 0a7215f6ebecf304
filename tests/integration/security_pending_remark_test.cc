// Snapshot and replay pages judge each version by its item's latest *durable*
// marking (docs/protocol.md section 10.3). A re-marking still in a batch being
// written (here: its fsync held on the chaos harness's fault file system) must
// not open the item's older versions to anyone yet: the batch may never become
// durable, and what a partner was shown cannot be taken back. Found by
// hub_core_fuzz (tests/fuzz/corpus/hub_core_fuzz/limited-alert-to-partner).
#include <gtest/gtest.h>

#include <rocksdb/env.h>

#include <chrono>
#include <thread>

#include "chaos/fault_fs.h"
#include "integration/hub_fixture.h"
#include "integration/secure_client.h"
#include "integration/security_key_dir.h"

namespace opsroom::testing {
namespace {

using wire::ClientRole;

constexpr int kMaxWaitSteps = 200;  // x 10 ms
constexpr char kAlertId[] = "ME-BP:ME-7";

class PendingRemarkTest : public ::testing::Test {
 protected:
  PendingRemarkTest()
      : identities_({{"ME-BP", "ME", ClientRole::NationalNode, {}},
                     {"EUROPOL-EMSC", "EUROPOL", ClientRole::PartnerAgency, {}}}),
        keys_(identities_),
        hub_([this](hub::HubConfig& config) {
          config.insecure = false;
          config.keys_dir = keys_.dir();
          config.store_env = env_.get();
        }) {}
  ~PendingRemarkTest() override { fault_fs_->ReleaseSyncs(); }

  std::unique_ptr<SecureClient> Open(const std::string& node_id) {
    const Identity& who = IdentityOf(identities_, node_id);
    auto client = std::make_unique<SecureClient>(hub_.context(), hub_.router_endpoint(), who.keys, keys_.hub_public());
    EXPECT_EQ(client->Hello(who), wire::Body::Welcome) << node_id;
    return client;
  }
  static wire::EnvelopeT Version(uint64_t node_seq, wire::Distribution distribution) {
    wire::EnvelopeT alert = AlertEnvelope("ME-BP", "ME", node_seq, kAlertId);
    SetHandling(alert, distribution, {});
    return alert;
  }
  // The message ids of every event the client gets in snapshot pages.
  static std::vector<std::string> SnapshotIds(SecureClient& client) {
    std::vector<std::string> ids;
    EXPECT_TRUE(SnapshotPages(client, [&](const wire::SnapshotPage& page) {
      if (page.events() == nullptr) return;
      for (const wire::Blob* blob : *page.events()) {
        ids.push_back(MessageIdOf(wire::Bytes(blob->bytes()->begin(), blob->bytes()->end())));
      }
    }));
    return ids;
  }
  static std::vector<std::string> ReplayIds(SecureClient& client) {
    std::vector<std::string> ids;
    for (const wire::Bytes& event : ReplayEvents(client)) ids.push_back(MessageIdOf(event));
    return ids;
  }
  bool WaitForHeldSync() {
    for (int step = 0; step < kMaxWaitSteps; ++step) {
      if (fault_fs_->syncs_held() > 0) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }

  std::shared_ptr<chaos::FaultFileSystem> fault_fs_ =
      std::make_shared<chaos::FaultFileSystem>(rocksdb::FileSystem::Default());
  std::unique_ptr<rocksdb::Env> env_ = rocksdb::NewCompositeEnv(fault_fs_);
  std::vector<Identity> identities_;
  KeyDir keys_;
  HubFixture hub_;
};

TEST_F(PendingRemarkTest, AWideningNotYetDurableOpensNoPageAndOnceDurableItDoes) {
  ASSERT_TRUE(hub_.started());
  auto me = Open("ME-BP");
  auto partner = Open("EUROPOL-EMSC");
  wire::EnvelopeT limited = Version(1, wire::Distribution::Limited);
  ASSERT_EQ(me->PublishOne(limited), 1);
  ASSERT_TRUE(ReplayIds(*partner).empty()) << "a Limited alert is not for partners";

  fault_fs_->HoldSyncs();
  wire::EnvelopeT widened = Version(2, wire::Distribution::Public);
  me->Send(wire::BuildPublish(Pack(widened)));
  ASSERT_TRUE(WaitForHeldSync()) << "the re-marking's batch never reached its fsync";
  EXPECT_TRUE(ReplayIds(*partner).empty()) << "replay showed the Limited version before its re-marking was durable";
  EXPECT_TRUE(SnapshotIds(*partner).empty()) << "a snapshot showed it before its re-marking was durable";

  fault_fs_->ReleaseSyncs();
  wire::Bytes ack;
  ASSERT_EQ(me->ReceiveType(&ack), wire::Body::Ack);
  EXPECT_EQ(AsFrame(ack)->body_as_Ack()->entries()->Get(0)->hub_seq(), 2u);
  // Durable now: the item is Public and so are its earlier versions (section 10.3).
  EXPECT_EQ(ReplayIds(*partner), (std::vector<std::string>{limited.message_id, widened.message_id}));
  EXPECT_EQ(SnapshotIds(*partner), std::vector<std::string>{widened.message_id});
}

// The other way round: a narrowing in flight changes nothing yet for the
// pages (the older version was Public and durable); once durable it hides
// every version from the partner.
TEST_F(PendingRemarkTest, ANarrowingHidesTheItemOnceDurable) {
  ASSERT_TRUE(hub_.started());
  auto me = Open("ME-BP");
  auto partner = Open("EUROPOL-EMSC");
  wire::EnvelopeT open = Version(1, wire::Distribution::Public);
  ASSERT_EQ(me->PublishOne(open), 1);
  ASSERT_EQ(ReplayIds(*partner), std::vector<std::string>{open.message_id});

  ASSERT_EQ(me->PublishOne(Version(2, wire::Distribution::Limited)), 2);
  EXPECT_TRUE(ReplayIds(*partner).empty());
  EXPECT_TRUE(SnapshotIds(*partner).empty());
}

}  // namespace
}  // namespace opsroom::testing
