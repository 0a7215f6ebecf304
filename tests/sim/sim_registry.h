// The simulated parties (three national nodes, four subscribers), their keys,
// and the key registry that admits them: shared by opsroom-sim-test and the
// stateful fuzz target over one hub core (tests/fuzz/hub_core_fuzz.cc).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "hub/key_registry.h"
#include "tests/sim/sim_node.h"

namespace opsroom::sim {

std::vector<Identity> NodeIdentities();
std::vector<Identity> ConsoleIdentities();

// The registry of every simulated party, loaded from a file written to a
// temporary directory (the hub's KeyRegistry reads a file) that is removed
// again; nullptr and why when it cannot be written or is refused.
std::unique_ptr<hub::KeyRegistry> LoadSimRegistry(std::string& problem);

}  // namespace opsroom::sim
