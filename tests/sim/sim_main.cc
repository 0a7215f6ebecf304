// opsroom-sim-test: runs the deterministic simulator of the hub over a range
// of seeds (docs/simulation.md).
//   opsroom-sim-test --seeds N [--from S] [--steps K] [--trace K]
//   ... --twice              each seed runs twice and must give the same trace digest
//   ... --break NAME --expect INVARIANT
//                            a negative control: the broken variant NAME must be
//                            caught by INVARIANT within the seeds (exit 0), else exit 1
// Prints the failing seed, what broke and the last steps of its trace.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include "tests/sim/sim_world.h"

namespace opsroom::sim {

std::optional<Breaks> ParseBreak(const std::string& name) {
  Breaks breaks;
  if (name == "ack-before-sync") breaks.store.no_sync = true;
  else if (name == "hole") breaks.store.drop_log_put = true;
  else if (name == "lose-acked") breaks.store.lose_last_sync = true;
  else if (name == "doubles") breaks.store.forget_dedupe = true;
  else if (name == "drop-event") breaks.drop_event = true;
  else if (name == "read-failed-write") breaks.store.read_failed_write = true;
  else if (name == "leak") breaks.leak = true;
  else return std::nullopt;
  return breaks;
}

namespace {

struct Options {
  uint64_t seeds = 100;
  uint64_t from = 1;
  RunConfig run;
  bool twice = false;
  std::string expect;  // an invariant name: this run is a negative control
};

int Usage(const std::string& problem) {
  std::cerr << "opsroom-sim-test: " << problem
            << "\nusage: opsroom-sim-test --seeds N [--from S] [--steps K] [--trace K] [--twice]"
               " [--break ack-before-sync|hole|lose-acked|doubles|drop-event|leak|read-failed-write --expect INVARIANT]\n";
  return 2;
}

bool Parse(int argc, char** argv, Options& options, std::string& problem) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--twice") {
      options.twice = true;
      continue;
    }
    if (i + 1 >= argc) return !(problem = arg + " lacks its value").empty();
    std::string value = argv[++i];
    uint64_t number = std::strtoull(value.c_str(), nullptr, 10);
    if (arg == "--seeds") options.seeds = number;
    else if (arg == "--from") options.from = number;
    else if (arg == "--steps") options.run.steps = static_cast<uint32_t>(number);
    else if (arg == "--trace") options.run.trace_tail = number;
    else if (arg == "--expect") {
      options.expect = value;
      options.run.keep_going = true;
    }
    else if (arg == "--break") {
      auto breaks = ParseBreak(value);
      if (!breaks) return !(problem = "unknown --break " + value).empty();
      options.run.breaks = *breaks;
    } else {
      return !(problem = "unknown argument " + arg).empty();
    }
  }
  return true;
}

void PrintFailure(uint64_t seed, const RunResult& result) {
  std::cout << "FAILED seed " << seed << " after " << result.steps << " steps:\n"
            << result.problems << "last steps of its trace:\n"
            << result.trace_tail << "rerun: opsroom-sim-test --seeds 1 --from " << seed << "\n";
}

int RunSeeds(const Options& options, const hub::KeyRegistry& registry) {
  auto start = std::chrono::steady_clock::now();
  uint64_t steps = 0, reports = 0, cuts = 0;
  for (uint64_t seed = options.from; seed < options.from + options.seeds; ++seed) {
    RunConfig run = options.run;
    run.seed = seed;
    RunResult result = World(run, registry).Run();
    steps += result.steps;
    reports += result.reports;
    cuts += result.power_cuts;
    if (!options.expect.empty()) {
      if (result.problems.starts_with(options.expect + ":") ||
          result.problems.find("\n" + options.expect + ":") != std::string::npos) {
        std::cout << "negative control caught by " << options.expect << " at seed " << seed << ":\n"
                  << result.problems;
        return 0;
      }
      continue;
    }
    if (options.twice) {
      RunResult again = World(run, registry).Run();
      if (again.trace_digest != result.trace_digest) {
        std::cout << "NOT DETERMINISTIC: seed " << seed << " gave trace digests " << result.trace_digest << " and "
                  << again.trace_digest << "\n";
        return 1;
      }
    }
    if (!result.ok) {
      PrintFailure(seed, result);
      return 1;
    }
    if (options.seeds == 1) std::cout << "seed " << seed << " trace digest " << result.trace_digest << "\n";
  }
  if (!options.expect.empty()) {
    std::cout << "negative control NOT caught: no seed of " << options.seeds << " violated " << options.expect << "\n";
    return 1;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << options.seeds << " seeds from " << options.from << " passed: " << steps << " steps, " << reports
            << " reports, " << cuts << " power cuts in " << seconds << " s\n";
  return 0;
}

}  // namespace
}  // namespace opsroom::sim

int main(int argc, char** argv) {
  using namespace opsroom::sim;
  Options options;
  std::string problem;
  if (!Parse(argc, argv, options, problem)) return Usage(problem);
  std::unique_ptr<opsroom::hub::KeyRegistry> registry = LoadSimRegistry(problem);
  if (!registry) return Usage(problem);
  return RunSeeds(options, *registry);
}
