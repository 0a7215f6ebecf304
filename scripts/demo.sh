#!/usr/bin/env bash
# The main job on one machine: installs what is missing, builds, then runs a hub
# on its embedded RocksDB (./var/hub), the simulated national nodes, and the
# operator console when a display is present. Ctrl-C stops everything.
#
# Everything runs CurveZMQ, as a deployment does: the bare hub makes its key
# pair and an empty registry in var/hub/keys on first start; this script makes
# one key per simulated agency and one for the duty console in var/demo/keys
# (kept and reused on the next run) and registers them (docs/protocol.md 2.1).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh

port=${OPSROOM_PORT:-7700}
rate=${OPSROOM_SIM_RATE:-5}
hub_endpoint="tcp://127.0.0.1:${port}"
hub_keys=var/hub/keys
node_keys=var/demo/keys
console_id=OPSROOM-DUTY
# The simulator's agencies (opsroom-node --help, simulate): id, participant, role.
agencies="AL-BP:AL BA-BP:BA HR-BP:HR XK-BP:XK ME-BP:ME MK-BP:MK RS-BP:RS ME-CU:ME AL-CU:AL HR-CU:HR
          EUROPOL-EMSC:EUROPOL FRONTEX-JOC:FRONTEX"
keys_tool=build/hub/opsroom-keys
registry=$hub_keys/registry

mkdir -p var
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

# One key per identity, made once; registered once (a key already listed stays).
# Registered before the hub starts, so that its first load admits them all.
admit() {  # node participant role
  if [ ! -f "$node_keys/$1.key" ]; then
    "$keys_tool" new --out "$node_keys" --name "$1" >/dev/null
  fi
  local public_key
  public_key=$(sed -n 's/.*public-key = "\(.*\)"/\1/p' "$node_keys/$1.pub")
  if [ -f "$registry" ] && grep -qF "$public_key" "$registry"; then
    return
  fi
  if [ -f "$registry" ] && grep -q "^[^#][^ ]* $1 " "$registry"; then
    "$keys_tool" revoke --registry "$registry" --node "$1" >/dev/null  # an older key of this node
  fi
  "$keys_tool" register --registry "$registry" --key "$node_keys/$1.pub" --node "$1" --country "$2" \
    --role "$3" >/dev/null
}
# Owner-only from the start: the hub's data and every key are intelligence.
(umask 077 && mkdir -p "$hub_keys" "$node_keys")
chmod 700 var/hub "$hub_keys" "$node_keys"
for agency in $agencies; do
  case ${agency#*:} in
    EUROPOL|FRONTEX) role=partner ;;
    *) role=national ;;
  esac
  admit "${agency%%:*}" "${agency#*:}" "$role"
done
admit "$console_id" OPSROOM console

# The bare hub (only the port is chosen): data in ./var/hub; on first start it
# makes its key pair in ./var/hub/keys and keeps it from then on.
build/hub/opsroom-hub --bind "$hub_endpoint" &
hub_pid=$!
pids+=("$hub_pid")
for _ in $(seq 100); do
  [ -f "$hub_keys/hub.pub" ] && break
  kill -0 "$hub_pid" 2>/dev/null || { echo "demo: the hub did not start (see above)" >&2; exit 1; }
  sleep 0.1
done
[ -f "$hub_keys/hub.pub" ] || { echo "demo: no $hub_keys/hub.pub after 10 s" >&2; exit 1; }

build/nodes/opsroom-node --hub "$hub_endpoint" simulate --keys "$node_keys" --hub-key "$hub_keys/hub.pub" \
  --rate "$rate" --seed "$RANDOM" > var/simulator.log 2>&1 &
pids+=($!)
echo "hub on $hub_endpoint over CurveZMQ (data in var/hub, its keys in $hub_keys), node keys in $node_keys;"
echo "simulator at $rate msgs/s (log: var/simulator.log)"

console_key="$node_keys/$console_id.key"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -x build/console/opsroom-console ]; then
  build/console/opsroom-console --hub "$hub_endpoint" --key "$console_key" --hub-key "$hub_keys/hub.pub" \
    --operator "${USER:-operator}"
else
  echo "No display: watching the traffic as JSON lines instead (Ctrl-C to stop)."
  echo "On a desktop, run: build/console/opsroom-console --hub $hub_endpoint --key $console_key" \
       "--hub-key $hub_keys/hub.pub --operator NAME"
  build/nodes/opsroom-node --hub "$hub_endpoint" --key "$console_key" --hub-key "$hub_keys/hub.pub" tail
fi
