// Scoring one subject against another: names (order-free token sets, transliteration,
// phonetic keys, typo tolerance, traps refused), corroborated or contradicted by date of
// birth, nationality and identifiers. Pure functions; any thread.
#pragma once
#include <string>
#include <string_view>

#include "match/match_result.h"
#include "match/subject.h"

namespace opsroom::match {

// Names only (what `opsroom-match names` scores).
MatchResult ScoreNames(std::string_view name_a, std::string_view name_b, double threshold = kHitThreshold);
// Whole subjects: the best of the name pairs adjusted by dob/nationality/documents, or an
// identifier that agrees exactly (plate with compatible country, VIN, IMO, container,
// document, phone); the higher of the two.
MatchResult ScoreSubjects(const Subject& entry, const Subject& query, double threshold = kHitThreshold);

// The full reasoning for a person: tokens in every form, each pair, each key, the score.
std::string Explain(std::string_view name_a, std::string_view name_b, double threshold = kHitThreshold);

}  // namespace opsroom::match
