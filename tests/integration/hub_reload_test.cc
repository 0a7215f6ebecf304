// SIGHUP to a real opsroom-hub process after its hub.toml was edited: the live
// settings change (the log level visibly: a quieter hub no longer says it
// stopped; what the times to acknowledge and the hit window do is in
// desk_deadline_test and match_hub_test), the others are named as needing a
// restart, and a file that no
// longer loads leaves the running settings as they were.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "tests/support/read_file.h"
#include "chaos/process.h"
#include "tests/support/temp_dir.h"

namespace opsroom::testing {
namespace {

namespace fs = std::filesystem;

const std::string kHub = std::string(OPSROOM_BINARY_DIR) + "/hub/opsroom-hub";

class HubReload : public ::testing::Test {
 protected:
  void TearDown() override {
    hub_.reset();  // SIGKILL if a test left it running, before its directory goes
  }

  void WriteToml(const std::string& log_level, const std::string& bind, const std::string& extra = "") {
    std::ofstream(dir_ / "hub.toml") << "data_dir = \"" << (dir_ / "hub").string() << "\"\n"
                                     << "log_level = \"" << log_level << "\"\n"
                                     << "[net]\nbind = \"" << bind << "\"\nmetrics = \"off\"\n"
                                     << "[security]\ninsecure = true\n"
                                     << extra;
  }
  // Polls the hub's log (every 50 ms, at most 20 s) for `text` after `from`.
  bool WaitForLog(const std::string& text, std::size_t from = 0) {
    for (int attempt = 0; attempt < 400; ++attempt) {
      if (ReadFileText(dir_ / "hub.err").find(text, from) != std::string::npos) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }
  std::size_t LogSize() { return ReadFileText(dir_ / "hub.err").size(); }

  TempDir temp_{"opsroom-reload"};
  fs::path dir_ = temp_.path();
  std::optional<chaos::ChildProcess> hub_;
};

TEST_F(HubReload, SighupAppliesLiveSettingsAndNamesTheRestAsNeedingARestart) {
  const std::string bind = "tcp://127.0.0.1:*";
  WriteToml("info", bind);
  std::string error;
  hub_ = chaos::ChildProcess::Start({kHub, "--config", (dir_ / "hub.toml").string()}, "", (dir_ / "hub.err").string(),
                                    &error);
  ASSERT_TRUE(hub_.has_value()) << error;
  ASSERT_TRUE(WaitForLog("ROUTER")) << ReadFileText(dir_ / "hub.err");

  // Live: retention, the times to acknowledge, the hit window; not live: the bind.
  std::size_t before = LogSize();
  WriteToml("info", "tcp://127.0.0.1:7799",
            "[retention]\nretain_days = 7\ninterval = \"5m\"\n"
            "[deadlines]\nack = \"flash=2m\"\nhit_window_days = 1\n");
  ASSERT_TRUE(hub_->Signal(SIGHUP));
  ASSERT_TRUE(WaitForLog("SIGHUP: net.bind changed: needs a restart", before)) << ReadFileText(dir_ / "hub.err");
  std::string log = ReadFileText(dir_ / "hub.err");
  EXPECT_NE(log.find("info    opsroom-hub: SIGHUP: retention.retain_days: 0 -> 7d", before),
            std::string::npos)
      << log;
  EXPECT_NE(log.find("SIGHUP: retention.interval: 10m -> 5m", before), std::string::npos) << log;
  EXPECT_NE(log.find("SIGHUP: deadlines.ack: routine=off,priority=4h,urgent=30m,flash=5m -> "
                     "routine=off,priority=4h,urgent=30m,flash=2m",
                     before),
            std::string::npos)
      << log;
  EXPECT_NE(log.find("SIGHUP: deadlines.hit_window_days: 7d -> 1d", before), std::string::npos)
      << log;
  EXPECT_EQ(log.find("deadlines.ack changed", before), std::string::npos) << "live now: " << log;
  EXPECT_EQ(log.find("deadlines.hit_window_days changed", before), std::string::npos) << "live now: " << log;
  EXPECT_EQ(log.find("error", before), std::string::npos) << log;
  EXPECT_NE(log.find("warning opsroom-hub: SIGHUP: net.bind changed"), std::string::npos) << log;

  // A file that no longer loads: said, and the hub keeps its settings and runs on.
  before = LogSize();
  std::ofstream(dir_ / "hub.toml") << "log_level = \"warn\"\n[queues]\npub_hwm = 1\n";
  ASSERT_TRUE(hub_->Signal(SIGHUP));
  ASSERT_TRUE(WaitForLog("SIGHUP: the settings did not load, the running ones stay", before))
      << ReadFileText(dir_ / "hub.err");
  EXPECT_NE(ReadFileText(dir_ / "hub.err").find("unknown key \"queues.pub_hwm\"", before), std::string::npos);
  EXPECT_TRUE(hub_->running());

  // The log level: the change is said, then the hub is quieter.
  before = LogSize();
  WriteToml("warn", bind, "[retention]\nretain_days = 7\ninterval = \"5m\"\n");
  ASSERT_TRUE(hub_->Signal(SIGHUP));
  ASSERT_TRUE(WaitForLog("SIGHUP: log_level: \"info\" -> \"warn\"", before)) << ReadFileText(dir_ / "hub.err");
  before = LogSize();
  ASSERT_TRUE(hub_->Signal(SIGTERM));
  std::optional<int> status = hub_->Wait(15'000);
  ASSERT_TRUE(status.has_value());
  EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 0);
  EXPECT_EQ(ReadFileText(dir_ / "hub.err").find("stopped at hub_seq", before), std::string::npos)
      << "info is below warn now: " << ReadFileText(dir_ / "hub.err");
}

}  // namespace
}  // namespace opsroom::testing
