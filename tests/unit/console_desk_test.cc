// The desk's other parts: markings as text and what they let an operator
// pass on; names in the chosen script (Cyrillic <-> Latin, capitals kept);
// the hub outage (since when, the map's unknown links); pending actions.
#include <gtest/gtest.h>

#include "console/model/console_model.h"
#include "console/model/hub_outage.h"
#include "console/model/marking.h"
#include "console/model/name_script.h"
#include "console/model/time_format.h"

namespace opsroom::console {
namespace {

Marking Restricted(std::vector<std::string> recipients) {
  Marking m;
  m.reliability = 'B';
  m.credibility = 2;
  m.distribution = Distribution::Restricted;
  m.recipients = std::move(recipients);
  return m;
}

TEST(Marking, ReadsAsGradeHandlingAndRecipients) {
  EXPECT_EQ(MarkingText(Restricted({"AL", "ME"})), "B2 \xC2\xB7 RESTRICTED \xE2\x86\x92 AL, ME");
  Marking limited;
  limited.distribution = Distribution::Limited;
  limited.no_onward_dissemination = true;
  EXPECT_EQ(MarkingText(limited), "?? \xC2\xB7 LIMITED H2");
  EXPECT_EQ(GradeText(Marking{}), "??");
}

TEST(Marking, AnItemIsPassedOnlyWhereItsMarkingAllows) {
  Marking restricted = Restricted({"AL", "ME"});
  EXPECT_TRUE(MayPassTo(restricted, "ME", "AL", true, false));
  EXPECT_FALSE(MayPassTo(restricted, "ME", "RS", true, false));
  EXPECT_TRUE(MayPassTo(restricted, "RS", "RS", true, false));           // the originator
  EXPECT_TRUE(MayPassTo(restricted, "ME", "OPSROOM", true, false));      // the room
  EXPECT_TRUE(MayPassTo(restricted, "ME", "night desk", false, false));  // the room's own desk
  Marking limited;
  limited.distribution = Distribution::Limited;
  EXPECT_TRUE(MayPassTo(limited, "ME", "RS", true, false));
  EXPECT_FALSE(MayPassTo(limited, "ME", "EUROPOL", true, true));
  Marking h2;
  h2.no_onward_dissemination = true;
  EXPECT_FALSE(MayPassTo(h2, "ME", "RS", true, false));
  EXPECT_TRUE(MayPassTo(Marking{}, "ME", "FRONTEX", true, true));
}

TEST(NameScript, CyrillicToLatinKeepsCapitalsWordByWord) {
  EXPECT_EQ(CyrillicToLatin("Марко Шћепановић"), "Marko Šćepanović");
  EXPECT_EQ(CyrillicToLatin("ЉУБИША Ђорђевић-Њего"), "LJUBIŠA Đorđević-Njego");
  EXPECT_EQ(CyrillicToLatin("Marko Šćepanović"), "Marko Šćepanović");  // Latin stays as written
}

TEST(NameScript, LatinToCyrillicFollowsTheSerbianAlphabet) {
  EXPECT_EQ(LatinToCyrillic("Ljubiša Đorđević"), "Љубиша Ђорђевић");
  EXPECT_EQ(LatinToCyrillic("Marko Šćepanović"), "Марко Шћепановић");
  EXPECT_EQ(LatinToCyrillic("NJEGOŠ Džaja"), "ЊЕГОШ Џаја");
  EXPECT_EQ(LatinToCyrillic("Djordje Xhaka"), "Ђорђе Ксхака");
  EXPECT_EQ(LatinToCyrillic("Шћепановић 1984"), "Шћепановић 1984");  // Cyrillic and digits stay
}

TEST(NameScript, TheDisplayShowsTheChosenScriptAndPrefersTheSendersLatin) {
  NameDisplay names;
  const std::string name = "Марко Шћепановић";
  EXPECT_EQ(names.Show(name), name);
  names.set_script(NameScript::kLatin);
  EXPECT_EQ(names.Show(name), "Marko Šćepanović");
  EXPECT_EQ(names.Show(name, "Marko Scepanovic"), "Marko Scepanovic");
  names.set_script(NameScript::kCyrillic);
  EXPECT_EQ(names.Show("Marko Šćepanović"), name);
  EXPECT_EQ(names.Show(name), name);
}

HubStatusValue Status(int64_t at_ms) {
  HubStatusValue status;
  status.at_ms = at_ms;
  NodeValue node;
  node.node_id = "ME-BP";
  node.country = "ME";
  node.connected = true;
  node.last_heartbeat_ms = at_ms - 200;
  status.nodes = {node};
  return status;
}

TEST(HubOutage, LostSinceTheLastStatusAndTheMapStopsBlamingTheCountries) {
  constexpr int64_t k1402 = 1'795'010'520'000;  // 14:02:00 UTC
  static_assert(k1402 % 60'000 == 0);
  ConsoleModel model;
  EXPECT_FALSE(model.outage(k1402).lost);  // never heard from: still connecting, nothing stale
  model.Apply(LinkValue{LinkState::kLive, ""}, k1402);
  model.Apply(Status(k1402), k1402);
  EXPECT_FALSE(model.outage(k1402 + 3'000).lost);
  EXPECT_EQ(ShownCountryHealth(model.nodes(), model.outage(k1402), "ME", k1402), LinkHealth::kHealthy);
  HubOutage outage = model.outage(k1402 + 3'001);  // no status for longer than the hub's expiry
  ASSERT_TRUE(outage.lost);
  EXPECT_EQ(outage.since_ms, k1402);
  EXPECT_EQ(HubLostText(outage, k1402 + 3 * 60'000 + 5'000),
            "hub lost since " + FormatUtcTime(k1402).substr(0, 5) + " (3 min)");
  EXPECT_EQ(model.nodes().CountryHealth("ME", k1402 + 3 * 60'000), LinkHealth::kSilent);
  EXPECT_EQ(ShownCountryHealth(model.nodes(), outage, "ME", k1402 + 3 * 60'000), LinkHealth::kUnknown);
  // The link itself says lost: lost at once, since the last status.
  model.Apply(LinkValue{LinkState::kLost, "timeout"}, k1402 + 1'000);
  EXPECT_TRUE(model.outage(k1402 + 1'000).lost);
  model.Apply(LinkValue{LinkState::kLive, ""}, k1402 + 4 * 60'000);
  model.Apply(Status(k1402 + 4 * 60'000), k1402 + 4 * 60'000);
  EXPECT_FALSE(model.outage(k1402 + 4 * 60'000).lost);
}

TEST(PendingActions, ShownUntilTheHubAnswersThatItemAndKind) {
  ConsoleModel model;
  model.pending().Sent("A1", ActionKind::Acknowledge, 1'000);
  model.pending().Sent("A1", ActionKind::Close, 2'000);
  model.pending().Sent("A2", ActionKind::Escalate, 3'000);
  ASSERT_NE(model.pending().For("A1"), nullptr);
  EXPECT_EQ(model.pending().For("A1")->kind, ActionKind::Acknowledge);
  model.Apply(ActionOutcomeValue{"A1", ActionKind::Acknowledge, true, 42, ""}, 4'000);
  EXPECT_EQ(model.pending().For("A1")->kind, ActionKind::Close);
  model.Apply(ActionOutcomeValue{"A2", ActionKind::Escalate, false, 0, "refused"}, 4'000);  // refused: answered too
  EXPECT_EQ(model.pending().For("A2"), nullptr);
  EXPECT_EQ(model.pending().items().size(), 1u);
  for (std::size_t i = 0; i < PendingActions::kMax + 5; ++i) model.pending().Sent("B", ActionKind::Comment, 5'000);
  EXPECT_EQ(model.pending().items().size(), PendingActions::kMax);
  EXPECT_EQ(model.pending().dropped(), 6u);
}

}  // namespace
}  // namespace opsroom::console
