// Date-of-birth parsing for the matcher and for nodes that validate before sending.
#include "match/dob.h"

#include <cstdio>
#include <vector>

#include "match/prepared.h"

namespace opsroom::match {
namespace {

constexpr int kMinYear = 1800, kMaxYear = 2200;

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

int Number(std::string_view s) {
  int n = 0;
  for (char c : s) n = n * 10 + (c - '0');
  return n;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    std::size_t end = s.find(sep, start);
    parts.push_back(s.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

int DaysIn(int month, int year) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// Year, month and day as written (strings), in that order; false when the shape is unknown.
bool Fields(std::string_view s, std::string_view& y, std::string_view& m, std::string_view& d) {
  if (AllDigits(s) && (s.size() == 4 || s.size() == 8)) {
    y = s.substr(0, 4);
    if (s.size() == 8) m = s.substr(4, 2), d = s.substr(6, 2);
    return true;
  }
  const char sep = s.find('-') != std::string_view::npos ? '-' : '.';
  std::vector<std::string_view> p = Split(s, sep);
  for (std::string_view part : p)
    if (!AllDigits(part) || part.size() > 4) return false;
  if (p[0].size() == 4 && p.size() <= 3) {
    y = p[0];
    if (p.size() >= 2) m = p[1];
    if (p.size() == 3) d = p[2];
    return p.size() < 2 || (m.size() <= 2 && d.size() <= 2);
  }
  if (sep == '.' && p.size() == 3 && p[2].size() == 4 && p[0].size() <= 2 && p[1].size() <= 2) {
    d = p[0], m = p[1], y = p[2];
    return true;
  }
  return false;
}

DobCheck Refuse(std::string_view text, const std::string& why) {
  DobCheck out;
  out.error = "date of birth '" + std::string(text) + "' " + why;
  return out;
}

}  // namespace

DobCheck CheckDob(std::string_view text) {
  std::string_view s = text;
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (s.empty()) return {true, "", "", 0, 0, 0};
  if (s.size() > 1 && s.back() == '.') s.remove_suffix(1);
  std::string_view y, m, d;
  if (s.size() > 10 || !Fields(s, y, m, d))
    return Refuse(text, "is not YYYY-MM-DD, YYYY-MM, YYYY, YYYY.MM.DD, YYYYMMDD or DD.MM.YYYY");
  DobCheck out;
  out.year = Number(y);
  out.month = m.empty() ? 0 : Number(m);
  out.day = d.empty() ? 0 : Number(d);
  if (out.year < kMinYear || out.year > kMaxYear) return Refuse(text, "has a year outside 1800-2200");
  if (!m.empty() && (out.month < 1 || out.month > 12)) return Refuse(text, "has a month outside 1-12");
  if (!d.empty() && (out.day < 1 || out.day > DaysIn(out.month, out.year)))
    return Refuse(text, "has day " + std::to_string(out.day) + ", but that month has " +
                            std::to_string(DaysIn(out.month, out.year)) + " days");
  char buf[40];
  if (out.day) std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", out.year, out.month, out.day);
  else if (out.month) std::snprintf(buf, sizeof buf, "%04d-%02d", out.year, out.month);
  else std::snprintf(buf, sizeof buf, "%04d", out.year);
  out.ok = true;
  out.value = buf;
  return out;
}

Dob ParseDob(std::string_view text) {
  DobCheck c = CheckDob(text);
  if (!c.ok) return {};
  return {c.year, c.month, c.day};
}

}  // namespace opsroom::match
