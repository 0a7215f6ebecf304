// opsroom-match: the matcher for the people who tune it.
//   opsroom-match names              NAME_A<TAB>NAME_B lines in, SCORE<TAB>hit|no-hit<TAB>WHY out
//   opsroom-match explain "A" "B"    the full reasoning
//   opsroom-match id KIND VALUE [COUNTRY]   an identifier checked and normalised
#include <cstdio>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "cli/command_line.h"
#include "match/identifiers.h"
#include "match/matcher.h"

namespace {

constexpr const char* kDescription = "The watchlist matcher, for the people who tune it (docs/matching.md).";
constexpr const char* kFooter = "exit codes: 0 ok, 1 a line without a TAB (names) or an identifier refused (id), "
                                "2 wrong usage";

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
  return 2;  // not reached: the command line admits only the kinds above
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app(kDescription);
  opsroom::cli::Prepare(app, "opsroom-match");
  app.footer(kFooter);
  app.add_subcommand("names", "reads NAME_A<TAB>NAME_B lines on stdin, writes SCORE<TAB>hit|no-hit<TAB>WHY per line "
                              "(the library's threshold)");
  CLI::App* explain = app.add_subcommand("explain", "prints the full reasoning for two names");
  std::string name_a, name_b;
  explain->add_option("A", name_a, "the first name")->required();
  explain->add_option("B", name_b, "the second name")->required();
  CLI::App* id = app.add_subcommand("id", "checks and normalises an identifier (exit 1 when refused)");
  std::string kind, value, country;
  id->add_option("KIND", kind, "plate, vin, imo, container, document or phone")
      ->required()
      ->check(CLI::IsMember({"plate", "vin", "imo", "container", "document", "phone"}));
  id->add_option("VALUE", value, "the identifier")->required();
  id->add_option("COUNTRY", country, "the issuing country, when the kind has national rules");
  for (CLI::App* verb : {app.get_subcommand("names"), explain, id}) verb->group("Commands")->footer(kFooter);

  opsroom::cli::Parsed parsed = opsroom::cli::Parse(app, std::vector<std::string>(argv + 1, argv + argc));
  if (parsed.outcome == opsroom::cli::ParseOutcome::kPrinted) return std::fputs(parsed.text.c_str(), stdout), 0;
  if (parsed.outcome == opsroom::cli::ParseOutcome::kRun && app.get_subcommands().empty()) {
    parsed = {opsroom::cli::ParseOutcome::kUsage, app.help(), "a command is required: names, explain or id"};
  }
  if (parsed.outcome == opsroom::cli::ParseOutcome::kUsage) {
    std::fprintf(stderr, "opsroom-match: %s\n\n%s", parsed.error.c_str(), parsed.text.c_str());
    return 2;
  }
  if (app.got_subcommand("names")) return Names();
  if (app.got_subcommand("explain")) {
    std::fputs(opsroom::match::Explain(name_a, name_b).c_str(), stdout);
    return 0;
  }
  return Id(kind, value, country);
}
