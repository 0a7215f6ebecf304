// docs/protocol.md 17.1: the --hub list of a cluster, its errors (which
// element, what was expected) and the ring a client walks over it; and the
// command lines of opsroom-node and opsroom-console that take it.
#include <gtest/gtest.h>

#include "nodes/cli/cli_args.h"
#include "nodes/client/hub_endpoints.h"

namespace opsroom::nodes {
namespace {

std::string ErrorOf(const std::string& text) {
  std::string error;
  auto parsed = ParseHubList(text, &error);
  EXPECT_FALSE(parsed) << text << " was accepted";
  return error;
}

TEST(HubList, ParsesEveryMemberInOrderAndIgnoresSpacesAroundThem) {
  std::string error;
  auto parsed = ParseHubList("tcp://a.example:7700, tcp://10.0.2.10:7700 ,tcp://[::1]:7800,ipc:///run/hub", &error);
  ASSERT_TRUE(parsed) << error;
  EXPECT_EQ(*parsed, (std::vector<std::string>{"tcp://a.example:7700", "tcp://10.0.2.10:7700", "tcp://[::1]:7800",
                                               "ipc:///run/hub"}));
}

TEST(HubList, OneEndpointIsAListOfOne) {
  std::string error;
  auto parsed = ParseHubList("tcp://127.0.0.1:7700", &error);
  ASSERT_TRUE(parsed) << error;
  EXPECT_EQ(*parsed, std::vector<std::string>{"tcp://127.0.0.1:7700"});
}

TEST(HubList, EachErrorNamesTheElementAndWhatWasExpected) {
  EXPECT_EQ(ErrorOf("tcp://a:7700,tcp://b,tcp://c:7700"),
            "element 2 of 3 ('tcp://b'): no port; expected tcp://HOST:PORT");
  EXPECT_EQ(ErrorOf("tcp://a:7700,,tcp://c:7700"), "element 2 of 3 (''): empty; expected tcp://HOST:PORT");
  EXPECT_EQ(ErrorOf("tcp://a:7700,"), "element 2 of 2 (''): empty; expected tcp://HOST:PORT");
  EXPECT_EQ(ErrorOf("a:7700"), "element 1 of 1 ('a:7700'): not tcp://, ipc:// or inproc://; expected tcp://HOST:PORT");
  EXPECT_EQ(ErrorOf("tcp://a:77x0"),
            "element 1 of 1 ('tcp://a:77x0'): port '77x0' is not a number; expected tcp://HOST:PORT");
  EXPECT_EQ(ErrorOf("tcp://a:"), "element 1 of 1 ('tcp://a:'): port '' is not a number; expected tcp://HOST:PORT");
  EXPECT_EQ(ErrorOf("tcp://:7700"), "element 1 of 1 ('tcp://:7700'): no host; expected tcp://HOST:PORT");
  EXPECT_EQ(ErrorOf("tcp://[::1]"), "element 1 of 1 ('tcp://[::1]'): no port; expected tcp://HOST:PORT");
  EXPECT_EQ(ErrorOf("tcp://a:65535"),
            "element 1 of 1 ('tcp://a:65535'): port 65535 is out of range; expected 1 to 65534 (the fan-out is on "
            "port + 1)");
  EXPECT_EQ(ErrorOf("tcp://a:0"),
            "element 1 of 1 ('tcp://a:0'): port 0 is out of range; expected 1 to 65534 (the fan-out is on port + 1)");
  EXPECT_EQ(ErrorOf("tcp://a:7700,tcp://b:7700,tcp://a:7700"),
            "element 3 of 3 ('tcp://a:7700'): named twice; expected each hub of the cluster once");
  EXPECT_EQ(ErrorOf("ipc://"), "element 1 of 1 ('ipc://'): no name after ipc://");
}

TEST(EndpointRing, NextGoesRoundAndMoveToFollowsTheLeaderListedOrNot) {
  EndpointRing ring("tcp://a:1", {"tcp://b:1", "tcp://a:1", "tcp://c:1"});
  ASSERT_EQ(ring.size(), 3u);  // the first named again is skipped
  EXPECT_EQ(ring.current(), "tcp://a:1");
  ring.Next();
  EXPECT_EQ(ring.current(), "tcp://b:1");
  EXPECT_EQ(ring.FromCurrent(), (std::vector<std::string>{"tcp://b:1", "tcp://c:1", "tcp://a:1"}));
  ring.Next();
  ring.Next();
  EXPECT_EQ(ring.current(), "tcp://a:1");
  ring.MoveTo("tcp://c:1");
  EXPECT_EQ(ring.current(), "tcp://c:1");
  ring.MoveTo("tcp://d:1");  // a member that joined later
  EXPECT_EQ(ring.current(), "tcp://d:1");
  EXPECT_EQ(ring.size(), 4u);
  ring.Next();
  EXPECT_EQ(ring.current(), "tcp://a:1");
}

TEST(HubListCli, OpsroomNodeTakesTheListAndSaysWhichElementIsWrong) {
  cli::ParsedArgs ok = cli::ParseArgs({"--id", "ME-BP", "--hub", "tcp://a:7700,tcp://b:7700", "status"});
  ASSERT_TRUE(ok.options) << ok.error;
  EXPECT_EQ(ok.options->hub, "tcp://a:7700");
  EXPECT_EQ(ok.options->other_hubs, std::vector<std::string>{"tcp://b:7700"});

  cli::ParsedArgs bad = cli::ParseArgs({"--id", "ME-BP", "--hub", "tcp://a:7700,tcp://b", "status"});
  ASSERT_FALSE(bad.options);
  EXPECT_EQ(bad.error, "--hub: element 2 of 2 ('tcp://b'): no port; expected tcp://HOST:PORT");

  cli::ParsedArgs fanout =
      cli::ParseArgs({"--id", "ME-BP", "--hub", "tcp://a:7700,tcp://b:7700", "--fanout", "tcp://a:7701", "status"});
  ASSERT_FALSE(fanout.options);
  EXPECT_NE(fanout.error.find("--fanout names one hub's PUB"), std::string::npos) << fanout.error;
}

}  // namespace
}  // namespace opsroom::nodes
