// The sum of many chaos runs: a soak rotates the scenarios for hours and must
// end with one ledger line a person can read at a glance (runs, reports sent,
// acknowledged, and every loss category added up), plus the seeds of the runs
// that failed so each can be replayed alone.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "chaos/scenarios.h"

namespace opsroom::chaos {

class SoakTotal {
 public:
  void Add(const ScenarioResult& result);

  uint64_t runs() const { return runs_; }
  uint64_t failed_runs() const { return failed_.size(); }
  uint64_t attempted() const { return attempted_; }
  uint64_t acknowledged() const { return acknowledged_; }
  uint64_t lost() const { return lost_; }
  uint64_t duplicated() const { return duplicated_; }
  // Runs per scenario name, in name order.
  const std::map<std::string, uint64_t>& runs_by_scenario() const { return runs_by_scenario_; }

  // "soak: R runs (F failed) ... lost 0 duplicated 0 ..." and one replay line
  // per failed run.
  std::string Describe(double hours) const;

 private:
  uint64_t runs_ = 0;
  uint64_t attempted_ = 0;
  uint64_t acknowledged_ = 0;
  uint64_t observed_ = 0;
  uint64_t refused_ = 0;
  uint64_t lost_ = 0;
  uint64_t duplicated_ = 0;
  uint64_t unexpected_ = 0;
  uint64_t unacknowledged_ = 0;
  uint64_t ack_mismatch_ = 0;
  uint64_t out_of_order_ = 0;
  uint64_t holes_ = 0;
  uint64_t diverged_ = 0;
  std::map<std::string, uint64_t> runs_by_scenario_;
  std::vector<std::string> failed_;  // "name seed S" of each failed run
};

}  // namespace opsroom::chaos
