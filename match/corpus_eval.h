// Evaluating the matcher on a labelled corpus (tests/data/match_corpus.tsv): precision and
// recall per kind of pair, a threshold curve, and the threshold the curve suggests.
#pragma once
#include <istream>
#include <string>
#include <vector>

namespace opsroom::match {

struct LabelledPair {
  std::string kind;  // "cyrillic-latin", "trap-gender", ...
  bool same = false;
  std::string a, b;
  double score = 0;  // filled by ScoreCorpus
};

// Lines "KIND<TAB>0|1<TAB>NAME_A<TAB>NAME_B"; '#' lines and blank lines skipped. A malformed
// line is an error naming its number; nothing is half-read.
bool ReadCorpus(std::istream& in, std::vector<LabelledPair>& out, std::string& error);
void ScoreCorpus(std::vector<LabelledPair>& pairs);

struct Tally {
  std::string label;  // a kind, or "all", or a threshold
  int tp = 0, fp = 0, fn = 0, tn = 0;
  double Precision() const { return tp + fp ? static_cast<double>(tp) / (tp + fp) : 1.0; }
  double Recall() const { return tp + fn ? static_cast<double>(tp) / (tp + fn) : 1.0; }
};

std::vector<Tally> TallyByKind(const std::vector<LabelledPair>& pairs, double threshold);  // kinds sorted, "all" last
Tally TallyAt(const std::vector<LabelledPair>& pairs, double threshold);
// The threshold with the best recall among those with no false positive on the corpus;
// of a plateau of equal recall, its middle (the widest margin on both sides).
double ChooseThreshold(const std::vector<LabelledPair>& pairs, double from, double to, double step);
// Markdown tables: per kind at `threshold`, and the curve from..to.
std::string FormatReport(const std::vector<LabelledPair>& pairs, double threshold, double from, double to, double step);

}  // namespace opsroom::match
