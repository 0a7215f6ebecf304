#!/usr/bin/env bash
# The long soak: rotates the chaos scenarios (hub kills, power cuts, corrupted
# WALs, killed nodes with full outboxes, hub down, hub paused, lost acks,
# slow subscribers, disk full) for H hours on real processes, a fresh seed per
# run, and ends with one ledger total: reports attempted and acknowledged, and
# every loss category added up over all runs (tests/chaos/README.md).
#   scripts/soak.sh --hours H [--long] [--seed S] [--scenario NAME]
# Each run prints its seed; replay a failed one with
#   build/tests/chaos_run --scenario NAME --seed S
# Exit 0 when every run passed. Uses build/ (configured if missing).
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { echo "usage: scripts/soak.sh --hours H [--long] [--seed S] [--scenario NAME]" >&2; exit 2; }
hours=""
passthrough=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --hours) [[ $# -ge 2 && "$2" =~ ^[0-9]*\.?[0-9]+$ ]] || usage; hours=$2; shift 2 ;;
    --seed) [[ $# -ge 2 && "$2" =~ ^[0-9]+$ ]] || usage; passthrough+=(--seed "$2"); shift 2 ;;
    --scenario) [[ $# -ge 2 ]] || usage; passthrough+=(--scenario "$2"); shift 2 ;;
    --long) passthrough+=(--long); shift ;;
    *) usage ;;
  esac
done
[[ -n "$hours" ]] || usage

if [[ ! -f build/CMakeCache.txt ]]; then
  cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
cmake --build build -j"$(nproc)" --target chaos_run chaos_node chaos_hub opsroom-hub
log="build/soak-$(date -u +%Y%m%dT%H%M%SZ).log"
echo "soak: ${hours} h; every run's verdict goes to ${log}"
set +e
build/tests/chaos_run --hours "$hours" "${passthrough[@]}" | tee "$log" | grep -E '^(scenario|  verdict|soak:)'
status=${PIPESTATUS[0]}
exit "$status"
