// Token similarity and the order-free pairing of two names.
#include "match/name_compare.h"

#include <algorithm>
#include <optional>
#include <string_view>
#include <tuple>

#include "match/string_distance.h"

namespace opsroom::match {
namespace {

constexpr double kExact = 1.0;
constexpr double kTransliterated = 0.98;
constexpr double kPhoneticSame = 0.95;
constexpr double kTypoPerCostAndLetter = 1.2;  // 1 - 1.2 * TypoCost / letters: Scepanvoic 0.93, Ilic/Ivic 0.70
constexpr double kTypoAgrees = 0.82;           // a swap from 5 letters, a dropped letter from 6, a wrong one from 7
constexpr double kInitialSame = 0.70;
constexpr double kExtensionSim = 0.40;
constexpr double kDifferentScale = 0.30;  // times Jaro-Winkler
constexpr double kExtraTokenPenalty = 0.03;
constexpr double kWeakNameCap = 0.60;     // fewer agreeing tokens than the name needs
constexpr double kSurnameOnlyCap = 0.75;  // one token against a longer name

bool IsProperPrefix(std::string_view shorter, std::string_view longer) {
  return shorter.size() < longer.size() && longer.compare(0, shorter.size(), shorter) == 0;
}

bool IsExtension(std::string_view a, std::string_view b) { return IsProperPrefix(a, b) || IsProperPrefix(b, a); }

int AllowedEdits(std::size_t longest) {
  if (longest >= 12) return 2;
  if (longest >= 4) return 1;
  return 0;
}

// The ending carries gender and family (-ić / -ski, Ivan / Ivana, Petar / Petra): it must agree.
bool EndingsAgree(std::string_view a, std::string_view b) { return a.back() == b.back(); }

std::optional<TokenComparison> AsTypo(std::string_view a, std::string_view b) {
  int edits = DamerauLevenshtein(a, b);
  if (edits == 0 || edits > AllowedEdits(std::max(a.size(), b.size()))) return std::nullopt;
  if (!EndingsAgree(a, b)) return std::nullopt;
  if (a.front() != b.front() && std::max(a.size(), b.size()) < 7) return std::nullopt;
  const double letters = static_cast<double>(std::max(a.size(), b.size()));
  const bool wrong_letter = EditsWithoutWrongLetter(a, b) > edits;
  return TokenComparison{wrong_letter ? TokenRelation::kWrongLetter : TokenRelation::kTypo,
                         std::max(0.5, 1.0 - kTypoPerCostAndLetter * TypoCost(a, b) / letters)};
}

}  // namespace

TokenComparison CompareTokens(const NameToken& a, const NameToken& b) {
  if (a.latin == b.latin) return {TokenRelation::kExact, kExact};
  if (a.folded == b.folded) return {TokenRelation::kTransliterated, kTransliterated};
  if (a.folded.size() == 1 || b.folded.size() == 1) {
    bool same_initial = a.folded.front() == b.folded.front();
    return {same_initial ? TokenRelation::kInitial : TokenRelation::kDifferent, same_initial ? kInitialSame : 0.0};
  }
  if (IsExtension(a.folded, b.folded) || IsExtension(a.phonetic, b.phonetic))
    return {TokenRelation::kExtension, kExtensionSim};
  if (a.phonetic == b.phonetic) return {TokenRelation::kPhonetic, kPhoneticSame};
  std::optional<TokenComparison> folded = AsTypo(a.folded, b.folded);
  if (folded && folded->relation == TokenRelation::kTypo) return *folded;
  // Sound-alike spellings can hide a wrong letter of the skeleton (Rrahmani / Rahmanni).
  std::optional<TokenComparison> phonetic = AsTypo(a.phonetic, b.phonetic);
  if (phonetic && (phonetic->relation == TokenRelation::kTypo || !folded)) return *phonetic;
  if (folded) return *folded;
  return {TokenRelation::kDifferent, kDifferentScale * JaroWinkler(a.folded, b.folded)};
}

namespace {

// A one-letter difference in a short name is usually another name (Ilić / Ivić, Hadžić / Hodžić).
bool Agrees(TokenRelation r, double sim) {
  return r == TokenRelation::kExact || r == TokenRelation::kTransliterated || r == TokenRelation::kPhonetic ||
         (r == TokenRelation::kTypo && sim >= kTypoAgrees);
}

// A wrong letter in a long name (Đorđević / Đurđević, Marković / Mirković) is as often another
// family of the same region as a typo: it agrees only when a full dob corroborates.
bool AgreesIfCorroborated(TokenRelation r, double sim) {
  return Agrees(r, sim) || (r == TokenRelation::kWrongLetter && sim >= kTypoAgrees);
}

double Capped(double mean_minus_extra, int agreeing, int smaller, int larger) {
  double score = mean_minus_extra;
  if (agreeing < std::min(2, smaller)) score = std::min(score, kWeakNameCap);
  if (smaller == 1 && larger > 1) score = std::min(score, kSurnameOnlyCap);
  return std::clamp(score, 0.0, 1.0);
}

struct Cell {
  double sim;
  std::size_t i, j;
  TokenRelation relation;
};

// Greedy best-first pairing; ties broken by position so the result never varies.
std::vector<Cell> PairTokens(const NormalizedName& a, const NormalizedName& b) {
  std::vector<Cell> cells;
  cells.reserve(a.tokens.size() * b.tokens.size());
  for (std::size_t i = 0; i < a.tokens.size(); ++i) {
    for (std::size_t j = 0; j < b.tokens.size(); ++j) {
      TokenComparison c = CompareTokens(a.tokens[i], b.tokens[j]);
      cells.push_back({c.similarity, i, j, c.relation});
    }
  }
  std::sort(cells.begin(), cells.end(),
            [](const Cell& x, const Cell& y) { return std::tie(y.sim, x.i, x.j) < std::tie(x.sim, y.i, y.j); });
  std::vector<bool> used_a(a.tokens.size()), used_b(b.tokens.size());
  std::vector<Cell> chosen;
  for (const Cell& c : cells) {
    if (used_a[c.i] || used_b[c.j]) continue;
    used_a[c.i] = used_b[c.j] = true;
    chosen.push_back(c);
  }
  return chosen;
}

void AddUnmatched(const NormalizedName& a, const NormalizedName& b, const std::vector<Cell>& chosen,
                  NameComparison& out) {
  std::vector<bool> in_a(a.tokens.size()), in_b(b.tokens.size());
  for (const Cell& c : chosen) in_a[c.i] = in_b[c.j] = true;
  for (std::size_t i = 0; i < a.tokens.size(); ++i)
    if (!in_a[i]) out.pairs.push_back({a.tokens[i].folded, "", TokenRelation::kUnmatched, 0});
  for (std::size_t j = 0; j < b.tokens.size(); ++j)
    if (!in_b[j]) out.pairs.push_back({"", b.tokens[j].folded, TokenRelation::kUnmatched, 0});
}

}  // namespace

NameComparison CompareNames(const NormalizedName& a, const NormalizedName& b) {
  NameComparison out;
  out.smaller = static_cast<int>(std::min(a.tokens.size(), b.tokens.size()));
  const int larger = static_cast<int>(std::max(a.tokens.size(), b.tokens.size()));
  if (out.smaller == 0) return out;
  double sum = 0;
  int agreeing_if_corroborated = 0;
  out.phonetic_all = true;
  const std::vector<Cell> chosen = PairTokens(a, b);
  for (const Cell& c : chosen) {
    out.pairs.push_back({a.tokens[c.i].folded, b.tokens[c.j].folded, c.relation, c.sim});
    sum += c.sim;
    if (Agrees(c.relation, c.sim)) ++out.agreeing;
    if (AgreesIfCorroborated(c.relation, c.sim)) ++agreeing_if_corroborated;
    if (a.tokens[c.i].phonetic != b.tokens[c.j].phonetic) out.phonetic_all = false;
  }
  AddUnmatched(a, b, chosen, out);
  const double score = sum / out.smaller - kExtraTokenPenalty * std::min(3, larger - out.smaller);
  out.score = Capped(score, out.agreeing, out.smaller, larger);
  out.score_if_corroborated = Capped(score, agreeing_if_corroborated, out.smaller, larger);
  return out;
}

}  // namespace opsroom::match
