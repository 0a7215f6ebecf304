// opsroom-node send with long inputs, against a real hub: every line gets the
// hub's first answer (its own reason, `duplicate` only for what the hub held
// before), a killed send run again stores nothing twice, a pipe kept open is
// answered line by line, bad lines do not stop the good ones around them.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <map>
#include <regex>
#include <sstream>

#include "hub/tools/dump_stats.h"
#include "tests/integration/cli_node_fixture.h"

namespace opsroom::nodes {
namespace {

std::string AlertLine(const std::string& alert_id) {
  return R"({"payload_type": "Alert", "payload": {"alert_id": ")" + alert_id +
         R"(", "title": "Truck with cigarettes at Bar", "place_code": "PORT-ME-BAR", "observed_at_ms": )" +
         std::to_string(WallNowMs() - 60'000) + "}}";
}

std::string ActionLine(const std::string& alert_id) {
  return R"({"payload_type": "AlertAction", "payload": {"alert_id": ")" + alert_id +
         R"(", "kind": "Comment", "actor": "desk 3", "text": "seen", "at_ms": )" +
         std::to_string(WallNowMs() - 60'000) + "}}";
}

// Alerts K-1..K-count, one per line; lines listed in `actions` are instead an
// action on an alert that does not exist.
std::string AlertFile(int count, const std::vector<int>& actions) {
  std::string text;
  for (int line = 1; line <= count; ++line) {
    bool action = std::find(actions.begin(), actions.end(), line) != actions.end();
    text +=
        (action ? ActionLine("ME-BP:NO-SUCH-" + std::to_string(line)) : AlertLine("ME-BP:K-" + std::to_string(line))) +
        "\n";
  }
  return text;
}

// How many events of the hub's log (its dump) name each alert_id (alerts only here).
std::map<std::string, int> AlertVersions(const HubFixture& hub) {
  std::ostringstream dump;
  EXPECT_TRUE(hub::DumpLog(hub.data_dir(), dump).ok);
  std::map<std::string, int> versions;
  std::regex id(R"re("alert_id":\s*"([^"]+)")re");
  std::string text = dump.str();
  for (auto it = std::sregex_iterator(text.begin(), text.end(), id); it != std::sregex_iterator(); ++it) {
    ++versions[(*it)[1]];
  }
  return versions;
}

std::string NodeBinary() { return std::string(OPSROOM_BINARY_DIR) + "/nodes/opsroom-node"; }

std::string CommandLine(const std::vector<std::string>& args) {
  std::string command = "exec " + Quote(NodeBinary());
  for (const std::string& arg : args) command += " " + Quote(arg);
  return command;
}

// Polls `path` until it holds at least `lines` lines or 60 s pass.
std::vector<std::string> WaitForLines(const std::filesystem::path& path, std::size_t lines) {
  std::vector<std::string> seen;
  for (int i = 0; i < 3000 && seen.size() < lines; ++i) {
    seen = Lines(ReadFile(path));
    if (seen.size() < lines) usleep(20'000);
  }
  return seen;
}

TEST_F(CliNode, EveryLineOfALongFileGetsTheHubsFirstAnswer) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  std::ofstream(dir_ / "lines.jsonl") << AlertFile(20'000, {1, 12'345});
  NodeRun run = Node(AsNode(hub, "ME-BP", {"send", "--json", (dir_ / "lines.jsonl").string()}), "", 240);
  EXPECT_EQ(run.exit_code, 1) << run.err;
  auto lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 20'000u) << run.err;
  EXPECT_EQ(lines[0].rfind("1 error UnknownAlert (", 0), 0u) << lines[0];
  EXPECT_EQ(lines[12'344].rfind("12345 error UnknownAlert (", 0), 0u) << lines[12'344];
  std::size_t ok = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    EXPECT_EQ(lines[i].find("duplicate"), std::string::npos) << lines[i];
    EXPECT_EQ(lines[i].rfind(std::to_string(i + 1) + " ", 0), 0u) << "in input order: " << lines[i];
    ok += lines[i].find(" ok hub_seq=") != std::string::npos ? 1 : 0;
  }
  EXPECT_EQ(ok, 19'998u);
  EXPECT_EQ(hub.stats().Get(hub::Counter::kStored), 19'998);
}

TEST_F(CliNode, SendKilledMidFileAndRunAgainStoresEveryItemOnce) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  const int kLines = 20'000;
  std::ofstream(dir_ / "lines.jsonl") << AlertFile(kLines, {});
  std::vector<std::string> args = AsNode(hub, "ME-BP", {"send", "--json", (dir_ / "lines.jsonl").string()});
  std::string first_run = CommandLine(args) + " >" + Quote((dir_ / "first").string()) + " 2>/dev/null";
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    execl("/bin/sh", "sh", "-c", first_run.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  std::vector<std::string> before_kill = WaitForLines(dir_ / "first", 2000);
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_GE(before_kill.size(), 2000u) << "the first run answered too little before the kill";
  auto printed_first = Lines(ReadFile(dir_ / "first"));
  ASSERT_LT(printed_first.size(), static_cast<std::size_t>(kLines)) << "killed too late to test anything";

  NodeRun again = Node(args, "", 240);
  EXPECT_EQ(again.exit_code, 0) << again.err;
  auto lines = Lines(again.out);
  ASSERT_EQ(lines.size(), static_cast<std::size_t>(kLines)) << again.err;
  for (std::size_t i = 0; i < printed_first.size(); ++i) {
    // What the first run printed ok is held: the same hub_seq, marked duplicate.
    EXPECT_EQ(lines[i], printed_first[i] + " duplicate");
  }
  std::map<std::string, int> versions = AlertVersions(hub);
  EXPECT_EQ(versions.size(), static_cast<std::size_t>(kLines));
  for (const auto& [alert_id, count] : versions) EXPECT_EQ(count, 1) << alert_id << " stored " << count << " times";
  EXPECT_EQ(hub.stats().Get(hub::Counter::kStored), kLines);
}

TEST_F(CliNode, APipeKeptOpenIsAnsweredLineByLine) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  std::string command = CommandLine(AsNode(hub, "ME-BP", {"send", "--json", "-"})) + " >" +
                        Quote((dir_ / "out").string()) + " 2>" + Quote((dir_ / "err").string());
  FILE* pipe = popen(command.c_str(), "w");
  ASSERT_NE(pipe, nullptr);
  for (int line = 1; line <= 3; ++line) {
    std::string text = AlertLine("ME-BP:P-" + std::to_string(line)) + "\n";
    fwrite(text.data(), 1, text.size(), pipe);
    fflush(pipe);
    // The answer comes while the pipe stays open (the next line is not written yet).
    auto seen = WaitForLines(dir_ / "out", static_cast<std::size_t>(line));
    ASSERT_EQ(seen.size(), static_cast<std::size_t>(line)) << ReadFile(dir_ / "err");
    EXPECT_EQ(seen.back(), std::to_string(line) + " ok hub_seq=" + std::to_string(line));
  }
  int status = pclose(pipe);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status << ReadFile(dir_ / "err");
}

TEST_F(CliNode, BadLinesAreAnsweredOneByOneAndTheGoodOnesAroundThemStored) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  std::string input = AlertLine("ME-BP:G-1") + "\n{\"payload_type\": \"Alert\", \"payload\": \n" +
                      AlertLine("ME-BP:G-2") + "\n[1, 2]\n\n" +
                      R"({"payload_type": "Alert", "payload": {"alert_id": "ME-BP:G-x"}})" + "\n" +
                      AlertLine("ME-BP:G-3") + "\n";
  NodeRun run = Node(AsNode(hub, "ME-BP", {"send", "--json", "-"}), input);
  EXPECT_EQ(run.exit_code, 1);
  auto lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 6u) << run.out << run.err;
  EXPECT_EQ(lines[0], "1 ok hub_seq=1");
  EXPECT_EQ(lines[1].rfind("2 error Malformed (100): JSON", 0), 0u) << lines[1];
  EXPECT_EQ(lines[2], "3 ok hub_seq=2");
  EXPECT_EQ(lines[3].rfind("4 error Malformed (100): JSON: expected one object per line", 0), 0u) << lines[3];
  EXPECT_EQ(lines[4].rfind("6 error ", 0), 0u) << "the blank line 5 gets no result: " << lines[4];
  EXPECT_EQ(lines[5], "7 ok hub_seq=3");
  EXPECT_EQ(hub.stats().Get(hub::Counter::kStored), 3);
}

}  // namespace
}  // namespace opsroom::nodes

namespace opsroom::nodes {
namespace {

// Issue 18's loose end: a node whose outbox was lost numbers from 1 again,
// below what the hub holds from it; what it queued before the hub answered is
// renumbered after the hub's last node_seq instead of refused.
TEST_F(CliNode, ALostOutboxQueuesFrom1AndItsReportsAreRenumberedAfterTheHubsLast) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  NodeRun first = Node(AsNode(hub, "ME-BP", {"send", "--json", "-"}), AlertLine("ME-BP:R-1") + "\n");
  ASSERT_EQ(first.out, "1 ok hub_seq=1\n") << first.err;
  std::filesystem::remove_all(dir_ / "outbox-ME-BP");
  hub.Stop();
  NodeRun queued =
      Node(AsNode(hub, "ME-BP", {"--timeout", "1000", "send", "--json", "-"}), AlertLine("ME-BP:R-2") + "\n");
  EXPECT_EQ(queued.exit_code, 4) << queued.err;
  EXPECT_EQ(queued.out, "1 queued node_seq=1\n") << "a new outbox starts at 1";
  ASSERT_TRUE(hub.Restart());
  NodeRun flushed = Node(AsNode(hub, "ME-BP", {"flush"}));
  EXPECT_EQ(flushed.exit_code, 0) << flushed.err;
  // Without the renumbering it would be acked as a duplicate of the first
  // report (the same node_seq and default message_id ME-BP:1) and lost.
  EXPECT_EQ(flushed.out.rfind("delivered 1 of 1, 0 pending; last ack node_seq 2 hub_seq 2", 0), 0u) << flushed.out;
  EXPECT_NE(flushed.err.find("now go as node_seq 2..2"), std::string::npos) << flushed.err;
  std::map<std::string, int> versions = AlertVersions(hub);
  EXPECT_EQ(versions["ME-BP:R-1"], 1);
  EXPECT_EQ(versions["ME-BP:R-2"], 1);
}

// A spreadsheet's rows (one spanning two lines) through the real binary and a
// real hub: each row answered on the line it starts, the bad ones with their
// reason, the good ones stored; a watchlist file the same way.
TEST_F(CliNode, CsvRowsAreSentAndBadRowsAnsweredWithTheirLine) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  std::ofstream(dir_ / "alerts.csv") << "alert-id,title,severity,place,body\r\n"
                                     << "ME-BP:C-1,Truck at Bar,flash,PORT-ME-BAR,\"two\r\nlines\"\r\n"
                                     << "ME-BP:C-2,Bus,sever,PORT-ME-BAR,\r\n"
                                     << "ME-BP:C-3,Van,urgent,PORT-ME-BAR,\r\n";
  NodeRun run = Node(AsNode(hub, "ME-BP", {"send", "--csv", (dir_ / "alerts.csv").string(), "--kind", "alert"}));
  EXPECT_EQ(run.exit_code, 1) << run.err;
  auto lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 3u) << run.out << run.err;
  EXPECT_EQ(lines[0].rfind("2 ok hub_seq=", 0), 0u) << lines[0];
  EXPECT_EQ(lines[1].rfind("4 error InvalidValue (209): column severity 'sever'", 0), 0u) << lines[1];
  EXPECT_EQ(lines[2].rfind("5 ok hub_seq=", 0), 0u) << lines[2];
  auto versions = AlertVersions(hub);
  EXPECT_EQ(versions["ME-BP:C-1"], 1);
  EXPECT_EQ(versions.count("ME-BP:C-2"), 0u);
  EXPECT_EQ(versions["ME-BP:C-3"], 1);

  std::ofstream(dir_ / "watch.csv") << "entry_id,kind,name,dob\nW-1,person,Ana Anić,1990-05-06\n";
  NodeRun watch = Node(AsNode(hub, "ME-BP", {"send", "--csv", (dir_ / "watch.csv").string(), "--kind", "watchlist"}));
  EXPECT_EQ(watch.exit_code, 0) << watch.out << watch.err;
  EXPECT_EQ(watch.out.rfind("2 ok hub_seq=", 0), 0u) << watch.out;

  NodeRun no_kind = Node(AsNode(hub, "ME-BP", {"send", "--csv", (dir_ / "watch.csv").string()}));
  EXPECT_EQ(no_kind.exit_code, 2);
  EXPECT_NE(no_kind.err.find("--kind alert or --kind watchlist is required"), std::string::npos) << no_kind.err;
}

}  // namespace
}  // namespace opsroom::nodes
