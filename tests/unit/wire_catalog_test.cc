// The participant and place catalogues.
#include <gtest/gtest.h>

#include <stdexcept>

#include "wire/participants.h"
#include "wire/places.h"

namespace opsroom::wire {
namespace {

TEST(Participants, KnowsTheSevenNationalParticipantsAndThePartners) {
  ASSERT_EQ(NationalCodes().size(), 7u);
  for (auto code : NationalCodes()) {
    ASSERT_NE(FindParticipant(code), nullptr) << code;
    EXPECT_EQ(FindParticipant(code)->kind, ParticipantKind::kNational);
  }
  EXPECT_EQ(FindParticipant("EUROPOL")->kind, ParticipantKind::kPartner);
  EXPECT_EQ(FindParticipant("XX"), nullptr);
}

TEST(PlaceCatalog, ParsesTheTsvFormat) {
  auto catalog = PlaceCatalog::FromTsv(
      "# comment\ncode\tkind\tcountries\tname_local\tname_latin\tlat\tlon\n"
      "BCP-RS-HU-HORGOS\tcrossing\tRS-HU\tХоргош\tHorgos\t46.16\t19.97\n"
      "PORT-ME-BAR\tport\tME\tBar\tBar\t42.09\t19.09\n");
  ASSERT_EQ(catalog.all().size(), 2u);
  const Place* horgos = catalog.Find("BCP-RS-HU-HORGOS");
  ASSERT_NE(horgos, nullptr);
  EXPECT_EQ(horgos->kind, PlaceKind::kCrossing);
  EXPECT_EQ(horgos->countries, (std::vector<std::string>{"RS", "HU"}));
  EXPECT_DOUBLE_EQ(horgos->lat, 46.16);
  EXPECT_EQ(catalog.Find("PORT-XX"), nullptr);
}

TEST(PlaceCatalog, NamesTheLineOfAMalformedEntry) {
  try {
    PlaceCatalog::FromTsv("code\tkind\tcountries\tname_local\tname_latin\tlat\tlon\nX\tcastle\tME\ta\tb\t1\t2\n");
    FAIL() << "accepted an unknown kind";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("line 2"), std::string::npos) << e.what();
  }
}

TEST(PlaceCatalog, EmbeddedCatalogLiesInTheRegionWithKnownCountries) {
  const auto& catalog = PlaceCatalog::Embedded();
  ASSERT_GE(catalog.all().size(), 1u);
  for (const Place& place : catalog.all()) {
    EXPECT_GT(place.lat, 36.0) << place.code;
    EXPECT_LT(place.lat, 48.5) << place.code;
    EXPECT_GT(place.lon, 12.0) << place.code;
    EXPECT_LT(place.lon, 30.0) << place.code;
    EXPECT_EQ(place.countries.size(), place.kind == PlaceKind::kCrossing ? 2u : 1u) << place.code;
    for (const auto& country : place.countries) EXPECT_TRUE(IsKnownParticipant(country)) << place.code;
  }
}

}  // namespace
}  // namespace opsroom::wire
