// chaos_run: runs chaos scenarios outside ctest, with any seed, short or long,
// and prints each verdict with its figures. With --hours it soaks: it rotates
// the scenarios, a fresh seed each run, until the time is up, and ends with
// one ledger total (scripts/soak.sh). Exit 0 when every run passed.
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>

#include "chaos/scenarios.h"
#include "chaos/soak_total.h"
#include "chaos/traffic.h"

namespace {

const char* kUsage =
    "usage: chaos_run [--scenario NAME|all] [--seed S] [--long] [--repeat N | --hours H] [--keep] [--sync-none]\n"
    "  runs real opsroom-hub and chaos_node processes on loopback; --hours H (e.g. 2 or 0.25) rotates the\n"
    "  scenarios until H hours have passed and prints one ledger total; scenarios:\n";

int Usage() {
  std::cerr << kUsage;
  for (const opsroom::chaos::ScenarioEntry& entry : opsroom::chaos::AllScenarios()) {
    std::cerr << "    " << entry.name << "  " << entry.what << '\n';
  }
  return 2;
}

bool Chosen(const std::string& scenario, const opsroom::chaos::ScenarioEntry& entry) {
  return scenario == "all" || scenario == entry.name;
}

// Rotates the chosen scenarios, one run each in turn with a fresh seed, until
// `hours` have passed (a run that has started is finished).
int Soak(const std::string& scenario, opsroom::chaos::ScenarioOptions options, double hours) {
  using namespace opsroom::chaos;
  const auto start = std::chrono::steady_clock::now();
  const auto until = start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                 std::chrono::duration<double, std::ratio<3600>>(hours));
  SoakTotal total;
  constexpr uint64_t kMaxRuns = 1'000'000;  // a bound for the loop; hours end it first
  while (std::chrono::steady_clock::now() < until && total.runs() < kMaxRuns) {
    for (const ScenarioEntry& entry : AllScenarios()) {
      if (!Chosen(scenario, entry) || std::chrono::steady_clock::now() >= until) continue;
      ScenarioResult result = entry.run(options);
      std::cout << result.Describe() << std::flush;
      total.Add(result);
      options.seed = Mix(options.seed);
    }
  }
  const double elapsed =
      std::chrono::duration<double, std::ratio<3600>>(std::chrono::steady_clock::now() - start).count();
  std::cout << total.Describe(elapsed) << std::flush;
  return total.failed_runs() == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace opsroom::chaos;
  std::string scenario = "all";
  ScenarioOptions options;
  options.seed = SeedFromEnvironment();
  options.long_run = LongRunFromEnvironment();
  int repeat = 1;
  double hours = 0;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    bool has_value = i + 1 < argc;
    if (arg == "--scenario" && has_value) scenario = argv[++i];
    else if (arg == "--seed" && has_value) options.seed = std::strtoull(argv[++i], nullptr, 10);
    else if (arg == "--repeat" && has_value) repeat = std::atoi(argv[++i]);
    else if (arg == "--hours" && has_value) {
      char* end = nullptr;
      hours = std::strtod(argv[++i], &end);
      if (end == argv[i] || *end != '\0' || !(hours > 0)) {
        std::cerr << "chaos_run: --hours wants a number of hours > 0, e.g. 2 or 0.25; got " << argv[i] << '\n';
        return 2;
      }
    } else if (arg == "--long") options.long_run = true;
    else if (arg == "--keep") options.keep_dirs = true;
    else if (arg == "--sync-none") options.hub_sync = false;
    else return Usage();
  }
  bool known = false;
  for (const ScenarioEntry& entry : AllScenarios()) known = known || Chosen(scenario, entry);
  if (!known) {
    std::cerr << "chaos_run: no scenario named " << scenario << '\n';
    return Usage();
  }
  if (hours > 0) return Soak(scenario, options, hours);
  int failures = 0;
  int runs = 0;
  for (int r = 0; r < repeat; ++r) {
    for (const ScenarioEntry& entry : AllScenarios()) {
      if (!Chosen(scenario, entry)) continue;
      ++runs;
      ScenarioResult result = entry.run(options);
      std::cout << result.Describe() << std::flush;
      if (!result.Passed()) ++failures;
    }
    options.seed = Mix(options.seed);
  }
  std::cout << runs - failures << " of " << runs << " runs passed\n";
  return failures == 0 ? 0 : 1;
}
