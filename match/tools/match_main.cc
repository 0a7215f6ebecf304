// opsroom-match: the matcher for the people who tune it.
//   opsroom-match names              NAME_A<TAB>NAME_B lines in, SCORE<TAB>hit|no-hit<TAB>WHY out
//   opsroom-match explain "A" "B"    the full reasoning
//   opsroom-match id KIND VALUE [COUNTRY]   an identifier checked and normalised
#include <cstdio>
#include <iostream>
#include <string>
#include <string_view>

#include "match/identifiers.h"
#include "match/matcher.h"

namespace {

constexpr const char* kUsage =
    "usage: opsroom-match names            < lines NAME_A<TAB>NAME_B\n"
    "         writes SCORE<TAB>hit|no-hit<TAB>WHY per line (threshold of the library)\n"
    "       opsroom-match explain \"A\" \"B\"  prints the full reasoning\n"
    "       opsroom-match id plate|vin|imo|container|document|phone VALUE [COUNTRY]\n"
    "         checks and normalises an identifier (exit 1 when refused)\n";

int Names() {
  std::string line;
  int bad_lines = 0;
  for (long line_no = 1; std::getline(std::cin, line); ++line_no) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::size_t tab = line.find('\t');
    if (tab == std::string::npos) {
      std::fprintf(stderr, "line %ld: no TAB between the two names\n", line_no);
      std::printf("0.000\tno-hit\terror=no TAB between the two names\n");
      ++bad_lines;
      continue;
    }
    std::string_view view(line);
    opsroom::match::MatchResult r = opsroom::match::ScoreNames(view.substr(0, tab), view.substr(tab + 1));
    std::printf("%.3f\t%s\t%s\n", r.score, r.hit ? "hit" : "no-hit", opsroom::match::FormatWhy(r).c_str());
  }
  return bad_lines ? 1 : 0;
}

int Id(std::string_view kind_name, std::string_view value, std::string_view country) {
  using opsroom::match::IdKind;
  for (IdKind kind :
       {IdKind::kPlate, IdKind::kVin, IdKind::kImo, IdKind::kContainer, IdKind::kDocument, IdKind::kPhone}) {
    if (kind_name != opsroom::match::IdKindName(kind)) continue;
    opsroom::match::IdCheck check = opsroom::match::CheckIdentifier(kind, value, country);
    std::printf("%s\t%s", check.ok ? "ok" : "refused", check.value.c_str());
    if (!check.error.empty()) std::printf("\t%s", check.error.c_str());
    if (!check.note.empty()) std::printf("\tnote: %s", check.note.c_str());
    std::printf("\n");
    return check.ok ? 0 : 1;
  }
  std::fputs(kUsage, stderr);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string_view verb = argc >= 2 ? argv[1] : "";
  if (verb == "names" && argc == 2) return Names();
  if (verb == "explain" && argc == 4) {
    std::fputs(opsroom::match::Explain(argv[2], argv[3]).c_str(), stdout);
    return 0;
  }
  if (verb == "id" && (argc == 4 || argc == 5)) return Id(argv[2], argv[3], argc == 5 ? argv[4] : "");
  std::fputs(kUsage, stderr);
  return 2;
}
