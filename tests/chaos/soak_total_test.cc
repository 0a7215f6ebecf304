#include "chaos/soak_total.h"

#include <gtest/gtest.h>

namespace opsroom::chaos {
namespace {

ScenarioResult CleanRun(const std::string& name, uint64_t seed, uint64_t reports) {
  ScenarioResult result;
  result.name = name;
  result.seed = seed;
  result.ran = true;
  result.report.attempted = reports;
  result.report.acknowledged = reports;
  result.report.observed = reports;
  return result;
}

TEST(SoakTotal, AddsUpEveryRunsLedger) {
  SoakTotal total;
  total.Add(CleanRun("hub-kills", 7, 1000));
  total.Add(CleanRun("power-loss", 8, 500));
  total.Add(CleanRun("hub-kills", 9, 250));
  EXPECT_EQ(total.runs(), 3u);
  EXPECT_EQ(total.failed_runs(), 0u);
  EXPECT_EQ(total.attempted(), 1750u);
  EXPECT_EQ(total.acknowledged(), 1750u);
  EXPECT_EQ(total.runs_by_scenario().at("hub-kills"), 2u);
  EXPECT_EQ(total.runs_by_scenario().at("power-loss"), 1u);
  EXPECT_NE(total.Describe(0.5).find("3 runs in 0.5 h (0 failed)"), std::string::npos);
}

TEST(SoakTotal, ALossyRunIsCountedAndNamedWithItsSeed) {
  SoakTotal total;
  total.Add(CleanRun("hub-kills", 7, 1000));
  ScenarioResult lossy = CleanRun("power-loss", 4242, 400);
  lossy.report.lost = {{"AL-BP", 17}, {"AL-BP", 18}};
  lossy.report.duplicated = {{"ME-BP", 3}};
  lossy.report.holes = {{10, 14}};
  total.Add(lossy);
  EXPECT_EQ(total.failed_runs(), 1u);
  EXPECT_EQ(total.lost(), 2u);
  EXPECT_EQ(total.duplicated(), 1u);
  const std::string said = total.Describe(2);
  EXPECT_NE(said.find("lost 2, duplicated 1"), std::string::npos) << said;
  EXPECT_NE(said.find("hub sequences missing 5"), std::string::npos) << said;
  EXPECT_NE(said.find("soak: FAILED power-loss seed 4242"), std::string::npos) << said;
}

TEST(SoakTotal, ARunThatNeverReachedItsVerdictFails) {
  SoakTotal total;
  ScenarioResult stuck = CleanRun("disk-full", 5, 0);
  stuck.ran = false;
  stuck.error = "chaos_hub missing";
  total.Add(stuck);
  EXPECT_EQ(total.failed_runs(), 1u);
  EXPECT_NE(total.Describe(1).find("FAILED disk-full seed 5"), std::string::npos);
}

}  // namespace
}  // namespace opsroom::chaos
