// chaos_run: runs chaos scenarios outside ctest, with any seed, short or long,
// and prints each verdict with its figures. Exit 0 when every run passed.
#include <cstdlib>
#include <iostream>
#include <string>

#include "chaos/scenarios.h"
#include "chaos/traffic.h"

namespace {

const char* kUsage =
    "usage: chaos_run [--scenario NAME|all] [--seed S] [--long] [--repeat N] [--keep] [--sync-none]\n"
    "  runs real opsroom-hub and chaos_node processes on loopback; scenarios:\n";

}  // namespace

int main(int argc, char** argv) {
  using namespace opsroom::chaos;
  std::string scenario = "all";
  ScenarioOptions options;
  options.seed = SeedFromEnvironment();
  options.long_run = LongRunFromEnvironment();
  int repeat = 1;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    bool has_value = i + 1 < argc;
    if (arg == "--scenario" && has_value) scenario = argv[++i];
    else if (arg == "--seed" && has_value) options.seed = std::strtoull(argv[++i], nullptr, 10);
    else if (arg == "--repeat" && has_value) repeat = std::atoi(argv[++i]);
    else if (arg == "--long") options.long_run = true;
    else if (arg == "--keep") options.keep_dirs = true;
    else if (arg == "--sync-none") options.hub_sync = false;
    else {
      std::cerr << kUsage;
      for (const ScenarioEntry& entry : AllScenarios()) std::cerr << "    " << entry.name << "  " << entry.what << '\n';
      return 2;
    }
  }
  int failures = 0;
  int runs = 0;
  for (int r = 0; r < repeat; ++r) {
    for (const ScenarioEntry& entry : AllScenarios()) {
      if (scenario != "all" && scenario != entry.name) continue;
      ++runs;
      ScenarioResult result = entry.run(options);
      std::cout << result.Describe() << std::flush;
      if (!result.Passed()) ++failures;
    }
    options.seed = Mix(options.seed);
  }
  if (runs == 0) {
    std::cerr << "chaos_run: no scenario named " << scenario << '\n';
    return 2;
  }
  std::cout << runs - failures << " of " << runs << " runs passed\n";
  return failures == 0 ? 0 : 1;
}
