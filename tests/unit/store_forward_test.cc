// StoreAndForwardPublisher against a real hub (in-process HubFixture) and a
// "black hole" hub (a plain ROUTER that welcomes and never acknowledges), plus
// its state machine as a table and its backoff.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "chaos/hub_client.h"
#include "chaos/traffic.h"
#include "integration/hub_fixture.h"
#include "support/status_matchers.h"
#include "nodes/client/software_version.h"
#include "nodes/client/store_forward.h"
#include "nodes/client/zmq_link.h"
#include "wire/frame_check.h"
#include "tests/support/temp_dir.h"

namespace opsroom::nodes {
namespace {

using testing::HubFixture;

// ---- the state machine and the backoff -------------------------------------

TEST(ForwardStepTest, Table) {
  using S = ForwardState;
  using E = ForwardEvent;
  using A = ForwardAction;
  struct Row {
    S from;
    E event;
    ForwardStep expected;
  };
  const Row rows[] = {
      {S::kDown, E::kRetryDue, {S::kConnecting, A::kOpenSession}},
      {S::kDown, E::kWelcome, {S::kDown, A::kNone}},
      {S::kDown, E::kConnectFailed, {S::kDown, A::kNone}},
      {S::kDown, E::kStalled, {S::kDown, A::kNone}},
      {S::kDown, E::kHubBusy, {S::kDown, A::kNone}},
      {S::kConnecting, E::kRetryDue, {S::kConnecting, A::kNone}},
      {S::kConnecting, E::kWelcome, {S::kUp, A::kSendFromOldest}},
      {S::kConnecting, E::kConnectFailed, {S::kDown, A::kDropSessionAndBackOff}},
      {S::kConnecting, E::kStalled, {S::kConnecting, A::kNone}},
      {S::kConnecting, E::kHubBusy, {S::kConnecting, A::kNone}},
      {S::kUp, E::kRetryDue, {S::kUp, A::kNone}},
      {S::kUp, E::kWelcome, {S::kUp, A::kNone}},
      {S::kUp, E::kConnectFailed, {S::kUp, A::kNone}},
      {S::kUp, E::kStalled, {S::kDown, A::kDropSessionAndBackOff}},
      {S::kUp, E::kHubBusy, {S::kDown, A::kDropSessionAndBackOff}},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(Step(row.from, row.event), row.expected)
        << ForwardStateName(row.from) << " + event " << static_cast<int>(row.event);
  }
}

TEST(BackoffTest, DoublesUpToTheCapWithHalfOfItRandom) {
  Backoff backoff(250, 4000, 42);
  uint32_t ceilings[] = {250, 500, 1000, 2000, 4000, 4000, 4000};
  for (uint32_t ceiling : ceilings) {
    uint32_t delay = backoff.NextDelayMs();
    EXPECT_GE(delay, ceiling / 2);
    EXPECT_LE(delay, ceiling);
  }
  backoff.Reset();
  EXPECT_LE(backoff.NextDelayMs(), 250u);
  Backoff a(250, 4000, 7), b(250, 4000, 7), c(250, 4000, 8);
  std::vector<uint32_t> da, db, dc;
  for (int i = 0; i < 8; ++i) {
    da.push_back(a.NextDelayMs());
    db.push_back(b.NextDelayMs());
    dc.push_back(c.NextDelayMs());
  }
  EXPECT_EQ(da, db) << "the same seed replays the same delays";
  EXPECT_NE(da, dc) << "another seed jitters differently";
}

// ---- with a real hub --------------------------------------------------------

class StoreForwardTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = temp_.path() / "outbox";
  }

  StoreForwardConfig Config(const std::string& endpoint, const std::string& status_endpoint = "") {
    StoreForwardConfig config;
    config.publisher.hub_endpoint = endpoint;
    config.publisher.node_id = "ME-BP";
    config.publisher.country = "ME";
    config.publisher.max_in_flight = 64;
    config.outbox_dir = dir_.string();
    config.status_endpoint = status_endpoint;
    config.jitter_seed = 99;
    return config;
  }

  std::unique_ptr<StoreAndForwardPublisher> Open(const StoreForwardConfig& config) {
    std::string error;
    auto node = StoreAndForwardPublisher::Open(context_, config, &error);
    EXPECT_TRUE(node) << error;
    return node;
  }

  static EnvelopeFactory Traffic() { return chaos::TrafficFactory({"ME-BP", "ME", 5, 0}); }

  // (node_seq, hub_seq) of ME-BP's messages in the hub's log, in hub order.
  std::vector<std::pair<uint64_t, uint64_t>> HubLog(HubFixture& hub) {
    chaos::QueryClient client(hub.context(), hub.router_endpoint());
    std::string error;
    EXPECT_TRUE(client.Connect(3000, &error)) << error;
    std::vector<std::pair<uint64_t, uint64_t>> log;
    EXPECT_TRUE(client.ReplayAll(
        1, [&](const wire::CheckedEvent& e) { log.emplace_back(e.envelope->node_seq(), e.hub_seq); }, 10'000, &error))
        << error;
    return log;
  }

  static void ExpectExactlyOnceInOrder(const std::vector<std::pair<uint64_t, uint64_t>>& log, uint64_t count) {
    ASSERT_EQ(log.size(), count);
    for (std::size_t i = 0; i < log.size(); ++i) {
      EXPECT_EQ(log[i].first, i + 1) << "per-node order, each message once";
      EXPECT_EQ(log[i].second, i + 1) << "no hole in the hub sequence";
    }
  }

  zmq::context_t context_{1};
  opsroom::testing::TempDir temp_{"opsroom-sf"};
  std::filesystem::path dir_;
};

TEST_F(StoreForwardTest, DeliversEverythingInOrderAndEmptiesTheOutbox) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  auto node = Open(Config(hub.router_endpoint(), hub.pub_endpoint()));
  for (int batch = 0; batch < 6; ++batch) ASSERT_TRUE(node->SubmitBatch(50, Traffic()));
  ASSERT_TRUE(node->Drain(15'000)) << FormatStatus(node->Status());
  auto outcomes = node->TakeOutcomes();
  ASSERT_EQ(outcomes.size(), 300u);
  for (const PublishOutcome& outcome : outcomes) EXPECT_TRUE(outcome.acknowledged()) << outcome.rejection.text;
  StoreForwardStatus status = node->Status();
  EXPECT_EQ(status.outbox.depth, 0u);
  EXPECT_EQ(status.acked, 300u);
  EXPECT_EQ(status.outbox.last_acked_node_seq, 300u);
  EXPECT_EQ(status.state, ForwardState::kUp);
  ExpectExactlyOnceInOrder(HubLog(hub), 300);
}

TEST_F(StoreForwardTest, AcceptsReportsWhileTheHubIsDownAndDeliversThemWhenItReturns) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  hub.Stop();
  auto node = Open(Config(hub.router_endpoint(), hub.pub_endpoint()));
  for (int i = 0; i < 100; ++i) ASSERT_TRUE(node->Submit(Traffic()));
  node->Poll(500);
  StoreForwardStatus down = node->Status();
  EXPECT_TRUE(down.link_lost);
  EXPECT_EQ(down.outbox.depth, 100u);
  EXPECT_EQ(down.acked, 0u);
  ASSERT_TRUE(hub.Restart());
  ASSERT_TRUE(node->Drain(15'000)) << FormatStatus(node->Status());
  ExpectExactlyOnceInOrder(HubLog(hub), 100);
}

TEST_F(StoreForwardTest, ARestartedNodeDeliversItsOutboxInOrder) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  hub.Stop();
  {
    auto node = Open(Config(hub.router_endpoint(), hub.pub_endpoint()));
    ASSERT_TRUE(node->SubmitBatch(200, Traffic()));
    node->Poll(100);
  }
  ASSERT_TRUE(hub.Restart());
  auto restarted = Open(Config(hub.router_endpoint(), hub.pub_endpoint()));
  EXPECT_EQ(restarted->Status().outbox.depth, 200u);
  ASSERT_TRUE(restarted->Drain(15'000)) << FormatStatus(restarted->Status());
  ExpectExactlyOnceInOrder(HubLog(hub), 200);
  auto more = restarted->Submit(Traffic());
  ASSERT_TRUE(more);
  EXPECT_EQ(more.value(), 201u) << "the sequence continues after a restart";
}

TEST_F(StoreForwardTest, AHubRestartMidStreamLosesNothingAndDoublesNothing) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  StoreForwardConfig config = Config(hub.router_endpoint(), hub.pub_endpoint());
  config.publisher.max_in_flight = 500;
  auto node = Open(config);
  ASSERT_TRUE(node->SubmitBatch(1000, Traffic()));
  node->Poll(30);
  hub.Stop();
  node->Poll(200);
  ASSERT_TRUE(node->SubmitBatch(1000, Traffic()));
  ASSERT_TRUE(hub.Restart());
  ASSERT_TRUE(node->Drain(30'000)) << FormatStatus(node->Status());
  ExpectExactlyOnceInOrder(HubLog(hub), 2000);
  std::set<uint64_t> acked;
  for (const PublishOutcome& outcome : node->TakeOutcomes()) {
    EXPECT_TRUE(outcome.acknowledged());
    acked.insert(outcome.node_seq);
  }
  EXPECT_EQ(acked.size(), 2000u);
}

TEST_F(StoreForwardTest, KeepsARecordOfFinalRefusalsAndGoesOn) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  auto node = Open(Config(hub.router_endpoint(), hub.pub_endpoint()));
  ASSERT_TRUE(node->Submit(Traffic()));
  // Valid on its own, refused by the hub's state rules: the alert does not exist.
  ASSERT_TRUE(node->Submit([](uint64_t node_seq) {
    EnvelopeSpec spec = chaos::TrafficMessage({"ME-BP", "ME", 5, 0}, 10, WallNowMs());
    spec.header.node_seq = node_seq;
    std::get<AlertActionSpec>(spec.payload).alert_id = "ME-BP:NO-SUCH-ALERT";
    return BuildEnvelope(spec);
  }));
  ASSERT_TRUE(node->Submit(Traffic()));
  ASSERT_TRUE(node->Drain(10'000)) << FormatStatus(node->Status());
  std::vector<RefusedMessage> refused;
  ASSERT_TRUE(testing::IsOk(node->ForEachRefused([&](const RefusedMessage& m) {
    refused.push_back(m);
    return true;
  })));
  ASSERT_EQ(refused.size(), 1u);
  EXPECT_EQ(refused[0].node_seq, 2u);
  EXPECT_EQ(refused[0].code, wire::RejectReason::UnknownAlert);
  EXPECT_FALSE(refused[0].reason.empty());
  int refusals = 0;
  for (const PublishOutcome& outcome : node->TakeOutcomes()) refusals += outcome.acknowledged() ? 0 : 1;
  EXPECT_EQ(refusals, 1);
  EXPECT_EQ(node->Status().refused, 1u);
  auto log = HubLog(hub);
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[1].first, 3u);
}

TEST_F(StoreForwardTest, RefusesABadEnvelopeBeforeStoringIt) {
  auto node = Open(Config("tcp://127.0.0.1:1", "none"));
  auto wrong_seq = node->Submit([](uint64_t node_seq) {
    return BuildEnvelope(chaos::TrafficMessage({"ME-BP", "ME", 5, 0}, node_seq + 1, WallNowMs()));
  });
  ASSERT_FALSE(wrong_seq);
  EXPECT_EQ(wrong_seq.rejection().code, wire::RejectReason::InvalidValue);
  auto wrong_origin = node->Submit(chaos::TrafficFactory({"RS-CU", "RS", 5, 0}));
  ASSERT_FALSE(wrong_origin);
  EXPECT_EQ(wrong_origin.rejection().code, wire::RejectReason::OriginMismatch);
  auto invalid = node->SubmitBatch(3, [](uint64_t node_seq) {
    EnvelopeSpec spec = chaos::TrafficMessage({"ME-BP", "ME", 5, 0}, node_seq, WallNowMs());
    if (node_seq % 3 == 0) std::get<AlertSpec>(spec.payload).position = LatLon{95.0, 19.0};
    return BuildEnvelope(spec);
  });
  ASSERT_FALSE(invalid);
  EXPECT_EQ(invalid.rejection().code, wire::RejectReason::CoordinateOutOfRange);
  EXPECT_EQ(node->Status().outbox.depth, 0u) << "a batch is stored whole or not at all";
}

TEST_F(StoreForwardTest, SubmitEachStoresTheGoodOnesInOneWriteAndSaysWhyForTheOthers) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  auto node = Open(Config(hub.router_endpoint(), hub.pub_endpoint()));
  EnvelopeFactory traffic = Traffic();
  EnvelopeFactory off_the_map = [](uint64_t node_seq) {
    EnvelopeSpec spec = chaos::TrafficMessage({"ME-BP", "ME", 5, 0}, node_seq, WallNowMs());
    std::get<AlertSpec>(spec.payload).position = LatLon{95.0, 19.0};
    return BuildEnvelope(spec);
  };
  std::vector<Submission> submissions = {{traffic}, {traffic}, {off_the_map}, {traffic, 100}, {traffic}};
  auto results = node->SubmitEach(submissions);
  ASSERT_EQ(results.size(), 5u);
  std::vector<uint64_t> stored;
  for (const auto& result : results) stored.push_back(result ? result.value() : 0);
  EXPECT_EQ(stored, (std::vector<uint64_t>{1, 2, 0, 100, 101})) << "a refused one leaves its node_seq unused";
  EXPECT_EQ(results[2].rejection().code, wire::RejectReason::CoordinateOutOfRange);
  EXPECT_EQ(node->Status().outbox.depth, 4u);
  ASSERT_TRUE(node->Drain(15'000)) << FormatStatus(node->Status());
  auto outcomes = node->TakeOutcomes();
  std::vector<uint64_t> answered;
  for (const PublishOutcome& outcome : outcomes) answered.push_back(outcome.node_seq);
  std::sort(answered.begin(), answered.end());  // a refusal comes before the acks of its batch
  EXPECT_EQ(answered, (std::vector<uint64_t>{1, 2, 100, 101})) << "each stored one sent and answered";
}

TEST_F(StoreForwardTest, FlagsALostLinkWithinAboutThreeSecondsWhenIdle) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  auto node = Open(Config(hub.router_endpoint(), hub.pub_endpoint()));
  ASSERT_TRUE(node->Submit(Traffic()));
  ASSERT_TRUE(node->Drain(5000));
  node->Poll(1500);  // HubStatus arrives every second
  ASSERT_FALSE(node->Status().link_lost) << FormatStatus(node->Status());
  hub.Stop();
  auto stopped = std::chrono::steady_clock::now();
  while (!node->Status().link_lost && std::chrono::steady_clock::now() - stopped < std::chrono::seconds(6)) {
    node->Poll(50);
  }
  auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - stopped);
  EXPECT_TRUE(node->Status().link_lost);
  EXPECT_LE(took.count(), static_cast<int64_t>(wire::kPeerExpiryMs) + 1000)
      << "flagged after " << took.count() << " ms";
  EXPECT_EQ(node->Status().link_losses, 1u);
  ASSERT_TRUE(hub.Restart());
  auto restarted = std::chrono::steady_clock::now();
  while (node->Status().link_lost && std::chrono::steady_clock::now() - restarted < std::chrono::seconds(10)) {
    node->Poll(50);
  }
  EXPECT_FALSE(node->Status().link_lost) << FormatStatus(node->Status());
}

// ME-BP's row of the next HubStatus that satisfies `wanted`, polling the node
// meanwhile (when given); nullopt after timeout_ms.
std::optional<wire::NodeStatusT> NodeRow(testing::RawSubscriber& status, StoreAndForwardPublisher* node,
                                         const std::function<bool(const wire::NodeStatusT&)>& wanted, int timeout_ms) {
  const int64_t deadline = SteadyNowMs() + timeout_ms;
  while (SteadyNowMs() < deadline) {
    if (node != nullptr) node->Poll(20);
    auto message = status.Receive(node != nullptr ? 1 : 50);
    if (!message || message->topic != wire::kTopicHubStatus) continue;
    const wire::Frame* frame = testing::AsFrame(message->bytes);
    const wire::HubStatus* hub_status = frame != nullptr ? frame->body_as_HubStatus() : nullptr;
    if (hub_status == nullptr || hub_status->nodes() == nullptr) continue;
    for (const wire::NodeStatus* row : *hub_status->nodes()) {
      std::unique_ptr<wire::NodeStatusT> unpacked(row->UnPack());
      if (unpacked->node_id == "ME-BP" && wanted(*unpacked)) return *unpacked;
    }
  }
  return std::nullopt;
}

TEST_F(StoreForwardTest, TheHubsNodeTableShowsTheRealOutboxAndVersionAndFlagsADeadNode) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  testing::RawSubscriber status(hub.context(), hub.pub_endpoint(), std::string(wire::kTopicHubStatus));
  StoreForwardConfig config = Config(hub.router_endpoint(), hub.pub_endpoint());
  config.publisher.max_in_flight = 1;  // the outbox drains slowly: depth stays far above what is in flight
  auto node = Open(config);
  ASSERT_TRUE(node->SubmitBatch(20'000, Traffic()));
  auto row = NodeRow(
      status, node.get(), [](const wire::NodeStatusT& r) { return r.last_heartbeat_ms > 0; }, 10'000);
  ASSERT_TRUE(row) << "no heartbeat of ME-BP in the hub's node table";
  EXPECT_TRUE(row->connected);
  EXPECT_GT(row->outbox_depth, 1'000u) << "the outbox depth, not the " << config.publisher.max_in_flight
                                       << " message(s) in flight";
  EXPECT_LE(row->outbox_depth, 20'000u);
  EXPECT_GE(row->oldest_unsent_age_ms, 0);
  EXPECT_EQ(row->software_version, kSoftwareVersion);
  EXPECT_EQ(std::string(kSoftwareVersion).rfind("opsroom-node/", 0), 0u);

  node.reset();  // the node dies: no frame, no heartbeat
  auto died = std::chrono::steady_clock::now();
  auto gone = NodeRow(
      status, nullptr, [](const wire::NodeStatusT& r) { return !r.connected; }, 8'000);
  auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - died);
  ASSERT_TRUE(gone) << "the hub still shows ME-BP connected after " << took.count() << " ms";
  // Expiry is checked once per heartbeat interval and HubStatus goes out once per interval.
  EXPECT_LE(took.count(), static_cast<int64_t>(wire::kPeerExpiryMs + 2 * wire::kHeartbeatIntervalMs + 500));
}

// ---- a hub that welcomes and never acknowledges -----------------------------

class BlackHoleHub {
 public:
  explicit BlackHoleHub(zmq::context_t& context) : router_(context, zmq::socket_type::router) {
    router_.set(zmq::sockopt::linger, 0);
    router_.bind("tcp://127.0.0.1:*");
    endpoint_ = router_.get(zmq::sockopt::last_endpoint);
  }
  const std::string& endpoint() const { return endpoint_; }

  struct Session {
    std::vector<uint64_t> published;  // node_seqs in arrival order
  };
  // Answers Hellos, records Publishes per session (peer) and heartbeats.
  void Pump() {
    zmq::message_t peer, body;
    while (router_.recv(peer, zmq::recv_flags::dontwait)) {
      if (!router_.recv(body, zmq::recv_flags::dontwait)) continue;
      auto frame = wire::CheckClientFrame(AlignedView(body, scratch_), {nullptr, WallNowMs()});
      if (!frame) continue;
      std::string id = peer.to_string();
      if (frame->type == wire::Body::Hello) {
        hello_ms_.push_back(SteadyNowMs());
        sessions_[id];
        wire::WelcomeFields welcome{wire::kProtocolVersion, "black-hole", 0, 0, 1000, 65536, true};
        router_.send(peer, zmq::send_flags::sndmore);
        router_.send(zmq::buffer(wire::BuildWelcome(welcome)), zmq::send_flags::none);
      } else if (frame->type == wire::Body::Publish) {
        sessions_[id].published.push_back(frame->publish->envelope->node_seq());
      } else if (frame->type == wire::Body::Heartbeat) {
        const wire::Heartbeat* hb = frame->frame->body_as_Heartbeat();
        last_depth_ = hb->outbox_depth();
        last_oldest_age_ms_ = hb->oldest_unsent_age_ms();
        ++heartbeats_;
      }
    }
  }
  const std::map<std::string, Session>& sessions() const { return sessions_; }
  const std::vector<int64_t>& hello_ms() const { return hello_ms_; }
  uint32_t last_depth() const { return last_depth_; }
  int64_t last_oldest_age_ms() const { return last_oldest_age_ms_; }
  int heartbeats() const { return heartbeats_; }

 private:
  zmq::socket_t router_;
  std::string endpoint_;
  std::vector<uint64_t> scratch_;  // aligned copies of received frames
  std::map<std::string, Session> sessions_;
  std::vector<int64_t> hello_ms_;
  uint32_t last_depth_ = 0;
  int64_t last_oldest_age_ms_ = 0;
  int heartbeats_ = 0;
};

TEST_F(StoreForwardTest, WithoutAcksItResendsFromTheOldestOnNewSessionsWithGrowingDelays) {
  BlackHoleHub hole(context_);
  StoreForwardConfig config = Config(hole.endpoint(), "none");
  config.ack_timeout_ms = 300;
  config.backoff_base_ms = 100;
  config.backoff_max_ms = 800;
  auto node = Open(config);
  ASSERT_TRUE(node->SubmitBatch(5, Traffic()));
  auto start = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() - start < std::chrono::milliseconds(4000)) {
    node->Poll(10);
    hole.Pump();
  }
  ASSERT_GE(hole.sessions().size(), 3u);
  for (const auto& [peer, session] : hole.sessions()) {
    if (session.published.empty()) continue;
    EXPECT_EQ(session.published.front(), 1u) << "every new session starts again from the oldest";
    for (std::size_t i = 1; i < session.published.size(); ++i) {
      EXPECT_EQ(session.published[i], session.published[i - 1] + 1) << "in node_seq order";
    }
  }
  const auto& hellos = hole.hello_ms();
  ASSERT_GE(hellos.size(), 4u);
  // Gaps between sessions: ack timeout + backoff; the backoff part grows to the cap.
  int64_t first_gap = hellos[1] - hellos[0];
  int64_t last_gap = hellos.back() - hellos[hellos.size() - 2];
  EXPECT_GT(last_gap, first_gap) << "first " << first_gap << " ms, last " << last_gap << " ms";
  StoreForwardStatus status = node->Status();
  EXPECT_EQ(status.outbox.depth, 5u) << "nothing leaves the outbox without an ack";
  EXPECT_GT(hole.heartbeats(), 0);
  EXPECT_EQ(hole.last_depth(), 5u) << "heartbeats carry the outbox depth";
  EXPECT_GT(hole.last_oldest_age_ms(), 0) << "and the age of the oldest unsent message";
}

}  // namespace
}  // namespace opsroom::nodes
