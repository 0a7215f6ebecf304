// The one parser of times and durations (wire/utc_time.h) and the printer beside it.
#include "wire/utc_time.h"

#include <gtest/gtest.h>

namespace opsroom::wire {
namespace {

constexpr int64_t kNineThirty = 1'796'635'800'000;  // 2026-12-07T09:30:00Z
constexpr int64_t kMinute = 60'000, kHour = 3'600'000, kDay = 86'400'000;

int64_t Ms(std::string_view text, TimeForms forms = {}) {
  ParsedTime parsed = ParseUtcTime(text, forms);
  EXPECT_TRUE(parsed.ok()) << text << ": " << parsed.error;
  return parsed.ms;
}

std::string ErrorOf(const ParsedTime& parsed) {
  EXPECT_FALSE(parsed.ok()) << "read as " << parsed.ms;
  return parsed.error;
}

TEST(WireUtcTime, PrintsIsoUtcAndReadsItBack) {
  EXPECT_EQ(UtcIsoTime(kNineThirty + 999), "2026-12-07T09:30:00Z");
  EXPECT_EQ(UtcIsoTime(kNineThirty, "-00:00"), "2026-12-07T09:30:00-00:00");
  EXPECT_EQ(Ms(UtcIsoTime(kNineThirty)), kNineThirty);
}

TEST(WireUtcTime, ReadsSecondsOptionalFractionsAndLowerCase) {
  EXPECT_EQ(Ms("2026-12-07T09:30:00Z"), kNineThirty);
  EXPECT_EQ(Ms("2026-12-07T09:30Z"), kNineThirty);
  EXPECT_EQ(Ms("2026-12-07t09:30z"), kNineThirty);
  EXPECT_EQ(Ms("2026-12-07T09:30:00.250Z"), kNineThirty + 250);
  EXPECT_EQ(Ms("2026-12-07T09:30:00,5Z"), kNineThirty + 500);
  EXPECT_EQ(Ms("2026-12-07T09:30:00.123456789Z"), kNineThirty + 123);  // below a ms is dropped
}

TEST(WireUtcTime, AppliesOffsetsInEverySpelling) {
  EXPECT_EQ(Ms("2026-12-07T10:30:00+01:00"), kNineThirty);
  EXPECT_EQ(Ms("2026-12-07T10:30+0100"), kNineThirty);
  EXPECT_EQ(Ms("2026-12-07T10:30+01"), kNineThirty);
  EXPECT_EQ(Ms("2026-12-07T04:00:00-05:30"), kNineThirty);
  EXPECT_EQ(Ms("2026-12-07T09:30:00-00:00"), kNineThirty);
  EXPECT_EQ(Ms("2026-12-08T00:30:00+15:00"), kNineThirty);                       // across midnight
  EXPECT_EQ(Ms("2027-01-01T00:30:00+01:00"), 1'798'761'600'000 - 30 * kMinute);  // back into the old year
}

TEST(WireUtcTime, KnowsLeapDaysAndMonthEnds) {
  EXPECT_EQ(Ms("2028-02-29T00:00Z"), 1'835'395'200'000);
  EXPECT_EQ(Ms("2026-12-31T23:59:59Z"), 1'798'761'599'000);
  EXPECT_EQ(Ms("2026-03-31T00:00Z"), 1'774'915'200'000);
  for (const char* no_such_day : {"2026-02-29T00:00Z", "2100-02-29T00:00Z", "2026-04-31T00:00Z", "2026-13-01T00:00Z",
                                  "2026-00-10T00:00Z", "2026-12-00T00:00Z", "2026-12-32T00:00Z"}) {
    EXPECT_NE(ErrorOf(ParseUtcTime(no_such_day)).find("no such day"), std::string::npos) << no_such_day;
  }
  for (const char* no_such_time : {"2026-12-07T24:00Z", "2026-12-07T09:60Z", "2026-12-07T09:30:60Z"}) {
    EXPECT_NE(ErrorOf(ParseUtcTime(no_such_time)).find("hours go to 23"), std::string::npos) << no_such_time;
  }
}

TEST(WireUtcTime, RefusesAmbiguousAndMisshapenTimesSayingWhatWasExpected) {
  EXPECT_NE(ErrorOf(ParseUtcTime("2026-12-07T09:30:00")).find("has no zone: add Z"), std::string::npos);
  EXPECT_NE(ErrorOf(ParseUtcTime("2026-12-07")).find("date without a time"), std::string::npos);
  for (const char* wrong :
       {"", "yesterday", "07.12.2026 09:30", "26-12-07T09:30Z", "2026-12-7T09:30Z", "2026-12-07T9:30Z",
        "2026-12-07 09:30Z", "2026-12-07T09:30 CET", "2026-12-07T09:30+1",
        "2026-12-07T09:30+01:", "2026-12-07T09:30:00.Z", "2026-12-07T09Z", "2026-12-07T09:30ZZ", "1796635800000"}) {
    EXPECT_NE(ErrorOf(ParseUtcTime(wrong)).find("expected an ISO 8601 UTC time like 2026-12-07T09:30:00Z"),
              std::string::npos)
        << wrong;
  }
}

TEST(WireUtcTime, FormsLabelledUtcMayLeaveTheZoneOut) {
  const TimeForms labelled{.zone_implied = true};
  EXPECT_EQ(Ms("2026-12-07 09:30", labelled), kNineThirty);
  EXPECT_EQ(Ms("2026-12-07T09:30:00", labelled), kNineThirty);
  EXPECT_EQ(Ms("2026-12-07 10:30+01:00", labelled), kNineThirty);
  EXPECT_FALSE(ParseUtcTime("2026-12-07", labelled).ok());
}

TEST(WireUtcTime, ReadsADayWhereADayIsMeant) {
  EXPECT_EQ(Ms("2026-12-07", TimeForms{.date_alone = true}), kNineThirty - 9 * kHour - 30 * kMinute);
  ParsedTime day = ParseUtcDay("2028-02-29");
  ASSERT_TRUE(day.ok()) << day.error;
  EXPECT_EQ(day.ms, 1'835'395'200'000);
  EXPECT_NE(ErrorOf(ParseUtcDay("2026-12-07T09:30Z")).find("expected a UTC date like 2026-12-07"), std::string::npos);
  EXPECT_NE(ErrorOf(ParseUtcDay("07.12.2026")).find("not a day"), std::string::npos);
  EXPECT_NE(ErrorOf(ParseUtcDay("2026-02-29")).find("no such day"), std::string::npos);
}

TEST(WireUtcTime, ReadsShortAndIsoDurations) {
  const std::pair<const char*, int64_t> kGood[] = {{"45s", 45'000},
                                                   {"90m", 90 * kMinute},
                                                   {"2h", 2 * kHour},
                                                   {"3d", 3 * kDay},
                                                   {"1h30m", 90 * kMinute},
                                                   {"2H", 2 * kHour},
                                                   {"PT2H", 2 * kHour},
                                                   {"PT90M", 90 * kMinute},
                                                   {"PT45S", 45'000},
                                                   {"P3D", 3 * kDay},
                                                   {"P1DT2H30M", kDay + 150 * kMinute},
                                                   {"P2W", 14 * kDay},
                                                   {"pt2h", 2 * kHour},
                                                   {"0s", 0},
                                                   {"500ms", 500},
                                                   {"90min", 90 * kMinute}};
  for (const auto& [text, ms] : kGood) {
    ParsedTime parsed = ParseDuration(text);
    EXPECT_TRUE(parsed.ok()) << text << ": " << parsed.error;
    EXPECT_EQ(parsed.ms, ms) << text;
  }
  for (const char* wrong : {"", "2", "h", "2h30", "2x", "-2h", "2w", "P", "PT", "P1DT", "P1M", "PT2D", "P1H", "1.5h",
                            "2 h", "1234567890s"}) {
    EXPECT_NE(ErrorOf(ParseDuration(wrong)).find("expected 45s, 90m, 2h, 3d"), std::string::npos) << wrong;
  }
  EXPECT_NE(ErrorOf(ParseDuration("999999999d")).find("longer than a century"), std::string::npos);
}

TEST(WireUtcTime, SinceIsATimeADayOrAnAgeBackFromNow) {
  const int64_t now = kNineThirty;
  EXPECT_EQ(ParseSince("2h", now).ms, now - 2 * kHour);
  EXPECT_EQ(ParseSince("PT2H", now).ms, now - 2 * kHour);
  EXPECT_EQ(ParseSince("2026-12-07", now).ms, now - 9 * kHour - 30 * kMinute);
  EXPECT_EQ(ParseSince("2026-12-07T10:30+01:00", now).ms, now);
  EXPECT_NE(ErrorOf(ParseSince("yesterday", now)).find("neither a time nor an age"), std::string::npos);
  EXPECT_NE(ErrorOf(ParseSince("2026-12-07T09:30", now)).find("has no zone"), std::string::npos);
  EXPECT_NE(ErrorOf(ParseSince("2026-02-30", now)).find("no such day"), std::string::npos);
}

}  // namespace
}  // namespace opsroom::wire
