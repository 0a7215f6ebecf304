#!/usr/bin/env bash
# One peerbench client run against one opsroom-hub build: msgs/s, ack p50/p99,
# the hub's CPU per message per thread (utime+stime from /proc) and the bytes
# its data directory holds per message. For A/B pairs of two builds (run them
# interleaved; the machine's noise is larger than most single changes).
#   scripts/hub_cpu_per_message.sh BUILD_DIR P N [plain|curve] [perf.data]
# BUILD_DIR holds hub/opsroom-hub and hub/opsroom-keys; the client is
# peerbench's bench_opsroom ($PEERBENCH_BUILD, default /tmp/peerbench-build).
# With a fifth argument, perf records the hub for 5 s from the 4th second.
# WINDOW (default 1000) is the unacked messages per producer; PORT the hub's.
set -euo pipefail
build=$1 producers=$2 count=$3 mode=${4:-plain} profile=${5:-}
client=${PEERBENCH_BUILD:-/tmp/peerbench-build}/bench_opsroom
port=${PORT:-25570}
dir=$(mktemp -d /tmp/opsroom-cpu.XXXXXX)
hub=""
# A client that fails (set -e) must not leave the hub running on the port.
cleanup() {
  if [[ -n $hub ]] && kill -0 "$hub" 2>/dev/null; then kill -TERM "$hub"; wait "$hub" || true; fi
  rm -rf -- "$dir"
}
trap cleanup EXIT
security=(--insecure) client_keys=()
if [[ $mode == curve ]]; then  # the same identities as peerbench's run.sh
  keys_tool=$build/hub/opsroom-keys countries=(AL BA HR XK ME MK RS)
  "$keys_tool" new --out "$dir/keys" --name hub >/dev/null
  for ((p = 0; p < producers; p++)); do
    id="${countries[$((p % 7))]}-BENCH$p"
    "$keys_tool" new --out "$dir/clients" --name "$id" >/dev/null
    "$keys_tool" register --registry "$dir/keys/registry" --key "$dir/clients/$id.pub" --node "$id" \
      --country "${id%%-*}" --role national >/dev/null
  done
  "$keys_tool" new --out "$dir/clients" --name OPSROOM-BENCH >/dev/null
  "$keys_tool" register --registry "$dir/keys/registry" --key "$dir/clients/OPSROOM-BENCH.pub" \
    --node OPSROOM-BENCH --country OPSROOM --role console >/dev/null
  security=(--keys "$dir/keys")
  client_keys=(--keys "$dir/clients" --hub-key "$dir/keys/hub.pub")
fi
"$build/hub/opsroom-hub" --data "$dir/hub" --bind "tcp://127.0.0.1:$port" "${security[@]}" >"$dir/log" 2>&1 &
hub=$!
sleep 1.5
recorder=""
if [[ -n $profile ]]; then
  (sleep 4; perf record -F 499 --call-graph dwarf,16384 -p "$hub" -o "$profile" -- sleep 5 >/dev/null 2>&1) &
  recorder=$!
fi
line=$("$client" --port "$port" --port2 $((port + 1)) "${client_keys[@]}" -P "$producers" -N "$count" \
  --window "${WINDOW:-1000}" --timeout 120 --system opsroom --mode sync 2>"$dir/client.log")
if [[ -n $recorder ]]; then wait "$recorder" || true; fi
threads=""
for task in /proc/"$hub"/task/*; do
  stat=($(sed 's/^.*) //' "$task/stat"))
  name=$(tr -d ' ' <"$task/comm")
  if [[ ${task##*/} == "$hub" ]]; then name=loop; fi
  threads+="$name=$((stat[11] + stat[12])) "
done
bytes=$(du -sb "$dir/hub" | cut -f1)
kill -TERM "$hub"
wait "$hub" || true
hub=""
python3 - "$line" "$threads" "$bytes" "$(getconf CLK_TCK)" <<'EOF'
import json, sys
result, threads, data_bytes, hz = json.loads(sys.argv[1]), sys.argv[2].split(), int(sys.argv[3]), int(sys.argv[4])
ticks = {}
for item in threads:
    name, value = item.rsplit("=", 1)
    ticks[name] = ticks.get(name, 0) + int(value)
messages = result["total"]
per_thread = {name: round(t / hz * 1e6 / messages, 2) for name, t in ticks.items() if t > 0}
print("P=%d N=%d msgs/s=%d ack p50/p99=%.1f/%.1f ms complete=%s hub_us_per_msg=%.2f bytes_per_msg=%d threads=%s" % (
    result["P"], messages, result["msgs_per_s"], result["ack_p50_us"] / 1e3, result["ack_p99_us"] / 1e3,
    result["complete"], sum(ticks.values()) / hz * 1e6 / messages, data_bytes / messages, per_thread))
EOF
