// opsroom-match-corpus: precision and recall of the matcher on a labelled corpus, per kind of
// pair and over a threshold curve, and the threshold the curve suggests.
//   opsroom-match-corpus tests/data/match_corpus.tsv [--errors]
#include <cstdio>
#include <fstream>
#include <string_view>

#include "match/corpus_eval.h"
#include "match/match_result.h"

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3 || (argc == 3 && std::string_view(argv[2]) != "--errors")) {
    std::fputs("usage: opsroom-match-corpus CORPUS.tsv [--errors]\n", stderr);
    return 2;
  }
  std::ifstream in(argv[1]);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", argv[1]);
    return 1;
  }
  std::vector<opsroom::match::LabelledPair> pairs;
  std::string error;
  if (!opsroom::match::ReadCorpus(in, pairs, error)) {
    std::fprintf(stderr, "%s: %s\n", argv[1], error.c_str());
    return 1;
  }
  opsroom::match::ScoreCorpus(pairs);
  const double threshold = opsroom::match::kHitThreshold;
  std::printf("%zu pairs; per kind at the library's threshold %.3f:\n\n", pairs.size(), threshold);
  std::fputs(opsroom::match::FormatReport(pairs, threshold, 0.60, 1.00, 0.025).c_str(), stdout);
  std::printf("\nsuggested threshold (best recall with no false hit, middle of its plateau): %.3f\n",
              opsroom::match::ChooseThreshold(pairs, 0.60, 1.00, 0.005));
  if (argc == 3) {
    for (const auto& p : pairs) {
      if (p.same != (p.score >= threshold))
        std::printf("%s\t%d\t%.3f\t%s\t%s\n", p.kind.c_str(), p.same ? 1 : 0, p.score, p.a.c_str(), p.b.c_str());
    }
  }
  return 0;
}
