// The shift handover end to end (docs/protocol.md section 16, docs/desk.md
// section 6) with a real hub, real consoles' links and a real RocksDB: one
// console hands over with the open items its model holds, a second receives
// it live and acknowledges it, the hub accepts one acknowledgement and
// refuses a second and one naming no handover (with their reasons), nodes may
// not send one, a console that starts after a hub restart gets it in its
// snapshot, and `opsroom-hub handovers` lists it.
#include <gtest/gtest.h>

#include <sstream>

#include "console/net/handover_envelope.h"
#include "hub/tools/command_line.h"
#include "hub/tools/handover_list.h"
#include "tests/integration/headless_console.h"

namespace opsroom::console {
namespace {

using opsroom::testing::RawClient;

const ActionOutcomeValue* OutcomeFor(const ConsoleModel& model, const std::string& id, ActionKind kind) {
  for (const ActionOutcomeValue& outcome : model.outcomes()) {
    if (outcome.alert_id == id && outcome.kind == kind) return &outcome;
  }
  return nullptr;
}

// A Handover or HandoverAck envelope as a console builds it, from a raw client.
wire::Bytes RawHandover(const std::string& origin, uint64_t node_seq, const HandoverRequest& request) {
  wire::msg::Header header;
  header.origin = origin;
  header.country = origin.substr(0, origin.find('-'));
  header.node_seq = node_seq;
  header.sent_at_ms = opsroom::testing::NowMs();
  return BuildHandoverEnvelope(header, request, "Raw", opsroom::testing::NowMs());
}

wire::RejectReason Verdict(RawClient& client, const wire::Bytes& envelope) {
  client.Publish(envelope);
  auto outcomes = client.CollectOutcomes(1);
  return outcomes.size() == 1 ? outcomes[0].code : wire::RejectReason::Malformed;  // Malformed: no answer
}

TEST(Handover, ReachesEveryConsoleIsAcknowledgedOnceAndSurvivesARestart) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  Node node(hub);
  ASSERT_TRUE(node.ok());
  node.PublishAlert("F1", wire::Severity::Flash);
  HeadlessConsole ana(hub, "Ana");
  HeadlessConsole bojan(hub, "Bojan");
  ASSERT_TRUE(ana.PumpUntil([&] { return ana.Alert("RS-BP:F1") != nullptr; }));
  ASSERT_TRUE(bojan.PumpUntil([&] { return bojan.model.link().snapshot_done; }));

  // Ana hands over: the open Flash alert is what her model adds.
  HandoverContents contents = ana.model.HandoverNow(opsroom::testing::NowMs());
  ASSERT_EQ(contents.items.size(), 1u);
  EXPECT_EQ(contents.items[0].item_id, "RS-BP:F1");
  ASSERT_TRUE(ana.link.SubmitHandover(HandoverRequest{false, "H-1", "Bajakovo quiet; F1 with the border desk",
                                                      contents.items, contents.left_out}));
  ASSERT_TRUE(ana.PumpUntil([&] { return OutcomeFor(ana.model, "H-1", ActionKind::Comment) != nullptr; }));
  EXPECT_TRUE(OutcomeFor(ana.model, "H-1", ActionKind::Comment)->accepted)
      << OutcomeFor(ana.model, "H-1", ActionKind::Comment)->reason;

  // Bojan receives it live, under Ana's console's prefix, and it waits in his queue.
  const std::string id = "OPSROOM-ANA:H-1";
  ASSERT_TRUE(bojan.PumpUntil([&] { return bojan.model.handovers().Find(id) != nullptr; }));
  const HandoverRecord& received = *bojan.model.handovers().Latest();
  EXPECT_EQ(received.handover.handover_id, id);
  EXPECT_EQ(received.handover.from_officer, "Ana");
  EXPECT_EQ(received.handover.note, "Bajakovo quiet; F1 with the border desk");
  EXPECT_EQ(received.handover.items, contents.items);
  EXPECT_FALSE(received.acknowledged);
  ASSERT_TRUE(bojan.PumpUntil([&] {
    const auto& items = bojan.model.attention().items();
    return std::any_of(items.begin(), items.end(), [&](const AttentionItem& i) { return i.id == id; });
  }));

  // Bojan acknowledges; both consoles see who took the shift.
  ASSERT_TRUE(bojan.link.SubmitHandover(HandoverRequest{true, id, {}, {}, 0}));
  ASSERT_TRUE(bojan.PumpUntil([&] { return OutcomeFor(bojan.model, id, ActionKind::Acknowledge) != nullptr; }));
  EXPECT_TRUE(OutcomeFor(bojan.model, id, ActionKind::Acknowledge)->accepted);
  ASSERT_TRUE(ana.PumpUntil([&] { return ana.model.handovers().Latest()->acknowledged; }));
  EXPECT_EQ(ana.model.handovers().Latest()->acknowledged_by, "Bojan");
  EXPECT_EQ(ana.model.handovers().Latest()->acknowledged_from, "OPSROOM-BOJAN");

  // A second acknowledgement, one naming no handover, a node's handover, an unmarked one: refused.
  RawClient raw(hub.context(), hub.router_endpoint());
  ASSERT_TRUE(raw.Hello("OPSROOM-RAW", "OPSROOM", wire::ClientRole::Console));
  EXPECT_EQ(Verdict(raw, RawHandover("OPSROOM-RAW", 1, {true, id, {}, {}, 0})),
            wire::RejectReason::HandoverAcknowledged);
  EXPECT_EQ(Verdict(raw, RawHandover("OPSROOM-RAW", 2, {true, "OPSROOM-ANA:H-404", {}, {}, 0})),
            wire::RejectReason::UnknownHandover);
  wire::EnvelopeT unmarked = *wire::GetEnvelope(RawHandover("OPSROOM-RAW", 3, {false, "H-2", "", {}, 0}).data())->UnPack();
  unmarked.handling.reset();
  EXPECT_EQ(Verdict(raw, opsroom::testing::Pack(unmarked)), wire::RejectReason::InvalidValue);
  RawClient national(hub.context(), hub.router_endpoint());
  ASSERT_TRUE(national.Hello("ME-BP", "ME"));
  EXPECT_EQ(Verdict(national, RawHandover("ME-BP", 1, {false, "H-1", "", {}, 0})), wire::RejectReason::Forbidden);

  // A console started after a restart gets the handover and its acknowledgement in its snapshot.
  hub.Stop();
  ASSERT_TRUE(hub.Restart());
  HeadlessConsole late(hub, "");
  ASSERT_TRUE(late.PumpUntil([&] { return late.model.link().snapshot_done; }));
  ASSERT_NE(late.model.handovers().Find(id), nullptr);
  EXPECT_TRUE(late.model.handovers().Find(id)->acknowledged);
  EXPECT_EQ(late.model.handovers().Find(id)->handover.items, contents.items);

  // The operator's tool lists it from the store (read-only; with the hub stopped, so that
  // no compaction removes a file between the tool's listing and its reading).
  hub.Stop();
  std::vector<hub::HandoverSummary> listed;
  wire::Status read = hub::ReadHandovers(hub.data_dir(), &listed);
  ASSERT_TRUE(read.ok) << read.error;
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].handover_id, id);
  EXPECT_EQ(listed[0].from_officer, "Ana");
  EXPECT_EQ(listed[0].items_by_kind.at(0), 1u);  // one Flash alert
  EXPECT_EQ(listed[0].acknowledged_by, "Bojan (OPSROOM-BOJAN)");
  std::ostringstream printed;
  hub::PrintHandovers(listed, printed);
  EXPECT_NE(printed.str().find("OPSROOM-ANA:H-1  from Ana (OPSROOM-ANA)"), std::string::npos) << printed.str();
  EXPECT_NE(printed.str().find("items: 1 (Flash 1, Urgent 0"), std::string::npos) << printed.str();
  EXPECT_NE(printed.str().find("acknowledged by Bojan (OPSROOM-BOJAN) at "), std::string::npos) << printed.str();
}

TEST(Handover, TheToolSaysWhatItExpects) {
  hub::ParsedCommand missing = hub::ParseCommandLine({"handovers"});
  EXPECT_FALSE(missing.command);
  EXPECT_EQ(missing.error, "handovers needs --data DIR");
  hub::ParsedCommand unknown = hub::ParseCommandLine({"handovers", "--data", "/tmp/x", "--since", "1"});
  EXPECT_FALSE(unknown.command);
  EXPECT_NE(unknown.error.find("unknown option for handovers"), std::string::npos) << unknown.error;
  hub::ParsedCommand good = hub::ParseCommandLine({"handovers", "--data=/tmp/x"});
  ASSERT_TRUE(good.command);
  EXPECT_EQ(good.command->kind, hub::CommandKind::kHandovers);
  EXPECT_EQ(good.command->config.data_dir, "/tmp/x");
  std::vector<hub::HandoverSummary> none;
  EXPECT_FALSE(hub::ReadHandovers("/nonexistent/opsroom-data", &none).ok);
}

}  // namespace
}  // namespace opsroom::console
