// libFuzzer target: the matcher's input as checks and watchlist entries bring
// it. The input is split on tabs into an entry and a query: name, date of
// birth, nationality and one identifier each (its kind picked by a field's
// first byte). Everything goes through the name normaliser, the identifier and
// date checks, subject scoring, the index, and the labelled-corpus reader of
// the tuning tool. Invariants: names keep their bounds; a checked identifier
// or date checks again to itself; scores are in [0, 1] and agree with `hit`;
// the index finds nothing that is not there and scores what it finds as
// ScoreSubjects does.
#include <cmath>
#include <sstream>
#include <string>

#include "fuzz/fuzz_support.h"
#include "match/corpus_eval.h"
#include "match/dob.h"
#include "match/identifiers.h"
#include "match/index.h"
#include "match/matcher.h"
#include "match/name_normalize.h"

namespace opsroom::fuzz {
namespace {

constexpr const char* kTarget = "match_fuzz";
constexpr match::IdKind kKinds[] = {match::IdKind::kPlate,     match::IdKind::kVin,      match::IdKind::kImo,
                                    match::IdKind::kContainer, match::IdKind::kDocument, match::IdKind::kPhone};

void Name(std::string_view text) {
  match::NormalizedName name = match::NormalizeName(text);
  Check(name.tokens.size() <= match::kMaxNameTokens, kTarget, "more tokens than the bound", text);
  for (const auto& token : name.tokens) {
    Check(!token.original.empty(), kTarget, "an empty token", text);
    Check(token.original.size() <= match::kMaxTokenBytes, kTarget, "a token longer than the bound", text);
  }
}

void Identifier(match::IdKind kind, std::string_view text, std::string_view country) {
  match::IdCheck checked = match::CheckIdentifier(kind, text, country);
  (void)match::NormalizeIdentifier(kind, text);
  if (!checked.ok) {
    Check(!checked.error.empty(), kTarget, "an identifier refused without an error", text);
    return;
  }
  match::IdCheck again = match::CheckIdentifier(kind, checked.value, country);
  Check(again.ok && again.value == checked.value, kTarget, "a checked identifier does not check to itself",
        checked.value);
}

void Date(std::string_view text) {
  match::DobCheck checked = match::CheckDob(text);
  if (!checked.ok) {
    Check(!checked.error.empty(), kTarget, "a date refused without an error", text);
    return;
  }
  match::DobCheck again = match::CheckDob(checked.value);
  Check(again.ok && again.value == checked.value, kTarget, "a checked date does not check to itself", checked.value);
}

void Score(const match::MatchResult& result, double threshold, std::string_view what) {
  Check(std::isfinite(result.score) && result.score >= 0 && result.score <= 1, kTarget, "a score outside [0, 1]", what);
  Check(result.hit == (result.score >= threshold), kTarget, "hit disagrees with the score", what);
}

// Fields: name, aliases (';'), dob, nationality, identifier kind + value, identifier country.
match::Subject SubjectFrom(const std::vector<std::string_view>& fields, std::size_t first) {
  auto field = [&](std::size_t i) { return first + i < fields.size() ? fields[first + i] : std::string_view(); };
  match::Subject subject;
  for (std::string_view name : SplitInput(field(0), ';', 4)) subject.names.emplace_back(name);
  subject.dob = field(1);
  subject.nationality = field(2);
  std::string_view id = field(3);
  if (!id.empty()) {
    match::IdKind kind = kKinds[static_cast<uint8_t>(id[0]) % std::size(kKinds)];
    subject.ids.push_back({kind, std::string(id.substr(1)), std::string(field(4))});
  }
  return subject;
}

void Subjects(const match::Subject& entry, const match::Subject& query, std::string_view text) {
  match::MatchResult direct = match::ScoreSubjects(entry, query);
  Score(direct, match::kHitThreshold, text);
  match::Index index;
  index.Upsert({7, 1, entry});
  for (const match::Hit& hit : index.Match(query)) {
    Check(hit.id == 7 && hit.revision == 1, kTarget, "the index found an entry it does not hold", text);
    Check(hit.result.score == direct.score, kTarget, "the index scores a hit unlike ScoreSubjects", text);
  }
}

}  // namespace
}  // namespace opsroom::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace opsroom;
  std::string_view text = fuzz::AsText(data, size);
  std::vector<std::string_view> fields = fuzz::SplitInput(text, '\t', 10);
  for (std::string_view field : fields) {
    fuzz::Name(field);
    fuzz::Date(field);
    for (match::IdKind kind : fuzz::kKinds) fuzz::Identifier(kind, field, fields.size() > 1 ? fields[1] : "");
  }
  std::string_view a = fields[0];
  std::string_view b = fields.size() > 1 ? fields[1] : std::string_view();
  fuzz::Score(match::ScoreNames(a, b), match::kHitThreshold, text);
  (void)match::Explain(a, b);
  fuzz::Subjects(fuzz::SubjectFrom(fields, 0), fuzz::SubjectFrom(fields, 5), text);
  std::istringstream corpus{std::string(text)};
  std::vector<match::LabelledPair> pairs;
  std::string error;
  if (match::ReadCorpus(corpus, pairs, error)) match::ScoreCorpus(pairs);
  return 0;
}
