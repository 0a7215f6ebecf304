// Pages and the commit pipeline, step by step on the simulator's hub (the
// real HubCore and Query on a SimStore): a batch is readable in the store from
// its sync on, before the loop finishes it, so a page answered in between must
// judge the item by what the store holds then (docs/protocol.md 10.3), not by
// a marking cached from the version before.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "frame_generated.h"
#include "tests/sim/sim_hub.h"
#include "tests/sim/sim_registry.h"
#include "wire/protocol_constants.h"

namespace opsroom::sim {
namespace {

constexpr int64_t kStart = 1'795'000'000'000;
constexpr char kAlert[] = "ME-1-X0";

const Identity& Named(const std::vector<Identity>& identities, const std::string& node_id) {
  for (const Identity& who : identities) {
    if (who.node_id == node_id) return who;
  }
  throw std::runtime_error("no identity " + node_id);
}

class SimHubPagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string problem;
    registry_ = LoadSimRegistry(problem);
    ASSERT_NE(registry_, nullptr) << problem;
    config_.hub_id = "pages-test";
    config_.clock = [this] { return now_; };
    config_.index_deadlines_in_background = false;
    hub_ = std::make_unique<SimHub>(store_, *registry_, config_);
    ASSERT_TRUE(hub_->Start(problem)) << problem;
    Send(node_, wire::BuildHello(node_.node_id, node_.country, node_.role, "pages-test", wire::kProtocolVersion));
    Send(partner_, wire::BuildHello(partner_.node_id, partner_.country, partner_.role, "pages-test",
                                    wire::kProtocolVersion));
    hub_->replies().clear();
  }

  void Send(const Identity& who, const wire::Bytes& frame) { hub_->OnFrame(who.node_id, frame, who.node_id, who.key, now_); }
  void Publish(uint64_t node_seq, wire::Distribution distribution, uint32_t version) {
    wire::Marking marking{node_.country, distribution, {}, false};
    Send(node_, wire::BuildPublish(AlertEnvelope(node_, node_seq, kAlert, marking, version, now_)));
  }
  // How many events the partner gets replaying from sequence 1 now.
  std::size_t PartnerReplays() {
    hub_->replies().clear();
    Send(partner_, wire::BuildReplayRequest(++request_id_, 1, 64));
    std::size_t events = 0;
    bool answered = false;
    for (const hub::Reply& reply : hub_->replies()) {
      if (reply.peer != partner_.node_id) continue;
      const wire::ReplayPage* page = wire::GetFrame(reply.bytes.data())->body_as_ReplayPage();
      if (page == nullptr) continue;
      answered = true;
      events += page->events() == nullptr ? 0 : page->events()->size();
    }
    EXPECT_TRUE(answered) << "no replay page";
    hub_->replies().clear();
    return events;
  }

  int64_t now_ = kStart;
  SimStore store_{StoreBreaks{}};
  std::unique_ptr<hub::KeyRegistry> registry_;
  hub::HubConfig config_;
  std::unique_ptr<SimHub> hub_;
  Identity node_ = Named(NodeIdentities(), "ME-1");
  Identity partner_ = Named(ConsoleIdentities(), "EUROPOL-DESK");
  uint64_t request_id_ = 0;
};

TEST_F(SimHubPagesTest, ANarrowingReadableInTheStoreButNotYetFinishedHidesTheItem) {
  Publish(1, wire::Distribution::Public, 1);
  hub_->StepCommit(false, now_);  // taken and written
  hub_->StepCommit(false, now_);  // finished
  ASSERT_EQ(PartnerReplays(), 1u) << "a Public alert is for partners";

  Publish(2, wire::Distribution::Limited, 2);
  hub_->StepCommit(false, now_);  // written and synced: the store holds it, the loop has not finished it
  EXPECT_EQ(PartnerReplays(), 0u) << "a page judged the item by the Public marking of its earlier version";
  hub_->StepCommit(false, now_);  // finished
  EXPECT_EQ(PartnerReplays(), 0u);
}

TEST_F(SimHubPagesTest, AWideningNotYetWrittenOpensNothingAndOnceWrittenItDoes) {
  Publish(1, wire::Distribution::Limited, 1);
  hub_->StepCommit(false, now_);
  hub_->StepCommit(false, now_);
  ASSERT_EQ(PartnerReplays(), 0u);

  Publish(2, wire::Distribution::Public, 2);
  hub_->StepCommit(true, now_);  // taken, written only when it finishes
  EXPECT_EQ(PartnerReplays(), 0u) << "a widening still in commit opened the item";
  hub_->StepCommit(true, now_);
  EXPECT_EQ(PartnerReplays(), 2u) << "durable: the item and its earlier version are Public";
}

}  // namespace
}  // namespace opsroom::sim
