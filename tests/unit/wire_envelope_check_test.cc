// Every reason the envelope checker gives, each from one mutation of a valid message.
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <vector>

#include <gtest/gtest.h>

#include "unit/wire_sample_envelopes.h"
#include "wire/frame_check.h"
#include "wire/places.h"
#include "wire/protocol_constants.h"

namespace opsroom::wire {
namespace {

using testing::kNowMs;
using testing::Pack;

const PlaceCatalog& TestPlaces() {
  static const PlaceCatalog catalog = PlaceCatalog::FromTsv(
      "# test places\ncode\tkind\tcountries\tname_local\tname_latin\tlat\tlon\n"
      "BCP-AL-ME-MURIQAN\tcrossing\tAL-ME\tMuriqan\tMuriqan\t41.96\t19.42\n");
  return catalog;
}

ValidationContext Ctx() { return ValidationContext{&TestPlaces(), kNowMs}; }

RejectReason Verdict(const EnvelopeT& envelope) {
  auto bytes = Pack(envelope);
  auto checked = CheckEnvelope(bytes, Ctx());
  return checked ? RejectReason::None : checked.rejection().code;
}

TEST(EnvelopeCheck, AcceptsOneValidMessageOfEachFamily) {
  for (const auto& sample : {testing::SampleAlert(), testing::SampleAction(), testing::SampleWatchlistEntry(),
                             testing::SampleOperation(), testing::SampleSitRep()}) {
    auto bytes = Pack(sample);
    auto checked = CheckEnvelope(bytes, Ctx());
    EXPECT_TRUE(checked) << EnumNamePayload(sample.payload.type) << ": " << (checked ? "" : checked.rejection().text);
  }
}

struct Mutation {
  const char* name;
  std::function<EnvelopeT()> make;
  RejectReason expected;
};

EnvelopeT AlertWith(const std::function<void(EnvelopeT&, AlertT&)>& change) {
  EnvelopeT e = testing::SampleAlert();
  change(e, *e.payload.AsAlert());
  return e;
}

const double kNaN = std::numeric_limits<double>::quiet_NaN();

class EnvelopeRejects : public ::testing::TestWithParam<Mutation> {};

TEST_P(EnvelopeRejects, WithItsOwnReason) {
  const Mutation& m = GetParam();
  EXPECT_EQ(Verdict(m.make()), m.expected) << m.name << ": expected " << ReasonLabel(m.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Table, EnvelopeRejects,
    ::testing::Values(
        Mutation{"missing title", [] { return AlertWith([](auto&, auto& a) { a.title.clear(); }); },
                 RejectReason::MissingField},
        Mutation{"no position nor place", [] { return AlertWith([](auto&, auto& a) { a.position.reset(); }); },
                 RejectReason::MissingField},
        Mutation{"severity out of range",
                 [] { return AlertWith([](auto&, auto& a) { a.severity = static_cast<Severity>(9); }); },
                 RejectReason::EnumOutOfRange},
        Mutation{"crime area out of range",
                 [] { return AlertWith([](auto&, auto& a) { a.crime_area = static_cast<CrimeArea>(200); }); },
                 RejectReason::EnumOutOfRange},
        Mutation{"invalid UTF-8 in body",
                 [] { return AlertWith([](auto&, auto& a) { a.body = std::string("ok \xC3\x28 bad"); }); },
                 RejectReason::InvalidUtf8},
        Mutation{"overlong encoding",
                 [] { return AlertWith([](auto&, auto& a) { a.title = std::string("\xC0\xAF"); }); },
                 RejectReason::InvalidUtf8},
        Mutation{"title too long",
                 [] { return AlertWith([](auto&, auto& a) { a.title = std::string(kMaxShortTextBytes + 1, 'x'); }); },
                 RejectReason::StringTooLong},
        Mutation{"NaN latitude",
                 [] { return AlertWith([](auto&, auto& a) { a.position = std::make_unique<GeoPoint>(kNaN, 19.0); }); },
                 RejectReason::CoordinateOutOfRange},
        Mutation{"latitude above 90",
                 [] { return AlertWith([](auto&, auto& a) { a.position = std::make_unique<GeoPoint>(91.0, 19.0); }); },
                 RejectReason::CoordinateOutOfRange},
        Mutation{"far-future observation",
                 [] { return AlertWith([](auto&, auto& a) { a.observed_at_ms = kNowMs + 3'600'000; }); },
                 RejectReason::TimeImplausible},
        Mutation{"observation before 2000", [] { return AlertWith([](auto&, auto& a) { a.observed_at_ms = 5; }); },
                 RejectReason::TimeImplausible},
        Mutation{"unknown place code",
                 [] { return AlertWith([](auto&, auto& a) { a.place_code = "BCP-XX-NOWHERE"; }); },
                 RejectReason::UnknownPlace},
        Mutation{"known place code only",
                 [] {
                   return AlertWith([](auto&, auto& a) {
                     a.position.reset();
                     a.place_code = "BCP-AL-ME-MURIQAN";
                   });
                 },
                 RejectReason::None},
        Mutation{"unknown recipient",
                 [] {
                   return AlertWith([](auto& e, auto&) {
                     e.handling = std::make_unique<HandlingT>();
                     e.handling->distribution = Distribution::Restricted;
                     e.handling->recipients = {"AL", "ZZ"};
                   });
                 },
                 RejectReason::UnknownParticipant},
        Mutation{"restricted without recipients",
                 [] {
                   return AlertWith([](auto& e, auto&) {
                     e.handling = std::make_unique<HandlingT>();
                     e.handling->distribution = Distribution::Restricted;
                   });
                 },
                 RejectReason::MissingField},
        Mutation{"unknown country", [] { return AlertWith([](auto& e, auto&) { e.country = "QQ"; }); },
                 RejectReason::UnknownParticipant},
        Mutation{"origin not of its country", [] { return AlertWith([](auto& e, auto&) { e.origin = "RS-BP"; }); },
                 RejectReason::InvalidValue},
        Mutation{"node_seq zero", [] { return AlertWith([](auto& e, auto&) { e.node_seq = 0; }); },
                 RejectReason::InvalidValue},
        Mutation{"reliability out of range",
                 [] { return AlertWith([](auto& e, auto&) { e.reliability = static_cast<SourceReliability>(7); }); },
                 RejectReason::EnumOutOfRange},
        Mutation{"too many references",
                 [] {
                   return AlertWith([](auto&, auto& a) {
                     for (std::size_t i = 0; i <= kMaxListItems; ++i) {
                       auto ref = std::make_unique<ExternalRefT>();
                       ref->reference = "SIS-" + std::to_string(i);
                       a.references.push_back(std::move(ref));
                     }
                   });
                 },
                 RejectReason::TooManyItems},
        Mutation{"assign without assignee",
                 [] {
                   EnvelopeT e = testing::SampleAction();
                   e.payload.AsAlertAction()->assignee.clear();
                   return e;
                 },
                 RejectReason::MissingField},
        Mutation{"watchlist revision zero",
                 [] {
                   EnvelopeT e = testing::SampleWatchlistEntry();
                   e.payload.AsWatchlistEntry()->revision = 0;
                   return e;
                 },
                 RejectReason::InvalidValue},
        Mutation{"vehicle without plate or VIN",
                 [] {
                   EnvelopeT e = testing::SampleWatchlistEntry();
                   e.payload.AsWatchlistEntry()->kind = WatchKind::Vehicle;
                   return e;
                 },
                 RejectReason::MissingField},
        Mutation{"operation area of two points",
                 [] {
                   EnvelopeT e = testing::SampleOperation();
                   e.payload.AsJointOperation()->area.pop_back();
                   return e;
                 },
                 RejectReason::InvalidValue},
        Mutation{"operation reporting rhythm above a week",
                 [] {
                   EnvelopeT e = testing::SampleOperation();
                   e.payload.AsJointOperation()->report_every_minutes = 7 * 24 * 60 + 1;
                   return e;
                 },
                 RejectReason::InvalidValue},
        Mutation{"operation lead unknown",
                 [] {
                   EnvelopeT e = testing::SampleOperation();
                   e.payload.AsJointOperation()->lead = "NOBODY";
                   return e;
                 },
                 RejectReason::UnknownParticipant},
        Mutation{"negative seizure",
                 [] {
                   EnvelopeT e = testing::SampleSitRep();
                   e.payload.AsSitRep()->seizures[0]->quantity = -1;
                   return e;
                 },
                 RejectReason::InvalidValue},
        Mutation{"sitrep period backwards",
                 [] {
                   EnvelopeT e = testing::SampleSitRep();
                   e.payload.AsSitRep()->period_end_ms = e.payload.AsSitRep()->period_start_ms - 1;
                   return e;
                 },
                 RejectReason::InvalidValue}),
    [](const ::testing::TestParamInfo<Mutation>& param_info) {
      std::string name;
      for (char c : std::string(param_info.param.name)) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
      return name;
    });

TEST(EnvelopeCheck, RefusesBytesThatAreNotAnEnvelope) {
  std::vector<uint8_t> garbage(64, 0xAB);
  auto checked = CheckEnvelope(garbage, Ctx());
  ASSERT_FALSE(checked);
  EXPECT_EQ(checked.rejection().code, RejectReason::PayloadMalformed);
}

TEST(EnvelopeCheck, RefusalCarriesTheNodeSeqForTheNack) {
  EnvelopeT e = AlertWith([](auto& env, auto& a) {
    env.node_seq = 42;
    a.title.clear();
  });
  auto bytes = Pack(e);
  auto checked = CheckEnvelope(bytes, Ctx());
  ASSERT_FALSE(checked);
  EXPECT_EQ(checked.rejection().node_seq, 42u);
}

TEST(Utf8, AcceptsScriptsOfTheRegionAndRefusesSurrogates) {
  EXPECT_TRUE(IsValidUtf8("Gjirokastër, Шћепановић, Šćepanović, çajupi"));
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // U+D800
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xE2\x82"));          // truncated
}

// What a sender reads back through wire: node_seq from bytes at an odd
// address, the object form, and the Verifier's refusal of anything else.
TEST(EnvelopeReadBack, VerifiesOnceAndHandsBackWhatTheSenderNeeds) {
  EnvelopeT sample = testing::SampleAlert();
  sample.node_seq = 42;
  auto bytes = Pack(sample);
  std::vector<uint8_t> shifted(bytes.size() + 1);
  std::copy(bytes.begin(), bytes.end(), shifted.begin() + 1);
  auto node_seq = VerifiedNodeSeq(std::span<const uint8_t>(shifted).subspan(1));
  ASSERT_TRUE(node_seq) << node_seq.rejection().text;
  EXPECT_EQ(node_seq.value(), 42u);
  auto object = VerifiedEnvelopeObject(bytes);
  ASSERT_TRUE(object) << object.rejection().text;
  EXPECT_EQ(object.value()->message_id, sample.message_id);

  const std::vector<uint8_t> garbage(64, 0xFF);
  EXPECT_EQ(VerifiedNodeSeq(garbage).rejection().code, RejectReason::PayloadMalformed);
  EXPECT_EQ(VerifiedEnvelopeObject(garbage).rejection().code, RejectReason::PayloadMalformed);
}

}  // namespace
}  // namespace opsroom::wire
