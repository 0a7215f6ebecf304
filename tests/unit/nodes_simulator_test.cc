// The simulator's content: deterministic for a seed, valid for the hub's
// checks, and shaped like the region's traffic.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "nodes/sim/traffic_generator.h"
#include "unit/nodes_sample_specs.h"
#include "wire/frame_check.h"
#include "wire/places.h"

namespace opsroom::nodes {
namespace {

using testing::kNowMs;

// What the simulator would send: node_seq per agency from 1, the clock advancing 20 ms per message.
std::vector<wire::Bytes> Generate(uint64_t seed, int count, std::vector<SimMessage>* messages = nullptr) {
  TrafficConfig config;
  config.seed = seed;
  config.operation_cycle = static_cast<uint64_t>(count);
  TrafficGenerator generator(config, wire::PlaceCatalog::Embedded());
  std::vector<uint64_t> node_seq(generator.agencies().size(), 0);
  std::vector<wire::Bytes> out;
  for (int i = 0; i < count; ++i) {
    SimMessage m = generator.Next(kNowMs + i * 20);
    m.header.node_seq = ++node_seq[m.agency];
    // The default message_id is random by design; the content is what must repeat.
    m.header.message_id = m.header.origin + ":" + std::to_string(m.header.node_seq);
    out.push_back(BuildEnvelope(m.header, m.payload));
    if (messages != nullptr) messages->push_back(std::move(m));
  }
  return out;
}

TEST(NodesSimulator, SameSeedSameBytes) { EXPECT_EQ(Generate(42, 2000), Generate(42, 2000)); }

TEST(NodesSimulator, DifferentSeedsDiffer) { EXPECT_NE(Generate(1, 200), Generate(2, 200)); }

TEST(NodesSimulator, EveryMessagePassesTheHubsChecks) {
  wire::ValidationContext ctx{&wire::PlaceCatalog::Embedded(), kNowMs + 5000 * 20};
  auto all = Generate(7, 5000);
  for (std::size_t i = 0; i < all.size(); ++i) {
    auto checked = wire::CheckEnvelope(all[i], ctx);
    ASSERT_TRUE(checked.ok()) << "message " << i << ": " << wire::ReasonLabel(checked.rejection().code) << ": "
                              << checked.rejection().text;
  }
}

TEST(NodesSimulator, TrafficLooksLikeTheRegions) {
  std::vector<SimMessage> messages;
  Generate(3, 5000, &messages);
  std::map<wire::CrimeArea, int> areas;
  std::map<std::string, int> origins;
  std::map<wire::Payload, int> kinds;
  std::map<wire::Severity, int> severities;
  for (const SimMessage& m : messages) {
    ++origins[m.header.origin];
    ++kinds[static_cast<wire::Payload>(m.payload.index() + 1)];
    if (const auto* alert = std::get_if<AlertSpec>(&m.payload)) {
      ++areas[alert->crime_area];
      ++severities[alert->severity];
    }
  }
  int top_area =
      std::max_element(areas.begin(), areas.end(), [](auto& a, auto& b) { return a.second < b.second; })->second;
  EXPECT_EQ(areas[wire::CrimeArea::MigrantSmuggling], top_area);
  EXPECT_GT(severities[wire::Severity::Routine], severities[wire::Severity::Priority]);
  EXPECT_GT(severities[wire::Severity::Flash], 0);
  EXPECT_LT(severities[wire::Severity::Flash], severities[wire::Severity::Urgent]);
  for (const char* id : {"AL-BP", "BA-BP", "HR-BP", "XK-BP", "ME-BP", "MK-BP", "RS-BP", "EUROPOL-EMSC"}) {
    EXPECT_GT(origins[id], 0) << id;
  }
  for (wire::Payload kind : {wire::Payload::Alert, wire::Payload::AlertAction, wire::Payload::WatchlistEntry,
                             wire::Payload::JointOperation, wire::Payload::SitRep}) {
    EXPECT_GT(kinds[kind], 0) << wire::EnumNamePayload(kind);
  }
  EXPECT_EQ(kinds[wire::Payload::JointOperation], 5);  // Planned, Briefing, Active, Debriefing, Closed
}

TEST(NodesSimulator, OperationGoesThroughItsPhasesBeforeItsSitReps) {
  std::vector<SimMessage> messages;
  Generate(5, 1000, &messages);
  ASSERT_TRUE(std::holds_alternative<JointOperationSpec>(messages.front().payload));
  int phase = -1;
  std::string code;
  for (const SimMessage& m : messages) {
    if (const auto* op = std::get_if<JointOperationSpec>(&m.payload)) {
      EXPECT_EQ(static_cast<int>(op->phase), phase + 1);
      phase = static_cast<int>(op->phase);
      code = op->code;
      EXPECT_EQ(code, "EUROPOL-EMSC:JAD-WB-2026") << "under its owner's node id (protocol 6.1)";
    }
    if (std::holds_alternative<SitRepSpec>(m.payload)) {
      EXPECT_TRUE(phase == 2 || phase == 3) << "sitrep in phase " << phase;
      EXPECT_EQ(m.needs, "op:" + code);
    }
  }
  EXPECT_EQ(phase, 4);
}

TEST(NodesSimulator, ActionsOnlyOnEarlierAlerts) {
  std::vector<SimMessage> messages;
  Generate(9, 3000, &messages);
  std::set<std::string> created;
  for (const SimMessage& m : messages) {
    if (!m.needs.empty() && m.needs.rfind("alert:", 0) == 0) {
      EXPECT_TRUE(created.count(m.needs)) << m.needs;
    }
    if (!m.creates.empty()) created.insert(m.creates);
  }
}

TEST(NodesSimulator, WatchlistNamesCrossScripts) {
  std::vector<SimMessage> messages;
  Generate(11, 5000, &messages);
  bool cyrillic = false;
  bool albanian = false;
  bool plate = false;
  bool imo = false;
  for (const SimMessage& m : messages) {
    const auto* w = std::get_if<WatchlistEntrySpec>(&m.payload);
    if (w == nullptr) continue;
    cyrillic |= w->name_original.find("ћ") != std::string::npos || w->name_original.find("ђ") != std::string::npos;
    albanian |= w->name_latin.find("ë") != std::string::npos || w->name_latin.find("Ç") != std::string::npos;
    plate |= !w->plate.empty();
    imo |= w->imo.rfind("IMO ", 0) == 0;
  }
  EXPECT_TRUE(cyrillic);
  EXPECT_TRUE(albanian);
  EXPECT_TRUE(plate);
  EXPECT_TRUE(imo);
}

}  // namespace
}  // namespace opsroom::nodes
