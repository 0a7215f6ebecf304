// Identifier checks: what ISO 3779, IMO, ISO 6346 and ICAO 9303 guarantee, no more.
#include <gtest/gtest.h>

#include "match/identifiers.h"

namespace opsroom::match {
namespace {

TEST(MatchVin, NorthAmericanCheckDigitIsEnforced) {
  IdCheck good = CheckVin("1M8GDM9AXKP042788");
  EXPECT_TRUE(good.ok) << good.error;
  EXPECT_EQ(good.value, "1M8GDM9AXKP042788");
  IdCheck bad = CheckVin("1M8GDM9A1KP042788");
  EXPECT_FALSE(bad.ok);
  EXPECT_NE(bad.error.find("check digit"), std::string::npos) << bad.error;
  EXPECT_NE(bad.error.find("'X'"), std::string::npos) << bad.error;
}

TEST(MatchVin, ChineseCheckDigitIsEnforced) {
  std::string vin = "LSVAU2180N2183294";
  vin[8] = VinCheckDigit(vin);
  EXPECT_TRUE(CheckVin(vin).ok);
  vin[8] = vin[8] == '0' ? '1' : '0';
  EXPECT_FALSE(CheckVin(vin).ok);
}

TEST(MatchVin, EuropeanVinIsNeverRefusedForItsCheckDigit) {
  IdCheck eu = CheckVin("WVW ZZZ1JZ3W386752");  // VW: position 9 is a filler, not a check digit
  EXPECT_TRUE(eu.ok) << eu.error;
  EXPECT_EQ(eu.value, "WVWZZZ1JZ3W386752");
  EXPECT_NE(eu.note.find("not required"), std::string::npos) << eu.note;
  std::string valid = "VF1RFB00X56123456";
  valid[8] = VinCheckDigit(valid);
  IdCheck clean = CheckVin(valid);
  EXPECT_TRUE(clean.ok);
  EXPECT_TRUE(clean.note.empty());
}

TEST(MatchVin, StructureErrorsAreErrors) {
  EXPECT_TRUE(CheckVin("WVWZZZ1JZ3W38675").ok);  // 16: an older free-form number, accepted
  EXPECT_NE(CheckVin("WVWZZZ1JZ3W38675").note.find("free-form"), std::string::npos);
  IdCheck too_long = CheckVin("WVWZZZ1JZ3W3867521");
  EXPECT_FALSE(too_long.ok);
  EXPECT_NE(too_long.error.find("17 characters"), std::string::npos) << too_long.error;
  IdCheck with_o = CheckVin("WVWZZZ1JZ3WO86752");
  EXPECT_FALSE(with_o.ok);
  EXPECT_NE(with_o.error.find("'O' at position 12"), std::string::npos) << with_o.error;
  EXPECT_FALSE(CheckVin("WVW#ZZ1JZ3W386752").ok);
  EXPECT_FALSE(CheckVin("").ok);
}

// Review of issue 12: a 16-character VIN under a WMI that has required 17 since 1981 lost one.
TEST(MatchVin, SixteenCharactersUnderANorthAmericanOrChineseWmiIsAnError) {
  for (const char* vin : {"1M8GDM9AXKP04278", "5YJSA1E26HF00000", "LSVAU2180N218329"}) {
    IdCheck c = CheckVin(vin);
    EXPECT_FALSE(c.ok) << vin;
    EXPECT_NE(c.error.find("17"), std::string::npos) << c.error;
  }
  IdCheck old_european = CheckVin("WVWZZZ1JZ3W38675");
  EXPECT_TRUE(old_european.ok) << old_european.error;
  EXPECT_TRUE(CheckVin("1M8GDM9AXKP04").ok) << "a shorter pre-1981 number stays a free-form number";
}

// Review of issue 12: 60 KB of Han text cost 0.3 s of ICU before any check looked at it.
TEST(MatchIdentifiers, TooLongTextIsRefusedBeforeNormalising) {
  std::string han;
  for (int i = 0; i < 20000; ++i) han += "\xE4\xB8\xAD";  // 中
  for (IdKind kind :
       {IdKind::kPlate, IdKind::kVin, IdKind::kImo, IdKind::kContainer, IdKind::kDocument, IdKind::kPhone}) {
    IdCheck c = CheckIdentifier(kind, han, "RS");
    EXPECT_FALSE(c.ok);
    EXPECT_TRUE(c.value.empty());
    EXPECT_NE(c.error.find("60000 bytes"), std::string::npos) << c.error;
    EXPECT_TRUE(NormalizeIdentifier(kind, han).empty());
  }
  std::string at_bound(kMaxIdentifierBytes, 'A');
  EXPECT_EQ(CheckDocument(at_bound).error.find("bytes long"), std::string::npos) << "the bound itself is not refused";
  EXPECT_NE(CheckDocument(at_bound + "A").error.find("bytes long"), std::string::npos);
}

TEST(MatchImo, WeightsSevenToTwoModTen) {
  EXPECT_TRUE(CheckImo("IMO 9074729").ok);
  EXPECT_EQ(CheckImo("IMO 9074729").value, "9074729");
  EXPECT_TRUE(CheckImo("9074729").ok);
  IdCheck bad = CheckImo("IMO 9074728");
  EXPECT_FALSE(bad.ok);
  EXPECT_NE(bad.error.find("computed 9"), std::string::npos) << bad.error;
  EXPECT_FALSE(CheckImo("IMO 907472").ok);
}

TEST(MatchContainer, Iso6346) {
  EXPECT_EQ(ContainerCheckDigit("CSQU305438"), 3);
  EXPECT_TRUE(CheckContainer("CSQU 305438 3").ok);
  EXPECT_EQ(CheckContainer("csqu-305438-3").value, "CSQU3054383");
  IdCheck bad = CheckContainer("CSQU3054384");
  EXPECT_FALSE(bad.ok);
  EXPECT_NE(bad.error.find("computed 3"), std::string::npos) << bad.error;
  EXPECT_FALSE(CheckContainer("CSQX3054383").ok);  // category must be U, J or Z
  EXPECT_FALSE(CheckContainer("CS1U3054383").ok);
  // A refused number stays searchable as typed.
  EXPECT_EQ(NormalizeIdentifier(IdKind::kContainer, "CSQU 305438 4"), "CSQU3054384");
}

TEST(MatchDocument, IcaoCheckDigitAndExactNormalisation) {
  EXPECT_EQ(IcaoCheckDigit("L898902C3"), 6);
  EXPECT_EQ(IcaoCheckDigit("740812"), 2);
  EXPECT_EQ(IcaoCheckDigit("120415"), 9);
  EXPECT_EQ(IcaoCheckDigit("AB<12"), IcaoCheckDigit("AB012"));
  EXPECT_EQ(IcaoCheckDigit("ab"), -1);
  EXPECT_EQ(CheckDocument("l898 902-c3<<").value, "L898902C3");
  EXPECT_FALSE(CheckDocument("L89#902").ok);
}

TEST(MatchPlate, SpacesDashesCountryBandAndCyrillic) {
  EXPECT_EQ(CheckPlate("PG 123-AB", "ME").value, "PG123AB");
  EXPECT_EQ(CheckPlate("MNE PG-123-AB", "ME").value, "PG123AB");
  EXPECT_EQ(CheckPlate("БГ 123-45", "RS").value, "BG12345");
  EXPECT_EQ(CheckPlate("SRB BG 123-45", "RS").value, "BG12345");
  EXPECT_EQ(CheckPlate("bg.123.45", "").value, "BG12345");
  EXPECT_EQ(CheckPlate("MNE PG 123 AB", "").value, "PG123AB");  // a band of the region, country unknown
  EXPECT_EQ(CheckPlate("BG 123 45", "").value, "BG12345");      // two letters: a town, kept
  // BG is Belgrade on a Serbian plate, not a band to drop.
  EXPECT_EQ(CheckPlate("BG 123 45", "RS").value, "BG12345");
  EXPECT_EQ(CheckPlate("ZG 1234-AB", "HR").value, "ZG1234AB");
  IdCheck bad = CheckPlate("PG*123", "ME");
  EXPECT_FALSE(bad.ok);
  EXPECT_NE(bad.error.find("'*'"), std::string::npos) << bad.error;
  EXPECT_FALSE(CheckPlate(" - ", "ME").ok);
}

TEST(MatchPhone, InternationalPrefix) {
  EXPECT_EQ(CheckPhone("00382 67 123 456").value, "+38267123456");
  EXPECT_EQ(CheckPhone("+382 (67) 123-456").value, "+38267123456");
  EXPECT_FALSE(CheckPhone("+382 67 12x").ok);
  EXPECT_FALSE(CheckPhone("123").ok);
}

}  // namespace
}  // namespace opsroom::match
