#include "chaos/scenarios.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include "chaos/cluster.h"
#include "chaos/traffic.h"

namespace opsroom::chaos {

namespace {

// The seven national nodes of the room.
const char* const kNationalNodes[] = {"AL-BP", "BA-BP", "HR-BP", "XK-BP", "ME-BP", "MK-BP", "RS-BP"};

int64_t WallMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void SleepMs(int64_t ms) {
  if (ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

int64_t Uniform(std::mt19937_64& rng, int64_t lo, int64_t hi) {
  return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
}

// Waits (bounded) until `done` holds, checking every 50 ms.
template <typename Done>
bool WaitFor(Done done, int64_t timeout_ms) {
  int64_t deadline = WallMs() + timeout_ms;
  while (!done()) {
    if (WallMs() >= deadline) return false;
    SleepMs(50);
  }
  return true;
}

void AddNationalNodes(Cluster& cluster, const ScenarioOptions& options, uint64_t count, double rate,
                      bool via_relay = false, std::size_t batch = 50) {
  for (const char* id : kNationalNodes) cluster.AddNode({id, count, rate, batch, 1000, via_relay, options.node_fault});
}

// Common ending: wait for every node to drain and exit, then the verdict.
bool Finish(Cluster& cluster, ScenarioResult& result, int64_t node_timeout_ms) {
  if (!cluster.WaitNodes(static_cast<int>(node_timeout_ms), &result.error)) return false;
  if (!cluster.Verify(&result.report, &result.error)) return false;
  uint64_t duplicate_acks = 0;
  for (std::size_t i = 0; i < cluster.node_count(); ++i) {
    NodeLogSummary log = cluster.NodeLog(i);
    duplicate_acks += log.duplicate_acks;
    result.Check(log.drained, cluster.node_spec(i).id + " did not report an empty outbox");
  }
  result.Check(result.report.refused == 0, "the hub refused reports that were valid");
  result.Figure("messages", static_cast<double>(result.report.attempted));
  result.Figure("duplicate_acks_seen_by_nodes", static_cast<double>(duplicate_acks));
  std::string ignored;
  if (auto counters = cluster.HubCounters(&ignored)) {
    result.Figure("hub_duplicates_since_last_start", static_cast<double>((*counters)["duplicates"]));
  }
  for (const auto& [name, final] : cluster.subscriber_finals()) {
    result.Figure("subscriber_" + name + "_gaps_repaired", static_cast<double>(final.gaps_repaired));
    result.Check(final.order_violations == 0, "subscriber " + name + " delivered out of order");
  }
  result.ran = true;
  return true;
}

ScenarioResult Begin(const char* name, const ScenarioOptions& options) {
  ScenarioResult result;
  result.name = name;
  result.seed = options.seed;
  return result;
}

// Keeps the files of a failed run (or when asked) and hands the result back.
ScenarioResult End(Cluster& cluster, ScenarioResult& result, const ScenarioOptions& options) {
  if (!result.Passed() || options.keep_dirs) {
    cluster.Keep();
    result.directory = cluster.root();
  }
  return result;
}

}  // namespace

std::string ScenarioResult::Describe() const {
  std::ostringstream out;
  out << "scenario " << name << " seed " << seed << " (replay: OPSROOM_CHAOS_SEED=" << seed << ")\n";
  for (const auto& [figure, value] : figures) out << "  " << figure << " = " << value << '\n';
  if (!ran) out << "  DID NOT RUN TO ITS VERDICT: " << error << '\n';
  std::istringstream summary(report.Summary());
  for (std::string line; std::getline(summary, line);) out << "  " << line << '\n';
  for (const std::string& check : failed_checks) out << "  FAILED CHECK: " << check << '\n';
  if (!directory.empty()) out << "  files kept in " << directory << '\n';
  out << "  verdict: " << (Passed() ? "PASS" : "FAIL") << '\n';
  return out.str();
}

// 1. kill -9 of the hub at random moments while seven nodes send.
ScenarioResult RunHubKills(const ScenarioOptions& options) {
  ScenarioResult result = Begin("hub-kills", options);
  const int kills = options.long_run ? 25 : 5;
  // About 2,800 messages a second from the seven nodes, so that kills land
  // with batches in flight, for ~10 s (short) or ~75 s (long).
  const double rate = 400;
  const uint64_t per_node = options.long_run ? 30'000 : 4'000;
  Cluster cluster("hub-kills", options.seed);
  if (!cluster.StartHub(true, &result.error)) return End(cluster, result, options);
  cluster.AddSubscriber("live", false);
  AddNationalNodes(cluster, options, per_node, rate);
  if (!cluster.StartAllNodes(&result.error)) return End(cluster, result, options);
  int64_t down_ms = 0;
  for (int kill = 0; kill < kills; ++kill) {
    SleepMs(Uniform(cluster.rng(), 800, 2500));
    cluster.KillHub9();
    int64_t down = Uniform(cluster.rng(), 100, 1200);
    SleepMs(down);
    down_ms += down;
    if (!cluster.RestartHub(&result.error)) return End(cluster, result, options);
  }
  result.Figure("kills", kills);
  result.Figure("hub_down_ms_total", static_cast<double>(down_ms));
  Finish(cluster, result, options.long_run ? 600'000 : 120'000);
  return End(cluster, result, options);
}

// 2. Power cuts of the hub's machine (PowerLossFileSystem in chaos_hub: every
// unsynced byte vanishes, WAL tails may be torn) while seven nodes send.
// With --sync=full nothing acknowledged may be lost; with --sync=none (the
// negative control) the same run must show losses.
ScenarioResult RunPowerLoss(const ScenarioOptions& options) {
  ScenarioResult result = Begin(options.hub_sync ? "power-loss" : "power-loss-sync-none", options);
  std::string binary = ChaosHubBinaryPath();
  if (binary.empty()) {
    result.error = "chaos_hub was not built: the hub has no store_env hook yet (see tests/chaos/README.md)";
    return result;
  }
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

void CopyTree(const std::string& from, const std::string& to) {
  std::filesystem::remove_all(to);
  std::filesystem::copy(from, to, std::filesystem::copy_options::recursive);
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
    result.Check(FlipBit(wal, middle, static_cast<int>(Uniform(cluster.rng(), 0, 7))), "could not flip a bit in " + wal);
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

// 4. A node killed with 10,000 unsent messages (the hub was down while it
// accepted them), restarted, killed again halfway through the delivery,
// restarted again.
ScenarioResult RunNodeKilledWithFullOutbox(const ScenarioOptions& options) {
  ScenarioResult result = Begin("node-kill-full-outbox", options);
  const uint64_t count = options.long_run ? 50'000 : 10'000;
  Cluster cluster("node-kill", options.seed);
  if (!cluster.StartHub(true, &result.error)) return End(cluster, result, options);
  cluster.KillHub9();
  std::size_t node = cluster.AddNode({"ME-BP", count, 0, 500, 1000, false, options.node_fault});
  if (!cluster.StartNode(node, &result.error)) return End(cluster, result, options);
  bool filled = WaitFor([&] {
    NodeLogSummary log = cluster.NodeLog(node);
    return log.submitted_up_to == count && !log.samples.empty() && log.samples.back().depth == count;
  }, 120'000);
  result.Check(filled, "the node did not hold all messages in its outbox with the hub down");
  SleepMs(Uniform(cluster.rng(), 0, 500));
  cluster.KillNode9(node);
  NodeLogSummary before = cluster.NodeLog(node);
  result.Figure("outbox_depth_at_kill", before.samples.empty() ? 0 : static_cast<double>(before.samples.back().depth));
  result.Check(before.ack_lines == 0, "acks while the hub was down");
  if (!cluster.RestartHub(&result.error)) return End(cluster, result, options);
  int64_t restarted = WallMs();
  if (!cluster.StartNode(node, &result.error)) return End(cluster, result, options);
  uint64_t half = count / 2;
  bool halfway = WaitFor([&] { return cluster.NodeLog(node).ack_lines >= half || !cluster.NodeRunning(node); }, 120'000);
  result.Check(halfway, "the restarted node did not deliver half of its outbox");
  cluster.KillNode9(node);
  if (!cluster.StartNode(node, &result.error)) return End(cluster, result, options);
  if (Finish(cluster, result, 300'000)) {
    NodeLogSummary log = cluster.NodeLog(node);
    int64_t last_ack = log.ack_wall_ms.empty() ? restarted : *std::max_element(log.ack_wall_ms.begin(), log.ack_wall_ms.end());
    result.Figure("delivery_ms_after_restart", static_cast<double>(last_ack - restarted));
    result.Check(result.report.attempted == count && result.report.observed == count,
                 "expected exactly " + std::to_string(count) + " attempted and stored");
  }
  return End(cluster, result, options);
}

// 5. The hub down for a while (10 s short, 60 s long) while nodes keep
// accepting reports; then back: everything delivered in per-node order.
ScenarioResult RunHubDown(const ScenarioOptions& options) {
  ScenarioResult result = Begin("hub-down", options);
  const int64_t outage_ms = options.long_run ? 60'000 : 10'000;
  const int64_t before_ms = 2'000;
  const double rate = 100;
  // Every node is done submitting before the hub returns: the drain is pure backlog.
  const auto per_node = static_cast<uint64_t>(rate * static_cast<double>(before_ms + outage_ms) / 1000.0 * 0.9);
  Cluster cluster("hub-down", options.seed);
  if (!cluster.StartHub(true, &result.error)) return End(cluster, result, options);
  cluster.AddSubscriber("live", false);
  AddNationalNodes(cluster, options, per_node, rate);
  if (!cluster.StartAllNodes(&result.error)) return End(cluster, result, options);
  SleepMs(before_ms);
  cluster.KillHub9();
  int64_t down_at = WallMs();
  SleepMs(outage_ms);
  uint64_t backlog = 0;
  for (std::size_t i = 0; i < cluster.node_count(); ++i) {
    NodeLogSummary log = cluster.NodeLog(i);
    backlog += log.samples.empty() ? 0 : log.samples.back().depth;
    result.Check(log.submitted_up_to == per_node, cluster.node_spec(i).id + " had not accepted all reports");
  }
  // Acks may come before RestartHub returns (it waits for the hub to answer):
  // time everything from the moment the hub is started.
  int64_t back_at = WallMs();
  if (!cluster.RestartHub(&result.error)) return End(cluster, result, options);
  result.Figure("hub_restart_to_serving_ms", static_cast<double>(WallMs() - back_at));
  if (Finish(cluster, result, 300'000)) {
    int64_t last_ack = back_at;
    for (std::size_t i = 0; i < cluster.node_count(); ++i) {
      NodeLogSummary log = cluster.NodeLog(i);
      for (int64_t at : log.ack_wall_ms) {
        result.Check(at < down_at + 200 || at >= back_at, "an ack while the hub was down");
        last_ack = std::max(last_ack, at);
      }
    }
    result.Figure("outage_ms", static_cast<double>(back_at - down_at));
    result.Figure("backlog_messages", static_cast<double>(backlog));
    result.Figure("drain_ms", static_cast<double>(last_ack - back_at));
    if (last_ack > back_at) {
      result.Figure("drain_msgs_per_s", static_cast<double>(backlog) * 1000.0 / static_cast<double>(last_ack - back_at));
    }
  }
  return End(cluster, result, options);
}

// 6. The hub paused (SIGSTOP) then continued: no ack while paused, every node
// flags its link lost, no duplicate afterwards.
ScenarioResult RunHubPaused(const ScenarioOptions& options) {
  ScenarioResult result = Begin("hub-paused", options);
  const int64_t pause_ms = options.long_run ? 20'000 : 6'000;
  const double rate = 100;
  const auto per_node = static_cast<uint64_t>(rate * static_cast<double>(pause_ms + 4'000) / 1000.0);
  Cluster cluster("hub-paused", options.seed);
  if (!cluster.StartHub(true, &result.error)) return End(cluster, result, options);
  cluster.AddSubscriber("live", false);
  AddNationalNodes(cluster, options, per_node, rate);
  if (!cluster.StartAllNodes(&result.error)) return End(cluster, result, options);
  SleepMs(2'000);
  cluster.hub().Pause();
  int64_t paused_at = WallMs();
  SleepMs(pause_ms);
  cluster.hub().Resume();
  int64_t resumed_at = WallMs();
  if (Finish(cluster, result, 180'000)) {
    int64_t slowest_flag_ms = 0;
    for (std::size_t i = 0; i < cluster.node_count(); ++i) {
      NodeLogSummary log = cluster.NodeLog(i);
      const std::string& id = cluster.node_spec(i).id;
      // Acks already on their way when the hub stopped may land a moment later.
      for (int64_t at : log.ack_wall_ms) {
        result.Check(at < paused_at + 300 || at >= resumed_at, id + " got an ack while the hub was paused");
      }
      int64_t flagged = 0;
      for (const auto& sample : log.samples) {
        if (sample.lost && sample.wall_ms >= paused_at && sample.wall_ms <= resumed_at) {
          flagged = sample.wall_ms;
          break;
        }
      }
      result.Check(flagged != 0, id + " never flagged its link lost while the hub was paused");
      if (flagged != 0) slowest_flag_ms = std::max(slowest_flag_ms, flagged - paused_at);
    }
    result.Figure("pause_ms", static_cast<double>(resumed_at - paused_at));
    result.Figure("slowest_link_lost_flag_ms", static_cast<double>(slowest_flag_ms));
  }
  return End(cluster, result, options);
}

// 7. Acks lost or delayed on the way back (a relay drops hub->node messages)
// and connections cut: resends are answered as duplicates, never stored twice.
ScenarioResult RunLostAcks(const ScenarioOptions& options) {
  ScenarioResult result = Begin("lost-acks", options);
  const uint64_t per_node = options.long_run ? 6'000 : 600;
  Cluster cluster("lost-acks", options.seed);
  if (!cluster.StartHub(true, &result.error)) return End(cluster, result, options);
  RelayConfig relay_config;
  relay_config.seed = options.seed;
  relay_config.drop_probability = 0.15;  // of hub->node messages: Welcomes, Acks, Nacks
  relay_config.max_delay_ms = 100;
  Relay* relay = cluster.StartRelay(relay_config, false, &result.error);
  if (relay == nullptr) return End(cluster, result, options);
  cluster.AddSubscriber("live", false);
  // Small batches: more ack frames on the way back, more of them to lose.
  AddNationalNodes(cluster, options, per_node, 100, true, 5);
  if (!cluster.StartAllNodes(&result.error)) return End(cluster, result, options);
  // Now and then every connection through the relay is cut as well.
  int cuts = 0;
  int64_t sending_ms = static_cast<int64_t>(per_node) * 10;
  for (int64_t t = 0; t < sending_ms; t += 2'000) {
    SleepMs(2'000);
    if (Uniform(cluster.rng(), 0, 2) == 0) {
      relay->CutAll();
      ++cuts;
    }
  }
  if (Finish(cluster, result, options.long_run ? 900'000 : 180'000)) {
    RelayCounters counters = relay->counters();
    result.Figure("relay_messages_dropped", static_cast<double>(counters.messages_dropped));
    result.Figure("relay_messages_delayed", static_cast<double>(counters.messages_delayed));
    result.Figure("relay_cuts", cuts);
    double duplicates = 0;
    for (const auto& [figure, value] : result.figures) {
      if (figure == "duplicate_acks_seen_by_nodes") duplicates = value;
    }
    result.Check(counters.messages_dropped > 0, "the relay dropped nothing: the test saw no lost ack");
    result.Check(duplicates > 0, "no resend was answered as a duplicate: the test did not exercise dedupe");
  }
  return End(cluster, result, options);
}

// 8. Slow and stalled subscribers do not slow ingest; a lossy one detects its
// gaps by sequence; every one ends with exactly the hub's state.
ScenarioResult RunSlowSubscribers(const ScenarioOptions& options) {
  ScenarioResult result = Begin("slow-subscribers", options);
  const uint64_t per_phase = options.long_run ? 10'000 : 1'500;
  Cluster cluster("slow-subs", options.seed);
  if (!cluster.StartHub(true, &result.error)) return End(cluster, result, options);
  RelayConfig relay_config;
  relay_config.seed = options.seed;
  relay_config.drop_probability = 0.02;
  if (cluster.StartRelay(relay_config, true, &result.error) == nullptr) return End(cluster, result, options);
  // Phase A: ingest at full speed with two well-behaved subscribers (one
  // behind the lossy relay). They share the two cores with the hub and the
  // nodes in both phases, so only the slow and stalled ones differ.
  cluster.AddSubscriber("live", false);
  cluster.AddSubscriber("lossy", true);
  AddNationalNodes(cluster, options, per_phase, 0);
  SleepMs(500);
  int64_t a_start = WallMs();
  if (!cluster.StartAllNodes(&result.error) || !cluster.WaitNodes(180'000, &result.error)) {
    return End(cluster, result, options);
  }
  double rate_a = 7.0 * static_cast<double>(per_phase) * 1000.0 / static_cast<double>(std::max<int64_t>(WallMs() - a_start, 1));
  // Phase B: the same load with a slow and a stalled subscriber added.
  cluster.AddSubscriber("slow", false, 2'000);  // 2 ms per event: at most 500 events/s
  SubscriberThread& stalled = cluster.AddSubscriber("stalled", false);
  SleepMs(1'000);
  stalled.Stall(true);
  // Started again, the nodes continue from their outbox's sequence up to the new count.
  for (std::size_t i = 0; i < cluster.node_count(); ++i) cluster.SetNodeCount(i, 2 * per_phase);
  int64_t b_start = WallMs();
  if (!cluster.StartAllNodes(&result.error) || !cluster.WaitNodes(180'000, &result.error)) {
    return End(cluster, result, options);
  }
  double rate_b = 7.0 * static_cast<double>(per_phase) * 1000.0 / static_cast<double>(std::max<int64_t>(WallMs() - b_start, 1));
  result.Figure("ingest_msgs_per_s_before", rate_a);
  result.Figure("ingest_msgs_per_s_with_slow_and_stalled", rate_b);
  result.Check(rate_b >= 0.6 * rate_a, "ingest slowed by more than 40 % with a slow and a stalled subscriber");
  if (Finish(cluster, result, 60'000)) {
    auto finals = cluster.subscriber_finals();
    result.Check(finals["lossy"].gaps_repaired > 0, "the lossy subscriber repaired no gap: the test saw no drop");
  }
  return End(cluster, result, options);
}

// 9. The hub's disk fills up (chaos_hub: every write fails with NoSpace) while
// nodes send, then has space again: no ack while full, the hub says why
// (refused.DiskFull, store_errors), nothing lost or refused for good, and it
// resumes by itself.
ScenarioResult RunDiskFull(const ScenarioOptions& options) {
  ScenarioResult result = Begin("disk-full", options);
  std::string binary = ChaosHubBinaryPath();
  if (binary.empty()) {
    result.error = "chaos_hub was not built: the hub has no store_env hook yet (see tests/chaos/README.md)";
    return result;
  }
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
  int64_t full_at = WallMs();
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
  int64_t freed_at = WallMs();
  // It must resume by itself: the hub sequence moves again.
  bool resumed = WaitFor([&] {
    std::string ignored;
    auto counters = cluster.HubCounters(&ignored);
    return counters && (*counters)["hub_seq"] > stuck_seq;
  }, 30'000);
  result.Check(resumed, "the hub did not resume storing within 30 s after the disk had space again");
  if (!resumed) {
    for (std::size_t i = 0; i < cluster.node_count(); ++i) cluster.KillNode9(i);
    result.ran = cluster.Verify(&result.report, &result.error);
    result.require_all_acknowledged = false;
    return End(cluster, result, options);
  }
  result.Figure("resume_ms_after_space_returned", static_cast<double>(WallMs() - freed_at));
  if (Finish(cluster, result, 180'000)) {
    for (std::size_t i = 0; i < cluster.node_count(); ++i) {
      for (int64_t at : cluster.NodeLog(i).ack_wall_ms) {
        result.Check(at < full_at + 300 || at >= freed_at, cluster.node_spec(i).id + " got an ack while the disk was full");
      }
    }
    result.Figure("full_ms", static_cast<double>(freed_at - full_at));
  }
  return End(cluster, result, options);
}

const std::vector<ScenarioEntry>& AllScenarios() {
  static const std::vector<ScenarioEntry> scenarios = {
      {"hub-kills", RunHubKills, "1: kill -9 of the hub at random moments while 7 nodes send"},
      {"power-loss", RunPowerLoss, "2: power cuts of the hub (chaos_hub; --sync-none for the negative control)"},
      {"wal-bit-flip", RunWalBitFlip, "3: a stopped hub's WAL with a flipped bit: refuse to start"},
      {"wal-truncation", RunWalTruncation, "3: a stopped hub's WAL cut short in the middle: refuse to start"},
      {"node-kill-full-outbox", RunNodeKilledWithFullOutbox, "4: node killed with 10,000 unsent messages, restarted"},
      {"hub-down", RunHubDown, "5: hub down for a while, nodes keep accepting; time to drain"},
      {"hub-paused", RunHubPaused, "6: hub SIGSTOP/SIGCONT: no ack while paused, link flagged, no duplicates"},
      {"lost-acks", RunLostAcks, "7: acks dropped/delayed by a relay, connections cut: no duplicates in state"},
      {"slow-subscribers", RunSlowSubscribers, "8: slow/stalled/lossy subscribers: ingest unaffected, exact state"},
      {"disk-full", RunDiskFull, "9: the hub's disk full, then free again (chaos_hub): no ack, no loss, resumes"},
  };
  return scenarios;
}

uint64_t SeedFromEnvironment() {
  if (const char* seed = std::getenv("OPSROOM_CHAOS_SEED"); seed != nullptr && *seed != '\0') {
    return std::strtoull(seed, nullptr, 10);
  }
  return std::random_device{}() | (static_cast<uint64_t>(std::random_device{}()) << 32);
}

bool LongRunFromEnvironment() {
  if (const char* env = std::getenv("OPSROOM_CHAOS_LONG"); env != nullptr && *env != '\0') {
    return std::string(env) != "0";
  }
#ifdef OPSROOM_LONG_TESTS
  return true;
#else
  return false;
#endif
}

}  // namespace opsroom::chaos
