#!/usr/bin/python3
"""Follow the operations room and, optionally, raise an alert first.

Connects to an opsroom hub over CurveZMQ with a registered key, publishes the alert
given with --alert (and waits for its Ack or Nack), then follows the room: a
snapshot of current state, a replay up to now, and the live fan-out, one line per
event in hub order. Stops after --count events or --seconds, whichever comes first.

Exit codes: 0 done, 1 the alert was refused, 2 wrong usage or a bad key file,
3 the hub did not answer.

example:
  PYTHONPATH=clients/python:build/gen/python clients/python/examples/tail_and_alert.py \\
      --hub tcp://127.0.0.1:7700 --key keys/ME-BP.key --hub-key var/hub/keys/hub.pub --country ME \\
      --alert "Van with 14 migrants near Sukobin" --lat 42.03 --lon 19.41 --seconds 30
"""
import argparse
import sys
import time

from opsroom import envelopes
from opsroom.follower import Follower
from opsroom.keys import KeyFileError, load_client_keys
from opsroom.link import HubUnreachable, Link, Refused
from opsroom.publisher import Publisher
from opsroom.wire import Severity


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     epilog=__doc__.split("\n\n", 1)[1],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--hub", default="tcp://127.0.0.1:7700", help="the hub's ROUTER endpoint (fan-out: port + 1)")
    parser.add_argument("--key", required=True, help="this node's secret key file NAME.key (mode 0600); NAME is the node id")
    parser.add_argument("--hub-key", required=True, help="the hub's public key: hub.pub, or z85:KEY")
    parser.add_argument("--country", required=True, help="the participant code the key is registered under, e.g. ME")
    parser.add_argument("--role", default="national", choices=["national", "partner", "console", "planner"])
    parser.add_argument("--alert", metavar="TITLE", help="publish an alert with this title first")
    parser.add_argument("--alert-id", help="its id (default NODE:A-<time>)")
    parser.add_argument("--severity", default="Urgent", choices=[n for n in vars(Severity.Severity) if n[0] != "_"])
    parser.add_argument("--lat", type=float)
    parser.add_argument("--lon", type=float)
    parser.add_argument("--place", help="a place code from data/places.tsv (instead of, or with, --lat/--lon)")
    parser.add_argument("--count", type=int, default=0, help="stop after this many events (0: no limit)")
    parser.add_argument("--seconds", type=float, default=10.0, help="stop after this long (default 10)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for each answer")
    args = parser.parse_args(argv)
    if args.alert and args.place is None and (args.lat is None or args.lon is None):
        parser.error("--alert needs --lat and --lon, or --place")
    return args


def publish_alert(link, args):
    publisher = Publisher(link)
    publisher.start(args.timeout)
    alert_id = args.alert_id or "%s:A-%d" % (link.node_id, int(time.time()))
    position = (args.lat, args.lon) if args.lat is not None and args.lon is not None else None
    node_seq = publisher.publish(envelopes.alert(
        link.node_id, args.country, alert_id, args.alert, severity=getattr(Severity.Severity, args.severity),
        position=position, place_code=args.place))
    outcome = publisher.wait([node_seq], args.timeout)[node_seq]
    print("alert %s node_seq=%d %s" % (alert_id, node_seq, outcome), flush=True)
    return outcome.accepted


def follow(link, args):
    seen = []

    def on_event(delivered):
        envelope = envelopes.read_envelope(delivered.envelope)
        print("%d %s %s" % (delivered.hub_seq, delivered.source, envelopes.describe(envelope)), flush=True)
        seen.append(delivered.hub_seq)

    follower = Follower(link, on_event, on_reset=lambda: print("-- snapshot", flush=True))
    try:
        follower.start(args.timeout)
        deadline = time.monotonic() + args.seconds
        while time.monotonic() < deadline and not (args.count and len(seen) >= args.count):
            follower.poll(min(0.5, max(0.0, deadline - time.monotonic())))
    finally:
        follower.close()


def main(argv):
    args = parse_args(argv)
    try:
        keys = load_client_keys(args.key, args.hub_key)
    except KeyFileError as error:
        print("tail_and_alert: %s" % error, file=sys.stderr)
        return 2
    link = Link(args.hub, keys, args.country, args.role)
    try:
        if args.alert and not publish_alert(link, args):
            return 1
        follow(link, args)
    except (HubUnreachable, Refused) as error:
        print("tail_and_alert: %s" % error, file=sys.stderr)
        return 3
    finally:
        link.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
