// Dob and nationality effects. The weights are small next to the name: a dob can confirm
// or sink a good name match but never turn a different name into a hit.
#include "match/person_keys.h"

#include <cstdio>

#include "match/string_distance.h"

namespace opsroom::match {
namespace {

constexpr double kDobAgree = 0.06;
constexpr double kDobPartial = 0.02;
constexpr double kDobNearYear = 0.0;
constexpr double kDobDisagree = -0.25;
constexpr double kNationalityAgree = 0.02;
constexpr double kNationalityDisagree = -0.04;

std::string DobText(const Dob& d) {
  char buf[16];
  if (d.day) std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  else if (d.month) std::snprintf(buf, sizeof buf, "%04d-%02d", d.year, d.month);
  else std::snprintf(buf, sizeof buf, "%04d", d.year);
  return buf;
}

bool PartsAgree(int a, int b) { return a == 0 || b == 0 || a == b; }

}  // namespace

Dob ParseDob(std::string_view text) {
  Dob d;
  int y = 0, m = 0, day = 0;
  std::string s(text);
  int n = std::sscanf(s.c_str(), "%4d-%2d-%2d", &y, &m, &day);
  if (n < 1 || y < 1800 || y > 2200) return d;
  if (n >= 2 && (m < 1 || m > 12)) return d;
  if (n == 3 && (day < 1 || day > 31)) return d;
  d.year = y;
  d.month = n >= 2 ? m : 0;
  d.day = n == 3 ? day : 0;
  return d;
}

KeyEffect CompareDob(const Dob& e, const Dob& q) {
  KeyEffect out;
  out.verdict.key = Key::kDob;
  if (!e.known() || !q.known()) return out;
  std::string detail = DobText(e) + " / " + DobText(q);
  const bool same_year = e.year == q.year;
  if (same_year && e.month == q.month && e.day == q.day && e.day != 0) {
    out.verdict = {Key::kDob, Verdict::kAgree, detail};
    out.adjustment = kDobAgree;
  } else if (same_year && PartsAgree(e.month, q.month) && PartsAgree(e.day, q.day)) {
    out.verdict = {Key::kDob, Verdict::kPartial, detail + " (as far as both go)"};
    out.adjustment = kDobPartial;
  } else if (same_year && e.day && q.day && e.month == q.day && e.day == q.month) {
    out.verdict = {Key::kDob, Verdict::kPartial, detail + " (day and month swapped)"};
    out.adjustment = kDobPartial;
  } else if (e.month == q.month && e.day == q.day &&
             DamerauLevenshtein(std::to_string(e.year), std::to_string(q.year)) == 1) {
    out.verdict = {Key::kDob, Verdict::kPartial, detail + " (one digit of the year)"};
    out.adjustment = kDobNearYear;
  } else {
    out.verdict = {Key::kDob, Verdict::kDisagree, detail};
    out.adjustment = kDobDisagree;
  }
  return out;
}

KeyEffect CompareNationality(const std::string& e, const std::string& q) {
  KeyEffect out;
  out.verdict.key = Key::kNationality;
  if (e.empty() || q.empty()) return out;
  bool same = e == q;
  out.verdict = {Key::kNationality, same ? Verdict::kAgree : Verdict::kDisagree, e + (same ? " = " : " != ") + q};
  out.adjustment = same ? kNationalityAgree : kNationalityDisagree;
  return out;
}

}  // namespace opsroom::match
