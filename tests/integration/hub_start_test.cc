// Where a hub may start: never on a data directory other users of the
// machine can open (unless --allow-shared-data-dir says it is meant). Real
// hubs on loopback; file modes checked with stat().
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include <gtest/gtest.h>

#include "hub/config.h"
#include "hub/hub_server.h"
#include "integration/hub_fixture.h"

namespace opsroom::testing {
namespace {

namespace fs = std::filesystem;

class HubStartTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("opsroom-hub-start-" + std::to_string(::getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  hub::HubConfig Insecure(const std::string& bind) {
    hub::HubConfig config;
    config.data_dir = (root_ / "hub").string();
    config.insecure = true;
    config.bind = bind;
    return config;
  }
  fs::path root_;
};

TEST_F(HubStartTest, ADataDirectoryOthersCanOpenIsRefusedUnlessAllowed) {
  hub::HubConfig config = Insecure("tcp://127.0.0.1:*");
  fs::create_directories(config.data_dir);
  fs::permissions(config.data_dir, fs::perms(0755), fs::perm_options::replace);
  hub::StartResult refused = hub::HubServer(config).Start();
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
  config.data_dir = (root_ / "var" / "hub").string();
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

}  // namespace
}  // namespace opsroom::testing
