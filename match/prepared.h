// A subject normalised once for scoring: names tokenised, dob parsed, identifiers
// normalised (internal to match/; the index keeps entries in this form, compacted).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "match/match_result.h"
#include "match/name_normalize.h"
#include "match/subject.h"

namespace opsroom::match {

struct Dob {
  int year = 0, month = 0, day = 0;  // 0 = unknown part
  bool known() const { return year != 0; }
  uint32_t Packed() const { return static_cast<uint32_t>(year * 10000 + month * 100 + day); }
  static Dob FromPacked(uint32_t v) {
    return {static_cast<int>(v / 10000), static_cast<int>(v / 100 % 100), static_cast<int>(v % 100)};
  }
};

// What CheckDob (match/dob.h) accepts; anything it refuses is unknown.
Dob ParseDob(std::string_view text);

struct PreparedId {
  IdKind kind = IdKind::kPlate;
  std::string value;    // NormalizeIdentifier
  std::string country;  // upper case
};

struct PreparedSubject {
  std::vector<NormalizedName> names;  // empty names left out
  Dob dob;
  std::string nationality;  // upper case
  std::vector<PreparedId> ids;
};

PreparedSubject Prepare(const Subject& subject);
MatchResult ScorePrepared(const PreparedSubject& entry, const PreparedSubject& query, double threshold);

}  // namespace opsroom::match
