// The re-marking record (hub/remark.h): the previous marking kept for replay
// reads back exactly, and a re-marking concerns exactly the viewers whose
// entitlement it changes, in both directions.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace opsroom::hub
