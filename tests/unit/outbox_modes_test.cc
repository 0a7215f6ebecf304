// The outbox is the node user's alone: a new one is made 0700 with 0600
// files, and one made before that rule (0755, 0644) is tightened when it
// opens. Checked with stat(), on a real RocksDB outbox.
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "support/status_matchers.h"
#include "nodes/client/outbox.h"
#include "tests/support/temp_dir.h"

namespace opsroom::nodes {
namespace {

namespace fs = std::filesystem;

mode_t ModeOf(const fs::path& path) {
  struct stat info {};
  EXPECT_EQ(::stat(path.c_str(), &info), 0) << path;
  return info.st_mode & 07777;
}

class OutboxModesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = temp_.path() / "root";
    previous_umask_ = ::umask(022);  // the usual umask, which alone would give 0755 and 0644
  }
  void TearDown() override {
    ::umask(previous_umask_);
  }
  // Opens the outbox, writes one message (the WAL grows), and closes it.
  void OpenAndWrite(const fs::path& dir) {
    std::string error;
    auto outbox = Outbox::Open(dir.string(), &error);
    ASSERT_TRUE(outbox) << error;
    uint64_t seq = outbox->ReserveNodeSeq();
    ASSERT_TRUE(testing::IsOk(outbox->Append({OutboxMessage{seq, 1, wire::Bytes{1, 2, 3}}})));
  }
  void ExpectPrivate(const fs::path& dir) {
    EXPECT_EQ(ModeOf(dir), 0700u) << dir;
    int files = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (!entry.is_regular_file()) continue;
      ++files;
      EXPECT_EQ(ModeOf(entry.path()) & 077, 0u) << entry.path() << " is open to group or others";
    }
    EXPECT_GE(files, 4) << "CURRENT, MANIFEST, OPTIONS, a WAL at least";
  }

  opsroom::testing::TempDir temp_{"opsroom-outbox-modes"};
  fs::path root_;
  mode_t previous_umask_ = 022;
};

TEST_F(OutboxModesTest, ANewOutboxIsTheUsersAlone) {
  fs::path dir = root_ / "var" / "node-ME-BP";
  OpenAndWrite(dir);
  ExpectPrivate(dir);
  OpenAndWrite(dir);  // reopened: files made by the second open too
  ExpectPrivate(dir);
}

TEST_F(OutboxModesTest, AnOutboxMadeOpenIsTightenedWhenItOpens) {
  fs::path dir = root_ / "node-AL-BP";
  OpenAndWrite(dir);
  fs::permissions(dir, fs::perms(0755), fs::perm_options::replace);
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file()) fs::permissions(entry.path(), fs::perms(0644), fs::perm_options::replace);
  }
  ASSERT_EQ(ModeOf(dir), 0755u);
  OpenAndWrite(dir);
  ExpectPrivate(dir);
}

}  // namespace
}  // namespace opsroom::nodes
