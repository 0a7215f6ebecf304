#include "chaos/scenario_steps.h"

#include <cstdlib>
#include <sstream>

namespace opsroom::chaos {

namespace {

// The seven national nodes of the room.
const char* const kNationalNodes[] = {"AL-BP", "BA-BP", "HR-BP", "XK-BP", "ME-BP", "MK-BP", "RS-BP"};

}  // namespace

void SleepMs(int64_t ms) {
  if (ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

int64_t Uniform(std::mt19937_64& rng, int64_t lo, int64_t hi) {
  return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
}

void AddNationalNodes(Cluster& cluster, const ScenarioOptions& options, uint64_t count, double rate, bool via_relay,
                      std::size_t batch) {
  for (const char* id : kNationalNodes) cluster.AddNode({id, count, rate, batch, 1000, via_relay, options.node_fault});
}

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

ScenarioResult End(Cluster& cluster, ScenarioResult& result, const ScenarioOptions& options) {
  if ((!result.Passed() && options.keep_failed_dirs) || options.keep_dirs) {
    cluster.Keep();
    result.directory = cluster.root();
  }
  return result;
}

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
