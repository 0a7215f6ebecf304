// The relay keeps a valid ZMTP stream while it drops whole messages: checked
// byte by byte on the splitter, then end to end with real ZeroMQ sockets.
#include <chrono>
#include <thread>

#include <gtest/gtest.h>
#include <zmq.hpp>

#include "chaos/relay.h"

namespace opsroom::chaos {
namespace {

std::vector<uint8_t> Greeting() {
  std::vector<uint8_t> g(64, 0);
  g[0] = 0xFF;
  g[9] = 0x7F;
  g[10] = 3;
  return g;
}

std::vector<uint8_t> ShortFrame(uint8_t flags, std::size_t size, uint8_t fill) {
  std::vector<uint8_t> f = {flags, static_cast<uint8_t>(size)};
  f.insert(f.end(), size, fill);
  return f;
}

TEST(ZmtpSplitterTest, SplitsGreetingCommandsAndFramesFedByteByByte) {
  std::vector<uint8_t> stream = Greeting();
  auto command = ShortFrame(0x04, 5, 'c');
  auto first = ShortFrame(0x01, 3, 'a');  // MORE
  auto last = ShortFrame(0x00, 200, 'b');
  std::vector<uint8_t> long_frame = {0x02, 0, 0, 0, 0, 0, 0, 1, 0x2C};  // LONG, 300 bytes
  long_frame.insert(long_frame.end(), 300, 'l');
  for (const auto* part : {&command, &first, &last, &long_frame})
    stream.insert(stream.end(), part->begin(), part->end());

  ZmtpSplitter splitter;
  std::vector<ZmtpSplitter::Unit> units;
  std::size_t greeting_bytes = 0;
  for (uint8_t byte : stream) {
    splitter.Feed(&byte, 1);
    ZmtpSplitter::Unit unit;
    while (splitter.Next(&unit)) {
      if (unit.is_greeting) {
        greeting_bytes += unit.bytes.size();
      } else {
        units.push_back(unit);
      }
    }
  }
  EXPECT_EQ(greeting_bytes, 64u);
  ASSERT_EQ(units.size(), 4u);
  EXPECT_TRUE(units[0].is_command);
  EXPECT_EQ(units[0].bytes, command);
  EXPECT_TRUE(units[1].more);
  EXPECT_EQ(units[2].bytes, last);
  EXPECT_FALSE(units[2].more);
  EXPECT_EQ(units[3].bytes.size(), 309u);
  EXPECT_EQ(splitter.buffered(), 0u);
}

// A ROUTER behind the relay answers every request; the DEALER in front counts replies.
struct Pair {
  zmq::context_t context{1};
  zmq::socket_t router{context, zmq::socket_type::router};
  zmq::socket_t dealer{context, zmq::socket_type::dealer};
  uint16_t router_port = 0;

  Pair() {
    router.set(zmq::sockopt::linger, 0);
    dealer.set(zmq::sockopt::linger, 0);
    router.bind("tcp://127.0.0.1:*");
    std::string endpoint = router.get(zmq::sockopt::last_endpoint);
    router_port = static_cast<uint16_t>(std::stoi(endpoint.substr(endpoint.rfind(':') + 1)));
  }

  // Sends n requests, echoes them from the router, counts what comes back within timeout_ms.
  int RoundTrip(int n, int timeout_ms) {
    for (int i = 0; i < n; ++i) dealer.send(zmq::buffer(std::to_string(i)), zmq::send_flags::none);
    int echoed = 0;
    int received = 0;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < deadline && received < n) {
      zmq::pollitem_t items[] = {{router.handle(), 0, ZMQ_POLLIN, 0}, {dealer.handle(), 0, ZMQ_POLLIN, 0}};
      zmq::poll(items, 2, std::chrono::milliseconds(20));
      zmq::message_t id, body;
      while (router.recv(id, zmq::recv_flags::dontwait)) {
        static_cast<void>(router.recv(body));
        router.send(id, zmq::send_flags::sndmore);
        router.send(body, zmq::send_flags::none);
        ++echoed;
      }
      while (dealer.recv(body, zmq::recv_flags::dontwait)) ++received;
    }
    EXPECT_EQ(echoed, n) << "node->hub traffic must never be dropped";
    return received;
  }
};

TEST(RelayTest, PassesEverythingWhenTold) {
  Pair pair;
  Relay relay({pair.router_port, 1, 0.0, 0});
  std::string error;
  ASSERT_TRUE(relay.Start(&error)) << error;
  pair.dealer.connect(relay.endpoint());
  EXPECT_EQ(pair.RoundTrip(200, 3000), 200);
  EXPECT_EQ(relay.counters().messages_dropped, 0u);
  EXPECT_EQ(relay.counters().messages_forwarded, 200u);
}

TEST(RelayTest, DropsSomeRepliesAndKeepsTheStreamValid) {
  Pair pair;
  Relay relay({pair.router_port, 7, 0.3, 5});
  std::string error;
  ASSERT_TRUE(relay.Start(&error)) << error;
  pair.dealer.connect(relay.endpoint());
  int received = pair.RoundTrip(500, 2000);
  RelayCounters counters = relay.counters();
  EXPECT_GT(counters.messages_dropped, 50u);
  EXPECT_EQ(static_cast<uint64_t>(received), 500 - counters.messages_dropped)
      << "everything not dropped arrives: the stream was never broken";
  relay.SetDropProbability(0.0);
  EXPECT_EQ(pair.RoundTrip(100, 3000), 100) << "the same connection still works";
}

TEST(RelayTest, CutAllClosesConnectionsAndZeroMqReconnects) {
  Pair pair;
  Relay relay({pair.router_port, 3, 0.0, 0});
  std::string error;
  ASSERT_TRUE(relay.Start(&error)) << error;
  pair.dealer.connect(relay.endpoint());
  EXPECT_EQ(pair.RoundTrip(10, 3000), 10);
  relay.CutAll();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(pair.RoundTrip(10, 5000), 10);
  EXPECT_GE(relay.counters().connections, 2u);
}

}  // namespace
}  // namespace opsroom::chaos
