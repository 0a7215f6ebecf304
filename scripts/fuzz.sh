#!/usr/bin/env bash
# Fuzzes every parser of outside input with libFuzzer, ASan and UBSan
# (tests/fuzz/*_fuzz.cc): installs clang-14 and libFuzzer if missing, builds
# build-fuzz/, runs each target for a bounded campaign (whichever comes first:
# --runs or --seconds, per target), prints executions, rate, coverage and
# crashes per target, and exits 1 on any crash.
#   scripts/fuzz.sh [--runs N] [--seconds S] [--jobs J] [--target NAME]... [--skip NAME]...
# --jobs: campaigns side by side (default: one per core).
# Targets: frame_fuzz (binary frames), json_fuzz (send --json, heads files),
# key_files_fuzz (key files, audit keys, the key registry), places_fuzz
# (places.tsv), control_fuzz (the control socket, both ends), match_fuzz
# (names, identifiers, dates, the tuning corpus), csv_fuzz (send --csv),
# hub_core_fuzz (stateful: scripts of frames, commits, faults and power cuts
# against one hub core, checked by the simulator's invariants).
# Inputs libFuzzer finds are kept in build-fuzz/fuzz-corpus/<target> (the
# committed seeds in tests/fuzz/corpus/<target> are only read); crashing inputs
# go to build-fuzz/fuzz-artifacts/<target>/, rerun one with:
#   build-fuzz/tests/fuzz/<target> FILE
set -euo pipefail
cd "$(dirname "$0")/.."

all_targets=(frame_fuzz json_fuzz key_files_fuzz places_fuzz control_fuzz match_fuzz csv_fuzz hub_core_fuzz)
runs=200000
seconds=120
jobs=$(nproc)
targets=()
skipped=()
usage() { echo "usage: scripts/fuzz.sh [--runs N] [--seconds S] [--jobs J] [--target NAME]... [--skip NAME]..." >&2; exit 2; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) [[ $# -ge 2 && "$2" =~ ^[0-9]+$ ]] || usage; runs=$2; shift 2 ;;
    --seconds) [[ $# -ge 2 && "$2" =~ ^[0-9]+$ ]] || usage; seconds=$2; shift 2 ;;
    --jobs) [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || usage; jobs=$2; shift 2 ;;
    --target) [[ $# -ge 2 && " ${all_targets[*]} " == *" $2 "* ]] || usage; targets+=("$2"); shift 2 ;;
    --skip) [[ $# -ge 2 && " ${all_targets[*]} " == *" $2 "* ]] || usage; skipped+=("$2"); shift 2 ;;
    *) usage ;;
  esac
done
[[ ${#targets[@]} -gt 0 ]] || targets=("${all_targets[@]}")
for skip in "${skipped[@]}"; do
  kept=()
  for t in "${targets[@]}"; do [[ $t == "$skip" ]] || kept+=("$t"); done
  targets=("${kept[@]}")
done
[[ ${#targets[@]} -gt 0 ]] || { echo "fuzz.sh: every target skipped" >&2; exit 2; }

source scripts/clang_tree.sh
clang_tree_configure
build=$clang_tree_build
cmake --build "$build" -j2 --target "${targets[@]}" >/dev/null

# Longest input per target: a frame may be 64 KiB; a text line or file less.
max_len() {
  case "$1" in
    frame_fuzz) echo 70000 ;;
    control_fuzz) echo 1024 ;;
    hub_core_fuzz) echo 4096 ;;
    *) echo 16384 ;;
  esac
}

# One campaign; its verdict goes to $build/fuzz-last-<target>.status so that
# campaigns can run side by side.
fuzz_one() {
  local target=$1
  local corpus_work=$build/fuzz-corpus/$target artifacts=$build/fuzz-artifacts/$target
  local log=$build/fuzz-last-$target.log
  mkdir -p "$corpus_work" "$artifacts"
  local dict=()
  [[ -f tests/fuzz/$target.dict ]] && dict=(-dict="tests/fuzz/$target.dict")
  [[ $target == frame_fuzz ]] && dict=(-dict=tests/fuzz/frame.dict)
  local crashes_before status=0
  crashes_before=$(find "$artifacts" -type f | wc -l)
  "$build/tests/fuzz/$target" -runs="$runs" -max_total_time="$seconds" -max_len="$(max_len "$target")" -timeout=10 \
    "${dict[@]}" -print_final_stats=1 -artifact_prefix="$artifacts/" \
    "$corpus_work" "tests/fuzz/corpus/$target" >"$log" 2>&1 || status=$?
  echo "$status $(( $(find "$artifacts" -type f | wc -l) - crashes_before ))" >"$build/fuzz-last-$target.status"
}

report_one() {
  local target=$1 status=missing crashes=0
  local log=$build/fuzz-last-$target.log artifacts=$build/fuzz-artifacts/$target
  # No status file: the campaign's shell died before it could write one.
  read -r status crashes <"$build/fuzz-last-$target.status" 2>/dev/null || true
  local executions final cov ft corp rate
  executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" 2>/dev/null | tail -1 || true)
  final=$(grep -E '^#[0-9]+' "$log" 2>/dev/null | tail -1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$final")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$final")
  corp=$(sed -n 's/.* corp: \([0-9]*\/[0-9A-Za-z]*\).*/\1/p' <<<"$final")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" 2>/dev/null | tail -1 || true)
  echo "fuzz.sh: $target: executions ${executions:-?} (${rate:-?}/s), coverage cov: ${cov:-?} ft: ${ft:-?}," \
    "corpus ${corp:-?}, crashes $crashes (log: $log)"
  if [[ $status != 0 || $crashes -gt 0 ]]; then
    grep -E '^(==[0-9]+==ERROR|SUMMARY|[a-z_]+: invariant)|Test unit written to' "$log" | head -20 >&2 || true
    echo "fuzz.sh: $target FAILED (libFuzzer exit $status); inputs in $artifacts/" >&2
    failed+=("$target")
  fi
}

# Campaigns are single-threaded: run one per core.
for target in "${targets[@]}"; do
  while [[ $(jobs -rp | wc -l) -ge $jobs ]]; do wait -n || true; done
  rm -f "$build/fuzz-last-$target.status"
  fuzz_one "$target" &
done
wait
failed=()
for target in "${targets[@]}"; do report_one "$target"; done
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "fuzz.sh: FAILED: ${failed[*]}" >&2
  exit 1
fi
