#!/usr/bin/env bash
# How many alerts the simulated room leaves open as its log grows (issue 13:
# tens, not thousands): runs a hub (plain text, loopback, a fresh data
# directory) and the simulator at the demo's rate, and at each checkpoint
# reads the hub's log (opsroom-hub dump) and applies the state rules of
# docs/protocol.md section 6 to count the alerts neither Closed nor Expired.
# A measurement, not a test: print the figures and the machine's load.
#
#   scripts/sim_open_count.sh [MINUTES...]     (default: 5 10; OPSROOM_SIM_RATE, OPSROOM_PORT, OPSROOM_SEED)
set -euo pipefail
cd "$(dirname "$0")/.."
checkpoints=("${@:-5 10}")
read -r -a checkpoints <<<"${checkpoints[*]}"
rate=${OPSROOM_SIM_RATE:-5}
port=${OPSROOM_PORT:-7790}
seed=${OPSROOM_SEED:-1}
data=$(mktemp -d)
chmod 700 "$data"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

build/hub/opsroom-hub --insecure --data "$data/hub" --bind "tcp://127.0.0.1:$port" --sync=none >"$data/hub.log" 2>&1 &
pids+=($!)
sleep 1
build/nodes/opsroom-node --hub "tcp://127.0.0.1:$port" simulate --rate "$rate" --seed "$seed" --outbox "$data/sim-outbox" >"$data/sim.log" 2>&1 &
pids+=($!)

count_open() {  # the log as JSON lines on stdin
  python3 -c '
import json, sys
effect = {"Acknowledge": "Acknowledged", "Assign": "Assigned", "Escalate": "Escalated", "Close": "Closed",
          "Reopen": "Open", "Expire": "Expired"}
status, log, reopened = {}, 0, 0
def effective(origin, alert_id):
    prefix = alert_id.split(":", 1)[0]
    return alert_id if ":" in alert_id and "-" in prefix and prefix.split("-")[0].isupper() else origin + ":" + alert_id
for line in sys.stdin:
    log += 1
    envelope = json.loads(line).get("body", {}).get("envelope")
    if envelope is None:
        continue
    kind, payload = envelope.get("payload_type"), envelope.get("payload", {})
    if kind == "Alert":
        key = effective(envelope["origin"], payload["alert_id"])
        new = payload.get("status", "Open")
        reopened += status.get(key) in ("Closed", "Expired") and new not in ("Closed", "Expired")
        status[key] = new
    elif kind == "AlertAction" and payload.get("kind", "Acknowledge") in effect:
        key = effective(envelope["origin"], payload["alert_id"])
        new = effect[payload.get("kind", "Acknowledge")]
        reopened += status.get(key) in ("Closed", "Expired") and new not in ("Closed", "Expired")
        status[key] = new
counts = {}
for s in status.values():
    counts[s] = counts.get(s, 0) + 1
open_ = sum(n for s, n in counts.items() if s not in ("Closed", "Expired"))
print(f"log {log} events, {len(status)} alerts, open {open_}, reopened {reopened}, by status {counts}")
'
}

started=$(date +%s)
for minutes in "${checkpoints[@]}"; do
  while [ $(($(date +%s) - started)) -lt $((minutes * 60)) ]; do sleep 5; done
  echo "after $minutes min at $rate msgs/s (load $(cut -d' ' -f1-3 /proc/loadavg)):"
  build/hub/opsroom-hub dump --data "$data/hub" | count_open
done
