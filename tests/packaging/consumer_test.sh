#!/usr/bin/env bash
# The node library as a national system embeds it: `cmake --install` of this
# build tree (the opsroom_dev component) into a throwaway prefix, then a tiny
# consumer project built against that prefix twice, with find_package(opsroom)
# (opsroom::nodes) and with pkg-config (opsroom-nodes.pc), and both binaries run.
#   tests/packaging/consumer_test.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/opsroom-consumer-XXXXXX)
trap 'rm -rf "$work"' EXIT
fail() { echo "consumer_test: FAILED: $*" >&2; exit 1; }

prefix="$work/prefix"
cmake --install "$build" --prefix "$prefix" --component opsroom_dev >"$work/install.log" 2>&1 ||
  { cat "$work/install.log"; fail "cmake --install"; }
config=$(find "$prefix" -name opsroom-config.cmake | head -1)
pc=$(find "$prefix" -name opsroom-nodes.pc | head -1)
[[ -n "$config" ]] || fail "no opsroom-config.cmake under $prefix"
[[ -n "$pc" ]] || fail "no opsroom-nodes.pc under $prefix"
[[ -z "$(find "$prefix" -name 'opsroom-hub' -o -name '*.service')" ]] || fail "the dev component carries the service"

# 1. CMake: find_package(opsroom) with nothing but the prefix.
cmake -S "$here/consumer" -B "$work/cmake-build" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release \
  >"$work/configure.log" 2>&1 || { cat "$work/configure.log"; fail "configure against find_package(opsroom)"; }
cmake --build "$work/cmake-build" >"$work/build.log" 2>&1 || { cat "$work/build.log"; fail "build with opsroom::nodes"; }
out=$("$work/cmake-build/consumer" "$work/outbox-cmake") || fail "the CMake consumer failed: $out"
[[ "$out" == "ok opsroom-node/"* ]] || fail "the CMake consumer said: $out"

# 2. pkg-config: the same source with `pkg-config --cflags --libs opsroom-nodes`.
export PKG_CONFIG_PATH="$(dirname "$pc")"
flags=$(pkg-config --cflags --libs opsroom-nodes) || fail "pkg-config does not know opsroom-nodes"
# shellcheck disable=SC2086
c++ -O1 -o "$work/consumer-pc" "$here/consumer/main.cc" $flags >"$work/pc.log" 2>&1 ||
  { cat "$work/pc.log"; fail "build with pkg-config: $flags"; }
out_pc=$("$work/consumer-pc" "$work/outbox-pc") || fail "the pkg-config consumer failed: $out_pc"
[[ "$out_pc" == "$out" ]] || fail "the two consumers disagree: '$out' and '$out_pc'"
echo "consumer_test: find_package(opsroom) and opsroom-nodes.pc both build and run a consumer: $out"
