// The full reasoning of a name comparison, for the people who tune the matcher.
#include <cstdio>
#include <string>

#include "match/matcher.h"
#include "match/name_normalize.h"

namespace opsroom::match {
namespace {

std::string Fixed3(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", x);
  return buf;
}

void DescribeName(const char* label, std::string_view text, std::string& out) {
  out += std::string(label) + ": " + std::string(text) + "\n";
  for (const NameToken& t : NormalizeName(text).tokens) {
    out += "  " + t.original + "  latin=" + t.latin + "  folded=" + t.folded + "  phonetic=" + t.phonetic + "\n";
  }
}

}  // namespace

std::string Explain(std::string_view name_a, std::string_view name_b, double threshold) {
  std::string out;
  DescribeName("A", name_a, out);
  DescribeName("B", name_b, out);
  MatchResult r = ScoreNames(name_a, name_b, threshold);
  out += "pairs (order-free, best first):\n";
  for (const TokenPair& p : r.tokens) {
    out += "  " + (p.a.empty() ? std::string("-") : p.a) + " ~ " + (p.b.empty() ? std::string("-") : p.b) + "  " +
           RelationName(p.relation) + "  " + Fixed3(p.similarity) + "\n";
  }
  out += "keys:\n";
  for (const KeyVerdict& k : r.keys) {
    out += std::string("  ") + KeyName(k.key) + ": " + VerdictName(k.verdict);
    if (!k.detail.empty()) out += " (" + k.detail + ")";
    out += "\n";
  }
  out += "name score " + Fixed3(r.name_score) + ", score " + Fixed3(r.score) + ", threshold " + Fixed3(threshold) +
         ": " + (r.hit ? "hit" : "no-hit") + "\n";
  return out;
}

}  // namespace opsroom::match
