// What backup and restore must never do, on a real hub and real RocksDB:
// delete what --force was not meant for, leave the store or a backup readable
// by other users, go unrecorded, or hang on a control socket nobody answers.
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "hub/store.h"
#include "hub/tools/backup.h"
#include "integration/binary_run.h"
#include "integration/hub_fixture.h"
#include "tests/support/temp_dir.h"

namespace opsroom::testing {
namespace {

namespace fs = std::filesystem;

unsigned ModeOf(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? (st.st_mode & 0777) : 01000;
}

// The umask most machines run with: without the fixes, what the hub and the
// tools make would be readable by everyone.
class OpenUmask {
 public:
  OpenUmask() : previous_(::umask(022)) {}
  ~OpenUmask() { ::umask(previous_); }

 private:
  mode_t previous_;
};

std::vector<std::string> AuditRecordsOfKind(const std::string& data_dir, const std::string& kind) {
  hub::OpenResult opened = hub::OpenRocksStore({data_dir, true, true});
  EXPECT_TRUE(opened.status.ok()) << opened.status.message();
  std::vector<std::string> found;
  if (!opened.status.ok()) return found;
  EXPECT_TRUE(opened.store
                  ->Scan(hub::Family::kAudit, "",
                         [&](std::string_view, std::string_view value) {
                           if (value.find("\"kind\":\"" + kind + "\"") != std::string_view::npos)
                             found.emplace_back(value);
                           return true;
                         })
                  .ok());
  return found;
}

TEST(HubBackupSafety, RestoreForceMovesAHubStoreAsideAndRefusesAnythingElse) {
  std::string root = MakeTempDir("opsroom-backup-safety");
  ASSERT_FALSE(root.empty());
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  uint64_t seq = 0;
  wire::Status inside = hub::TakeBackup(hub.data_dir(), hub.data_dir() + "/bk", &seq);
  EXPECT_FALSE(inside.ok) << "a backup inside the data directory could never be restored";
  EXPECT_NE(inside.error.find("overlap"), std::string::npos) << inside.error;
  ASSERT_TRUE(hub::TakeBackup(hub.data_dir(), root + "/backup", &seq).ok);
  hub.Stop();

  // --data containing --from: the backup would be moved away while copied.
  wire::Status nested = hub::RestoreBackup(root + "/backup", root, true, &seq);
  EXPECT_FALSE(nested.ok);
  EXPECT_NE(nested.error.find("overlap"), std::string::npos) << nested.error;
  EXPECT_TRUE(fs::exists(root + "/backup/db/CURRENT"));

  // A mistyped --data (a home directory) is not a hub store: nothing moves.
  fs::create_directories(root + "/home");
  std::ofstream(root + "/home/precious.txt") << "thesis\n";
  wire::Status not_store = hub::RestoreBackup(root + "/backup", root + "/home/", true, &seq);
  EXPECT_FALSE(not_store.ok);
  EXPECT_NE(not_store.error.find("does not look like a hub store"), std::string::npos) << not_store.error;
  EXPECT_TRUE(fs::exists(root + "/home/precious.txt"));

  // A hub store is moved aside whole, keys/ excepted, then restored.
  fs::create_directories(hub.data_dir() + "/keys");
  std::ofstream(hub.data_dir() + "/keys/hub.key") << "secret\n";
  std::string aside;
  wire::Status restored = hub::RestoreBackup(root + "/backup", hub.data_dir(), true, &seq, &aside);
  ASSERT_TRUE(restored.ok) << restored.error;
  EXPECT_NE(aside.find(".before-restore-"), std::string::npos) << aside;
  EXPECT_TRUE(fs::exists(aside + "/CURRENT")) << "the replaced store is kept, not deleted";
  EXPECT_EQ(ModeOf(aside), 0700u);
  EXPECT_FALSE(fs::exists(aside + "/keys"));
  EXPECT_TRUE(fs::exists(hub.data_dir() + "/keys/hub.key")) << "keys/ stays where the hub reads it";
  EXPECT_TRUE(fs::exists(hub.data_dir() + "/CURRENT"));
  fs::remove_all(aside);
  fs::remove_all(root);
}

TEST(HubBackupSafety, StoreBackupAndRestoreAreTheOwnersAlone) {
  OpenUmask umask_022;
  std::string root = MakeTempDir("opsroom-backup-safety");
  ASSERT_FALSE(root.empty());
  HubFixture hub([&](hub::HubConfig& config) { config.data_dir = root + "/fresh/hub"; });
  ASSERT_TRUE(hub.started());
  EXPECT_EQ(ModeOf(hub.data_dir()), 0700u);
  EXPECT_EQ(ModeOf(hub.data_dir() + "/control"), 0600u);
  uint64_t seq = 0;
  wire::Status backup = hub::TakeBackup(hub.data_dir(), root + "/backup", &seq);
  ASSERT_TRUE(backup.ok) << backup.error;
  EXPECT_EQ(ModeOf(root + "/backup"), 0700u);
  EXPECT_EQ(ModeOf(root + "/backup/db"), 0700u);
  hub.Stop();
  ASSERT_TRUE(hub::RestoreBackup(root + "/backup", root + "/restored", false, &seq).ok);
  EXPECT_EQ(ModeOf(root + "/restored"), 0700u);
  fs::remove_all(root);
}

TEST(HubBackupSafety, ABackupThroughTheRunningHubIsAudited) {
  std::string root = MakeTempDir("opsroom-backup-safety");
  ASSERT_FALSE(root.empty());
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  {
    RawClient me(hub.context(), hub.router_endpoint());
    ASSERT_TRUE(me.Hello("ME-BP", "ME"));
    for (uint64_t seq = 1; seq <= 3; ++seq)
      me.Publish(Pack(AlertEnvelope("ME-BP", "ME", seq, "ME-BP:ME-" + std::to_string(seq))));
    ASSERT_EQ(me.CollectOutcomes(3).size(), 3u);
  }
  uint64_t seq = 0, refused_seq = 0;
  ASSERT_TRUE(hub::TakeBackup(hub.data_dir(), root + "/backup", &seq).ok);
  EXPECT_GE(seq, 3u);
  EXPECT_FALSE(hub::TakeBackup(hub.data_dir(), root + "/backup", &refused_seq).ok) << "not empty: refused, and audited";
  hub.Stop();
  std::vector<std::string> records = AuditRecordsOfKind(hub.data_dir(), "backup");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_NE(records[0].find("\"target\":\"" + root + "/backup\""), std::string::npos) << records[0];
  EXPECT_NE(records[0].find("\"hub_seq\":" + std::to_string(seq)), std::string::npos) << records[0];
  EXPECT_NE(records[1].find("\"error\":"), std::string::npos) << records[1];
  fs::remove_all(root);
}

// Another process (the real binary) meets the hub's LOCK: it must recognise a
// running hub and ask it, not report an error or open the store.
TEST(HubBackupSafety, TheBinaryBacksUpThroughTheRunningHub) {
  std::string root = MakeTempDir("opsroom-backup-safety");
  ASSERT_FALSE(root.empty());
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  BinaryRun run = RunCommandLine(std::string(OPSROOM_BINARY_DIR) + "/hub/opsroom-hub backup --data " + hub.data_dir() +
                                 " --to " + root + "/backup");
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("at hub_seq"), std::string::npos) << run.output;
  hub.Stop();
  EXPECT_EQ(AuditRecordsOfKind(hub.data_dir(), "backup").size(), 1u);
  fs::remove_all(root);
}

// A missing socket, or one nobody listens on, fails in seconds (libzmq alone
// would retry silently until the 10-minute backup timeout).
TEST(HubBackupSafety, AControlSocketNobodyAnswersFailsFast) {
  std::string root = MakeTempDir("opsroom-backup-safety");
  ASSERT_FALSE(root.empty());
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  std::string socket_path = hub.data_dir() + "/control";
  ASSERT_TRUE(fs::remove(socket_path));
  uint64_t seq = 0;
  wire::Status missing = hub::TakeBackup(hub.data_dir(), root + "/a", &seq);
  EXPECT_FALSE(missing.ok);
  EXPECT_NE(missing.error.find("no control socket"), std::string::npos) << missing.error;

  // A stale socket file: bound, never listening (what a killed hub leaves).
  int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  ASSERT_LT(socket_path.size(), sizeof(address.sun_path));
  std::copy(socket_path.begin(), socket_path.end(), address.sun_path);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  auto start = std::chrono::steady_clock::now();
  wire::Status stale = hub::TakeBackup(hub.data_dir(), root + "/b", &seq);
  auto waited = std::chrono::steady_clock::now() - start;
  ::close(fd);
  EXPECT_FALSE(stale.ok);
  EXPECT_NE(stale.error.find("did not answer"), std::string::npos) << stale.error;
  EXPECT_LT(waited, std::chrono::seconds(60));
  hub.Stop();
  fs::remove_all(root);
}

}  // namespace
}  // namespace opsroom::testing
