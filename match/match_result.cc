// Names of keys, verdicts and relations, and the one-line WHY.
#include "match/match_result.h"

#include <cstdio>

#include "match/subject.h"

namespace opsroom::match {

const char* IdKindName(IdKind kind) {
  switch (kind) {
    case IdKind::kPlate: return "plate";
    case IdKind::kVin: return "vin";
    case IdKind::kImo: return "imo";
    case IdKind::kContainer: return "container";
    case IdKind::kDocument: return "document";
    case IdKind::kPhone: return "phone";
  }
  return "?";
}

const char* KeyName(Key key) {
  switch (key) {
    case Key::kNameTokens: return "tokens";
    case Key::kPhonetic: return "phonetic";
    case Key::kDob: return "dob";
    case Key::kNationality: return "nationality";
    case Key::kDocument: return "document";
    case Key::kPlate: return "plate";
    case Key::kVin: return "vin";
    case Key::kImo: return "imo";
    case Key::kContainer: return "container";
    case Key::kPhone: return "phone";
  }
  return "?";
}

const char* VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kAgree: return "agree";
    case Verdict::kPartial: return "partial";
    case Verdict::kDisagree: return "disagree";
    case Verdict::kAbsent: return "absent";
  }
  return "?";
}

const char* RelationName(TokenRelation r) {
  switch (r) {
    case TokenRelation::kExact: return "exact";
    case TokenRelation::kTransliterated: return "transliterated";
    case TokenRelation::kPhonetic: return "phonetic";
    case TokenRelation::kTypo: return "typo";
    case TokenRelation::kInitial: return "initial";
    case TokenRelation::kExtension: return "extension";
    case TokenRelation::kDifferent: return "different";
    case TokenRelation::kUnmatched: return "unmatched";
  }
  return "?";
}

namespace {

std::string FormatTokens(const std::vector<TokenPair>& tokens) {
  std::string out = "[";
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const TokenPair& t = tokens[i];
    if (i) out += ',';
    out += t.a.empty() ? "-" : t.a;
    out += '~';
    out += t.b.empty() ? "-" : t.b;
    out += ' ';
    out += RelationName(t.relation);
  }
  return out + "]";
}

}  // namespace

std::string FormatWhy(const MatchResult& result) {
  std::string out;
  for (const KeyVerdict& k : result.keys) {
    if (!out.empty()) out += ' ';
    out += KeyName(k.key);
    out += '=';
    out += VerdictName(k.verdict);
    if (k.key == Key::kNameTokens) {
      out += FormatTokens(result.tokens);
    } else if (!k.detail.empty() && k.verdict != Verdict::kAbsent) {
      out += '(' + k.detail + ')';
    }
  }
  for (char& c : out) {
    if (c == '\t' || c == '\n') c = ' ';
  }
  return out;
}

}  // namespace opsroom::match
