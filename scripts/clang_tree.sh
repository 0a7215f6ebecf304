# Sourced by scripts/fuzz.sh and scripts/sanitize.sh --clang: installs clang-14
# with libFuzzer if missing and configures build-fuzz/, one clang tree with
# AddressSanitizer and UBSan on every target and libFuzzer's coverage on the
# libraries the fuzz targets reach. CI builds its sanitizer suites and its fuzz
# targets in this one tree, so the libraries compile once for both.
# Sets clang_tree_build (the directory).
clang_tree_build=build-fuzz

clang_tree_have_toolchain() {
  command -v clang++-14 >/dev/null && command -v clang-14 >/dev/null &&
    [[ -f "$(clang++-14 -print-resource-dir)/lib/linux/libclang_rt.fuzzer-x86_64.a" ]]
}

clang_tree_configure() {
  if ! clang_tree_have_toolchain; then
    echo "clang_tree: installing clang-14, libFuzzer and the sanitizer runtimes (Debian packages)"
    local sudo_cmd=()
    [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
      clang-14 libfuzzer-14-dev libclang-rt-14-dev >/dev/null
    clang_tree_have_toolchain || { echo "clang_tree: clang-14 with libFuzzer is still missing" >&2; return 1; }
  fi
  # Line tables (-g1) are enough for a report's stack and compile much faster than -g.
  cmake -S . -B "$clang_tree_build" -DOPSROOM_BUILD_FUZZ=ON -DOPSROOM_SANITIZE=ON \
    -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_C_COMPILER=clang-14 \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" \
    -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" \
    -DOPSROOM_BUILD_CONSOLE=OFF -DOPSROOM_BUILD_BENCH=OFF -DOPSROOM_BUILD_TESTS=ON >/dev/null
}
