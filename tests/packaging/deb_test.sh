#!/usr/bin/env bash
# The .debs as an operator gets them: built by CPack from this build tree,
# unpacked into a throwaway root (no dpkg -i on the test machine); opsroom's
# files, Depends, conffiles and man pages checked, opsroom-dev's library files
# (and nothing of the service in it, nothing of the library in opsroom), then
# the hub started from the unit
# file's own ExecStartPre (--check-config) and ExecStart lines, its hub.toml and
# defaults file (paths moved under the root, loopback ports), until it listens
# and answers /metrics; SIGTERM stops it cleanly.
#   tests/packaging/deb_test.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
work=$(mktemp -d /tmp/opsroom-deb-XXXXXX)
hub_pid=""
cleanup() { [[ -n "$hub_pid" ]] && kill -9 "$hub_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
fail() { echo "deb_test: FAILED: $*" >&2; exit 1; }

(cd "$build" && cpack -G DEB -B "$work/pkg" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack"; }
deb=$(ls "$work"/pkg/opsroom_*.deb 2>/dev/null | head -1)
[[ -f "$deb" ]] || fail "no opsroom_*.deb in $work/pkg"
dpkg-deb -f "$deb" Depends | grep -q "librocksdb" || fail "Depends does not name librocksdb: $(dpkg-deb -f "$deb" Depends)"

root="$work/root"
dpkg-deb -x "$deb" "$root"
for file in usr/bin/opsroom-hub usr/bin/opsroom-node usr/bin/opsroom-keys usr/lib/systemd/system/opsroom-hub.service \
            etc/default/opsroom-hub etc/opsroom/hub.toml usr/share/doc/opsroom/operations.md \
            usr/share/opsroom/places.tsv usr/share/opsroom/participants.tsv usr/lib/sysusers.d/opsroom.conf \
            "usr/lib/systemd/system/opsroom-node-sender@.service" "usr/lib/systemd/system/opsroom-node-sender@.timer"; do
  [[ -e "$root/$file" ]] || fail "the package lacks /$file"
done
# Man pages generated from each binary's --help (deploy/man_pages.cmake), gzipped.
for tool in opsroom-hub opsroom-node opsroom-keys opsroom-match; do
  page="$root/usr/share/man/man1/$tool.1.gz"
  [[ -s "$page" ]] || fail "the package lacks the man page /usr/share/man/man1/$tool.1.gz"
done
zcat "$root/usr/share/man/man1/opsroom-node.1.gz" | grep -q "crime.*area" ||
  fail "opsroom-node.1 does not carry the verbs' flags (--help-all)"
zcat "$root/usr/share/man/man1/opsroom-node.1.gz" | grep -q '^\.TH' || fail "opsroom-node.1 is not a man page"
[[ -e "$root/usr/share/opsroom/grafana/opsroom-hub.json" ]] || fail "the package lacks the Grafana dashboard"
[[ ! -e "$root/usr/include" && -z "$(find "$root/usr/lib" -name '*.a' -o -name '*.pc')" ]] ||
  fail "opsroom carries the node library's files: they belong in opsroom-dev"

# The node library for embedding (deploy/package_config.cmake), in its own package.
dev=$(ls "$work"/pkg/opsroom-dev_*.deb 2>/dev/null | head -1)
[[ -f "$dev" ]] || fail "no opsroom-dev_*.deb in $work/pkg"
dpkg-deb -f "$dev" Depends | grep -q "librocksdb-dev" || fail "opsroom-dev's Depends lack librocksdb-dev"
dev_root="$work/dev-root"
dpkg-deb -x "$dev" "$dev_root"
[[ -e "$dev_root/usr/include/opsroom/nodes/client/publisher.h" ]] || fail "opsroom-dev lacks publisher.h"
[[ -n "$(find "$dev_root/usr/lib" -name libopsroom_nodes.a)" ]] || fail "opsroom-dev lacks libopsroom_nodes.a"
[[ -n "$(find "$dev_root/usr/lib" -name opsroom-config.cmake)" ]] || fail "opsroom-dev lacks opsroom-config.cmake"
[[ -n "$(find "$dev_root/usr/lib" -name opsroom-nodes.pc)" ]] || fail "opsroom-dev lacks opsroom-nodes.pc"
[[ ! -e "$dev_root/usr/bin" && ! -e "$dev_root/etc" ]] || fail "opsroom-dev carries the service's files"
dpkg-deb -e "$deb" "$work/control"
for conffile in /etc/default/opsroom-hub /etc/opsroom/hub.toml; do
  grep -qx "$conffile" "$work/control/conffiles" || fail "$conffile is not a conffile"
done
[[ -x "$work/control/postinst" ]] || fail "no executable postinst"
for unit_file in "$root"/usr/lib/systemd/system/opsroom-*.service; do
  for hardening in NoNewPrivileges=yes ProtectSystem=strict "StateDirectory=opsroom/"; do
    grep -q "^$hardening" "$unit_file" || fail "$(basename "$unit_file") lacks $hardening"
  done
done
unit="$root/usr/lib/systemd/system/opsroom-hub.service"
grep -qx "Type=notify" "$unit" || fail "the unit is not Type=notify"

# The unit's command line, as systemd would run it, moved under the root.
port=$(python3 -c 'import socket
for _ in range(50):
    a = socket.socket(); a.bind(("127.0.0.1", 0)); p = a.getsockname()[1]
    b = socket.socket()
    try:
        b.bind(("127.0.0.1", p + 1)); b.close(); a.close(); print(p); break
    except OSError:
        a.close(); b.close()')
metrics_port=$((port + 2))
# The installed hub.toml with its paths moved under the root and its port moved;
# the metrics port comes as a flag, which wins over the file's.
config="$work/hub.toml"
sed -e "s|/var/lib/opsroom|$work/var/lib/opsroom|g" -e "s|/usr/share/opsroom|$root/usr/share/opsroom|g" \
    -e "s|:7700|:$port|" "$root/etc/opsroom/hub.toml" >"$config"
under_root() {
  local line="$1"
  line="${line//\$OPSROOM_HUB_ARGS/$OPSROOM_HUB_ARGS}"
  line="${line//\/usr\/bin\//$root/usr/bin/}"
  line="${line//\/etc\/opsroom\/hub.toml/$config}"
  echo "$line"
}
OPSROOM_HUB_ARGS=""
# shellcheck disable=SC1090
source "$root/etc/default/opsroom-hub"
OPSROOM_HUB_ARGS="$OPSROOM_HUB_ARGS --metrics 127.0.0.1:$metrics_port"
check_line=$(under_root "$(sed -n 's/^ExecStartPre=//p' "$unit")")
# shellcheck disable=SC2086
$check_line >"$work/check.log" 2>&1 || { cat "$work/check.log"; fail "ExecStartPre: $check_line"; }
command_line=$(under_root "$(sed -n 's/^ExecStart=//p' "$unit")")
mkdir -p "$work/var/lib/opsroom/hub" "$work/var/lib/opsroom/hub-audit"   # StateDirectory=, mode 0700
chmod 700 "$work/var/lib/opsroom/hub" "$work/var/lib/opsroom/hub-audit"
# shellcheck disable=SC2086
$command_line >"$work/hub.log" 2>&1 &
hub_pid=$!
for _ in $(seq 1 300); do
  python3 -c "import socket,sys; s=socket.socket(); sys.exit(s.connect_ex(('127.0.0.1', $port)))" 2>/dev/null && break
  kill -0 "$hub_pid" 2>/dev/null || { cat "$work/hub.log"; fail "the hub exited: $command_line"; }
  sleep 0.1
done
python3 - "$metrics_port" <<'PY' || { cat "$work/hub.log"; fail "no /metrics answer"; }
import sys, time, urllib.request
for _ in range(100):
    try:
        body = urllib.request.urlopen("http://127.0.0.1:%s/metrics" % sys.argv[1], timeout=5).read().decode()
        sys.exit(0 if "opsroom_hub_sequence" in body else 1)
    except OSError:
        time.sleep(0.1)
sys.exit(1)
PY
kill -TERM "$hub_pid"
status=0
wait "$hub_pid" || status=$?
hub_pid=""
[[ $status -eq 0 ]] || { cat "$work/hub.log"; fail "the hub exited $status on SIGTERM"; }
grep -q "stopped at hub_seq" "$work/hub.log" || fail "no clean stop in the hub's log"
echo "deb_test: $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB) installs its files, and its unit's command runs the hub;" \
  "$(basename "$dev") carries the node library"
