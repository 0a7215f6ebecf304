#include "wire/utc_time.h"

#include <date/date.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <optional>
#include <sstream>

namespace opsroom::wire {

namespace {

using Micros = date::sys_time<std::chrono::microseconds>;

constexpr const char* kTimeExamples = "2026-12-07T09:30:00Z, 2026-12-07T09:30Z or 2026-12-07T10:30:00+01:00";
constexpr const char* kDurationExamples = "45s, 90m, 2h, 3d, 1h30m, 500ms, or ISO 8601 PT2H, P3D";
constexpr int64_t kMaxDurationMs = 36'500LL * 86'400'000;  // a century: beyond it a typo, not an age

// The text's shape, checked strictly (4-digit year, 2-digit fields: date.h
// alone would take "26-1-7" for the year 26), and rewritten into the one
// spelling date::parse is given: "T" between date and time, "." before at most
// six fractional digits, no "Z" (UTC is what remains without an offset).
struct TimeShape {
  bool has_time = false, has_seconds = false, has_zone = false, has_offset = false, offset_colon = false;
  std::string spelled;
};

class ShapeReader {
 public:
  explicit ShapeReader(std::string_view text) : text_(text) {}
  bool Digits(std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) {
      if (at_ + i >= text_.size() || !std::isdigit(static_cast<unsigned char>(text_[at_ + i]))) return false;
    }
    out_.append(text_.substr(at_, count));
    at_ += count;
    return true;
  }
  bool Literal(char wanted) {
    if (at_ >= text_.size() || text_[at_] != wanted) return false;
    out_ += wanted;
    ++at_;
    return true;
  }
  // Skips one of `choices` and writes `as` instead.
  bool OneOf(std::string_view choices, std::string_view as) {
    if (at_ >= text_.size() || choices.find(text_[at_]) == std::string_view::npos) return false;
    out_.append(as);
    ++at_;
    return true;
  }
  // 1-9 fractional digits, of which date.h reads microseconds.
  bool Fraction() {
    std::size_t count = 0;
    while (at_ + count < text_.size() && std::isdigit(static_cast<unsigned char>(text_[at_ + count]))) ++count;
    if (count == 0 || count > 9) return false;
    out_.append(text_.substr(at_, std::min<std::size_t>(count, 6)));
    at_ += count;
    return true;
  }
  bool AtEnd() const { return at_ == text_.size(); }
  std::string Spelled() const { return out_; }

 private:
  std::string_view text_;
  std::size_t at_ = 0;
  std::string out_;
};

std::optional<TimeShape> ReadShape(std::string_view text, bool space_for_t) {
  ShapeReader read(text);
  TimeShape shape;
  if (!read.Digits(4) || !read.Literal('-') || !read.Digits(2) || !read.Literal('-') || !read.Digits(2)) {
    return std::nullopt;
  }
  if (read.AtEnd()) {
    shape.spelled = read.Spelled();
    return shape;
  }
  if (!read.OneOf(space_for_t ? "Tt " : "Tt", "T") || !read.Digits(2) || !read.Literal(':') || !read.Digits(2)) {
    return std::nullopt;
  }
  shape.has_time = true;
  if (read.Literal(':')) {
    if (!read.Digits(2)) return std::nullopt;
    shape.has_seconds = true;
    if (read.OneOf(".,", ".") && !read.Fraction()) return std::nullopt;
  }
  if (read.OneOf("Zz", "")) {
    shape.has_zone = true;
  } else if (read.OneOf("+", "+") || read.OneOf("-", "-")) {
    shape.has_zone = shape.has_offset = true;
    if (!read.Digits(2)) return std::nullopt;
    shape.offset_colon = read.Literal(':');
    if ((shape.offset_colon || !read.AtEnd()) && !read.Digits(2)) return std::nullopt;
  }
  if (!read.AtEnd()) return std::nullopt;
  shape.spelled = read.Spelled();
  return shape;
}

std::string DateFormat(const TimeShape& shape) {
  std::string format = "%Y-%m-%d";
  if (shape.has_time) format += "T%H:%M";
  if (shape.has_seconds) format += ":%S";
  if (shape.has_offset) format += shape.offset_colon ? "%Ez" : "%z";
  return format;
}

bool IsRealDay(std::string_view spelled) {
  const int year = std::stoi(std::string(spelled.substr(0, 4)));
  const unsigned month = static_cast<unsigned>(std::stoi(std::string(spelled.substr(5, 2))));
  const unsigned day = static_cast<unsigned>(std::stoi(std::string(spelled.substr(8, 2))));
  return date::year_month_day{date::year{year}, date::month{month}, date::day{day}}.ok();
}

ParsedTime Failed(std::string error) { return ParsedTime{0, std::move(error)}; }

std::string Quoted(std::string_view text) { return "'" + std::string(text) + "'"; }

// The count before a unit letter: 1-9 digits.
bool ReadCount(std::string_view text, std::size_t* at, int64_t* count) {
  std::size_t start = *at;
  while (*at < text.size() && std::isdigit(static_cast<unsigned char>(text[*at])) && *at - start < 10) ++*at;
  if (*at == start || *at - start > 9) return false;
  *count = std::stoll(std::string(text.substr(start, *at - start)));
  return true;
}

// ISO 8601's designators (M is minutes here: months are refused before the T).
int64_t IsoUnitMs(char unit) {
  switch (unit) {
    case 'S': return 1'000;
    case 'M': return 60'000;
    case 'H': return 3'600'000;
    case 'D': return 86'400'000;
    case 'W': return 7 * 86'400'000LL;
    default: return 0;
  }
}

// The short form's units, as people write them in flags and files.
int64_t ShortUnitMs(std::string_view unit) {
  static constexpr std::pair<std::string_view, int64_t> kUnits[] = {
      {"ms", 1}, {"s", 1'000}, {"m", 60'000}, {"min", 60'000}, {"h", 3'600'000}, {"d", 86'400'000}};
  for (const auto& [name, ms] : kUnits) {
    if (unit.size() == name.size() && std::equal(unit.begin(), unit.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == b;
        })) {
      return ms;
    }
  }
  return 0;
}

// "1h30m": counts each followed by ms, s, m (or min), h or d.
std::optional<int64_t> ShortDurationMs(std::string_view text) {
  int64_t total = 0;
  std::size_t at = 0;
  while (at < text.size()) {
    int64_t count = 0;
    if (!ReadCount(text, &at, &count)) return std::nullopt;
    const std::size_t unit_start = at;
    while (at < text.size() && std::isalpha(static_cast<unsigned char>(text[at]))) ++at;
    const int64_t unit_ms = ShortUnitMs(text.substr(unit_start, at - unit_start));
    if (unit_ms == 0) return std::nullopt;  // no unit, or one not in the table (weeks only in ISO's P2W)
    total += count * unit_ms;
    if (total > kMaxDurationMs) return total;
  }
  if (text.empty()) return std::nullopt;
  return total;
}

// ISO 8601 "P[nW][nD][T[nH][nM][nS]]": M is months before the T (refused:
// not a fixed length) and minutes after it.
std::optional<int64_t> IsoDurationMs(std::string_view text) {
  if (text.size() < 3 || (text[0] != 'P' && text[0] != 'p')) return std::nullopt;
  int64_t total = 0;
  bool in_time = false;
  std::size_t at = 1;
  while (at < text.size()) {
    if (!in_time && (text[at] == 'T' || text[at] == 't')) {
      in_time = true;
      if (++at == text.size()) return std::nullopt;
      continue;
    }
    int64_t count = 0;
    if (!ReadCount(text, &at, &count) || at >= text.size()) return std::nullopt;
    const char unit = static_cast<char>(std::toupper(static_cast<unsigned char>(text[at++])));
    const bool allowed = in_time ? (unit == 'H' || unit == 'M' || unit == 'S') : (unit == 'W' || unit == 'D');
    if (!allowed) return std::nullopt;
    total += count * IsoUnitMs(unit);
    if (total > kMaxDurationMs) return total;
  }
  return total;
}

}  // namespace

std::string UtcIsoTime(int64_t ms, const char* zone) {
  const auto seconds =
      date::floor<std::chrono::seconds>(date::sys_time<std::chrono::milliseconds>{std::chrono::milliseconds{ms}});
  return date::format("%Y-%m-%dT%H:%M:%S", seconds) + zone;
}

std::string AgeText(int64_t age_ms) {
  if (age_ms < 0) age_ms = 0;
  int64_t s = age_ms / 1000;
  char text[32];
  if (s < 60) {
    std::snprintf(text, sizeof text, "%llds", static_cast<long long>(s));
  } else if (s < 3600) {
    std::snprintf(text, sizeof text, "%lldm %02llds", static_cast<long long>(s / 60), static_cast<long long>(s % 60));
  } else if (s < 86400) {
    std::snprintf(text, sizeof text, "%lldh %02lldm", static_cast<long long>(s / 3600),
                  static_cast<long long>(s % 3600 / 60));
  } else {
    std::snprintf(text, sizeof text, "%lldd %02lldh", static_cast<long long>(s / 86400),
                  static_cast<long long>(s % 86400 / 3600));
  }
  return text;
}

ParsedTime ParseUtcTime(std::string_view text, TimeForms forms) {
  const std::string expected = std::string("expected an ISO 8601 UTC time like ") + kTimeExamples +
                               (forms.date_alone ? ", or a date like 2026-12-07" : "");
  std::optional<TimeShape> shape = ReadShape(text, forms.zone_implied);
  if (!shape) return Failed(Quoted(text) + " is not a time: " + expected);
  if (!shape->has_time && !forms.date_alone) return Failed(Quoted(text) + " is a date without a time: " + expected);
  if (shape->has_time && !shape->has_zone && !forms.zone_implied) {
    return Failed(Quoted(text) + " has no zone: add Z for UTC or an offset like +01:00");
  }
  if (!IsRealDay(shape->spelled)) return Failed(Quoted(text) + ": the calendar has no such day");
  std::istringstream in(shape->spelled);
  Micros parsed;
  in >> date::parse(DateFormat(*shape), parsed);
  if (in.fail() || in.peek() != std::char_traits<char>::eof()) {
    return Failed(Quoted(text) + ": hours go to 23, minutes and seconds to 59");
  }
  return ParsedTime{date::floor<std::chrono::milliseconds>(parsed).time_since_epoch().count(), ""};
}

ParsedTime ParseUtcDay(std::string_view text) {
  std::optional<TimeShape> shape = ReadShape(text, false);
  if (!shape || shape->has_time) return Failed(Quoted(text) + " is not a day: expected a UTC date like 2026-12-07");
  return ParseUtcTime(text, TimeForms{.date_alone = true});
}

ParsedTime ParseDuration(std::string_view text) {
  std::optional<int64_t> ms = IsoDurationMs(text);
  if (!ms) ms = ShortDurationMs(text);
  if (!ms) return Failed(Quoted(text) + " is not a duration: expected " + kDurationExamples);
  if (*ms > kMaxDurationMs) return Failed(Quoted(text) + " is longer than a century");
  return ParsedTime{*ms, ""};
}

ParsedTime ParseSince(std::string_view text, int64_t now_ms) {
  const bool looks_like_date = text.size() > 4 && text[4] == '-';
  if (looks_like_date) return ParseUtcTime(text, TimeForms{.date_alone = true});
  ParsedTime age = ParseDuration(text);
  if (!age.ok()) {
    return Failed(Quoted(text) + " is neither a time nor an age: expected " + kTimeExamples +
                  ", a date like 2026-12-07, or an age like " + kDurationExamples);
  }
  return ParsedTime{now_ms - age.ms, ""};
}

}  // namespace opsroom::wire
