#!/usr/bin/env bash
# Builds tests with AddressSanitizer and UBSan into build-asan/ (apart from
# build/; no console, no benches) and runs them. A sanitizer report fails the
# test it happens in: UB aborts (-fno-sanitize-recover), ASan halts and
# reports leaks; any failure makes this script exit non-zero, and CI
# (.ci/run) fails with it.
#   scripts/sanitize.sh            the CI set (below): fits CI's 30 minutes on
#                                  2 cores beside the plain build and fuzzing
#   scripts/sanitize.sh --all      every test but the chaos scenarios (ctest)
#   scripts/sanitize.sh --long     every test, the chaos scenarios included
# The CI set covers the wire (verification, the malformed-frame classes,
# need-to-know), matching, the kv store, the hub's store, ingest, state and
# audience rules and its security units, the hub's integration suite (a real
# hub over loopback ZeroMQ: ingest, refusals, queries, held copies, start),
# the node library's units, the raft cluster library (threads, killed member
# processes, raft's fixture: about 25 s) and the parser fuzz targets over
# their seeds. It leaves to --all: match_tests' corpus evaluation, the end-to-end node-and-hub runs (e2e_tests), the outbox
# and store-and-forward suites, the CLI, console, retention, matching-hub,
# deadline and security-integration suites. Its gcc tree is built -O1 -g1
# (line tables for the reports, a quicker compile than -O2 -g; the build is
# most of this step's time), the clang tree -O2 -g1 like the fuzz targets;
# --all and --long build RelWithDebInfo.
#   --clang                        the same in build-fuzz/, the clang tree the
#                                  fuzz targets build in (scripts/clang_tree.sh):
#                                  CI's choice, so the libraries compile once
#                                  for the sanitizer suites and the fuzzers
set -euo pipefail
cd "$(dirname "$0")/.."

mode=ci
compiler=gcc
for arg in "$@"; do
  case "$arg" in
    --all) mode=all ;;
    --long) mode=long ;;
    --clang) compiler=clang ;;
    *) echo "usage: scripts/sanitize.sh [--all | --long] [--clang]" >&2; exit 2 ;;
  esac
done

# Built and run in the CI set: binaries that need no other program built.
ci_suites=(wire_tests wire_malformed_test security_entitlement_test match_tests kv_tests nodes_tests hub_unit_tests
           security_unit_tests hub_integration_tests cluster_tests cluster_fixture_tests cluster_process_tests)
ci_replays=(json_fuzz key_files_fuzz places_fuzz control_fuzz match_fuzz csv_fuzz hub_core_fuzz)
# Per-suite gtest filters of the CI set: match_tests' corpus evaluation
# (MatchCorpus.*) ran for minutes under ASan on a loaded machine; --all runs it.
declare -A ci_filters=([match_tests]="-MatchCorpus.*")

build=build-asan
scripts/install-deps.sh
start=$(date +%s)
long=OFF
[[ $mode == long ]] && long=ON
flags=()
if [[ $mode == ci ]]; then
  flags=(-DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG")
else
  flags=(-UCMAKE_CXX_FLAGS_RELWITHDEBINFO -UCMAKE_C_FLAGS_RELWITHDEBINFO)
fi
if [[ $compiler == clang ]]; then
  source scripts/clang_tree.sh
  clang_tree_configure
  build=$clang_tree_build
  cmake -S . -B "$build" -DOPSROOM_LONG_TESTS="$long" >/dev/null
else
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DOPSROOM_SANITIZE=ON "${flags[@]}" \
    -DOPSROOM_BUILD_CONSOLE=OFF -DOPSROOM_BUILD_BENCH=OFF -DOPSROOM_LONG_TESTS="$long" >/dev/null
fi
if [[ $mode == ci ]]; then
  targets=("${ci_suites[@]}")
  for r in "${ci_replays[@]}"; do targets+=("${r}_replay"); done
  cmake --build "$build" -j "$(nproc)" --target "${targets[@]}"
else
  cmake --build "$build" -j "$(nproc)"
fi
built=$(date +%s)

# halt_on_error: the first report ends the process, so its test fails;
# detect_leaks: a leak is a report too (LeakSanitizer runs at exit).
export ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:strict_string_checks=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
status=0
# One suite; its output and verdict go to files so that suites run side by side
# (most of their time is spent waiting on sockets and fsyncs, not on a core).
run_suite() {
  local suite=$1 filter=${ci_filters[$1]:-} suite_start
  suite_start=$(date +%s)
  if (cd "$build/tests" && "./$suite" --gtest_brief=1 ${filter:+"--gtest_filter=$filter"}) >"$build/sanitize-$suite.log" 2>&1; then
    echo "passed $(( $(date +%s) - suite_start ))" >"$build/sanitize-$suite.status"
  else
    echo "FAILED $(( $(date +%s) - suite_start ))" >"$build/sanitize-$suite.status"
  fi
}
if [[ $mode == ci ]]; then
  for suite in "${ci_suites[@]}"; do
    while [[ $(jobs -rp | wc -l) -ge $(nproc) ]]; do wait -n || true; done
    rm -f "$build/sanitize-$suite.status"
    run_suite "$suite" &
  done
  wait
  for suite in "${ci_suites[@]}"; do
    verdict=FAILED seconds='?'
    read -r verdict seconds <"$build/sanitize-$suite.status" 2>/dev/null || true
    echo "sanitize.sh: $suite $verdict in $seconds s"
    if [[ $verdict != passed ]]; then
      cat "$build/sanitize-$suite.log" >&2 || true
      echo "sanitize.sh: $suite FAILED" >&2
      status=1
    fi
  done
  for r in "${ci_replays[@]}"; do
    "$build/tests/${r}_replay" "tests/fuzz/corpus/$r" || { echo "sanitize.sh: ${r}_replay FAILED" >&2; status=1; }
  done
else
  label_filter=(-LE chaos)
  [[ $mode == long ]] && label_filter=()
  (cd "$build" && ctest --output-on-failure -j 2 --timeout 1800 "${label_filter[@]}") || status=$?
fi
echo "sanitize.sh: build $(( built - start )) s, tests $(( $(date +%s) - built )) s"
exit $status
