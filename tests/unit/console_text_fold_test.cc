// Search folding: case, diacritics and script do not matter.
#include <gtest/gtest.h>

#include "console/model/text_fold.h"

namespace opsroom::console {
namespace {

TEST(TextFold, SerbianLatinCyrillicAndAsciiFoldAlike) {
  EXPECT_EQ(FoldForSearch("Šćepanović"), "scepanovic");
  EXPECT_EQ(FoldForSearch("Шћепановић"), "scepanovic");
  EXPECT_EQ(FoldForSearch("SCEPANOVIC"), "scepanovic");
  EXPECT_EQ(FoldForSearch("Đorđević"), "djordjevic");
  EXPECT_EQ(FoldForSearch("Ђорђевић"), "djordjevic");
  EXPECT_EQ(FoldForSearch("Љубљана Њиш Џеп"), "ljubljana njis dzep");
}

TEST(TextFold, AlbanianMacedonianAndGreek) {
  EXPECT_EQ(FoldForSearch("Gjirokastër"), "gjirokaster");
  EXPECT_EQ(FoldForSearch("Kapshticë"), "kapshtice");
  EXPECT_EQ(FoldForSearch("Ѓорче Ќерка Ѕвезда"), "gjorce kjerka dzvezda");
  EXPECT_EQ(FoldForSearch("Κακαβιά"), "kakavia");
}

TEST(TextFold, CombiningMarksAreDroppedAndOtherScriptsKept) {
  EXPECT_EQ(FoldForSearch("S\xCC\x8C"
                          "c\xCC\x81"),
            "sc");  // S + caron, c + acute (NFD)
  EXPECT_EQ(FoldForSearch("日本"), "日本");
  EXPECT_EQ(FoldForSearch("a\xFF"
                          "b"),
            "ab");  // an invalid byte is skipped
}

TEST(TextFold, ContainsMatchesSubstringsOfFoldedText) {
  std::string hay = FoldForSearch("Wanted: Šćepanović Milan, Bar");
  EXPECT_TRUE(FoldedContains(hay, FoldForSearch("scepan")));
  EXPECT_TRUE(FoldedContains(hay, FoldForSearch("ШЋЕПАН")));
  EXPECT_TRUE(FoldedContains(hay, ""));
  EXPECT_FALSE(FoldedContains(hay, FoldForSearch("Petrović")));
}

}  // namespace
}  // namespace opsroom::console
