// Bad input attacked on purpose, one content class at a time: each row of the
// tables below is a whole frame refused with its own reason code.
#include <cctype>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <string>

#include <gtest/gtest.h>

#include "unit/wire_malformed_support.h"
#include "unit/wire_sample_envelopes.h"
#include "wire/frame_builder.h"
#include "wire/frame_check.h"
#include "wire/json_codec.h"
#include "wire/places.h"
#include "wire/protocol_constants.h"

namespace opsroom::wire {
namespace {

using namespace malformed;
using testing::kNowMs;
using testing::Pack;

TEST_P(MalformedFrame, RefusedWithItsOwnReason) {
  const FrameCase& c = GetParam();
  Bytes frame = c.make();
  auto checked = CheckClientFrame(frame, Ctx());
  RejectReason got = checked ? RejectReason::None : checked.rejection().code;
  EXPECT_EQ(got, c.expected) << c.name << ": expected " << ReasonLabel(c.expected) << ", got " << ReasonLabel(got)
                             << (checked ? "" : " (" + checked.rejection().text + ")");
  EXPECT_EQ(Verdict(ValidHello()), RejectReason::None) << "the checker is stateless: one bad frame harms no other";
}

const std::string kBadUtf8[] = {
    std::string("\xC3\x28", 2),              // a lead byte without its continuation
    std::string("\xED\xA0\x80", 3),          // an encoded UTF-16 surrogate
    std::string("\xF8\x88\x80\x80\x80", 5),  // five-byte form
    std::string("ab\xE2\x82", 4),            // cut in the middle of a character at the end
    std::string("\xF4\x90\x80\x80", 4),      // above U+10FFFF
    std::string("\xE0\x80\xAF", 3),          // overlong '/'
};

// Out-of-range enums that the envelope tests do not already cover, each in its own family.
INSTANTIATE_TEST_SUITE_P(
    EnumOutOfRange, MalformedFrame,
    ::testing::Values(
        FrameCase{"hello role", [] { return HelloWith("ME-BP", "ME", static_cast<ClientRole>(4), "gw"); },
                  RejectReason::EnumOutOfRange},
        FrameCase{"alert status", AlertFrame([](auto&, auto& a) {
                    a.status = static_cast<AlertStatus>(static_cast<int>(AlertStatus::MAX) + 1);
                  }),
                  RejectReason::EnumOutOfRange},
        FrameCase{"reference system", AlertFrame([](auto&, auto& a) {
                    a.references.push_back(std::make_unique<ExternalRefT>());
                    a.references.back()->system = static_cast<RefSystem>(6);
                    a.references.back()->reference = "X-1";
                  }),
                  RejectReason::EnumOutOfRange},
        FrameCase{"handling distribution", AlertFrame([](auto& e, auto&) {
                    e.handling = std::make_unique<HandlingT>();
                    e.handling->distribution = static_cast<Distribution>(static_cast<int>(Distribution::MAX) + 1);
                  }),
                  RejectReason::EnumOutOfRange},
        FrameCase{"credibility", AlertFrame([](auto& e, auto&) { e.credibility = static_cast<InfoCredibility>(5); }),
                  RejectReason::EnumOutOfRange},
        FrameCase{"action kind",
                  ActionFrame([](auto& a) { a.kind = static_cast<ActionKind>(static_cast<int>(ActionKind::MAX) + 1); }),
                  RejectReason::EnumOutOfRange},
        FrameCase{"watch kind", WatchFrame([](auto& w) { w.kind = static_cast<WatchKind>(7); }),
                  RejectReason::EnumOutOfRange},
        FrameCase{"watch action", WatchFrame([](auto& w) { w.action = static_cast<ActionRequested>(99); }),
                  RejectReason::EnumOutOfRange},
        FrameCase{"operation phase", OperationFrame([](auto& o) { o.phase = static_cast<OperationPhase>(5); }),
                  RejectReason::EnumOutOfRange},
        FrameCase{"operation crime area in a list",
                  OperationFrame([](auto& o) { o.crime_areas.push_back(static_cast<CrimeArea>(250)); }),
                  RejectReason::EnumOutOfRange},
        FrameCase{"seizure commodity",
                  SitRepFrame([](auto& s) { s.seizures[0]->commodity = static_cast<Commodity>(15); }),
                  RejectReason::EnumOutOfRange},
        FrameCase{"seizure unit", SitRepFrame([](auto& s) { s.seizures[0]->unit = static_cast<Unit>(4); }),
                  RejectReason::EnumOutOfRange},
        FrameCase{"last valid values are accepted", AlertFrame([](auto& e, auto& a) {
                    a.status = AlertStatus::MAX;
                    a.severity = Severity::MAX;
                    e.credibility = InfoCredibility::MAX;
                  }),
                  RejectReason::None}),
    Name);

INSTANTIATE_TEST_SUITE_P(
    InvalidUtf8, MalformedFrame,
    ::testing::Values(
        FrameCase{"hello software version", [] { return HelloWith("ME-BP", "ME", ClientRole::Console, kBadUtf8[0]); },
                  RejectReason::InvalidUtf8},
        FrameCase{"heartbeat software version",
                  [] {
                    return BuildHeartbeat({"ME-BP", kNowMs, 0, 0, "gw/" + kBadUtf8[4]});
                  },
                  RejectReason::InvalidUtf8},
        FrameCase{"heartbeat node id",
                  [] {
                    return BuildHeartbeat({"ME-BP" + kBadUtf8[1], kNowMs, 0, 0, "gw"});
                  },
                  RejectReason::InvalidUtf8},
        FrameCase{"message id", AlertFrame([](auto& e, auto&) { e.message_id = "ME-BP:" + kBadUtf8[2]; }),
                  RejectReason::InvalidUtf8},
        FrameCase{"alert title cut mid-character", AlertFrame([](auto&, auto& a) { a.title = kBadUtf8[3]; }),
                  RejectReason::InvalidUtf8},
        FrameCase{"handling other restrictions", AlertFrame([](auto& e, auto&) {
                    e.handling = std::make_unique<HandlingT>();
                    e.handling->other_restrictions = kBadUtf8[4];
                  }),
                  RejectReason::InvalidUtf8},
        FrameCase{"action comment", ActionFrame([](auto& a) { a.text = "seen " + kBadUtf8[5]; }),
                  RejectReason::InvalidUtf8},
        FrameCase{"watchlist alias in a list", WatchFrame([](auto& w) { w.aliases.push_back(kBadUtf8[0]); }),
                  RejectReason::InvalidUtf8},
        FrameCase{"watchlist original name", WatchFrame([](auto& w) { w.name_original = kBadUtf8[1]; }),
                  RejectReason::InvalidUtf8},
        FrameCase{"operation name", OperationFrame([](auto& o) { o.name = kBadUtf8[2]; }), RejectReason::InvalidUtf8},
        FrameCase{"sitrep remarks", SitRepFrame([](auto& s) { s.remarks = kBadUtf8[3]; }), RejectReason::InvalidUtf8},
        FrameCase{"four-byte characters are fine",
                  AlertFrame([](auto&, auto& a) { a.title = "\xF0\x9F\x9A\x90 at the crossing"; }),
                  RejectReason::None}),
    Name);

INSTANTIATE_TEST_SUITE_P(
    CoordinateOutOfRange, MalformedFrame,
    ::testing::Values(
        FrameCase{"infinite longitude",
                  AlertFrame([](auto&, auto& a) { a.position = std::make_unique<GeoPoint>(42.0, kInf); }),
                  RejectReason::CoordinateOutOfRange},
        FrameCase{"negative NaN latitude",
                  AlertFrame([](auto&, auto& a) { a.position = std::make_unique<GeoPoint>(-kNaN, 19.0); }),
                  RejectReason::CoordinateOutOfRange},
        FrameCase{"longitude just past 180", AlertFrame([](auto&, auto& a) {
                    a.position = std::make_unique<GeoPoint>(0.0, std::nextafter(180.0, 200.0));
                  }),
                  RejectReason::CoordinateOutOfRange},
        FrameCase{"latitude below -90",
                  AlertFrame([](auto&, auto& a) { a.position = std::make_unique<GeoPoint>(-90.5, 19.0); }),
                  RejectReason::CoordinateOutOfRange},
        FrameCase{"the poles and the antimeridian are fine",
                  AlertFrame([](auto&, auto& a) { a.position = std::make_unique<GeoPoint>(-90.0, 180.0); }),
                  RejectReason::None},
        FrameCase{"NaN in an operation area", OperationFrame([](auto& o) { o.area[1] = GeoPoint(kNaN, 19.5); }),
                  RejectReason::CoordinateOutOfRange},
        FrameCase{"infinity in an operation area", OperationFrame([](auto& o) { o.area[2] = GeoPoint(42.0, -kInf); }),
                  RejectReason::CoordinateOutOfRange}),
    Name);

INSTANTIATE_TEST_SUITE_P(
    TimeImplausible, MalformedFrame,
    ::testing::Values(
        FrameCase{"sent just past the clock skew",
                  AlertFrame([](auto& e, auto&) { e.sent_at_ms = kNowMs + kMaxClockSkewMs + 1; }),
                  RejectReason::TimeImplausible},
        FrameCase{"sent exactly at the clock skew",
                  AlertFrame([](auto& e, auto&) { e.sent_at_ms = kNowMs + kMaxClockSkewMs; }), RejectReason::None},
        FrameCase{"sent at INT64_MAX",
                  AlertFrame([](auto& e, auto&) { e.sent_at_ms = std::numeric_limits<int64_t>::max(); }),
                  RejectReason::TimeImplausible},
        FrameCase{"sent at a negative time", AlertFrame([](auto& e, auto&) { e.sent_at_ms = -1; }),
                  RejectReason::TimeImplausible},
        FrameCase{"sent_at absent", AlertFrame([](auto& e, auto&) { e.sent_at_ms = 0; }),
                  RejectReason::TimeImplausible},
        FrameCase{"alert expires beyond ten years",
                  AlertFrame([](auto&, auto& a) { a.expires_at_ms = kNowMs + kMaxHorizonMs + 1; }),
                  RejectReason::TimeImplausible},
        FrameCase{"action in the future", ActionFrame([](auto& a) { a.at_ms = kNowMs + 24 * 3'600'000LL; }),
                  RejectReason::TimeImplausible},
        FrameCase{"watchlist valid until year 292 million",
                  WatchFrame([](auto& w) { w.valid_until_ms = std::numeric_limits<int64_t>::max(); }),
                  RejectReason::TimeImplausible},
        FrameCase{"operation ends beyond ten years",
                  OperationFrame([](auto& o) { o.ends_at_ms = kNowMs + kMaxHorizonMs + 1; }),
                  RejectReason::TimeImplausible},
        FrameCase{"sitrep period ends tomorrow", SitRepFrame([](auto& s) { s.period_end_ms = kNowMs + 86'400'000; }),
                  RejectReason::TimeImplausible}),
    Name);

}  // namespace
}  // namespace opsroom::wire
