#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (ctest). Extra
# arguments go to cmake (CI: -DOPSROOM_WERROR=ON).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh "$@"
cd build
# Twice the cores: most tests wait on sockets, fsyncs and child processes, not a core.
# A test that fails is run once more and the run fails only if it fails again;
# its first failure stays in the output (search "Failed") for whoever chases it.
ctest --output-on-failure -j "$(( $(nproc) * 2 ))" --timeout 900 --repeat until-pass:2
