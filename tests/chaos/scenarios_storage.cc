// Scenarios 2, 3, 9: what the hub's disk does (power cuts, a damaged WAL, a
// full disk). 2 and 9 need chaos_hub (tests/chaos/fault_fs.h).
#include "chaos/scenario_steps.h"

#include <filesystem>
#include <fstream>

#include "chaos/traffic.h"

namespace opsroom::chaos {

// 2. Power cuts of the hub's machine (FaultFileSystem in chaos_hub: every
// unsynced byte vanishes, WAL tails may be torn) while seven nodes send.
// With --sync=full nothing acknowledged may be lost; with --sync=none (the
// negative control) the same run must show losses.
ScenarioResult RunPowerLoss(const ScenarioOptions& options) {
  ScenarioResult result = Begin(options.hub_sync ? "power-loss" : "power-loss-sync-none", options);
  std::string binary = ChaosHubBinaryPath();
  const int cuts = options.long_run ? 20 : 5;
  const uint64_t per_node = options.long_run ? 20'000 : 3'000;
  Cluster cluster(options.hub_sync ? "power-loss" : "power-loss-none", options.seed);
  if (!cluster.StartHub(options.hub_sync, &result.error, binary, Mix(options.seed))) {
    return End(cluster, result, options);
  }
  cluster.AddSubscriber("live", false);
  AddNationalNodes(cluster, options, per_node, 300);
  if (!cluster.StartAllNodes(&result.error)) return End(cluster, result, options);
  for (int cut = 0; cut < cuts; ++cut) {
    SleepMs(Uniform(cluster.rng(), 800, 2500));
    if (!cluster.hub().PowerCut()) result.Check(false, "a power cut did not stop chaos_hub");
    SleepMs(Uniform(cluster.rng(), 100, 800));
    if (!cluster.RestartHub(&result.error)) return End(cluster, result, options);
  }
  result.Figure("power_cuts", cuts);
  Finish(cluster, result, options.long_run ? 600'000 : 120'000);
  return End(cluster, result, options);
}

namespace {

std::string LargestWal(const std::string& dir) {
  std::string largest;
  uintmax_t largest_size = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".log" || !entry.is_regular_file()) continue;
    if (entry.file_size() > largest_size) {
      largest_size = entry.file_size();
      largest = entry.path().string();
    }
  }
  return largest;
}

bool FlipBit(const std::string& path, uint64_t offset, int bit) {
  std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
  char byte = 0;
  file.seekg(static_cast<std::streamoff>(offset));
  if (!file.get(byte)) return false;
  byte = static_cast<char>(byte ^ (1 << bit));
  file.seekp(static_cast<std::streamoff>(offset));
  return static_cast<bool>(file.put(byte));
}

std::string LastLines(const std::string& path, std::size_t count) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  std::string text;
  for (std::size_t i = lines.size() > count ? lines.size() - count : 0; i < lines.size(); ++i) text += lines[i] + "\n";
  return text;
}

// Files and directories only: a killed hub leaves its control socket
// (ipc://DATA/control) behind, which std::filesystem cannot copy.
void CopyTree(const std::string& from, const std::string& to) {
  namespace fs = std::filesystem;
  fs::remove_all(to);
  fs::create_directories(to);
  fs::permissions(to, fs::perms::owner_all, fs::perm_options::replace);  // a hub refuses a shared data directory
  for (const auto& entry : fs::recursive_directory_iterator(from)) {
    fs::path target = to / fs::relative(entry.path(), from);
    if (entry.is_directory()) fs::create_directories(target);
    else if (entry.is_regular_file()) fs::copy_file(entry.path(), target);
  }
}

}  // namespace

// 3. A stopped hub's WAL damaged in the middle (a flipped bit, or cut short):
// the hub must refuse to start, naming the problem, rather than open without
// acknowledged reports. The undamaged copy must then open with everything.
namespace {

enum class WalDamage { kBitFlip, kTruncation };

ScenarioResult RunWalDamageOf(WalDamage damage, const ScenarioOptions& options) {
  const char* what = damage == WalDamage::kBitFlip ? "a flipped bit" : "a truncation";
  ScenarioResult result = Begin(damage == WalDamage::kBitFlip ? "wal-bit-flip" : "wal-truncation", options);
  const uint64_t count = options.long_run ? 30'000 : 3'000;
  Cluster cluster(result.name, options.seed);
  if (!cluster.StartHub(true, &result.error)) return End(cluster, result, options);
  cluster.AddNode({"ME-BP", count, 0, 100, 1000, false, options.node_fault});
  if (!cluster.StartAllNodes(&result.error) || !cluster.WaitNodes(120'000, &result.error)) {
    return End(cluster, result, options);
  }
  cluster.KillHub9();  // everything was acked, so synced; the WAL still holds it all
  std::string wal = LargestWal(cluster.hub_data_dir());
  if (wal.empty()) {
    result.error = "no WAL with data in " + cluster.hub_data_dir();
    return End(cluster, result, options);
  }
  uint64_t wal_size = std::filesystem::file_size(wal);
  result.Figure("wal_bytes", static_cast<double>(wal_size));
  std::string pristine = cluster.root() + "/hub.pristine";
  CopyTree(cluster.hub_data_dir(), pristine);
  uint64_t middle = wal_size / 4 + static_cast<uint64_t>(Uniform(cluster.rng(), 0, static_cast<int64_t>(wal_size / 2)));
  result.Figure("damage_at_byte", static_cast<double>(middle));
  if (damage == WalDamage::kBitFlip) {
    result.Check(FlipBit(wal, middle, static_cast<int>(Uniform(cluster.rng(), 0, 7))),
                 "could not flip a bit in " + wal);
  } else {
    std::filesystem::resize_file(wal, middle);
  }
  std::string ignored;
  bool started = cluster.RestartHub(&ignored);
  std::string log = LastLines(cluster.hub_log_path(), 2);
  result.Check(!started, "the hub started on a WAL with " + std::string(what));
  result.Check(started || log.find("orrupt") != std::string::npos,
               "the hub's refusal does not name the corruption: " + log);
  if (started) {
    std::string error;
    if (auto counters = cluster.HubCounters(&error)) {
      result.Figure("hub_seq_after_damaged_start", static_cast<double>((*counters)["hub_seq"]));
    }
  }
  cluster.KillHub9();
  CopyTree(pristine, cluster.hub_data_dir());
  // The undamaged WAL opens with every acknowledged report.
  if (!cluster.RestartHub(&result.error)) return End(cluster, result, options);
  Finish(cluster, result, 10'000);
  return End(cluster, result, options);
}

}  // namespace

ScenarioResult RunWalBitFlip(const ScenarioOptions& options) { return RunWalDamageOf(WalDamage::kBitFlip, options); }
ScenarioResult RunWalTruncation(const ScenarioOptions& options) {
  return RunWalDamageOf(WalDamage::kTruncation, options);
}

// 9. The hub's disk fills up (chaos_hub: every write fails with NoSpace) while
// nodes send, then has space again: no ack while full, the hub says why
// (refused.DiskFull, store_errors), nothing lost or refused for good, and it
// resumes by itself.
ScenarioResult RunDiskFull(const ScenarioOptions& options) {
  ScenarioResult result = Begin("disk-full", options);
  std::string binary = ChaosHubBinaryPath();
  const int64_t full_ms = options.long_run ? 20'000 : 5'000;
  const double rate = 200;
  const auto per_node = static_cast<uint64_t>(rate * static_cast<double>(full_ms + 4'000) / 1000.0);
  Cluster cluster("disk-full", options.seed);
  if (!cluster.StartHub(true, &result.error, binary)) return End(cluster, result, options);
  cluster.AddSubscriber("live", false);
  AddNationalNodes(cluster, options, per_node, rate);
  if (!cluster.StartAllNodes(&result.error)) return End(cluster, result, options);
  SleepMs(2'000);
  cluster.hub().SetDiskFull(true);
  int64_t full_at = testing::NowMs();
  SleepMs(full_ms / 2);
  std::string error;
  if (auto counters = cluster.HubCounters(&error)) {
    int64_t disk_full = (*counters)["refused.DiskFull"];
    result.Figure("refused_disk_full_while_full", static_cast<double>(disk_full));
    result.Figure("store_errors_while_full", static_cast<double>((*counters)["store_errors"]));
    result.Check(disk_full > 0 || (*counters)["store_errors"] > 0, "the hub did not report the full disk in its stats");
  } else {
    result.Check(false, "the hub did not answer StatsRequest while its disk was full: " + error);
  }
  SleepMs(full_ms - full_ms / 2);
  int64_t stuck_seq = 0;
  if (auto counters = cluster.HubCounters(&error)) stuck_seq = (*counters)["hub_seq"];
  cluster.hub().SetDiskFull(false);
  int64_t freed_at = testing::NowMs();
  // It must resume by itself: the hub sequence moves again.
  bool resumed = WaitFor(
      [&] {
        std::string ignored;
        auto counters = cluster.HubCounters(&ignored);
        return counters && (*counters)["hub_seq"] > stuck_seq;
      },
      30'000);
  result.Check(resumed, "the hub did not resume storing within 30 s after the disk had space again");
  if (!resumed) {
    for (std::size_t i = 0; i < cluster.node_count(); ++i) cluster.KillNode9(i);
    result.ran = cluster.Verify(&result.report, &result.error);
    result.require_all_acknowledged = false;
    return End(cluster, result, options);
  }
  result.Figure("resume_ms_after_space_returned", static_cast<double>(testing::NowMs() - freed_at));
  if (Finish(cluster, result, 180'000)) {
    for (std::size_t i = 0; i < cluster.node_count(); ++i) {
      for (int64_t at : cluster.NodeLog(i).ack_wall_ms) {
        result.Check(at < full_at + 300 || at >= freed_at,
                     cluster.node_spec(i).id + " got an ack while the disk was full");
      }
    }
    result.Figure("full_ms", static_cast<double>(freed_at - full_at));
  }
  return End(cluster, result, options);
}

}  // namespace opsroom::chaos
