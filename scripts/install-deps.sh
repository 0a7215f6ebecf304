#!/usr/bin/env bash
# Installs the Debian 12 packages opsroom builds, tests and runs with. Safe to
# run again: apt-get is only called when a package is missing.
set -euo pipefail
packages=(
  g++ make cmake pkg-config git libzmq3-dev cppzmq-dev libsodium-dev
  libflatbuffers-dev flatbuffers-compiler python3-flatbuffers python3-zmq
  librocksdb-dev rocksdb-tools libimgui-dev libstb-dev libglfw3-dev
  libgtest-dev libgmock-dev xvfb xauth libgl1-mesa-dri fonts-dejavu-core
  libicu-dev libxml2-utils libcpp-httplib-dev libsystemd-dev nlohmann-json3-dev libraft-dev
  libuv1-dev libcli11-dev libtomlplusplus-dev libspdlog-dev zlib1g-dev help2man
  libhowardhinnant-date-dev
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing: ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
