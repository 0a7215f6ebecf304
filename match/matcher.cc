// Subject against subject: the best name pair adjusted by dob and nationality, and
// identifiers compared exactly; the higher of the two is the score.
#include "match/matcher.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "match/identifiers.h"
#include "match/name_compare.h"
#include "match/person_keys.h"
#include "match/prepared.h"

namespace opsroom::match {
namespace {

constexpr double kIdAgree = 1.0;
constexpr double kPlateCountryUnknown = 0.90;  // same plate, one side gave no country
constexpr double kDocumentDisagree = -0.03;    // people hold several documents

double Round3(double x) { return std::round(x * 1000.0) / 1000.0; }

std::string Upper(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

Key KeyOf(IdKind kind) {
  switch (kind) {
    case IdKind::kPlate: return Key::kPlate;
    case IdKind::kVin: return Key::kVin;
    case IdKind::kImo: return Key::kImo;
    case IdKind::kContainer: return Key::kContainer;
    case IdKind::kDocument: return Key::kDocument;
    case IdKind::kPhone: return Key::kPhone;
  }
  return Key::kDocument;
}

struct IdOutcome {
  double score = 0;
  double person_adjustment = 0;
};

// For each kind both sides have: agree when a pair is equal (countries compatible), else
// disagree. Plates and documents of different countries are different things.
IdOutcome CompareIds(const PreparedSubject& e, const PreparedSubject& q, std::vector<KeyVerdict>& keys) {
  IdOutcome out;
  for (IdKind kind :
       {IdKind::kDocument, IdKind::kPlate, IdKind::kVin, IdKind::kImo, IdKind::kContainer, IdKind::kPhone}) {
    bool e_has = false, q_has = false;
    KeyVerdict best{KeyOf(kind), Verdict::kAbsent, ""};
    double best_score = 0;
    for (const PreparedId& a : e.ids) {
      if (a.kind != kind) continue;
      e_has = true;
      for (const PreparedId& b : q.ids) {
        if (b.kind != kind) continue;
        q_has = true;
        const bool countries_known = !a.country.empty() && !b.country.empty();
        double s = 0;
        if (a.value == b.value && (!countries_known || a.country == b.country))
          s = countries_known || kind != IdKind::kPlate ? kIdAgree : kPlateCountryUnknown;
        if (s > best_score || best.verdict == Verdict::kAbsent) {
          std::string where = countries_known ? " (" + a.country + "/" + b.country + ")" : "";
          best = {KeyOf(kind), s > 0 ? Verdict::kAgree : Verdict::kDisagree,
                  a.value + (s > 0 ? " = " : " != ") + b.value + where};
          if (s > 0 && !countries_known && kind == IdKind::kPlate) best.detail += " (country unknown on one side)";
          best_score = std::max(best_score, s);
        }
      }
    }
    if (!e_has || !q_has) continue;
    keys.push_back(best);
    out.score = std::max(out.score, best_score);
    if (kind == IdKind::kDocument && best_score == 0) out.person_adjustment += kDocumentDisagree;
  }
  return out;
}

// With a full dob agreeing, aliases are ranked by the score a wrong letter may reach then.
NameComparison BestNames(const PreparedSubject& e, const PreparedSubject& q, bool corroborated) {
  NameComparison best;
  auto rank = [corroborated](const NameComparison& c) { return corroborated ? c.score_if_corroborated : c.score; };
  for (const NormalizedName& a : e.names) {
    for (const NormalizedName& b : q.names) {
      NameComparison c = CompareNames(a, b);
      if (rank(c) > rank(best) || best.pairs.empty()) best = std::move(c);
    }
  }
  return best;
}

void AddNameKeys(const NameComparison& names, MatchResult& result) {
  const bool enough = names.smaller > 0 && names.agreeing >= std::min(2, names.smaller);
  Verdict tokens = enough ? Verdict::kAgree : names.agreeing > 0 ? Verdict::kPartial : Verdict::kDisagree;
  result.keys.push_back({Key::kNameTokens, tokens,
                         std::to_string(names.agreeing) + " of " + std::to_string(names.smaller) + " tokens agree"});
  Verdict phonetic = names.phonetic_all ? Verdict::kAgree : names.agreeing > 0 ? Verdict::kPartial : Verdict::kDisagree;
  result.keys.push_back({Key::kPhonetic, phonetic, ""});
  result.tokens = names.pairs;
}

}  // namespace

PreparedSubject Prepare(const Subject& subject) {
  PreparedSubject out;
  for (const std::string& name : subject.names) {
    NormalizedName n = NormalizeName(name);
    if (!n.tokens.empty()) out.names.push_back(std::move(n));
  }
  out.dob = ParseDob(subject.dob);
  // ISO 3166 alpha-2 only: anything else is unknown, the same here and in the index.
  std::string nationality = Upper(subject.nationality);
  if (nationality.size() == 2 && std::isupper(static_cast<unsigned char>(nationality[0])) &&
      std::isupper(static_cast<unsigned char>(nationality[1])))
    out.nationality = std::move(nationality);
  for (const Identifier& id : subject.ids) {
    std::string country = Upper(id.country);
    std::string value = CheckIdentifier(id.kind, id.value, country).value;
    if (id.kind == IdKind::kImo && value.rfind("IMO", 0) == 0) value.erase(0, 3);
    if (!value.empty()) out.ids.push_back({id.kind, std::move(value), std::move(country)});
  }
  return out;
}

MatchResult ScorePrepared(const PreparedSubject& e, const PreparedSubject& q, double threshold) {
  MatchResult result;
  double person = 0;
  if (!e.names.empty() && !q.names.empty()) {
    KeyEffect dob = CompareDob(e.dob, q.dob);
    const bool dob_corroborates = dob.verdict.verdict == Verdict::kAgree;
    NameComparison names = BestNames(e, q, dob_corroborates);
    AddNameKeys(names, result);
    result.name_score = Round3(names.score);
    KeyEffect nationality = CompareNationality(e.nationality, q.nationality);
    if (dob.verdict.verdict != Verdict::kAbsent) result.keys.push_back(dob.verdict);
    if (nationality.verdict.verdict != Verdict::kAbsent) result.keys.push_back(nationality.verdict);
    person = (dob_corroborates ? names.score_if_corroborated : names.score) + dob.adjustment + nationality.adjustment;
  }
  IdOutcome ids = CompareIds(e, q, result.keys);
  if (person > 0) person += ids.person_adjustment;
  result.score = Round3(std::clamp(std::max(person, ids.score), 0.0, 1.0));
  result.hit = result.score >= threshold;
  return result;
}

MatchResult ScoreNames(std::string_view name_a, std::string_view name_b, double threshold) {
  Subject a, b;
  a.names.emplace_back(name_a);
  b.names.emplace_back(name_b);
  return ScoreSubjects(a, b, threshold);
}

MatchResult ScoreSubjects(const Subject& entry, const Subject& query, double threshold) {
  return ScorePrepared(Prepare(entry), Prepare(query), threshold);
}

}  // namespace opsroom::match
