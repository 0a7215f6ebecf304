#include "tests/sim/sim_registry.h"
#include "tests/support/temp_dir.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace opsroom::sim {

namespace {

std::string Key(int index) {
  std::string key(36, '0');
  key += std::to_string(1000 + index);  // 40 Z85 characters, one distinct key per party
  return key;
}

}  // namespace

std::vector<Identity> NodeIdentities() {
  return {{"ME-1", "ME", wire::ClientRole::NationalNode, Key(1)},
          {"RS-1", "RS", wire::ClientRole::NationalNode, Key(2)},
          {"AL-1", "AL", wire::ClientRole::NationalNode, Key(3)}};
}

std::vector<Identity> ConsoleIdentities() {
  return {{"OPSROOM-DUTY", "OPSROOM", wire::ClientRole::Console, Key(11)},
          {"OPSROOM-PLAN", "OPSROOM", wire::ClientRole::Planner, Key(12)},
          {"EUROPOL-DESK", "EUROPOL", wire::ClientRole::PartnerAgency, Key(13)},
          {"RS-DESK", "RS", wire::ClientRole::NationalNode, Key(14)}};
}

std::unique_ptr<hub::KeyRegistry> LoadSimRegistry(std::string& problem) {
  std::string dir = opsroom::testing::MakeTempDir("opsroom-sim");
  if (dir.empty()) {
    problem = "cannot make a temporary directory for the simulated key registry";
    return nullptr;
  }
  {
    std::ofstream out(dir + "/registry");
    for (const auto& group : {NodeIdentities(), ConsoleIdentities()}) {
      for (const Identity& who : group) out << hub::FormatKeyLine({who.key, who.node_id, who.country, who.role}) << "\n";
    }
  }
  auto registry = std::make_unique<hub::KeyRegistry>(dir + "/registry");
  auto loaded = registry->Load();
  std::filesystem::remove_all(dir);
  if (!loaded) {
    problem = "the simulated key registry is refused: " + loaded.rejection().text;
    return nullptr;
  }
  return registry;
}

}  // namespace opsroom::sim
