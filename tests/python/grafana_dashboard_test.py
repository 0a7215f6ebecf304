#!/usr/bin/env python3
"""deploy/grafana/opsroom-hub.json against a real hub's /metrics.

Starts opsroom-hub (--insecure, a temp data dir, --metrics on a free loopback
port), scrapes GET /metrics, and checks with Python's json that the dashboard
parses, that it has panels with queries, and that every opsroom_* metric a
query names is one the hub exports (a histogram's _bucket/_sum/_count series
count as its family). Fails naming the panel and the unknown metric.
"""
import argparse
import json
import os
import re
import socket
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hub_process import HubProcess  # noqa: E402

SCRAPE_TIMEOUT_S = 15
METRIC_NAME = re.compile(r"\bopsroom_[a-zA-Z0-9_]+\b")
HISTOGRAM_SUFFIXES = ("_bucket", "_sum", "_count")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def scrape(port):
    deadline = time.monotonic() + SCRAPE_TIMEOUT_S
    while True:
        try:
            with urllib.request.urlopen("http://127.0.0.1:%d/metrics" % port, timeout=2) as reply:
                return reply.read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def exported_families(text):
    """{name: type} from the '# TYPE name type' lines."""
    families = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[:2] == ["#", "TYPE"]:
            families[parts[2]] = parts[3]
    return families


def family_of(series, families):
    if series in families:
        return series
    for suffix in HISTOGRAM_SUFFIXES:
        base = series[: -len(suffix)]
        if series.endswith(suffix) and families.get(base) == "histogram":
            return base
    return None


def queries(dashboard):
    """(panel title, expr) for every target of every panel, rows' panels included."""
    def walk(panels):
        for panel in panels:
            for target in panel.get("targets", []):
                yield panel.get("title", "?"), target.get("expr", "")
            yield from walk(panel.get("panels", []))
    yield from walk(dashboard.get("panels", []))
    for variable in dashboard.get("templating", {}).get("list", []):
        query = variable.get("query")
        if isinstance(query, str):
            yield "variable $" + variable.get("name", "?"), query


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hub-binary", required=True)
    parser.add_argument("--dashboard", required=True)
    args = parser.parse_args()

    with open(args.dashboard) as handle:
        dashboard = json.load(handle)
    found = list(queries(dashboard))
    exprs = [expr for _, expr in found if METRIC_NAME.search(expr)]
    assert len(exprs) >= 10, "the dashboard queries too few opsroom metrics: %d" % len(exprs)

    port = free_port()
    with tempfile.TemporaryDirectory(prefix="opsroom-grafana-") as workdir:
        with HubProcess(args.hub_binary, workdir, ["--insecure", "--metrics", "127.0.0.1:%d" % port]) as hub:
            text = scrape(port)
        families = exported_families(text)
    assert "opsroom_hub_sequence" in families, "no opsroom metrics scraped:\n" + text[:2000]

    unknown, used = [], set()
    for title, expr in found:
        for name in METRIC_NAME.findall(expr):
            family = family_of(name, families)
            if family is None:
                unknown.append("%s: %s" % (title, name))
            else:
                used.add(family)
    if unknown:
        print("metrics the dashboard queries but the hub does not export:\n  " + "\n  ".join(unknown))
        return 1
    print("dashboard: %d queries over %d of the hub's %d metric families, all exported"
          % (len(found), len(used), len(families)))
    unused = sorted(set(families) - used)
    if unused:
        print("exported but not on the dashboard: " + ", ".join(unused))
    return 0


if __name__ == "__main__":
    sys.exit(main())
