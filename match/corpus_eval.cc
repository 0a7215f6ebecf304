// Corpus reading, tallies per kind and per threshold, the threshold choice, the report.
#include "match/corpus_eval.h"

#include <cstdio>
#include <map>

#include "match/matcher.h"

namespace opsroom::match {
namespace {

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> out(1);
  for (char c : line) {
    if (c == '\t') out.emplace_back();
    else out.back() += c;
  }
  return out;
}

void Count(Tally& t, const LabelledPair& p, double threshold) {
  const bool hit = p.score >= threshold;
  if (p.same) (hit ? t.tp : t.fn)++;
  else (hit ? t.fp : t.tn)++;
}

std::string Fixed(double x, int digits) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, x);
  return buf;
}

}  // namespace

bool ReadCorpus(std::istream& in, std::vector<LabelledPair>& out, std::string& error) {
  std::vector<LabelledPair> pairs;
  std::string line;
  for (int line_no = 1; std::getline(in, line); ++line_no) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f = SplitTabs(line);
    if (f.size() != 4 || (f[1] != "0" && f[1] != "1") || f[0].empty()) {
      error = "line " + std::to_string(line_no) + ": expected KIND<TAB>0|1<TAB>NAME_A<TAB>NAME_B";
      return false;
    }
    pairs.push_back({f[0], f[1] == "1", f[2], f[3], 0.0});
  }
  out = std::move(pairs);
  return true;
}

void ScoreCorpus(std::vector<LabelledPair>& pairs) {
  for (LabelledPair& p : pairs) p.score = ScoreNames(p.a, p.b).score;
}

std::vector<Tally> TallyByKind(const std::vector<LabelledPair>& pairs, double threshold) {
  std::map<std::string, Tally> kinds;
  Tally all{"all"};
  for (const LabelledPair& p : pairs) {
    Tally& t = kinds[p.kind];
    t.label = p.kind;
    Count(t, p, threshold);
    Count(all, p, threshold);
  }
  std::vector<Tally> out;
  for (auto& [kind, t] : kinds) out.push_back(t);
  out.push_back(all);
  return out;
}

Tally TallyAt(const std::vector<LabelledPair>& pairs, double threshold) {
  Tally t{Fixed(threshold, 3)};
  for (const LabelledPair& p : pairs) Count(t, p, threshold);
  return t;
}

double ChooseThreshold(const std::vector<LabelledPair>& pairs, double from, double to, double step) {
  int best_tp = -1;
  double plateau_start = to, plateau_end = to;
  for (int i = 0; from + i * step <= to + 1e-9; ++i) {
    const double th = from + i * step;
    Tally t = TallyAt(pairs, th);
    if (t.fp > 0) continue;
    if (t.tp > best_tp) {
      best_tp = t.tp;
      plateau_start = plateau_end = th;
    } else if (t.tp == best_tp && plateau_end + step >= th - 1e-9) {
      plateau_end = th;
    }
  }
  return (plateau_start + plateau_end) / 2;
}

std::string FormatReport(const std::vector<LabelledPair>& pairs, double threshold, double from, double to,
                         double step) {
  std::string out =
      "| kind | pairs | same | precision | recall | false hits | missed |\n|---|---|---|---|---|---|---|\n";
  for (const Tally& t : TallyByKind(pairs, threshold)) {
    out += "| " + t.label + " | " + std::to_string(t.tp + t.fp + t.fn + t.tn) + " | " + std::to_string(t.tp + t.fn) +
           " | " + Fixed(t.Precision(), 3) + " | " + Fixed(t.Recall(), 3) + " | " + std::to_string(t.fp) + " | " +
           std::to_string(t.fn) + " |\n";
  }
  out += "\n| threshold | precision | recall | false hits | missed |\n|---|---|---|---|---|\n";
  for (int i = 0; from + i * step <= to + 1e-9; ++i) {
    Tally t = TallyAt(pairs, from + i * step);
    out += "| " + t.label + " | " + Fixed(t.Precision(), 3) + " | " + Fixed(t.Recall(), 3) + " | " +
           std::to_string(t.fp) + " | " + std::to_string(t.fn) + " |\n";
  }
  return out;
}

}  // namespace opsroom::match
