#!/usr/bin/env bash
# The main job on one machine: installs what is missing, builds, then runs a hub
# on its embedded RocksDB (./var/hub), the simulated national nodes, and the
# operator console when a display is present. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh

port=${OPSROOM_PORT:-7700}
rate=${OPSROOM_SIM_RATE:-5}
hub_endpoint="tcp://127.0.0.1:${port}"
mkdir -p var
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

# Plain text on loopback for the local demo (--insecure: the hub refuses any
# other bind in that mode). A deployment runs CurveZMQ: see docs/protocol.md 2.1.
build/hub/opsroom-hub --data var/hub --bind "$hub_endpoint" --insecure &
pids+=($!)
sleep 1
build/nodes/opsroom-node --id OPSROOM-SIM --hub "$hub_endpoint" simulate --rate "$rate" --seed "$RANDOM" \
  > var/simulator.log 2>&1 &
pids+=($!)
echo "hub on $hub_endpoint (data in var/hub), simulator at $rate msgs/s (log: var/simulator.log)"

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -x build/console/opsroom-console ]; then
  build/console/opsroom-console --hub "$hub_endpoint" --operator "${USER:-operator}"
else
  echo "No display: watching the traffic as JSON lines instead (Ctrl-C to stop)."
  echo "On a desktop, run: build/console/opsroom-console --hub $hub_endpoint --operator NAME"
  build/nodes/opsroom-node --id OPSROOM-TAIL --hub "$hub_endpoint" tail
fi
