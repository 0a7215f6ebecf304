// Scenarios 7 and 8: what the network does to acks and to the fan-out.
#include "chaos/scenario_steps.h"

namespace opsroom::chaos {

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
  int64_t a_start = testing::NowMs();
  if (!cluster.StartAllNodes(&result.error) || !cluster.WaitNodes(180'000, &result.error)) {
    return End(cluster, result, options);
  }
  double rate_a =
      7.0 * static_cast<double>(per_phase) * 1000.0 / static_cast<double>(std::max<int64_t>(testing::NowMs() - a_start, 1));
  // Phase B: the same load with a slow and a stalled subscriber added.
  cluster.AddSubscriber("slow", false, 2'000);  // 2 ms per event: at most 500 events/s
  SubscriberThread& stalled = cluster.AddSubscriber("stalled", false);
  SleepMs(1'000);
  stalled.Stall(true);
  // Started again, the nodes continue from their outbox's sequence up to the new count.
  for (std::size_t i = 0; i < cluster.node_count(); ++i) cluster.SetNodeCount(i, 2 * per_phase);
  int64_t b_start = testing::NowMs();
  if (!cluster.StartAllNodes(&result.error) || !cluster.WaitNodes(180'000, &result.error)) {
    return End(cluster, result, options);
  }
  double rate_b =
      7.0 * static_cast<double>(per_phase) * 1000.0 / static_cast<double>(std::max<int64_t>(testing::NowMs() - b_start, 1));
  result.Figure("ingest_msgs_per_s_before", rate_a);
  result.Figure("ingest_msgs_per_s_with_slow_and_stalled", rate_b);
  result.Check(rate_b >= 0.6 * rate_a, "ingest slowed by more than 40 % with a slow and a stalled subscriber");
  if (Finish(cluster, result, 60'000)) {
    auto finals = cluster.subscriber_finals();
    result.Check(finals["lossy"].gaps_repaired > 0, "the lossy subscriber repaired no gap: the test saw no drop");
  }
  return End(cluster, result, options);
}

}  // namespace opsroom::chaos
