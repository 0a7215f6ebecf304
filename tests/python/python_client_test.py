#!/usr/bin/python3
"""The Python package `opsroom` (clients/python) against a real opsroom-hub over CurveZMQ.

A hub in SECURE mode on 127.0.0.1 with keys made and registered by opsroom-keys
(no --insecure). With the package: publish alerts and get acks; a resend after a
reconnect is acknowledged once; a report in a durable outbox is sent again
by the next process; heartbeats reach the hub's node table; bad alerts are refused with their reasons
(UnknownPlace, OriginMismatch); a key file its group can read is refused; an
unregistered key gets no Welcome; a follower takes a snapshot (holding our alert
and a C++ node's, `opsroom-node alert` with its own key), replays what was
committed after it, and sees live events, each hub_seq once and in order; the
example script publishes and tails.

usage: python_client_test.py --hub-binary PATH --keys-binary PATH --node-binary PATH
                             --pythonpath PATHS --example SCRIPT
PATHS (os.pathsep-separated) finds `opsroom` and the generated `opsroom.wire`. Exit 0 on
success, 1 on a failure (the message says which step), 77 when python3-zmq or
python3-flatbuffers is missing (ctest: skipped).
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

from hub_process import HubProcess

STEP_TIMEOUT_S = 30
COMMAND_TIMEOUT_S = 60
PY_NODE, TAIL_NODE, CPP_NODE, STRANGER = "ME-PYCLIENT", "ME-PYTAIL", "RS-BP", "ME-STRANGER"
OUTBOX_NODE = "ME-PYOUTBOX"


class Failure(Exception):
    pass


def expect(condition, what):
    if not condition:
        raise Failure(what)


def run(command, **kwargs):
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            timeout=COMMAND_TIMEOUT_S, **kwargs)
    return result.returncode, result.stdout


class World:
    """The temp dir: keys (hub, three registered nodes, one stranger) and the binaries."""

    def __init__(self, tmp, args):
        self.tmp, self.keys = tmp, os.path.join(tmp, "keys")
        self.hub_binary, self.keys_binary, self.node_binary = args.hub_binary, args.keys_binary, args.node_binary
        self.endpoint = None
        self.registry = os.path.join(self.keys, "registry")
        self.hub_pub = os.path.join(self.keys, "hub.pub")

    def key(self, node_id):
        return os.path.join(self.keys, node_id + ".key")

    def make_keys(self):
        for name in ("hub", PY_NODE, TAIL_NODE, CPP_NODE, STRANGER, OUTBOX_NODE):
            code, out = run([self.keys_binary, "new", "--out", self.keys, "--name", name])
            expect(code == 0, "opsroom-keys new %s: %s" % (name, out))
        for node_id in (PY_NODE, TAIL_NODE, CPP_NODE, OUTBOX_NODE):
            code, out = run([self.keys_binary, "register", "--registry", self.registry, "--key",
                             os.path.join(self.keys, node_id + ".pub"), "--node", node_id,
                             "--country", node_id[:2], "--role", "national"])
            expect(code == 0, "opsroom-keys register %s: %s" % (node_id, out))


def link_for(world, node_id, **kwargs):
    from opsroom.keys import load_client_keys
    from opsroom.link import Link
    return Link(world.endpoint, load_client_keys(world.key(node_id), world.hub_pub), node_id[:2], **kwargs)


def check_key_files(world):
    from opsroom.keys import KeyFileError, load_client_keys
    loose = os.path.join(world.tmp, PY_NODE + ".key")
    shutil.copy(world.key(PY_NODE), loose)
    os.chmod(loose, 0o640)
    try:
        load_client_keys(loose, world.hub_pub)
        raise Failure("a group-readable secret key file was accepted")
    except KeyFileError as error:
        expect("readable by group or others" in str(error), "the loose key refused for another reason: %s" % error)
    try:
        load_client_keys(os.path.join(world.keys, PY_NODE + ".pub"), world.hub_pub)
        raise Failure("a public key file was accepted as the client's secret")
    except KeyFileError as error:
        expect("only a public key" in str(error), "the .pub refused for another reason: %s" % error)
    print("key files: group-readable secret refused, public-only file refused")


def check_stranger(world):
    from opsroom.link import HubUnreachable
    link = link_for(world, STRANGER)
    try:
        link.hello(timeout_s=5)
        raise Failure("an unregistered key got a Welcome")
    except HubUnreachable as error:
        print("unregistered key: %s" % error)
    finally:
        link.close()


def publish_and_refusals(world):
    from opsroom import envelopes
    from opsroom.publisher import Publisher
    from opsroom.wire import RejectReason
    link = link_for(world, PY_NODE)
    publisher = Publisher(link)
    try:
        welcome = publisher.start(STEP_TIMEOUT_S)
        expect(welcome.last_node_seq == 0 and welcome.durable, "a first Welcome with %r" % (welcome,))
        good = [publisher.publish(envelopes.alert(PY_NODE, "ME", "%s:A-%d" % (PY_NODE, i), "Van %d near Sukobin" % i,
                                                  position=(42.03, 19.41))) for i in range(3)]
        unknown_place = publisher.publish(envelopes.alert(PY_NODE, "ME", PY_NODE + ":A-X", "Nowhere",
                                                          place_code="BCP-XX-NOWHERE"))
        other_origin = publisher.publish(envelopes.alert("AL-BP", "AL", "AL-BP:A-1", "Not ours", position=(41.3, 19.8)))
        outcomes = publisher.wait(good + [unknown_place, other_origin], STEP_TIMEOUT_S)
        hub_seqs = [outcomes[seq].hub_seq for seq in good]
        expect(all(outcomes[seq].accepted and not outcomes[seq].duplicate for seq in good),
               "the good alerts: %s" % [str(outcomes[seq]) for seq in good])
        expect(hub_seqs == sorted(hub_seqs) and len(set(hub_seqs)) == 3, "hub_seqs %r" % hub_seqs)
        expect(outcomes[unknown_place].code == RejectReason.RejectReason.UnknownPlace,
               "an unknown place got %s" % outcomes[unknown_place])
        expect(outcomes[other_origin].code == RejectReason.RejectReason.OriginMismatch,
               "another node's origin got %s" % outcomes[other_origin])
        print("acks: node_seqs %r -> hub_seqs %r; refused: %s; %s" % (good, hub_seqs, outcomes[unknown_place],
                                                                     outcomes[other_origin]))
        # A reconnect with a report in flight: it is sent again after the Welcome, acked once.
        in_flight = publisher.publish(envelopes.alert(PY_NODE, "ME", PY_NODE + ":A-R", "Resent", position=(42.1, 19.1)))
        link.reopen()
        rewelcome = link.hello(STEP_TIMEOUT_S)
        outcome = publisher.wait([in_flight], STEP_TIMEOUT_S)[in_flight]
        expect(outcome.accepted and outcome.hub_seq > hub_seqs[-1], "the report in flight got %s" % outcome)
        expect(rewelcome.last_node_seq >= good[-1], "Welcome.last_node_seq %d after acks up to %d" % (
            rewelcome.last_node_seq, good[-1]))
        print("reconnect: node_seq %d resent, %s" % (in_flight, outcome))
        return publisher, link, hub_seqs + [outcome.hub_seq]
    except BaseException:
        link.close()
        raise


def outbox_survives(world):
    """A report whose process went away before its Ack is sent again by the next one."""
    from opsroom import envelopes
    from opsroom.outbox import Outbox
    from opsroom.publisher import Publisher
    directory = os.path.join(world.tmp, "outbox-" + OUTBOX_NODE)
    first_link = link_for(world, OUTBOX_NODE)
    try:
        first = Publisher(first_link, Outbox(directory))
        first.start(STEP_TIMEOUT_S)
        kept = first.publish(envelopes.alert(OUTBOX_NODE, "ME", OUTBOX_NODE + ":A-1", "Kept in the outbox",
                                             position=(42.5, 19.5)))
    finally:
        first_link.close()   # gone without reading its answer
    expect([seq for seq, _ in Outbox(directory).pending()] == [kept], "the outbox holds %r, not [%d]" % (
        Outbox(directory).pending(), kept))
    second_link = link_for(world, OUTBOX_NODE)
    try:
        second = Publisher(second_link, Outbox(directory))
        expect(list(second.pending) == [kept], "the next publisher loaded %r" % list(second.pending))
        second.start(STEP_TIMEOUT_S)
        outcome = second.wait([kept], STEP_TIMEOUT_S)[kept]
        expect(outcome.accepted, "the kept report got %s" % outcome)
        fresh = second.publish(envelopes.alert(OUTBOX_NODE, "ME", OUTBOX_NODE + ":A-2", "After the outbox",
                                               position=(42.5, 19.5)))
        expect(fresh > kept and second.wait([fresh], STEP_TIMEOUT_S)[fresh].accepted, "the next report")
    finally:
        second_link.close()
    expect(Outbox(directory).pending() == [], "answered reports still in the outbox")
    with open(os.path.join(directory, "outcomes.log")) as log:
        lines = log.read().splitlines()
    expect(lines and lines[0].startswith("%d ok hub_seq=" % kept), "outcomes.log: %r" % lines)
    print("outbox: node_seq %d sent again by the next process, %s" % (kept, outcome))


def cpp_alert(world, title):
    code, out = run([world.node_binary, "--hub", world.endpoint, "--key", world.key(CPP_NODE), "--hub-key",
                     world.hub_pub, "alert", "--outbox", os.path.join(world.tmp, "outbox-" + CPP_NODE),
                     "--title", title, "--lat", "44.8", "--lon", "20.4", "--severity", "flash"])
    expect(code == 0, "opsroom-node alert exited %d: %s" % (code, out))
    print("opsroom-node alert: %s" % out.strip().splitlines()[-1] if out.strip() else "opsroom-node alert: ok")


class Seen:
    """What a follower delivered, with the checks of section 7 and 8."""

    def __init__(self):
        self.items, self.own_rows = [], []

    def on_status(self, status):
        """Our own NodeStatus row (section 10.4: a node sees only its own)."""
        for i in range(status.NodesLength()):
            row = status.Nodes(i)
            if (row.NodeId() or b"").decode() == TAIL_NODE:
                self.own_rows.append((row.LastHeartbeatMs(), (row.SoftwareVersion() or b"").decode(), row.Connected()))

    def on_event(self, delivered):
        from opsroom import envelopes
        envelope = envelopes.read_envelope(delivered.envelope)
        self.items.append((delivered.hub_seq, delivered.source, envelope.Origin().decode(), envelopes.describe(envelope)))

    def sources(self, source):
        return [item for item in self.items if item[1] == source]

    def find(self, text):
        return [item for item in self.items if text in item[3]]


def heartbeats_recorded(follower, seen):
    """The hub records our heartbeats (section 4.1): our row shows one, with our software."""
    def beating():
        return any(at_ms > 0 and software.startswith("opsroom-python/") and connected
                   for at_ms, software, connected in seen.own_rows)
    deadline = time.monotonic() + STEP_TIMEOUT_S
    while time.monotonic() < deadline and not beating():
        follower.poll(0.5)
    expect(beating(), "no heartbeat in our HubStatus rows: %r" % seen.own_rows[-3:])
    print("heartbeats: the hub shows %r" % (seen.own_rows[-1],))


def follow(world, publisher, first_hub_seqs):
    from opsroom import envelopes
    from opsroom.follower import Follower
    seen = Seen()
    link = link_for(world, TAIL_NODE)
    follower = Follower(link, seen.on_event, on_status=seen.on_status)
    try:
        follower.subscribe(STEP_TIMEOUT_S)
        follower.take_snapshot(STEP_TIMEOUT_S)
        snapshot_seqs = {item[0] for item in seen.sources("snapshot")}
        expect(set(first_hub_seqs) <= snapshot_seqs, "the snapshot %r lacks our alerts %r" % (snapshot_seqs, first_hub_seqs))
        expect(seen.find("RS-BP:") and seen.find("Convoy at Batrovci"), "the snapshot lacks the C++ node's alert: %r"
               % seen.items)
        # Committed after the snapshot, before the replay: the replay must bring them.
        later = [publisher.publish(envelopes.alert(PY_NODE, "ME", "%s:B-%d" % (PY_NODE, i), "After snapshot %d" % i,
                                                   position=(42.2, 19.2))) for i in range(2)]
        later_seqs = [o.hub_seq for o in publisher.wait(later, STEP_TIMEOUT_S).values()]
        follower.catch_up(STEP_TIMEOUT_S)
        replayed = [item[0] for item in seen.sources("replay")]
        expect(set(later_seqs) <= set(replayed), "the replay %r lacks %r" % (replayed, later_seqs))
        print("snapshot: %d events up to hub_seq %d; replay: %r" % (len(snapshot_seqs), max(snapshot_seqs), replayed))
        # Live: ours and the C++ node's, while following.
        live_one = publisher.publish(envelopes.alert(PY_NODE, "ME", PY_NODE + ":C-1", "Live one", position=(42.3, 19.3)))
        live_seq = publisher.wait([live_one], STEP_TIMEOUT_S)[live_one].hub_seq
        cpp_alert(world, "Truck at Horgos live")
        deadline = time.monotonic() + STEP_TIMEOUT_S
        while time.monotonic() < deadline and not (seen.find("Live one") and seen.find("Truck at Horgos live")):
            follower.poll(0.5)
        expect(seen.find("Live one") and seen.find("Truck at Horgos live"), "live events missing: %r" % seen.items[-5:])
        expect(any(item[0] == live_seq for item in seen.items), "hub_seq %d not delivered" % live_seq)
        after_snapshot = [item[0] for item in seen.items if item[1] != "snapshot"]
        expect(after_snapshot == sorted(set(after_snapshot)), "replay and live not once each in order: %r" % after_snapshot)
        # Sequences withheld from this node leave gaps the protocol allows (the hub's
        # link changes are the room's: docs/protocol.md 4.2); every one of ours is there.
        expect(after_snapshot and after_snapshot[0] > max(snapshot_seqs) and
               set(later_seqs) | {live_seq} <= set(after_snapshot),
               "missing after the snapshot: %r" % after_snapshot)
        print("live: %r" % [(item[0], item[1], item[3]) for item in seen.items if item[1] == "live"])
        heartbeats_recorded(follower, seen)
    finally:
        follower.close()
        link.close()


def example_script(world, example, env):
    code, out = run([sys.executable, example, "--help"], env=env)
    expect(code == 0 and "--alert" in out, "the example's --help exited %d: %s" % (code, out))
    code, out = run([sys.executable, example, "--hub", world.endpoint, "--key", world.key(TAIL_NODE), "--hub-key",
                     world.hub_pub, "--country", "ME", "--alert", "Example alert", "--lat", "42.4", "--lon", "19.2",
                     "--alert-id", TAIL_NODE + ":E-1", "--count", "1000", "--seconds", "3"], env=env)
    expect(code == 0, "the example exited %d: %s" % (code, out))
    expect("ok hub_seq=" in out and "ME-PYTAIL:E-1 'Example alert'" in out, "the example's output:\n%s" % out)
    print("example: published and tailed (%d lines)" % len(out.splitlines()))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hub-binary", required=True)
    parser.add_argument("--keys-binary", required=True)
    parser.add_argument("--node-binary", required=True)
    parser.add_argument("--pythonpath", required=True, help="where `opsroom` and `opsroom.wire` are, os.pathsep-separated")
    parser.add_argument("--example", required=True)
    args = parser.parse_args()
    sys.path[:0] = args.pythonpath.split(os.pathsep)
    try:
        import flatbuffers  # noqa: F401
        import zmq  # noqa: F401
    except ImportError as error:
        print("python_client_test: skipped, %s (apt-get install python3-zmq python3-flatbuffers)" % error)
        return 77
    env = dict(os.environ, PYTHONPATH=args.pythonpath)
    with tempfile.TemporaryDirectory(prefix="opsroom-pyclient-") as tmp:
        world = World(tmp, args)
        hub = HubProcess(world.hub_binary, tmp, ["--keys", world.keys])
        code = 1
        try:
            world.make_keys()
            check_key_files(world)
            hub.start()
            world.endpoint = hub.endpoint
            cpp_alert(world, "Convoy at Batrovci")
            publisher, link, hub_seqs = publish_and_refusals(world)
            outbox_survives(world)
            try:
                follow(world, publisher, hub_seqs)
            finally:
                link.close()
            check_stranger(world)
            example_script(world, args.example, env)
            code = 0
        except Failure as failure:
            print("python_client_test: FAILED: %s" % failure, file=sys.stderr)
        finally:
            if hub.process is not None and hub.stop() != 0:
                print("python_client_test: the hub did not stop cleanly (exit %r)" % hub.exit_code)
                code = 1
            if code != 0 and hub.log_path:
                print("---- hub log ----\n" + hub.log())
    if code == 0:
        print("python_client_test: OK")
    return code


if __name__ == "__main__":
    sys.exit(main())
