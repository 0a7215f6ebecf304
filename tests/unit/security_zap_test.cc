// The ZAP handler with real CURVE sockets: a registered key gets through with
// User-Id = its node id (and X-Key = its key), on the ROUTER and on XPUB
// subscriptions; an unregistered key, a plain-text client and a key removed
// by a reload do not.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <zmq.hpp>

#include "hub/key_registry.h"
#include "hub/zap_handler.h"
#include "wire/curve_keys.h"
#include "tests/support/temp_dir.h"

namespace opsroom::hub {
namespace {

wire::CurveKeyPair Pair() {
  auto pair = wire::GenerateCurveKeyPair();
  EXPECT_TRUE(pair.ok());
  return pair.value();
}

void Server(zmq::socket_t& socket, const wire::CurveKeyPair& keys) {
  socket.set(zmq::sockopt::curve_server, 1);
  socket.set(zmq::sockopt::curve_secretkey, keys.secret_z85);
  socket.set(zmq::sockopt::linger, 0);
}

void Client(zmq::socket_t& socket, const wire::CurveKeyPair& mine, const std::string& server_public) {
  socket.set(zmq::sockopt::curve_serverkey, server_public);
  socket.set(zmq::sockopt::curve_publickey, mine.public_z85);
  socket.set(zmq::sockopt::curve_secretkey, mine.secret_z85);
  socket.set(zmq::sockopt::linger, 0);
}

bool Readable(zmq::socket_t& socket, int timeout_ms) {
  zmq::pollitem_t item{socket.handle(), 0, ZMQ_POLLIN, 0};
  return zmq::poll(&item, 1, std::chrono::milliseconds(timeout_ms)) > 0;
}

class ZapTest : public ::testing::Test {
 protected:
  void SetUp() override {
    WriteRegistry({{node_, "ME-BP ME national"}});
    ASSERT_TRUE(registry_.Load().ok());
    ASSERT_EQ(zap_.Start(), "");
    Server(router_, hub_);
    router_.bind("tcp://127.0.0.1:*");
    endpoint_ = router_.get(zmq::sockopt::last_endpoint);
  }

  void WriteRegistry(const std::vector<std::pair<wire::CurveKeyPair, std::string>>& entries) {
    std::ofstream out(path_, std::ios::trunc);
    for (const auto& [pair, rest] : entries) out << pair.public_z85 << ' ' << rest << '\n';
  }

  wire::CurveKeyPair hub_ = Pair(), node_ = Pair(), stranger_ = Pair();
  opsroom::testing::TempDir temp_{"opsroom-zap"};
  std::string path_ = temp_.file("registry");
  zmq::context_t context_{1};
  KeyRegistry registry_{path_};
  ZapHandler zap_{context_, registry_};
  zmq::socket_t router_{context_, zmq::socket_type::router};
  std::string endpoint_;
};

TEST_F(ZapTest, RegisteredKeyGetsItsNodeIdAsUserId) {
  zmq::socket_t dealer(context_, zmq::socket_type::dealer);
  Client(dealer, node_, hub_.public_z85);
  dealer.connect(endpoint_);
  dealer.send(zmq::str_buffer("hello"));
  ASSERT_TRUE(Readable(router_, 5000));
  zmq::message_t identity, body;
  ASSERT_TRUE(router_.recv(identity));
  ASSERT_TRUE(router_.recv(body));
  EXPECT_STREQ(body.gets("User-Id"), "ME-BP");
  EXPECT_EQ(std::string(body.gets(kKeyProperty)), node_.public_z85);
  EXPECT_EQ(zap_.admitted(), 1u);
  auto decisions = zap_.TakeDecisions();
  ASSERT_EQ(decisions.size(), 1u);
  EXPECT_TRUE(decisions[0].admitted);
  EXPECT_EQ(decisions[0].node_id, "ME-BP");
}

TEST_F(ZapTest, UnregisteredKeyAndPlainTextAreRefused) {
  zmq::socket_t stranger(context_, zmq::socket_type::dealer);
  Client(stranger, stranger_, hub_.public_z85);
  stranger.connect(endpoint_);
  stranger.send(zmq::str_buffer("let me in"));
  zmq::socket_t plain(context_, zmq::socket_type::dealer);
  plain.set(zmq::sockopt::linger, 0);
  plain.connect(endpoint_);
  plain.send(zmq::str_buffer("plain"));
  EXPECT_FALSE(Readable(router_, 1500));
  EXPECT_GE(zap_.denied(), 1u);
}

TEST_F(ZapTest, ReloadRemovesAKeyForNewConnections) {
  WriteRegistry({});
  ASSERT_TRUE(registry_.ReloadIfChanged(true).changed);
  zmq::socket_t dealer(context_, zmq::socket_type::dealer);
  Client(dealer, node_, hub_.public_z85);
  dealer.connect(endpoint_);
  dealer.send(zmq::str_buffer("hello"));
  EXPECT_FALSE(Readable(router_, 1500));
}

// The fan-out relies on this: with XPUB_MANUAL a subscription message carries
// the subscriber's User-Id, and the hub alone decides what it is subscribed to.
TEST_F(ZapTest, XpubSubscriptionCarriesUserIdAndManualGrantsDecide) {
  zmq::socket_t xpub(context_, zmq::socket_type::xpub);
  Server(xpub, hub_);
  xpub.set(zmq::sockopt::xpub_manual, 1);
  xpub.bind("tcp://127.0.0.1:*");
  zmq::socket_t sub(context_, zmq::socket_type::sub);
  Client(sub, node_, hub_.public_z85);
  sub.set(zmq::sockopt::subscribe, "");
  sub.connect(xpub.get(zmq::sockopt::last_endpoint));
  ASSERT_TRUE(Readable(xpub, 5000));
  zmq::message_t request;
  ASSERT_TRUE(xpub.recv(request));
  ASSERT_EQ(request.size(), 1u);  // \x01 + empty topic
  EXPECT_STREQ(request.gets("User-Id"), "ME-BP");
  xpub.set(zmq::sockopt::subscribe, "ok.");  // granted to the pipe that asked
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  for (const char* topic : {"secret.x", "ok.1"}) {
    xpub.send(zmq::buffer(std::string(topic)), zmq::send_flags::sndmore);
    xpub.send(zmq::str_buffer("body"));
  }
  ASSERT_TRUE(Readable(sub, 5000));
  zmq::message_t topic;
  ASSERT_TRUE(sub.recv(topic));
  EXPECT_EQ(topic.to_string(), "ok.1");
}

}  // namespace
}  // namespace opsroom::hub
