// The labelled corpus (tests/data/match_corpus.tsv) at the library's threshold: no trap is
// raised, and nearly every spelling of the same name is; and the opsroom-match tool.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "match/corpus_eval.h"
#include "match/match_result.h"

namespace opsroom::match {
namespace {

std::vector<LabelledPair> LoadCorpus() {
  std::ifstream in(std::string(OPSROOM_SOURCE_DIR) + "/tests/data/match_corpus.tsv");
  std::vector<LabelledPair> pairs;
  std::string error;
  EXPECT_TRUE(ReadCorpus(in, pairs, error)) << error;
  ScoreCorpus(pairs);
  return pairs;
}

TEST(MatchCorpus, NoFalseHitAndHighRecallAtTheThreshold) {
  std::vector<LabelledPair> pairs = LoadCorpus();
  ASSERT_GE(pairs.size(), 500u);
  for (const Tally& t : TallyByKind(pairs, kHitThreshold)) {
    EXPECT_EQ(t.fp, 0) << t.label << ": a different name was raised";
    if (t.label.rfind("trap", 0) == 0) {
      EXPECT_EQ(t.tp + t.fn, 0) << t.label << ": traps are all different names";
    }
  }
  // A wrong letter (typo-letter) is given up on the name alone, for precision: Đorđević / Đurđević.
  std::vector<LabelledPair> spellings;
  for (const LabelledPair& p : pairs)
    if (p.kind != "typo-letter") spellings.push_back(p);
  Tally all = TallyAt(spellings, kHitThreshold);
  EXPECT_GE(all.Recall(), 0.98) << all.fn << " missed";
  for (const LabelledPair& p : pairs) {
    if (p.kind == "cyrillic-latin" || p.kind == "albanian-serbian" || p.kind == "latin-ascii") {
      EXPECT_GE(p.score, kHitThreshold) << p.a << " / " << p.b;
    }
  }
}

TEST(MatchCorpus, TheThresholdIsTheOneTheCurveSuggests) {
  std::vector<LabelledPair> pairs = LoadCorpus();
  const double suggested = ChooseThreshold(pairs, 0.60, 1.00, 0.005);
  EXPECT_NEAR(kHitThreshold, suggested, 0.03) << "rerun opsroom-match-corpus and update docs/matching.md";
}

TEST(MatchCorpus, AMalformedLineIsAnErrorWithItsNumber) {
  std::istringstream in("# header\ntypo\t1\tA\tB\ntypo\tyes\tA\tB\n");
  std::vector<LabelledPair> pairs;
  std::string error;
  EXPECT_FALSE(ReadCorpus(in, pairs, error));
  EXPECT_NE(error.find("line 3"), std::string::npos) << error;
  EXPECT_TRUE(pairs.empty());
}

std::string RunCommand(const std::string& command, int& status) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return out;
  std::array<char, 4096> buf{};
  while (std::fgets(buf.data(), buf.size(), pipe)) out += buf.data();
  status = pclose(pipe);
  return out;
}

const std::string kTool = std::string(OPSROOM_BINARY_DIR) + "/match/opsroom-match";

TEST(MatchTool, NamesWritesScoreVerdictAndWhyPerLine) {
  const std::string input = ::testing::TempDir() + "match_tool_names.tsv";
  std::ofstream(input) << "Шћепановић Марко\tSCEPANOVIC MARKO\nXhemajl Hoxha\tXhemajl Hoxhaj\n";
  int status = -1;
  std::string out = RunCommand(kTool + " names < " + input, status);
  EXPECT_EQ(status, 0);
  std::istringstream lines(out);
  std::string first, second;
  std::getline(lines, first);
  std::getline(lines, second);
  EXPECT_NE(first.find("\thit\ttokens=agree"), std::string::npos) << first;
  EXPECT_NE(second.find("\tno-hit\t"), std::string::npos) << second;
  EXPECT_NE(second.find("hodza~hodzaj extension"), std::string::npos) << second;
}

TEST(MatchTool, ExplainAndUsage) {
  int status = -1;
  std::string out = RunCommand(kTool + " explain 'Xhemajl Hoxha' 'Džemajl Hodža'", status);
  EXPECT_EQ(status, 0);
  EXPECT_NE(out.find("folded=dzemajl"), std::string::npos) << out;
  out = RunCommand(kTool + " nmaes 2>&1", status);
  EXPECT_NE(status, 0);
  EXPECT_NE(out.find("did you mean names?"), std::string::npos) << out;
  EXPECT_NE(out.find("usage: opsroom-match"), std::string::npos) << out;
}

TEST(MatchTool, IdChecksAnIdentifier) {
  int status = -1;
  std::string out = RunCommand(kTool + " id vin 'WVW ZZZ1JZ3W386752'", status);
  EXPECT_EQ(status, 0);
  EXPECT_NE(out.find("ok\tWVWZZZ1JZ3W386752\tnote: "), std::string::npos) << out;
  out = RunCommand(kTool + " id container CSQU3054384", status);
  EXPECT_NE(status, 0);
  EXPECT_NE(out.find("refused\tCSQU3054384\tcontainer check digit is 4, computed 3"), std::string::npos) << out;
  out = RunCommand(kTool + " id plate 'MNE PG-123-AB' ME", status);
  EXPECT_NE(out.find("ok\tPG123AB"), std::string::npos) << out;
  out = RunCommand(kTool + " id boat X 2>&1", status);
  EXPECT_NE(out.find("usage:"), std::string::npos) << out;
}

}  // namespace
}  // namespace opsroom::match
