// The node library as a CurveZMQ client of a real hub with a key registry:
// Publisher, Subscriber and StoreAndForwardPublisher with keys; the identity
// the hub takes from the key; unregistered and missing keys getting nothing
// through; need-to-know over the library's subscriber. Every wait is bounded.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <set>
#include <thread>

#include "integration/hub_fixture.h"
#include "integration/security_key_dir.h"
#include "nodes/client/envelope_builder.h"
#include "nodes/client/publisher.h"
#include "nodes/client/store_forward.h"
#include "nodes/client/subscriber.h"
#include "nodes/client/zmq_link.h"
#include "tests/support/temp_dir.h"

namespace opsroom::testing {
namespace {

using wire::ClientRole;
using Clock = std::chrono::steady_clock;

wire::Bytes Alert(const std::string& origin, const std::string& country, uint64_t node_seq, const std::string& id,
                  nodes::HandlingSpec handling = {}) {
  nodes::EnvelopeHeader header;
  header.origin = origin;
  header.country = country;
  header.node_seq = node_seq;
  header.message_id = origin + ":" + std::to_string(node_seq);  // what the tests look for
  header.sent_at_ms = NowMs();
  header.handling = std::move(handling);
  nodes::AlertSpec alert;
  alert.alert_id = id;
  alert.title = "Van with 14 migrants near Sukobin";
  alert.position = nodes::LatLon{42.03, 19.41};
  alert.observed_at_ms = header.sent_at_ms;
  return nodes::BuildEnvelope(header, alert);
}

// Events a Subscriber delivers, by origin and alert id (message ids).
struct Received {
  std::set<std::string> message_ids;
  std::map<std::string, std::string> origin_of;  // message id -> envelope origin
};

class SecureClientsTest : public ::testing::Test {
 protected:
  SecureClientsTest()
      : identities_({{"ME-BP", "ME", ClientRole::NationalNode, {}},
                     {"AL-BP", "AL", ClientRole::NationalNode, {}},
                     {"RS-BP", "RS", ClientRole::NationalNode, {}},
                     {"OPSROOM-DUTY", "OPSROOM", ClientRole::Console, {}}}),
        keys_(identities_),
        hub_([this](hub::HubConfig& config) {
          config.insecure = false;
          config.keys_dir = keys_.dir();
        }) {}

  const Identity& Who(const std::string& node_id) const {
    for (const Identity& i : identities_) {
      if (i.node_id == node_id) return i;
    }
    throw std::runtime_error("no identity " + node_id);
  }
  nodes::PublisherConfig PublisherFor(const Identity& who, int timeout_ms = 5000) {
    nodes::PublisherConfig config;
    config.hub_endpoint = hub_.router_endpoint();
    config.node_id = who.node_id;
    config.country = who.country;
    config.role = who.role;
    config.connect_timeout_ms = timeout_ms;
    config.curve = who.ClientKeys(keys_.hub_public());
    return config;
  }
  nodes::SubscriberConfig SubscriberFor(const Identity& who) {
    nodes::SubscriberConfig config;
    config.hub_endpoint = hub_.router_endpoint();
    config.fanout_endpoint = hub_.pub_endpoint();
    config.node_id = who.node_id;
    config.country = who.country;
    config.role = who.role;
    config.replay_from_seq = 1;
    config.curve = who.ClientKeys(keys_.hub_public());
    return config;
  }
  // Polls `subscriber` until `marker` arrived or timeout_ms passed.
  Received Follow(nodes::Subscriber& subscriber, const std::string& marker, int timeout_ms = 10'000) {
    Received received;
    nodes::SubscriberSink sink;
    sink.on_event = [&](const wire::CheckedEvent& event) {
      std::string id = event.envelope->message_id()->str();
      received.message_ids.insert(id);
      received.origin_of[id] = event.envelope->origin()->str();
    };
    auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
    while (Clock::now() < deadline && received.message_ids.count(marker) == 0) subscriber.Poll(50, sink);
    return received;
  }

  std::vector<Identity> identities_;
  KeyDir keys_;
  HubFixture hub_;
};

TEST_F(SecureClientsTest, PublisherOverCurveIsAckedAndDeliveredUnderItsKeysIdentity) {
  ASSERT_TRUE(hub_.started());
  nodes::Publisher publisher(hub_.context(), PublisherFor(Who("ME-BP")));
  ASSERT_TRUE(publisher.Connect().ok());
  ASSERT_TRUE(publisher.Publish(Alert("ME-BP", "ME", publisher.NextNodeSeq(), "ME-BP:A1")).ok());
  ASSERT_TRUE(publisher.Flush(5000));
  auto outcomes = publisher.TakeOutcomes();
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_TRUE(outcomes[0].acknowledged()) << outcomes[0].rejection.text;
  EXPECT_GT(outcomes[0].hub_seq, 0u);

  nodes::Subscriber duty(hub_.context(), SubscriberFor(Who("OPSROOM-DUTY")));
  Received received = Follow(duty, "ME-BP:1");
  ASSERT_EQ(received.message_ids.count("ME-BP:1"), 1u);
  EXPECT_EQ(received.origin_of["ME-BP:1"], "ME-BP");
}

TEST_F(SecureClientsTest, AKeyCannotSayHelloAsAnotherNode) {
  ASSERT_TRUE(hub_.started());
  nodes::PublisherConfig config = PublisherFor(Who("AL-BP"));
  config.node_id = "RS-BP";  // AL's key, RS's name
  config.country = "RS";
  nodes::Publisher publisher(hub_.context(), config);
  auto welcome = publisher.Connect();
  ASSERT_FALSE(welcome.ok());
  EXPECT_EQ(welcome.rejection().code, wire::RejectReason::OriginMismatch) << welcome.rejection().text;
  EXPECT_NE(welcome.rejection().text.find("authenticated as AL-BP"), std::string::npos) << welcome.rejection().text;
}

TEST_F(SecureClientsTest, UnregisteredOrMissingKeysGetNothingThrough) {
  ASSERT_TRUE(hub_.started());
  Identity stranger{"ME-BP", "ME", ClientRole::NationalNode, wire::GenerateCurveKeyPair().value()};
  nodes::Publisher unregistered(hub_.context(), PublisherFor(stranger, 1500));
  auto refused = unregistered.Connect();
  ASSERT_FALSE(refused.ok());
  // ZAP refuses without a word on the wire; the socket monitor tells it from silence.
  EXPECT_EQ(refused.rejection().code, wire::RejectReason::Unauthenticated) << refused.rejection().text;
  EXPECT_NE(refused.rejection().text.find("not in the hub's key registry"), std::string::npos);

  nodes::PublisherConfig plain = PublisherFor(Who("ME-BP"), 1500);
  plain.curve = {};  // plain text to a CURVE server: no handshake, no session
  nodes::Publisher plain_text(hub_.context(), plain);
  EXPECT_FALSE(plain_text.Connect().ok());

  nodes::Subscriber eavesdropper(hub_.context(), [&] {
    nodes::SubscriberConfig config = SubscriberFor(stranger);
    config.connect_timeout_ms = 1000;
    return config;
  }());
  nodes::Publisher me(hub_.context(), PublisherFor(Who("ME-BP")));
  ASSERT_TRUE(me.Connect().ok());
  ASSERT_TRUE(me.Publish(Alert("ME-BP", "ME", me.NextNodeSeq(), "ME-BP:PUBLIC")).ok());
  ASSERT_TRUE(me.Flush(5000));
  Received overheard = Follow(eavesdropper, "ME-BP:1", 3000);
  EXPECT_TRUE(overheard.message_ids.empty());
  EXPECT_FALSE(eavesdropper.ever_welcomed());
  EXPECT_EQ(hub_.stats().Get(hub::Counter::kStored), 1);
}

TEST_F(SecureClientsTest, LibrarySubscriberSeesOnlyWhatItsIdentityMay) {
  ASSERT_TRUE(hub_.started());
  nodes::Publisher me(hub_.context(), PublisherFor(Who("ME-BP")));
  ASSERT_TRUE(me.Connect().ok());
  nodes::HandlingSpec restricted;
  restricted.distribution = wire::Distribution::Restricted;
  restricted.recipients = {"AL"};
  ASSERT_TRUE(me.Publish(Alert("ME-BP", "ME", me.NextNodeSeq(), "ME-BP:R", restricted)).ok());
  ASSERT_TRUE(me.Publish(Alert("ME-BP", "ME", me.NextNodeSeq(), "ME-BP:P")).ok());  // the marker: public
  ASSERT_TRUE(me.Flush(5000));

  nodes::Subscriber al(hub_.context(), SubscriberFor(Who("AL-BP")));
  nodes::Subscriber rs(hub_.context(), SubscriberFor(Who("RS-BP")));
  Received al_got = Follow(al, "ME-BP:2");
  Received rs_got = Follow(rs, "ME-BP:2");
  EXPECT_EQ(al_got.message_ids, (std::set<std::string>{"ME-BP:1", "ME-BP:2"}));
  EXPECT_EQ(rs_got.message_ids, (std::set<std::string>{"ME-BP:2"})) << "the restricted ME/AL alert reached RS";
}

TEST_F(SecureClientsTest, StoreAndForwardPublisherUsesItsKeysOnBothLinks) {
  ASSERT_TRUE(hub_.started());
  const TempDir temp("opsroom-sec-outbox");
  ASSERT_TRUE(temp.made());
  const std::string outbox = temp.file("outbox");
  nodes::StoreForwardConfig config;
  config.publisher = PublisherFor(Who("ME-BP"));
  config.outbox_dir = outbox;
  config.status_endpoint = hub_.pub_endpoint();
  std::string error;
  auto node = nodes::StoreAndForwardPublisher::Open(hub_.context(), config, &error);
  ASSERT_NE(node, nullptr) << error;
  ASSERT_TRUE(node->Submit([](uint64_t seq) { return Alert("ME-BP", "ME", seq, "ME-BP:SF"); }).ok());
  EXPECT_TRUE(node->Drain(10'000));
  // HubStatus arrives over the CURVE SUB: the link stays up past the expiry
  // a silent status feed would trip.
  auto until = Clock::now() + std::chrono::milliseconds(wire::kPeerExpiryMs + 1500);
  while (Clock::now() < until) node->Poll(100);
  nodes::StoreForwardStatus status = node->Status();
  EXPECT_EQ(status.acked, 1u);
  EXPECT_FALSE(status.link_lost) << status.link_detail;
  node.reset();
}

}  // namespace
}  // namespace opsroom::testing
