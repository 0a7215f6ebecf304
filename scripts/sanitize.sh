#!/usr/bin/env bash
# Builds the tests with AddressSanitizer and UBSan into build-asan/ (apart from
# build/; no console, no benches) and runs them with ctest. A sanitizer report
# fails the test it happens in: UB aborts (-fno-sanitize-recover), ASan halts
# and reports leaks. The chaos scenarios (real processes, minutes each) run
# only with --long.
#   scripts/sanitize.sh [--long] [--tests REGEX]
set -euo pipefail
cd "$(dirname "$0")/.."

long=OFF
tests=()
usage() { echo "usage: scripts/sanitize.sh [--long] [--tests REGEX]" >&2; exit 2; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --long) long=ON; shift ;;
    --tests) [[ $# -ge 2 ]] || usage; tests=(-R "$2"); shift 2 ;;
    *) usage ;;
  esac
done

build=build-asan
scripts/install-deps.sh
start=$(date +%s)
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DOPSROOM_SANITIZE=ON \
  -DOPSROOM_BUILD_CONSOLE=OFF -DOPSROOM_BUILD_BENCH=OFF -DOPSROOM_LONG_TESTS="$long" >/dev/null
cmake --build "$build" -j "$(nproc)"
built=$(date +%s)

# halt_on_error: the first report ends the process, so its test fails;
# detect_leaks: a leak is a report too (LeakSanitizer runs at exit).
export ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:abort_on_error=0:strict_string_checks=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
label_filter=(-LE chaos)
[[ $long == ON ]] && label_filter=()
status=0
(cd "$build" && ctest --output-on-failure -j 2 --timeout 1800 "${label_filter[@]}" "${tests[@]}") || status=$?
echo "sanitize.sh: build $(( built - start )) s, tests $(( $(date +%s) - built )) s"
exit $status
