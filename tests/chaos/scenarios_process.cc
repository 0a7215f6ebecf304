// Scenarios 1, 4, 5, 6: processes killed, paused or gone (hub and nodes).
#include "chaos/scenario_steps.h"

namespace opsroom::chaos {

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
  bool filled = WaitFor(
      [&] {
        NodeLogSummary log = cluster.NodeLog(node);
        return log.submitted_up_to == count && !log.samples.empty() && log.samples.back().depth == count;
      },
      120'000);
  result.Check(filled, "the node did not hold all messages in its outbox with the hub down");
  SleepMs(Uniform(cluster.rng(), 0, 500));
  cluster.KillNode9(node);
  NodeLogSummary before = cluster.NodeLog(node);
  result.Figure("outbox_depth_at_kill", before.samples.empty() ? 0 : static_cast<double>(before.samples.back().depth));
  result.Check(before.ack_lines == 0, "acks while the hub was down");
  if (!cluster.RestartHub(&result.error)) return End(cluster, result, options);
  int64_t restarted = testing::NowMs();
  if (!cluster.StartNode(node, &result.error)) return End(cluster, result, options);
  uint64_t half = count / 2;
  bool halfway =
      WaitFor([&] { return cluster.NodeLog(node).ack_lines >= half || !cluster.NodeRunning(node); }, 120'000);
  result.Check(halfway, "the restarted node did not deliver half of its outbox");
  cluster.KillNode9(node);
  if (!cluster.StartNode(node, &result.error)) return End(cluster, result, options);
  if (Finish(cluster, result, 300'000)) {
    NodeLogSummary log = cluster.NodeLog(node);
    int64_t last_ack =
        log.ack_wall_ms.empty() ? restarted : *std::max_element(log.ack_wall_ms.begin(), log.ack_wall_ms.end());
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
  int64_t down_at = testing::NowMs();
  SleepMs(outage_ms);
  uint64_t backlog = 0;
  for (std::size_t i = 0; i < cluster.node_count(); ++i) {
    NodeLogSummary log = cluster.NodeLog(i);
    backlog += log.samples.empty() ? 0 : log.samples.back().depth;
    result.Check(log.submitted_up_to == per_node, cluster.node_spec(i).id + " had not accepted all reports");
  }
  // Acks may come before RestartHub returns (it waits for the hub to answer):
  // time everything from the moment the hub is started.
  int64_t back_at = testing::NowMs();
  if (!cluster.RestartHub(&result.error)) return End(cluster, result, options);
  result.Figure("hub_restart_to_serving_ms", static_cast<double>(testing::NowMs() - back_at));
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
      result.Figure("drain_msgs_per_s",
                    static_cast<double>(backlog) * 1000.0 / static_cast<double>(last_ack - back_at));
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
  int64_t paused_at = testing::NowMs();
  SleepMs(pause_ms);
  cluster.hub().Resume();
  int64_t resumed_at = testing::NowMs();
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

}  // namespace opsroom::chaos
