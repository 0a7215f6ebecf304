// opsroom-keys: CurveZMQ key pairs and the hub's key registry (see key_tool.h).
#include <iostream>

#include "hub/tools/key_tool.h"

int main(int argc, char** argv) {
  return opsroom::hub::RunKeysTool(std::vector<std::string>(argv + 1, argv + argc), std::cout, std::cerr);
}
