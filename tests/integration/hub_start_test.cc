// Where a hub may start: never on a data directory other users of the
// machine can open (unless --allow-shared-data-dir says it is meant), and on
// the loopback endpoints --insecure accepts, tcp://localhost and tcp://[::1]
// included. Real hubs on loopback; file modes checked with stat().
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include <gtest/gtest.h>

#include "hub/config.h"
#include "hub/hub_server.h"
#include "integration/hub_fixture.h"
#include "tests/support/temp_dir.h"

namespace opsroom::testing {
namespace {

namespace fs = std::filesystem;

class HubStartTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(root_.made()); }
  hub::HubConfig Insecure(const std::string& bind) {
    hub::HubConfig config;
    config.data_dir = root_.file("hub");
    config.insecure = true;
    config.bind = bind;
    return config;
  }
  // Hello over plain text to a started hub; true when Welcome answers.
  static bool Welcomes(const std::string& endpoint, bool ipv6) {
    zmq::context_t context(1);
    zmq::socket_t dealer(context, zmq::socket_type::dealer);
    dealer.set(zmq::sockopt::linger, 0);
    if (ipv6) dealer.set(zmq::sockopt::ipv6, 1);
    dealer.connect(endpoint);
    wire::Bytes hello = wire::BuildHello("ME-BP", "ME", wire::ClientRole::NationalNode, "t", wire::kProtocolVersion);
    dealer.send(zmq::buffer(hello.data(), hello.size()));
    zmq::pollitem_t item{dealer.handle(), 0, ZMQ_POLLIN, 0};
    if (zmq::poll(&item, 1, std::chrono::milliseconds(kDefaultTimeoutMs)) <= 0) return false;
    zmq::message_t reply;
    if (!dealer.recv(reply)) return false;
    auto* data = static_cast<const uint8_t*>(reply.data());
    wire::Bytes bytes(data, data + reply.size());  // the frame points into it: it must outlive the read
    const wire::Frame* frame = AsFrame(bytes);
    return frame != nullptr && frame->body_type() == wire::Body::Welcome;
  }

  // An --insecure hub bound to `bind` (both sockets) serves a Hello on the
  // endpoint it reports, which begins with `bound`.
  void ServeOn(const std::string& bind, const std::string& bound, bool ipv6) {
    hub::HubConfig config = Insecure(bind);
    config.pub_bind = bind;
    hub::HubServer server(config);
    wire::Status started = server.Start();
    ASSERT_TRUE(started.ok) << started.error;
    EXPECT_EQ(server.router_endpoint().rfind(bound, 0), 0u) << server.router_endpoint();
    EXPECT_EQ(server.pub_endpoint().rfind(bound, 0), 0u) << server.pub_endpoint();
    std::thread loop([&] { server.Run(); });
    EXPECT_TRUE(Welcomes(server.router_endpoint(), ipv6));
    server.RequestStop();
    loop.join();
  }

  TempDir root_{"opsroom-hub-start"};
};

TEST_F(HubStartTest, ADataDirectoryOthersCanOpenIsRefusedUnlessAllowed) {
  hub::HubConfig config = Insecure("tcp://127.0.0.1:*");
  fs::create_directories(config.data_dir);
  fs::permissions(config.data_dir, fs::perms(0755), fs::perm_options::replace);
  wire::Status refused = hub::HubServer(config).Start();
  EXPECT_FALSE(refused.ok);
  EXPECT_NE(refused.error.find("chmod 700 " + config.data_dir), std::string::npos) << refused.error;
  EXPECT_NE(refused.error.find("--allow-shared-data-dir"), std::string::npos) << refused.error;
  EXPECT_NE(refused.error.find("0755"), std::string::npos) << refused.error;
  EXPECT_FALSE(fs::exists(config.data_dir + "/CURRENT")) << "no store was opened";

  config.allow_shared_data_dir = true;
  EXPECT_TRUE(hub::HubServer(config).Start().ok);

  config.allow_shared_data_dir = false;
  fs::permissions(config.data_dir, fs::perms(0700), fs::perm_options::replace);
  EXPECT_TRUE(hub::HubServer(config).Start().ok) << "fixed as the message says";
}

TEST_F(HubStartTest, ANewDataDirectoryIsTheHubUsersAlone) {
  hub::HubConfig config = Insecure("tcp://127.0.0.1:*");
  config.data_dir = (root_.path() / "var" / "hub").string();
  mode_t previous = ::umask(022);
  {
    hub::HubServer server(config);
    ASSERT_TRUE(server.Start().ok);
  }
  ::umask(previous);
  struct stat info {};
  ASSERT_EQ(::stat(config.data_dir.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0700u);
  EXPECT_TRUE(hub::HubServer(config).Start().ok) << "and it starts on it again";
}

TEST_F(HubStartTest, InsecureBindsLocalhostByName) { ServeOn("tcp://localhost:*", "tcp://127.0.0.1:", false); }

bool HasIpv6Loopback() {
  int fd = ::socket(AF_INET6, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in6 address{};
  address.sin6_family = AF_INET6;
  address.sin6_addr = in6addr_loopback;
  bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return ok;
}

TEST_F(HubStartTest, InsecureBindsTheIpv6Loopback) {
  if (!HasIpv6Loopback()) GTEST_SKIP() << "this machine has no IPv6 loopback";
  ServeOn("tcp://[::1]:*", "tcp://[::1]:", true);
}

}  // namespace
}  // namespace opsroom::testing
