// Stored messages are audited once per batch (hub/audit_writes.h): a real hub
// takes alerts from two nodes; its store then holds fewer "writes" records
// than messages, the chain verifies, and `audit` prints exactly one "write"
// line per stored message with the fields read back from the log.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "hub/audit_log.h"
#include "hub/audit_writes.h"
#include "hub/key_layout.h"
#include "hub/store.h"
#include "tests/integration/hub_fixture.h"

namespace opsroom {
namespace {

using testing::AlertEnvelope;
using testing::HubFixture;
using testing::Pack;
using testing::RawClient;

std::vector<nlohmann::json> PrintedLines(hub::StoreReader& store, std::string_view node) {
  std::vector<nlohmann::json> lines;
  EXPECT_TRUE(hub::PrintAudit(store, node, 0, [&](std::string_view line) {
                lines.push_back(nlohmann::json::parse(line, nullptr, false));
                EXPECT_FALSE(lines.back().is_discarded()) << line;
              }).ok());
  return lines;
}

TEST(HubAuditWrites, OneRecordPerBatchAndOneLinePerMessage) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  RawClient al(hub.context(), hub.router_endpoint());
  RawClient me(hub.context(), hub.router_endpoint());
  ASSERT_TRUE(al.Hello("AL-BP", "AL"));
  ASSERT_TRUE(me.Hello("ME-BP", "ME"));
  constexpr uint64_t kEach = 300;
  for (uint64_t n = 1; n <= kEach; ++n) {
    al.Publish(Pack(AlertEnvelope("AL-BP", "AL", n, "AL-BP:A" + std::to_string(n))));
    me.Publish(Pack(AlertEnvelope("ME-BP", "ME", n, "ME-BP:A" + std::to_string(n))));
  }
  std::map<uint64_t, uint64_t> al_hub_seq;  // node_seq -> hub_seq
  for (const RawClient::Outcome& outcome : al.CollectOutcomes(kEach)) al_hub_seq[outcome.node_seq] = outcome.hub_seq;
  ASSERT_EQ(me.CollectOutcomes(kEach).size(), kEach);
  ASSERT_EQ(al_hub_seq.size(), kEach);
  hub.Stop();

  hub::OpenResult opened = hub::OpenRocksStore({hub.data_dir(), false, true});
  ASSERT_TRUE(opened.status.ok()) << opened.status.message();
  hub::AuditVerdict verdict = hub::VerifyAudit(*opened.store);
  EXPECT_TRUE(verdict.ok) << verdict.error;

  std::size_t writes_records = 0;
  std::map<uint64_t, nlohmann::json> write_lines;  // hub_seq -> line
  for (const nlohmann::json& line : PrintedLines(*opened.store, "")) {
    std::string kind = line.value("kind", "");
    if (kind == hub::kWritesKind) ++writes_records;
    if (kind != "write") continue;
    uint64_t hub_seq = line.value("hub_seq", uint64_t{0});
    EXPECT_TRUE(write_lines.emplace(hub_seq, line).second) << "hub_seq " << hub_seq << " printed twice";
  }
  EXPECT_EQ(write_lines.size(), 2 * kEach);
  EXPECT_GE(writes_records, 1u);
  EXPECT_LT(writes_records, 2 * kEach) << "stored messages are recorded per batch, not per message";
  for (const auto& [node_seq, hub_seq] : al_hub_seq) {
    ASSERT_TRUE(write_lines.count(hub_seq)) << "no write line for AL-BP node_seq " << node_seq;
    const nlohmann::json& line = write_lines[hub_seq];
    EXPECT_EQ(line.value("node", ""), "AL-BP");
    EXPECT_EQ(line.value("node_seq", uint64_t{0}), node_seq);
    EXPECT_EQ(line.value("payload", ""), "Alert");
    EXPECT_GT(line.value("record", uint64_t{0}), 0u);
    ASSERT_TRUE(line.contains("topics"));
    EXPECT_EQ(line["topics"], nlohmann::json::array({"ev.alert.AL-BP"}));
  }

  // --node selects by writer.
  std::size_t me_lines = 0;
  for (const nlohmann::json& line : PrintedLines(*opened.store, "ME-BP")) {
    if (line.value("kind", "") != "write") continue;
    EXPECT_EQ(line.value("node", ""), "ME-BP");
    ++me_lines;
  }
  EXPECT_EQ(me_lines, kEach);
}

TEST(HubAuditWrites, RunsJoinConsecutiveSequencesOfOneWriterAndTopics) {
  hub::WriteRuns runs;
  const std::vector<std::string> alert_topics = {"ev.alert.AL-BP"};
  runs.Add(10, "AL-BP", alert_topics, 1);
  runs.Add(11, "AL-BP", alert_topics, 2);
  runs.Add(12, "ME-BP", {"ev.alert.ME-BP"}, 3);  // another writer
  runs.Add(14, "ME-BP", {"ev.alert.ME-BP"}, 4);  // a gap (a hub-written entry at 13)
  runs.Add(15, "ME-BP", {"ev.to.console.OPSROOM."}, 5);  // other topics
  nlohmann::json fields = nlohmann::json::parse("{" + runs.Fields().text().substr(1) + "}");
  nlohmann::json expected = nlohmann::json::parse(R"([[10,2,"AL-BP",["ev.alert.AL-BP"]],
      [12,1,"ME-BP",["ev.alert.ME-BP"]],[14,1,"ME-BP",["ev.alert.ME-BP"]],[15,1,"ME-BP",["ev.to.console.OPSROOM."]]])");
  EXPECT_EQ(fields["runs"], expected);
  EXPECT_EQ(runs.last_at_ms(), 5);
  runs.Clear();
  EXPECT_TRUE(runs.empty());
}

}  // namespace
}  // namespace opsroom
