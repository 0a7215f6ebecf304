#include "chaos/soak_total.h"

#include <sstream>

namespace opsroom::chaos {

void SoakTotal::Add(const ScenarioResult& result) {
  ++runs_;
  ++runs_by_scenario_[result.name];
  const ChaosReport& report = result.report;
  attempted_ += report.attempted;
  acknowledged_ += report.acknowledged;
  observed_ += report.observed;
  refused_ += report.refused;
  lost_ += report.lost.size();
  duplicated_ += report.duplicated.size();
  unexpected_ += report.unexpected.size();
  unacknowledged_ += report.unacknowledged.size();
  ack_mismatch_ += report.ack_mismatch.size();
  out_of_order_ += report.out_of_order.size();
  for (const SeqRange& hole : report.holes) holes_ += hole.last - hole.first + 1;
  diverged_ += report.diverged.size();
  if (!result.Passed()) failed_.push_back(result.name + " seed " + std::to_string(result.seed));
}

std::string SoakTotal::Describe(double hours) const {
  std::ostringstream out;
  out << "soak: " << runs_ << " runs in " << hours << " h (" << failed_.size() << " failed); reports attempted "
      << attempted_ << ", acknowledged " << acknowledged_ << ", in the logs " << observed_ << ", refused " << refused_
      << "; lost " << lost_ << ", duplicated " << duplicated_ << ", unexpected " << unexpected_ << ", unacknowledged "
      << unacknowledged_ << ", ack mismatches " << ack_mismatch_ << ", out of order " << out_of_order_
      << ", hub sequences missing " << holes_ << ", diverged subscribers " << diverged_ << '\n';
  out << "soak: runs per scenario:";
  for (const auto& [name, count] : runs_by_scenario_) out << ' ' << name << '=' << count;
  out << '\n';
  for (const std::string& failed : failed_) out << "soak: FAILED " << failed << '\n';
  return out.str();
}

}  // namespace opsroom::chaos
