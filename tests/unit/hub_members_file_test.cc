// How a hub learns it is a cluster member (hub/cluster/members_file.h,
// --member-id and --members): a good file, and each typo named with its line.
#include <gtest/gtest.h>

#include <fstream>

#include "hub/cluster/members_file.h"
#include "hub/tools/command_line.h"
#include "support/temp_dir.h"

namespace opsroom::hub {
namespace {

constexpr const char* kThree =
    "# id  raft            clients\n"
    "1  10.0.1.10:7710  tcp://10.0.1.10:7700\n"
    "\n"
    "2  10.0.2.10:7710  tcp://10.0.2.10:7700   # building B\n"
    "3  hub-c.example:7710  tcp://hub-c.example:7700\n";

std::string ErrorOf(const std::string& text) {
  std::string error;
  std::vector<ClusterMember> members = ParseMembers(text, "members", &error);
  EXPECT_TRUE(members.empty() || error.empty());
  return error;
}

TEST(MembersFileTest, ReadsEveryMemberWithCommentsAndBlankLines) {
  std::string error;
  std::vector<ClusterMember> members = ParseMembers(kThree, "members", &error);
  ASSERT_EQ(error, "");
  ASSERT_EQ(members.size(), 3u);
  EXPECT_EQ(members[1].id, 2u);
  EXPECT_EQ(members[1].raft_address, "10.0.2.10:7710");
  EXPECT_EQ(members[1].client_endpoint, "tcp://10.0.2.10:7700");
  EXPECT_EQ(members[2].raft_address, "hub-c.example:7710");
}

TEST(MembersFileTest, EachTypoIsNamedWithItsLine) {
  EXPECT_EQ(ErrorOf("1 a:1 tcp://a:2\n2 b:1\n"),
            "members:2: a member is ID RAFT_HOST:PORT tcp://CLIENT_HOST:PORT, not 2 fields");
  EXPECT_EQ(ErrorOf("one a:1 tcp://a:2\n"), "members:1: the id must be a whole number above 0, not \"one\"");
  EXPECT_EQ(ErrorOf("0 a:1 tcp://a:2\n"), "members:1: the id must be a whole number above 0, not \"0\"");
  EXPECT_EQ(ErrorOf("1 tcp://a:1 tcp://a:2\n"),
            "members:1: the raft address is HOST:PORT without a scheme, not \"tcp://a:1\"");
  EXPECT_EQ(ErrorOf("1 a:99999 tcp://a:2\n"),
            "members:1: the raft address must be HOST:PORT with a port from 1 to 65535, not \"a:99999\"");
  EXPECT_EQ(ErrorOf("1 a:1 tcp:/a:2\n"), "members:1: the client endpoint must be tcp://HOST:PORT, not \"tcp:/a:2\"");
  EXPECT_EQ(ErrorOf("1 a:1 tcp://a\n"), "members:1: the client endpoint must be tcp://HOST:PORT, not \"tcp://a\"");
  EXPECT_EQ(ErrorOf("1 a:1 tcp://a:2\n1 b:1 tcp://b:2\n"), "members:2: member id 1 is listed twice");
  EXPECT_EQ(ErrorOf("1 a:1 tcp://a:2\n2 a:1 tcp://b:2\n"), "members:2: raft address a:1 is listed twice");
  EXPECT_EQ(ErrorOf("# nobody\n"), "members: no members (one a line: ID RAFT_HOST:PORT tcp://CLIENT_HOST:PORT)");
}

TEST(MembersFileTest, TheCommandLineMakesAClusterMember) {
  testing::TempDir dir;
  ASSERT_TRUE(dir.made());
  std::string path = dir.file("members");
  std::ofstream(path) << kThree;

  ParsedCommand run = ParseCommandLine({"--member-id", "2", "--members", path, "--raft-dir", "/r"});
  ASSERT_TRUE(run.command.has_value()) << run.error;
  EXPECT_EQ(run.command->config.cluster.member_id, 2u);
  EXPECT_EQ(run.command->config.cluster.members.size(), 3u);
  EXPECT_EQ(run.command->config.cluster.raft_dir, "/r");
  EXPECT_TRUE(ParseCommandLine({}).command->config.cluster.members.empty()) << "a single hub by default";

  ParsedCommand stranger = ParseCommandLine({"--member-id", "4", "--members", path});
  EXPECT_FALSE(stranger.command.has_value());
  EXPECT_NE(stranger.error.find("--member-id 4 is not in the members file (its ids: 1, 2, 3)"), std::string::npos)
      << stranger.error;
  ParsedCommand no_id = ParseCommandLine({"--members", path});
  EXPECT_NE(no_id.error.find("--members needs --member-id N"), std::string::npos) << no_id.error;
  ParsedCommand no_file = ParseCommandLine({"--member-id", "1"});
  EXPECT_NE(no_file.error.find("--member-id needs --members FILE"), std::string::npos) << no_file.error;
  ParsedCommand missing = ParseCommandLine({"--member-id", "1", "--members", dir.file("nope")});
  EXPECT_NE(missing.error.find("cannot read the members file"), std::string::npos) << missing.error;
}

}  // namespace
}  // namespace opsroom::hub
