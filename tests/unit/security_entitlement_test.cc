// The need-to-know rule (wire/entitlement.h) as a table, plus the named case:
// a restricted alert for ME and AL never reaches RS.
#include <gtest/gtest.h>

#include "unit/wire_sample_envelopes.h"
#include "wire/entitlement.h"

namespace opsroom::wire {
namespace {

using testing::Pack;

struct Marked {
  std::vector<uint8_t> bytes;
  const Envelope* get() const { return GetEnvelope(bytes.data()); }
};

Marked Mark(EnvelopeT envelope, const std::string& country, Distribution distribution,
            std::vector<std::string> recipients = {}, bool h2 = false) {
  envelope.country = country;
  envelope.origin = country + "-BP";
  envelope.handling = std::make_unique<HandlingT>();
  envelope.handling->distribution = distribution;
  envelope.handling->recipients = std::move(recipients);
  envelope.handling->no_onward_dissemination = h2;
  return {Pack(envelope)};
}

const Viewer kRs{"RS", ClientRole::NationalNode};
const Viewer kAl{"AL", ClientRole::NationalNode};
const Viewer kMe{"ME", ClientRole::NationalNode};
const Viewer kEuropol{"EUROPOL", ClientRole::PartnerAgency};
const Viewer kDuty{"OPSROOM", ClientRole::Console};
const Viewer kPlanner{"OPSROOM", ClientRole::Planner};
const Viewer kSlovenia{"SI", ClientRole::NationalNode};

TEST(Entitlement, NamedCaseRestrictedForMeAndAlNeverReachesRs) {
  Marked alert = Mark(testing::SampleAlert(), "ME", Distribution::Restricted, {"ME", "AL"});
  EXPECT_FALSE(EntitledToEnvelope(kRs, *alert.get(), nullptr));
  EXPECT_TRUE(EntitledToEnvelope(kAl, *alert.get(), nullptr));
  EXPECT_TRUE(EntitledToEnvelope(kMe, *alert.get(), nullptr));
  EXPECT_TRUE(EntitledToEnvelope(kDuty, *alert.get(), nullptr));
  EXPECT_FALSE(EntitledToEnvelope(kPlanner, *alert.get(), nullptr));
  EXPECT_FALSE(EntitledToEnvelope(kEuropol, *alert.get(), nullptr));
  // A public comment on it by the room is no wider than the alert.
  Marked action = Mark(testing::SampleAction(), "OPSROOM", Distribution::Public);
  EXPECT_FALSE(EntitledToEnvelope(kRs, *action.get(), alert.get()));
  EXPECT_TRUE(EntitledToEnvelope(kAl, *action.get(), alert.get()));
  EXPECT_FALSE(EntitledToEnvelope(kPlanner, *action.get(), alert.get()));
}

TEST(Entitlement, Table) {
  struct Case {
    const char* name;
    Distribution distribution;
    std::vector<std::string> recipients;
    bool h2;
    Viewer viewer;
    bool expected;
  };
  const std::vector<Case> cases = {
      {"public: national", Distribution::Public, {}, false, kRs, true},
      {"public: partner", Distribution::Public, {}, false, kEuropol, true},
      {"public: planner", Distribution::Public, {}, false, kPlanner, true},
      {"public: neighbour", Distribution::Public, {}, false, kSlovenia, true},
      {"public H2: partner", Distribution::Public, {}, true, kEuropol, false},
      {"public H2: planner", Distribution::Public, {}, true, kPlanner, false},
      {"public H2: national", Distribution::Public, {}, true, kRs, true},
      {"public H2: named partner", Distribution::Public, {"EUROPOL"}, true, kEuropol, true},
      {"limited: national", Distribution::Limited, {}, false, kRs, true},
      {"limited: partner", Distribution::Limited, {}, false, kEuropol, false},
      {"limited: named partner", Distribution::Limited, {"EUROPOL"}, false, kEuropol, true},
      {"limited: neighbour", Distribution::Limited, {}, false, kSlovenia, false},
      {"limited: planner", Distribution::Limited, {}, false, kPlanner, true},
      {"limited H2: planner", Distribution::Limited, {}, true, kPlanner, false},
      {"limited: console", Distribution::Limited, {}, true, kDuty, true},
      {"restricted: recipient", Distribution::Restricted, {"AL"}, false, kAl, true},
      {"restricted: originator", Distribution::Restricted, {"AL"}, false, kMe, true},
      {"restricted: other", Distribution::Restricted, {"AL"}, false, kRs, false},
      {"restricted: console", Distribution::Restricted, {"AL"}, false, kDuty, true},
      {"restricted: planner", Distribution::Restricted, {"AL"}, false, kPlanner, false},
      {"restricted: planner via OPSROOM", Distribution::Restricted, {"OPSROOM"}, false, kPlanner, true},
      {"restricted: partner named", Distribution::Restricted, {"EUROPOL"}, false, kEuropol, true},
  };
  for (const Case& c : cases) {
    Marked alert = Mark(testing::SampleAlert(), "ME", c.distribution, c.recipients, c.h2);
    EXPECT_EQ(EntitledToEnvelope(c.viewer, *alert.get(), nullptr), c.expected) << c.name;
  }
}

TEST(Entitlement, NoHandlingIsPublic) {
  EnvelopeT alert = testing::SampleAlert();
  alert.handling.reset();
  auto bytes = Pack(alert);
  EXPECT_TRUE(EntitledToEnvelope(kEuropol, *GetEnvelope(bytes.data()), nullptr));
  EXPECT_TRUE(IsPublicToAll(nullptr));
}

TEST(Entitlement, UpdatesNeedTheirItem) {
  Marked operation = Mark(testing::SampleOperation(), "HR", Distribution::Limited);
  Marked sitrep = Mark(testing::SampleSitRep(), "HR", Distribution::Public);
  EXPECT_TRUE(EntitledToEnvelope(kRs, *sitrep.get(), operation.get()));
  EXPECT_FALSE(EntitledToEnvelope(kEuropol, *sitrep.get(), operation.get()));
  // An action whose alert is unknown is shown to the room only.
  Marked orphan = Mark(testing::SampleAction(), "HR", Distribution::Public);
  EXPECT_FALSE(EntitledToEnvelope(kRs, *orphan.get(), nullptr));
  EXPECT_TRUE(EntitledToEnvelope(kDuty, *orphan.get(), nullptr));
  // A restricted action on a public alert is restricted.
  Marked alert = Mark(testing::SampleAlert(), "ME", Distribution::Public);
  Marked action = Mark(testing::SampleAction(), "AL", Distribution::Restricted, {"HR"});
  EXPECT_FALSE(EntitledToEnvelope(kMe, *action.get(), alert.get()));
  EXPECT_TRUE(EntitledToEnvelope(Viewer{"HR", ClientRole::NationalNode}, *action.get(), alert.get()));
}

TEST(Entitlement, EmptyIdentitySeesNothing) {
  Marked alert = Mark(testing::SampleAlert(), "ME", Distribution::Public);
  EXPECT_FALSE(EntitledToEnvelope(Viewer{"", ClientRole::Console}, *alert.get(), nullptr));
}

}  // namespace
}  // namespace opsroom::wire

namespace opsroom::wire {
namespace {

// The cached form of a marking decides exactly like the envelope itself.
TEST(Entitlement, CachedMarkingAgreesWithEnvelope) {
  const std::vector<Viewer> viewers = {kRs, kAl, kMe, kEuropol, kDuty, kPlanner, kSlovenia};
  for (Distribution distribution : {Distribution::Public, Distribution::Limited, Distribution::Restricted}) {
    for (bool h2 : {false, true}) {
      Marked alert = Mark(testing::SampleAlert(), "ME", distribution, {"AL", "EUROPOL"}, h2);
      Marking marking = MarkingOf(*alert.get());
      Marked action = Mark(testing::SampleAction(), "HR", Distribution::Public);
      for (const Viewer& viewer : viewers) {
        EXPECT_EQ(EntitledTo(viewer, marking), EntitledToEnvelope(viewer, *alert.get(), nullptr));
        EXPECT_EQ(EntitledToItem(viewer, *action.get(), &marking),
                  EntitledToEnvelope(viewer, *action.get(), alert.get()));
      }
    }
  }
}

}  // namespace
}  // namespace opsroom::wire
