// docs/protocol.md 5.6: a hub restored from an earlier copy of its data
// answers Welcome with a last_node_seq below what it acknowledged to this
// node. The StoreAndForwardPublisher raises it (warning line, status, a
// record kept in the outbox) once, and goes on delivering new reports.
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <unistd.h>

#include "chaos/traffic.h"
#include "integration/hub_data_copy.h"
#include "integration/hub_fixture.h"
#include "tests/support/temp_dir.h"
#include "nodes/client/store_forward.h"
#include "nodes/client/zmq_link.h"

namespace opsroom::nodes {
namespace {

using testing::HubFixture;

class HubLossTest : public ::testing::Test {
 protected:

  std::unique_ptr<StoreAndForwardPublisher> Open(const HubFixture& hub) {
    StoreForwardConfig config;
    config.publisher.hub_endpoint = hub.router_endpoint();
    config.publisher.node_id = "ME-BP";
    config.publisher.country = "ME";
    config.outbox_dir = outbox_dir_.string();
    config.status_endpoint = hub.pub_endpoint();
    config.jitter_seed = 7;
    config.on_warning = [this](const std::string& line) { warnings_.push_back(line); };
    std::string error;
    auto node = StoreAndForwardPublisher::Open(context_, config, &error);
    EXPECT_TRUE(node) << error;
    return node;
  }

  static void Deliver(StoreAndForwardPublisher& node, std::size_t count) {
    ASSERT_TRUE(node.SubmitBatch(count, chaos::TrafficFactory({"ME-BP", "ME", 5, 0})));
    ASSERT_TRUE(node.Drain(15'000)) << FormatStatus(node.Status());
  }

  // Polls until a session is up (a Welcome was checked); bounded.
  static bool WaitUp(StoreAndForwardPublisher& node, int timeout_ms) {
    const int64_t deadline = SteadyNowMs() + timeout_ms;
    while (node.Status().state != ForwardState::kUp && SteadyNowMs() < deadline) node.Poll(20);
    return node.Status().state == ForwardState::kUp;
  }

  zmq::context_t context_{1};
  testing::TempDir temp_{"opsroom-loss"};
  std::filesystem::path outbox_dir_ = temp_.path() / "outbox";
  std::filesystem::path copy_dir_ = temp_.path() / "hub-copy";
  std::vector<std::string> warnings_;
};

TEST_F(HubLossTest, AWelcomeBelowTheLastAckIsRaisedOnceRecordedAndDeliveryGoesOn) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  auto node = Open(hub);
  Deliver(*node, 3);  // node_seq 1..3, in the copy
  hub.Stop();
  testing::CopyHubData(hub.data_dir(), copy_dir_);
  ASSERT_TRUE(hub.Restart());
  Deliver(*node, 4);  // node_seq 4..7, acknowledged, then lost with the restore
  EXPECT_EQ(node->Status().outbox.last_acked_node_seq, 7u);
  EXPECT_TRUE(warnings_.empty());
  EXPECT_EQ(node->Status().hub_losses, 0u);

  hub.Stop();
  testing::RestoreHubData(copy_dir_, hub.data_dir());
  ASSERT_TRUE(hub.RestartAfterRestore());
  // A report pending across the restore is not lost: it is resent.
  ASSERT_TRUE(node->Submit(chaos::TrafficFactory({"ME-BP", "ME", 5, 0})));  // node_seq 8
  ASSERT_TRUE(node->Drain(15'000)) << FormatStatus(node->Status());
  StoreForwardStatus status = node->Status();
  EXPECT_EQ(status.hub_losses, 1u);
  ASSERT_EQ(warnings_.size(), 1u);
  EXPECT_NE(warnings_[0].find("lost 4 acknowledged report(s) after a restore: node_seq 4..7"), std::string::npos)
      << warnings_[0];
  EXPECT_NE(warnings_[0].find("holds node_seq up to 3"), std::string::npos) << warnings_[0];
  EXPECT_EQ(status.outbox.hub_loss.first_node_seq, 4u);
  EXPECT_EQ(status.outbox.hub_loss.last_node_seq, 7u);
  EXPECT_EQ(status.outbox.hub_loss.reports, 4u);
  EXPECT_NE(FormatStatus(status).find("HUB LOSS"), std::string::npos) << FormatStatus(status);
  EXPECT_EQ(status.outbox.last_acked_node_seq, 8u) << "new reports are acknowledged above the loss";

  // A new process on the same outbox: the record survives, nothing is raised twice.
  node.reset();
  auto reopened = Open(hub);
  ASSERT_TRUE(WaitUp(*reopened, 10'000)) << FormatStatus(reopened->Status());
  EXPECT_EQ(reopened->Status().outbox.hub_loss.reports, 4u);
  EXPECT_NE(reopened->Status().hub_loss_detail.find("node_seq 4..7"), std::string::npos);
  EXPECT_EQ(reopened->Status().hub_losses, 0u);
  EXPECT_EQ(warnings_.size(), 1u);
}

TEST_F(HubLossTest, AHubThatHoldsEverythingAcknowledgedRaisesNothing) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  auto node = Open(hub);
  Deliver(*node, 5);
  hub.Stop();
  ASSERT_TRUE(hub.Restart());
  Deliver(*node, 2);  // after the Welcome of the restarted hub (last_node_seq 5)
  EXPECT_EQ(node->Status().outbox.last_acked_node_seq, 7u);
  StoreForwardStatus status = node->Status();
  EXPECT_EQ(status.hub_losses, 0u);
  EXPECT_EQ(status.outbox.hub_loss.reports, 0u);
  EXPECT_TRUE(status.hub_loss_detail.empty());
  EXPECT_TRUE(warnings_.empty());
}

}  // namespace
}  // namespace opsroom::nodes

namespace opsroom::nodes {
namespace {

// The reverse case: a node whose outbox was lost starts again from node_seq 1
// with the hub holding more from its node id. Its queued reports were never
// sent; on the first Welcome they take the node_seqs after the hub's last
// instead of being refused StaleSequence or SequenceReused.
TEST_F(HubLossTest, ANewOutboxRenumbersItsQueuedReportsAfterTheHubsLastNodeSeq) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  {
    auto before_the_loss = Open(hub);
    Deliver(*before_the_loss, 5);  // the hub holds node_seq 1..5 of ME-BP
  }
  std::filesystem::remove_all(outbox_dir_);
  hub.Stop();
  auto node = Open(hub);
  auto queued = node->SubmitBatch(3, chaos::TrafficFactory({"ME-BP", "ME", 5, 0}));
  ASSERT_TRUE(queued);
  EXPECT_EQ(queued.value(), (std::vector<uint64_t>{1, 2, 3})) << "a new outbox starts at 1";
  node->Poll(100);
  ASSERT_TRUE(hub.Restart());
  ASSERT_TRUE(node->Drain(15'000)) << FormatStatus(node->Status());
  using Pairs = std::vector<std::pair<uint64_t, uint64_t>>;
  EXPECT_EQ(node->TakeRenumbered(), (Pairs{{1, 6}, {2, 7}, {3, 8}}));
  std::vector<uint64_t> acked;
  for (const PublishOutcome& outcome : node->TakeOutcomes()) {
    EXPECT_TRUE(outcome.acknowledged()) << outcome.node_seq << ": " << outcome.rejection.text;
    EXPECT_FALSE(outcome.duplicate);
    acked.push_back(outcome.node_seq);
  }
  EXPECT_EQ(acked, (std::vector<uint64_t>{6, 7, 8}));
  ASSERT_EQ(warnings_.size(), 1u);
  EXPECT_NE(warnings_[0].find("node_seq 6..8"), std::string::npos) << warnings_[0];

  // Welcomed once, for good: a reopened outbox renumbers nothing.
  node.reset();
  auto reopened = Open(hub);
  ASSERT_TRUE(WaitUp(*reopened, 5000));
  auto next = reopened->Submit(chaos::TrafficFactory({"ME-BP", "ME", 5, 0}));
  ASSERT_TRUE(next);
  EXPECT_EQ(next.value(), 9u);
  ASSERT_TRUE(reopened->Drain(15'000));
  EXPECT_TRUE(reopened->TakeRenumbered().empty());
  EXPECT_EQ(warnings_.size(), 1u);
}

}  // namespace
}  // namespace opsroom::nodes
