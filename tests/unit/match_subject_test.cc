// Whole subjects: dob, nationality and identifiers corroborate or contradict a name.
#include <gtest/gtest.h>

#include "match/dob.h"
#include "match/matcher.h"

namespace opsroom::match {
namespace {

Subject Person(const char* name, const char* dob = "", const char* nationality = "") {
  Subject s;
  s.names.emplace_back(name);
  s.dob = dob;
  s.nationality = nationality;
  return s;
}

Subject Vehicle(const char* plate, const char* country) {
  Subject s;
  s.ids.push_back({IdKind::kPlate, plate, country});
  return s;
}

const KeyVerdict* Find(const MatchResult& r, Key key) {
  for (const KeyVerdict& k : r.keys)
    if (k.key == key) return &k;
  return nullptr;
}

TEST(MatchSubject, SameDobCorroboratesAName) {
  MatchResult with =
      ScoreSubjects(Person("Марко Шћепановић", "1984-03-02", "ME"), Person("SCEPANOVIC MARKO", "1984-03-02", "ME"));
  MatchResult without = ScoreSubjects(Person("Марко Шћепановић"), Person("SCEPANOVIC MARKO"));
  EXPECT_TRUE(with.hit);
  EXPECT_GT(with.score, without.score);
  ASSERT_NE(Find(with, Key::kDob), nullptr);
  EXPECT_EQ(Find(with, Key::kDob)->verdict, Verdict::kAgree);
  EXPECT_EQ(Find(with, Key::kNationality)->verdict, Verdict::kAgree);
}

TEST(MatchSubject, DifferentDobContradictsAName) {
  MatchResult r = ScoreSubjects(Person("Marko Šćepanović", "1984-03-02"), Person("Marko Šćepanović", "1961-11-20"));
  EXPECT_FALSE(r.hit) << FormatWhy(r);
  EXPECT_EQ(Find(r, Key::kDob)->verdict, Verdict::kDisagree);
  MatchResult swapped =
      ScoreSubjects(Person("Marko Šćepanović", "1984-03-02"), Person("Marko Šćepanović", "1984-02-03"));
  EXPECT_TRUE(swapped.hit) << FormatWhy(swapped);
  EXPECT_EQ(Find(swapped, Key::kDob)->verdict, Verdict::kPartial);
  MatchResult year_only = ScoreSubjects(Person("Marko Šćepanović", "1984"), Person("Marko Šćepanović", "1984-03-02"));
  EXPECT_EQ(Find(year_only, Key::kDob)->verdict, Verdict::kPartial);
}

// Review of issue 12: 02.03.1984 was unknown, 19840302 a year only, 31 February accepted.
TEST(MatchDob, TheRegionsWritingsParseAndImpossibleDaysAreErrors) {
  for (const char* text : {"1984-03-02", "02.03.1984", "2.3.1984.", "19840302", "1984.03.02", " 1984-3-2 "}) {
    DobCheck c = CheckDob(text);
    EXPECT_TRUE(c.ok) << text << ": " << c.error;
    EXPECT_EQ(c.value, "1984-03-02") << text;
  }
  EXPECT_EQ(CheckDob("1984").value, "1984");
  EXPECT_EQ(CheckDob("1984-03").value, "1984-03");
  EXPECT_TRUE(CheckDob("").ok);
  EXPECT_TRUE(CheckDob("").value.empty());
  EXPECT_TRUE(CheckDob("29.02.1984").ok);
  for (const char* text : {"1984-02-31", "31.02.1984", "29.02.1983", "19841301", "1984-04-31", "1700-01-01",
                           "02/03/1984", "yesterday", "84-03-02", "1984-03-02-01", "1900-02-29"}) {
    DobCheck c = CheckDob(text);
    EXPECT_FALSE(c.ok) << text;
    EXPECT_NE(c.error.find(text), std::string::npos) << c.error;
  }
  EXPECT_NE(CheckDob("1984-02-31").error.find("29 days"), std::string::npos) << CheckDob("1984-02-31").error;
}

TEST(MatchDob, OtherWritingsOfOneDateAgreeWhenScored) {
  MatchResult r = ScoreSubjects(Person("Marko Šćepanović", "02.03.1984"), Person("SCEPANOVIC MARKO", "19840302"));
  ASSERT_NE(Find(r, Key::kDob), nullptr);
  EXPECT_EQ(Find(r, Key::kDob)->verdict, Verdict::kAgree) << FormatWhy(r);
  MatchResult impossible =
      ScoreSubjects(Person("Marko Šćepanović", "1984-02-31"), Person("Marko Šćepanović", "1984-02-31"));
  EXPECT_EQ(Find(impossible, Key::kDob), nullptr) << "an impossible date is unknown, never evidence";
}

TEST(MatchSubject, ANationalityThatIsNotAlpha2IsUnknown) {
  MatchResult r = ScoreSubjects(Person("Marko Šćepanović", "", "SRB"), Person("Marko Šćepanović", "", "RS"));
  EXPECT_EQ(Find(r, Key::kNationality), nullptr);
}

TEST(MatchSubject, SameDobNeverTurnsATrapIntoAHit) {
  EXPECT_FALSE(
      ScoreSubjects(Person("Jovan Petrović", "1980-01-01", "RS"), Person("Petar Jovanović", "1980-01-01", "RS")).hit);
  EXPECT_FALSE(
      ScoreSubjects(Person("Ivan Horvat", "1990-05-05", "HR"), Person("Ivana Horvat", "1990-05-05", "HR")).hit);
}

TEST(MatchSubject, AFullDobLetsAWrongLetterAgree) {
  MatchResult alone = ScoreSubjects(Person("Marko Đorđević"), Person("Marko Đurđević"));
  MatchResult year = ScoreSubjects(Person("Marko Đorđević", "1984"), Person("Marko Đurđević", "1984-03-02"));
  MatchResult full = ScoreSubjects(Person("Marko Đorđević", "1984-03-02"), Person("Marko Đurđević", "1984-03-02"));
  EXPECT_FALSE(alone.hit) << FormatWhy(alone);
  EXPECT_FALSE(year.hit) << FormatWhy(year);
  EXPECT_TRUE(full.hit) << FormatWhy(full);
  EXPECT_EQ(full.name_score, alone.name_score) << "the name alone is reported as it is";
  Subject aliases = Person("Marko Đorđević", "1984-03-02");
  aliases.names.insert(aliases.names.begin(), "Đurđević");  // better on the name alone (0.75), never a hit
  EXPECT_TRUE(ScoreSubjects(aliases, Person("Marko Đurđević", "1984-03-02")).hit) << "the corroborated alias is chosen";
}

TEST(MatchSubject, DocumentNumberAgreesExactly) {
  Subject entry = Person("Xhemajl Hoxha", "1975-06-01", "XK");
  entry.ids.push_back({IdKind::kDocument, "P 0123456", "XK"});
  Subject check = Person("Hodža Džemajl");
  check.ids.push_back({IdKind::kDocument, "p0123456", "XK"});
  MatchResult r = ScoreSubjects(entry, check);
  EXPECT_TRUE(r.hit);
  EXPECT_EQ(Find(r, Key::kDocument)->verdict, Verdict::kAgree);
  check.ids[0].country = "AL";  // same number, another issuing state: another document
  MatchResult other = ScoreSubjects(entry, check);
  EXPECT_EQ(Find(other, Key::kDocument)->verdict, Verdict::kDisagree);
}

TEST(MatchSubject, PlateCountryIsASeparateKey) {
  EXPECT_EQ(ScoreSubjects(Vehicle("PG-123-AB", "ME"), Vehicle("MNE PG 123 AB", "ME")).score, 1.0);
  EXPECT_FALSE(ScoreSubjects(Vehicle("PG-123-AB", "ME"), Vehicle("PG123AB", "HR")).hit);
  MatchResult unknown = ScoreSubjects(Vehicle("PG-123-AB", "ME"), Vehicle("PG123AB", ""));
  EXPECT_TRUE(unknown.hit);
  EXPECT_LT(unknown.score, 1.0);
  EXPECT_TRUE(ScoreSubjects(Vehicle("BG 123-45", "RS"), Vehicle("БГ 123-45", "RS")).hit);
}

TEST(MatchSubject, VinImoContainerAgreeExactly) {
  Subject a, b;
  a.ids.push_back({IdKind::kContainer, "CSQU 305438 3", ""});
  b.ids.push_back({IdKind::kContainer, "csqu3054383", ""});
  EXPECT_TRUE(ScoreSubjects(a, b).hit);
  b.ids[0].value = "CSQU3054391";
  MatchResult r = ScoreSubjects(a, b);
  EXPECT_FALSE(r.hit);
  EXPECT_EQ(Find(r, Key::kContainer)->verdict, Verdict::kDisagree);
  Subject ship_a, ship_b;
  ship_a.ids.push_back({IdKind::kImo, "IMO 9074729", ""});
  ship_b.ids.push_back({IdKind::kImo, "9074729", ""});
  EXPECT_TRUE(ScoreSubjects(ship_a, ship_b).hit);
}

}  // namespace
}  // namespace opsroom::match
