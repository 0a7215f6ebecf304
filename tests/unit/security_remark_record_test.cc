// The re-marking record (hub/remark.h): the previous marking kept for replay
// reads back exactly, and a re-marking concerns exactly the viewers whose
// entitlement it changes, in both directions.
#include <gtest/gtest.h>

#include "hub/operation_scope.h"
#include "hub/remark.h"

namespace opsroom::hub {
namespace {

using wire::ClientRole;
using wire::Distribution;

TEST(RemarkRecord, MarkingReadsBackExactly) {
  for (const wire::Marking& marking : {wire::Marking{"ME", Distribution::Restricted, {"RS", "EUROPOL"}, true},
                                       wire::Marking{"EUROPOL", Distribution::Public, {}, false},
                                       wire::Marking{"AL", Distribution::Limited, {"SI"}, false}}) {
    auto decoded = DecodeMarking(EncodeMarking(marking));
    ASSERT_TRUE(decoded.has_value()) << EncodeMarking(marking);
    EXPECT_EQ(*decoded, marking) << EncodeMarking(marking);
  }
  wire::Marking scoped{"AL", Distribution::Operation, {}, false};
  scoped.operation_code = "AL-BP:DRINO-II";
  scoped.roster = {"AL", "GR", "ME"};
  auto decoded = DecodeMarking(EncodeMarking(scoped));
  ASSERT_TRUE(decoded.has_value()) << EncodeMarking(scoped);
  EXPECT_EQ(*decoded, scoped) << "an Operation marking keeps its operation and roster";
  EXPECT_FALSE(DecodeMarking("3 0 AL |").has_value()) << "a roster part without its operation";
  EXPECT_FALSE(DecodeMarking("").has_value());
  EXPECT_FALSE(DecodeMarking("9 0 ME").has_value()) << "a distribution out of range";
  EXPECT_NE(RemarkKey(1), RemarkKey(256));
}

TEST(RemarkRecord, ConcernsExactlyTheViewersWhoseEntitlementChanges) {
  wire::Marking restricted{"ME", Distribution::Restricted, {"RS"}, false};
  wire::Marking open{"ME", Distribution::Public, {}, false};
  wire::Viewer neighbour{"SI", ClientRole::NationalNode};
  wire::Viewer named{"RS", ClientRole::NationalNode};
  wire::Viewer owner{"ME", ClientRole::NationalNode};
  wire::Viewer console{"OPSROOM", ClientRole::Console};
  EXPECT_TRUE(RemarkConcerns(neighbour, restricted, open));  // widened to it
  EXPECT_TRUE(RemarkConcerns(neighbour, open, restricted));  // narrowed away from it
  EXPECT_FALSE(RemarkConcerns(named, restricted, open));     // saw it before and after
  EXPECT_FALSE(RemarkConcerns(owner, open, restricted));
  EXPECT_FALSE(RemarkConcerns(console, open, restricted));  // consoles see every marking
}

// An Operation marking (docs/protocol.md 10.5): its roster while the
// operation is open; the originator and the room always; nobody from the
// envelope alone (no roster resolved).
TEST(OperationScope, TheRosterWhileOpenThenOnlyOriginatorAndRoom) {
  wire::Marking scoped{"AL", Distribution::Operation, {}, true};
  scoped.operation_code = "AL-BP:DRINO-II";
  scoped.roster = {"AL", "EUROPOL", "ME"};
  wire::Viewer member{"ME", ClientRole::NationalNode};
  wire::Viewer partner{"EUROPOL", ClientRole::PartnerAgency};
  wire::Viewer outsider{"RS", ClientRole::NationalNode};
  wire::Viewer planner{"OPSROOM", ClientRole::Planner};
  wire::Viewer console{"OPSROOM", ClientRole::Console};
  wire::Viewer owner{"AL", ClientRole::NationalNode};
  EXPECT_TRUE(wire::EntitledTo(member, scoped));
  EXPECT_TRUE(wire::EntitledTo(partner, scoped)) << "H2 takes nothing from a roster member";
  EXPECT_FALSE(wire::EntitledTo(outsider, scoped));
  EXPECT_FALSE(wire::EntitledTo(planner, scoped));
  EXPECT_TRUE(wire::EntitledTo(console, scoped));
  scoped.scope_open = false;
  EXPECT_FALSE(wire::EntitledTo(member, scoped)) << "closed with the operation";
  EXPECT_FALSE(wire::EntitledTo(partner, scoped));
  EXPECT_TRUE(wire::EntitledTo(owner, scoped));
  EXPECT_TRUE(wire::EntitledTo(console, scoped));
  scoped.scope_open = true;
  scoped.roster.clear();
  EXPECT_FALSE(wire::EntitledTo(member, scoped)) << "no roster: nobody but originator and room";
}

TEST(OperationScope, ALaterVersionKeepsOnlyThoseStillTakingPart) {
  OperationScope now{{"AL", "ME", "RS"}, false};
  wire::Marking earlier{"AL", Distribution::Operation, {}, false};
  earlier.operation_code = "AL-BP:DRINO-II";
  earlier.roster = {"AL", "GR", "ME"};
  EXPECT_EQ(ResolveRoster(now, &earlier), (std::vector<std::string>{"AL", "ME"})) << "RS joined later, GR left";
  EXPECT_EQ(ResolveRoster(now, nullptr), now.roster) << "a first sharing: everyone taking part now";
}

}  // namespace
}  // namespace opsroom::hub
