// The real binaries over CurveZMQ, as an operator meets them: a bare
// opsroom-hub (only --bind, for a free port) in an empty working directory
// makes its keys under ./var/hub/keys on first start and never again;
// opsroom-keys admits nodes; opsroom-node alert, tail and simulate and
// opsroom-hub stats talk CURVE with --key/--hub-key (--keys DIR); an
// unregistered, missing or group-readable key is a clear error.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "tests/support/free_port.h"
#include "tests/support/read_file.h"
#include "chaos/process.h"
#include "integration/binary_run.h"
#include "tests/support/temp_dir.h"
#include "nodes/sim/sim_content.h"
#include "wire/audit_head.h"
#include "wire/json_codec.h"
#include "wire/participants.h"

namespace opsroom::testing {
namespace {

namespace fs = std::filesystem;

std::string Quote(const std::string& arg) {
  std::string quoted = "'";
  for (char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// Runs `program args` in `dir`, bounded by `timeout_s` seconds.
BinaryRun RunIn(const fs::path& dir, const std::string& program, const std::vector<std::string>& args,
                int timeout_s = 30) {
  std::string command = "cd " + Quote(dir.string()) + " && timeout -k 5 " + std::to_string(timeout_s) + " " +
                        Quote(std::string(OPSROOM_BINARY_DIR) + "/" + program);
  for (const std::string& arg : args) command += " " + Quote(arg);
  return RunCommandLine(command + " </dev/null");
}

unsigned ModeOf(const fs::path& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? (st.st_mode & 0777) : 0;
}

class BareHubTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = MakeTempDir("opsroom-bare-hub");
    port_ = FreePortPair();
    ASSERT_TRUE(StartHub());
    ASSERT_TRUE(WaitForLog("ROUTER", 20'000)) << ReadFileText(dir_ / "hub.err");
  }
  void TearDown() override {
    StopHub();
    fs::remove_all(dir_);
  }

  std::string Endpoint() const { return "tcp://127.0.0.1:" + std::to_string(port_); }
  fs::path Keys() const { return dir_ / "var/hub/keys"; }
  fs::path AuditKeys() const { return dir_ / "var/hub-audit"; }  // beside the store, not in it
  std::string HubPub() const { return "var/hub/keys/hub.pub"; }

  // The bare hub: no --data, no --keys; only a free port instead of 7700.
  bool StartHub() {
    std::string error;
    std::string shell = "cd " + Quote(dir_.string()) + " && exec " +
                        Quote(std::string(OPSROOM_BINARY_DIR) + "/hub/opsroom-hub") + " --bind " + Endpoint();
    auto child = chaos::ChildProcess::Start({"/bin/sh", "-c", shell}, "", (dir_ / "hub.err").string(), &error);
    if (!child) ADD_FAILURE() << error;
    hub_ = std::move(child);
    return hub_.has_value();
  }
  // SIGTERM and the exit code (0 for a clean stop).
  int StopHub() {
    if (!hub_ || !hub_->running()) return -1;
    hub_->Signal(SIGTERM);
    auto status = hub_->Wait(15'000);
    int code = status && WIFEXITED(*status) ? WEXITSTATUS(*status) : -1;
    hub_.reset();
    return code;
  }
  bool WaitForLog(const std::string& text, int timeout_ms) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < deadline) {
      if (ReadFileText(dir_ / "hub.err").find(text) != std::string::npos) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }
  // opsroom-keys new + register, then SIGHUP so the hub reloads at once.
  void Admit(const std::string& node, const std::string& country, const std::string& role) {
    BinaryRun made = RunIn(dir_, "hub/opsroom-keys", {"new", "--out", "keys", "--name", node});
    ASSERT_EQ(made.exit_code, 0) << made.output;
    BinaryRun registered = RunIn(dir_, "hub/opsroom-keys",
                                 {"register", "--registry", "var/hub/keys/registry", "--key", "keys/" + node + ".pub",
                                  "--node", node, "--country", country, "--role", role});
    ASSERT_EQ(registered.exit_code, 0) << registered.output;
    hub_->Signal(SIGHUP);
  }
  BinaryRun Node(std::vector<std::string> args) {
    args.insert(args.begin(), {"--hub", Endpoint(), "--timeout", "5000"});
    return RunIn(dir_, "nodes/opsroom-node", args, 60);
  }

  fs::path dir_;
  uint16_t port_ = 0;
  std::optional<chaos::ChildProcess> hub_;
};

TEST_F(BareHubTest, FirstStartMakesKeysThatAreNeverReplaced) {
  std::string log = ReadFileText(dir_ / "hub.err");
  EXPECT_NE(log.find("FIRST START"), std::string::npos) << log;
  EXPECT_NE(log.find((Keys() / "hub.pub").string()), std::string::npos) << log;
  EXPECT_NE(log.find("opsroom-keys register --registry"), std::string::npos) << log;
  EXPECT_EQ(log.find("insecure"), std::string::npos) << log;
  EXPECT_EQ(ModeOf(Keys() / "hub.key"), 0600u);
  EXPECT_EQ(ModeOf(Keys()), 0700u);
  EXPECT_TRUE(fs::exists(Keys() / "hub.pub"));
  EXPECT_TRUE(fs::exists(Keys() / "registry"));
  const std::string secret = ReadFileText(Keys() / "hub.key");

  ASSERT_EQ(StopHub(), 0);
  fs::remove(dir_ / "hub.err");
  ASSERT_TRUE(StartHub());
  ASSERT_TRUE(WaitForLog("ROUTER", 20'000)) << ReadFileText(dir_ / "hub.err");
  EXPECT_EQ(ReadFileText(dir_ / "hub.err").find("FIRST START"), std::string::npos);
  EXPECT_EQ(ReadFileText(Keys() / "hub.key"), secret);
}

TEST_F(BareHubTest, RegisteredNodesTalkCurveAndOthersGetNothingThrough) {
  Admit("ME-BP", "ME", "national");
  Admit("OPSROOM-DUTY", "OPSROOM", "console");
  BinaryRun alert = Node({"--key", "keys/ME-BP.key", "--hub-key", HubPub(), "alert", "--title", "Van near Sukobin",
                          "--lat", "42.03", "--lon", "19.41"});
  ASSERT_EQ(alert.exit_code, 0) << alert.output;
  // hub_seq 1 is the hub's record of ME-BP's link (docs/protocol.md 4.2), the alert 2.
  EXPECT_NE(alert.output.find("hub_seq=2 node_seq=1"), std::string::npos) << alert.output;

  BinaryRun tail =
      Node({"--key", "keys/OPSROOM-DUTY.key", "--hub-key", HubPub(), "tail", "--from", "1", "--count", "2"});
  ASSERT_EQ(tail.exit_code, 0) << tail.output;
  EXPECT_NE(tail.output.find("\"origin\": \"ME-BP\""), std::string::npos) << tail.output;

  BinaryRun stats = RunIn(dir_, "hub/opsroom-hub",
                          {"stats", "--hub", Endpoint(), "--key", "keys/OPSROOM-DUTY.key", "--hub-key", HubPub()});
  ASSERT_EQ(stats.exit_code, 0) << stats.output;
  // "stored" counts the hub's own entries too (link changes): one node message got in.
  EXPECT_NE(stats.output.find("acks_sent 1\n"), std::string::npos) << stats.output;

  ASSERT_EQ(RunIn(dir_, "hub/opsroom-keys", {"new", "--out", "keys", "--name", "RS-BP"}).exit_code, 0);
  BinaryRun stranger = Node({"--key", "keys/RS-BP.key", "--hub-key", HubPub(), "--timeout", "1500", "alert", "--title",
                             "x", "--lat", "44", "--lon", "20"});
  // Kept in its outbox (exit 4, queued) until the key is registered, with the reason.
  EXPECT_EQ(stranger.exit_code, 4) << stranger.output;
  EXPECT_NE(stranger.output.find("not in the hub's key registry"), std::string::npos) << stranger.output;
  BinaryRun tail_stranger = Node({"--key", "keys/RS-BP.key", "--hub-key", HubPub(), "--timeout", "1500", "tail"});
  EXPECT_EQ(tail_stranger.exit_code, 1) << tail_stranger.output;
  EXPECT_NE(tail_stranger.output.find("not in the hub's key registry"), std::string::npos) << tail_stranger.output;
  BinaryRun wrong_hub_key =
      Node({"--key", "keys/ME-BP.key", "--hub-key", "keys/RS-BP.pub", "--timeout", "1500", "status"});
  EXPECT_EQ(wrong_hub_key.exit_code, 1) << wrong_hub_key.output;
  EXPECT_NE(wrong_hub_key.output.find("--hub-key"), std::string::npos) << wrong_hub_key.output;

  BinaryRun plain = Node({"--id", "ME-BP", "--timeout", "1500", "status"});
  EXPECT_EQ(plain.exit_code, 3) << plain.output;
  EXPECT_NE(plain.output.find("--key FILE --hub-key FILE"), std::string::npos) << plain.output;

  BinaryRun after = RunIn(dir_, "hub/opsroom-hub",
                          {"stats", "--hub", Endpoint(), "--key", "keys/OPSROOM-DUTY.key", "--hub-key", HubPub()});
  EXPECT_NE(after.output.find("acks_sent 1\n"), std::string::npos) << "nothing else got in: " << after.output;
  EXPECT_NE(after.output.find("publishes 1\n"), std::string::npos) << "nothing else got in: " << after.output;
}

TEST_F(BareHubTest, TailSavesSignedAuditHeadsThatAuditVerifyHoldsTheStoreTo) {
  EXPECT_EQ(ModeOf(AuditKeys() / "audit.key"), 0600u) << "the audit signing key is made on first start";
  EXPECT_FALSE(fs::exists(Keys() / "audit.key")) << "a copy of var/hub must not carry the audit key";
  Admit("ME-BP", "ME", "national");
  Admit("OPSROOM-DUTY", "OPSROOM", "console");
  BinaryRun alert = Node({"--key", "keys/ME-BP.key", "--hub-key", HubPub(), "alert", "--title", "Van near Sukobin",
                          "--lat", "42.03", "--lon", "19.41"});
  ASSERT_EQ(alert.exit_code, 0) << alert.output;
  // tail runs until a signed head reached its file (the hub republishes one every 10 s).
  std::string error;
  std::string shell = "cd " + Quote(dir_.string()) + " && exec " +
                      Quote(std::string(OPSROOM_BINARY_DIR) + "/nodes/opsroom-node") + " --hub " + Endpoint() +
                      " --key keys/OPSROOM-DUTY.key --hub-key " + HubPub() +
                      " tail --audit-key var/hub-audit/audit.pub --save-heads heads.jsonl";
  auto tail = chaos::ChildProcess::Start({"/bin/sh", "-c", shell}, (dir_ / "tail.out").string(),
                                         (dir_ / "tail.err").string(), &error);
  ASSERT_TRUE(tail.has_value()) << error;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline &&
         ReadFileText(dir_ / "heads.jsonl").find('\n') == std::string::npos) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  tail->Signal(SIGTERM);
  ASSERT_TRUE(tail->Wait(15'000).has_value());
  std::string heads = ReadFileText(dir_ / "heads.jsonl");
  {
    // A second run whose file ends in a head of more records than the hub now has (as
    // after a rollback between the runs): refused at the first head, which is kept marked.
    wire::AuditKey key = wire::ReadAuditKeyFile((AuditKeys() / "audit.key").string()).value();
    wire::SignedHeadFields before;
    before.hub_id = "opsroom-hub";
    before.records = 1'000'000;
    before.hub_seq = 1'000'000;
    before.at_ms = 1'795'000'000'000;
    wire::JsonCodec codec;
    std::ofstream(dir_ / "heads2.jsonl") << heads
                                         << codec.FrameToJson(
                                                wire::BuildSignedAuditHead(wire::SignHead(before, key).value()))
                                         << "\n";
    std::string again = shell;
    again.replace(again.find("heads.jsonl"), 11, "heads2.jsonl");
    auto second = chaos::ChildProcess::Start({"/bin/sh", "-c", again}, (dir_ / "tail2.out").string(),
                                             (dir_ / "tail2.err").string(), &error);
    ASSERT_TRUE(second.has_value()) << error;
    deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline &&
           ReadFileText(dir_ / "heads2.jsonl").find("\nrefused {") == std::string::npos) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    second->Signal(SIGTERM);
    ASSERT_TRUE(second->Wait(15'000).has_value());
    EXPECT_NE(ReadFileText(dir_ / "heads2.jsonl").find("\nrefused {"), std::string::npos) << ReadFileText(dir_ / "tail2.err");
    EXPECT_NE(ReadFileText(dir_ / "tail2.err").find("went back from 1000000 to"), std::string::npos)
        << ReadFileText(dir_ / "tail2.err");
  }
  ASSERT_NE(heads.find("\"body_type\": \"SignedAuditHead\""), std::string::npos)
      << heads << ReadFileText(dir_ / "tail.err");
  EXPECT_EQ(ReadFileText(dir_ / "tail.err").find("AUDIT"), std::string::npos) << ReadFileText(dir_ / "tail.err");
  ASSERT_EQ(StopHub(), 0);
  BinaryRun verify = RunIn(
      dir_, "hub/opsroom-hub",
      {"audit", "--data", "var/hub", "--verify", "--audit-key", "var/hub-audit/audit.pub", "--heads", "heads.jsonl"});
  EXPECT_EQ(verify.exit_code, 0) << verify.output;
  EXPECT_NE(verify.output.find("audit chain verified"), std::string::npos) << verify.output;
  EXPECT_EQ(verify.output.find(" 0 seen by clients"), std::string::npos)
      << "the saved heads were checked: " << verify.output;
  EXPECT_EQ(verify.output.find("not signed yet"), std::string::npos)
      << "a clean stop signs the whole chain: " << verify.output;
}

TEST_F(BareHubTest, SimulateGivesEveryAgencyItsOwnKey) {
  for (const nodes::SimAgency& agency : nodes::DefaultAgencies()) {
    const wire::Participant* participant = wire::FindParticipant(agency.country);
    ASSERT_NE(participant, nullptr) << agency.country;
    Admit(agency.node_id, agency.country,
          participant->kind == wire::ParticipantKind::kNational ? "national" : "partner");
  }
  BinaryRun simulate = Node({"simulate", "--keys", "keys", "--hub-key", HubPub(), "--count", "60", "--rate", "0"});
  EXPECT_EQ(simulate.exit_code, 0) << simulate.output;
  EXPECT_NE(simulate.output.find("all 60 acknowledged"), std::string::npos) << simulate.output;

  fs::remove(dir_ / "keys/FRONTEX-JOC.key");
  BinaryRun missing = Node({"simulate", "--keys", "keys", "--hub-key", HubPub(), "--count", "1"});
  EXPECT_EQ(missing.exit_code, 1) << missing.output;
  EXPECT_NE(missing.output.find("keys/FRONTEX-JOC.key"), std::string::npos) << missing.output;
}

TEST_F(BareHubTest, KeyMistakesAreClearErrors) {
  Admit("ME-BP", "ME", "national");
  fs::permissions(dir_ / "keys/ME-BP.key", fs::perms::group_read, fs::perm_options::add);
  BinaryRun readable = Node({"--key", "keys/ME-BP.key", "--hub-key", HubPub(), "status"});
  EXPECT_EQ(readable.exit_code, 1) << readable.output;
  EXPECT_NE(readable.output.find("chmod 600"), std::string::npos) << readable.output;

  BinaryRun missing = Node({"--key", "keys/AL-BP.key", "--hub-key", HubPub(), "status"});
  EXPECT_EQ(missing.exit_code, 1) << missing.output;
  EXPECT_NE(missing.output.find("cannot read key file keys/AL-BP.key"), std::string::npos) << missing.output;

  BinaryRun public_half = Node({"--key", "keys/ME-BP.pub", "--hub-key", HubPub(), "status"});
  EXPECT_EQ(public_half.exit_code, 1) << public_half.output;
  EXPECT_NE(public_half.output.find("only a public key"), std::string::npos) << public_half.output;

  for (const std::vector<std::string>& typo :
       std::vector<std::vector<std::string>>{{"--key", "keys/ME-BP.key", "status"},
                                             {"--id", "ME-BP", "--hubkey", HubPub(), "status"},
                                             {"simulate", "--key", "keys/ME-BP.key", "--hub-key", HubPub()}}) {
    BinaryRun run = Node(typo);
    EXPECT_EQ(run.exit_code, 2) << run.output;
    EXPECT_NE(run.output.find("usage:"), std::string::npos) << run.output;
  }
}

TEST(HubFirstStart, APublicKeyWithoutItsSecretIsNotReplaced) {
  fs::path dir = MakeTempDir("opsroom-lost-key");
  fs::create_directories(dir / "var/hub/keys");
  std::ofstream(dir / "var/hub/keys/hub.pub") << "public-key = \"x\"\n";
  BinaryRun run = RunIn(dir, "hub/opsroom-hub", {"--bind", "tcp://127.0.0.1:" + std::to_string(FreePortPair())});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("hub.pub exists without hub.key"), std::string::npos) << run.output;
  EXPECT_FALSE(fs::exists(dir / "var/hub/keys/hub.key"));
  EXPECT_EQ(ReadFileText(dir / "var/hub/keys/hub.pub"), "public-key = \"x\"\n");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace opsroom::testing
