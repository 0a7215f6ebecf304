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
#include <memory>
#include <string>
#include <vector>

#include "cli/command_line.h"
#include "tests/sim/sim_registry.h"
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
  std::cerr << "opsroom-sim-test: " << problem << "\n";
  return 2;
}

// The command line (CLI11, with the project's help, --version and typo
// answers); 0 to run, else the exit code (2 wrong usage, 0 after --help).
int Parse(int argc, char** argv, Options& options) {
  CLI::App app("Runs the deterministic simulator of the hub over a range of seeds (docs/simulation.md); prints the "
               "failing seed, what broke and the last steps of its trace.");
  cli::Prepare(app, "opsroom-sim-test");
  app.footer("exit codes: 0 every seed passed (or the negative control was caught), 1 a seed failed (or the "
             "control was not caught), 2 wrong usage");
  app.add_option("--seeds", options.seeds, "how many seeds to run")->capture_default_str();
  app.add_option("--from", options.from, "the first seed")->capture_default_str();
  app.add_option("--steps", options.run.steps, "fault-injecting steps per seed")->capture_default_str();
  app.add_option("--trace", options.run.trace_tail, "steps of trace printed for a failing seed")
      ->capture_default_str();
  app.add_flag("--twice", options.twice, "run each seed twice: the trace digests must be the same");
  std::string broken;
  app.add_option("--break", broken, "a broken variant, as a negative control (needs --expect)")
      ->check(CLI::IsMember({"ack-before-sync", "hole", "lose-acked", "doubles", "drop-event", "leak", "read-failed-write"}));
  app.add_option("--expect", options.expect, "the invariant that must catch the --break variant")
      ->needs(app.get_option("--break"));
  app.get_option("--break")->needs(app.get_option("--expect"));
  cli::Parsed parsed = cli::Parse(app, std::vector<std::string>(argv + 1, argv + argc));
  if (parsed.outcome == cli::ParseOutcome::kPrinted) return std::cout << parsed.text, -1;
  if (parsed.outcome == cli::ParseOutcome::kUsage) return std::cerr << "opsroom-sim-test: " << parsed.error << "\n\n" << parsed.text, 2;
  if (!broken.empty()) options.run.breaks = *ParseBreak(broken);
  options.run.keep_going = !options.expect.empty();
  return 0;
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
  if (int parsed = Parse(argc, argv, options); parsed != 0) return parsed == -1 ? 0 : parsed;
  std::string problem;
  std::unique_ptr<opsroom::hub::KeyRegistry> registry = LoadSimRegistry(problem);
  if (!registry) return Usage(problem);
  return RunSeeds(options, *registry);
}
