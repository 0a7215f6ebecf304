// The hub's Prometheus endpoint scraped over real HTTP on loopback: the text
// parses as the exposition format, the counters follow what the hub did, the
// per-node series carry heartbeats, and scraping writes no audit record.
#include <gtest/gtest.h>
#include <httplib.h>

#include <map>
#include <regex>
#include <sstream>

#include <unistd.h>

#include "hub/metrics_server.h"
#include "hub/metrics_text.h"
#include "tests/integration/hub_fixture.h"
#include "wire/frame_builder.h"

namespace opsroom::testing {
namespace {

// "name{labels}" -> value, every sample of an exposition; a line that is
// neither a comment nor a sample fails the test.
std::map<std::string, double> ParseExposition(const std::string& text) {
  std::map<std::string, double> samples;
  std::regex sample(
      R"re(^([a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*"(,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*")*\})?) (-?[0-9.e+-]+|\+Inf|NaN)$)re");
  std::regex comment(R"(^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+$)");
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    std::smatch match;
    if (std::regex_match(line, comment)) continue;
    if (!std::regex_match(line, match, sample)) {
      ADD_FAILURE() << "not an exposition line: " << line;
      continue;
    }
    samples[match[1]] = std::stod(match[4]);
  }
  return samples;
}

std::map<std::string, double> Scrape(int port) {
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(10, 0);
  auto response = client.Get("/metrics");
  if (!response || response->status != 200) {
    ADD_FAILURE() << "GET /metrics failed";
    return {};
  }
  EXPECT_NE(response->get_header_value("Content-Type").find("text/plain; version=0.0.4"), std::string::npos);
  return ParseExposition(response->body);
}

TEST(HubMetrics, ScrapedCountersFollowTheHubAndScrapingWritesNoAuditRecord) {
  HubFixture hub([](hub::HubConfig& config) {
    config.metrics_bind = "127.0.0.1:0";
    config.heartbeat_interval_ms = 100;
  });
  ASSERT_TRUE(hub.started());
  ASSERT_GT(hub.metrics_port(), 0);
  RawClient client(hub.context(), hub.router_endpoint());
  ASSERT_TRUE(client.Hello("XK-BP", "XK"));
  wire::HeartbeatFields heartbeat;
  heartbeat.node_id = "XK-BP";
  heartbeat.at_ms = NowMs();
  heartbeat.outbox_depth = 7;
  heartbeat.oldest_unsent_age_ms = 1500;
  heartbeat.software_version = "test/1";
  client.Send(wire::BuildHeartbeat(heartbeat));
  for (uint64_t seq = 1; seq <= 3; ++seq)
    client.Publish(Pack(AlertEnvelope("XK-BP", "XK", seq, "A-" + std::to_string(seq))));
  client.Publish(Pack(AlertEnvelope("XK-BP", "XK", 9, "")));  // refused: an empty alert_id
  ASSERT_EQ(client.CollectOutcomes(4).size(), 4u);

  std::map<std::string, double> samples;
  for (int i = 0; i < 100; ++i) {  // the node series follow the next status tick
    samples = Scrape(hub.metrics_port());
    if (samples.count(R"(opsroom_node_outbox_depth{node="XK-BP",country="XK"})") != 0) break;
    usleep(50'000);
  }
  EXPECT_EQ(samples["opsroom_hub_messages_stored_total"], 3);
  EXPECT_EQ(samples["opsroom_hub_sequence"], 3);
  double refused = 0;
  for (const auto& [name, value] : samples) refused += name.rfind("opsroom_hub_refusals_total{", 0) == 0 ? value : 0;
  EXPECT_EQ(refused, 1);
  EXPECT_EQ(samples[R"(opsroom_node_outbox_depth{node="XK-BP",country="XK"})"], 7);
  EXPECT_EQ(samples[R"(opsroom_node_oldest_unsent_age_seconds{node="XK-BP",country="XK"})"], 1.5);
  EXPECT_GE(samples[R"(opsroom_hub_commit_duration_seconds_bucket{le="+Inf"})"], 1);
  EXPECT_EQ(samples[R"(opsroom_hub_commit_duration_seconds_bucket{le="+Inf"})"],
            samples["opsroom_hub_commit_duration_seconds_count"]);
  EXPECT_EQ(samples["opsroom_hub_commit_batch_messages_sum"], 3);
  EXPECT_GT(samples["opsroom_hub_store_size_bytes"], 0);

  const double audited = samples["opsroom_hub_audit_records_total"];
  for (int i = 0; i < 5; ++i) Scrape(hub.metrics_port());
  usleep(300'000);  // past a few status ticks, where the audit count is refreshed
  EXPECT_EQ(Scrape(hub.metrics_port())["opsroom_hub_audit_records_total"], audited);
}

TEST(HubMetrics, ATakenPortLeavesTheHubRunningWithoutTheEndpoint) {
  HubFixture first([](hub::HubConfig& config) { config.metrics_bind = "127.0.0.1:0"; });
  ASSERT_TRUE(first.started());
  const std::string taken = "127.0.0.1:" + std::to_string(first.metrics_port());
  HubFixture second([&](hub::HubConfig& config) { config.metrics_bind = taken; });
  ASSERT_TRUE(second.started());
  EXPECT_EQ(second.metrics_port(), 0);
}

TEST(HubMetrics, LabelValuesAreEscaped) {
  hub::Stats stats;
  wire::HubStatusFields status;
  status.hub_id = "room \"A\"\\1";
  std::string text = hub::PrometheusText(stats, status, 0);
  EXPECT_NE(text.find(R"(hub_id="room \"A\"\\1")"), std::string::npos) << text.substr(0, 300);
  ParseExposition(text);
}

}  // namespace
}  // namespace opsroom::testing
