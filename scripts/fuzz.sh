#!/usr/bin/env bash
# Fuzzes frame decoding (tests/fuzz/frame_fuzz.cc) with libFuzzer, ASan and
# UBSan: installs clang-14 and libFuzzer if missing, builds build-fuzz/, runs a
# bounded campaign (whichever comes first: --runs or --seconds), prints
# executions, coverage and crashes, and exits 1 on a crash.
#   scripts/fuzz.sh [--runs N] [--seconds S]
# Inputs libFuzzer finds are kept in build-fuzz/fuzz-corpus (the committed seeds
# in tests/fuzz/corpus/frame_fuzz are only read); crashing inputs go to
# build-fuzz/fuzz-artifacts/, rerun one with: build-fuzz/tests/fuzz/frame_fuzz FILE
set -euo pipefail
cd "$(dirname "$0")/.."

runs=200000
seconds=120
usage() { echo "usage: scripts/fuzz.sh [--runs N] [--seconds S]" >&2; exit 2; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) [[ $# -ge 2 && "$2" =~ ^[0-9]+$ ]] || usage; runs=$2; shift 2 ;;
    --seconds) [[ $# -ge 2 && "$2" =~ ^[0-9]+$ ]] || usage; seconds=$2; shift 2 ;;
    *) usage ;;
  esac
done

build=build-fuzz
corpus_work=$build/fuzz-corpus
artifacts=$build/fuzz-artifacts
log=$build/fuzz-last.log

have_toolchain() {
  command -v clang++-14 >/dev/null && command -v clang-14 >/dev/null &&
    [[ -f "$(clang++-14 -print-resource-dir)/lib/linux/libclang_rt.fuzzer-x86_64.a" ]]
}
if ! have_toolchain; then
  echo "fuzz.sh: installing clang-14, libFuzzer and the sanitizer runtimes (Debian packages)"
  sudo_cmd=()
  [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
    clang-14 libfuzzer-14-dev libclang-rt-14-dev >/dev/null
  have_toolchain || { echo "fuzz.sh: clang-14 with libFuzzer is still missing" >&2; exit 1; }
fi

cmake -S . -B "$build" -DOPSROOM_BUILD_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_C_COMPILER=clang-14 \
  -DOPSROOM_BUILD_CONSOLE=OFF -DOPSROOM_BUILD_BENCH=OFF -DOPSROOM_BUILD_TESTS=ON >/dev/null
cmake --build "$build" -j2 --target frame_fuzz >/dev/null

mkdir -p "$corpus_work" "$artifacts"
crashes_before=$(find "$artifacts" -type f | wc -l)
echo "fuzz.sh: frame_fuzz for at most $runs runs or $seconds s (log: $log)"
status=0
"$build/tests/fuzz/frame_fuzz" -runs="$runs" -max_total_time="$seconds" -max_len=70000 -timeout=10 \
  -dict=tests/fuzz/frame.dict -print_final_stats=1 -artifact_prefix="$artifacts/" \
  "$corpus_work" tests/fuzz/corpus/frame_fuzz >"$log" 2>&1 || status=$?

crashes=$(( $(find "$artifacts" -type f | wc -l) - crashes_before ))
executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
final=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$final")
ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$final")
corp=$(sed -n 's/.* corp: \([0-9]*\/[0-9A-Za-z]*\).*/\1/p' <<<"$final")
rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
echo "fuzz.sh: executions ${executions:-?} (${rate:-?}/s), coverage cov: ${cov:-?} ft: ${ft:-?}," \
  "corpus ${corp:-?}, crashes $crashes"
if [[ $status -ne 0 || $crashes -gt 0 ]]; then
  grep -E '^(==[0-9]+==ERROR|SUMMARY|frame_fuzz: invariant)|Test unit written to' "$log" | head -20 >&2 || true
  echo "fuzz.sh: FAILED (libFuzzer exit $status); inputs in $artifacts/" >&2
  exit 1
fi
