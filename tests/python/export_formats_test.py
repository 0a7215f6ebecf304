#!/usr/bin/python3
"""`opsroom-hub export` read back by independent readers.

A real opsroom-hub (--insecure, loopback) takes the simulator's traffic
(alerts, actions, a joint operation, sitreps); after it stops, every format is
exported and read with Python's own parsers, never opsroom code:
- GeoJSON with json: a FeatureCollection (RFC 7946), Points inside the
  region, Polygons closed and counter-clockwise, the same bytes on a second run;
- KML with xml.etree: one Placemark per alert and operation, lon,lat pairs;
- CAP 1.2 with xml.etree (and xmllint when installed): every required element,
  the standard's element order, its value lists and time format, identifiers
  without spaces or commas; the Atom feed links every file;
- CSV with the csv module: as many rows as GeoJSON has alerts;
- need-to-know: EUROPOL's export never holds a Limited or Restricted alert.

usage: export_formats_test.py --hub-binary PATH --node-binary PATH
Exit 0 on success, 1 on a failure (the message says which check).
"""
import argparse
import csv
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

from hub_process import HubProcess

COMMAND_TIMEOUT_S = 120
CAP = "{urn:oasis:names:tc:emergency:cap:1.2}"
KML = "{http://www.opengis.net/kml/2.2}"
ATOM = "{http://www.w3.org/2005/Atom}"

# CAP 1.2 section 3.2: children of <alert> and <info> in schema order; the
# required ones; the value lists.
ALERT_ORDER = ["identifier", "sender", "sent", "status", "msgType", "source", "scope", "restriction",
               "addresses", "code", "note", "references", "incidents", "info"]
ALERT_REQUIRED = ["identifier", "sender", "sent", "status", "msgType", "scope"]
INFO_ORDER = ["language", "category", "event", "responseType", "urgency", "severity", "certainty", "audience",
              "eventCode", "effective", "onset", "expires", "senderName", "headline", "description",
              "instruction", "web", "contact", "parameter", "resource", "area"]
INFO_REQUIRED = ["category", "event", "urgency", "severity", "certainty"]
VALUES = {
    "status": {"Actual", "Exercise", "System", "Test", "Draft"},
    "msgType": {"Alert", "Update", "Cancel", "Ack", "Error"},
    "scope": {"Public", "Restricted", "Private"},
    "category": {"Geo", "Met", "Safety", "Security", "Rescue", "Fire", "Health", "Env", "Transport", "Infra",
                 "CBRNE", "Other"},
    "urgency": {"Immediate", "Expected", "Future", "Past", "Unknown"},
    "severity": {"Extreme", "Severe", "Moderate", "Minor", "Unknown"},
    "certainty": {"Observed", "Likely", "Possible", "Unlikely", "Unknown"},
}
CAP_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")


class Failure(Exception):
    pass


def expect(condition, what):
    if not condition:
        raise Failure(what)


def run(command):
    done = subprocess.run(command, capture_output=True, text=True, timeout=COMMAND_TIMEOUT_S)
    expect(done.returncode == 0, "%s exited %d: %s" % (" ".join(command), done.returncode, done.stderr))
    return done.stdout


def local(tag):
    return tag.split("}", 1)[1]


def check_order(element, order, required, where):
    names = [local(child.tag) for child in element]
    positions = [order.index(name) if name in order else -1 for name in names]
    expect(-1 not in positions, "%s: unknown element among %s" % (where, names))
    expect(positions == sorted(positions), "%s: elements out of CAP order: %s" % (where, names))
    for name in required:
        expect(name in names, "%s: required <%s> missing" % (where, name))
    for child in element:
        name = local(child.tag)
        if name in VALUES:
            expect(child.text in VALUES[name], "%s: <%s> %r not in CAP's list" % (where, name, child.text))


def check_cap(directory):
    files = sorted(glob.glob(os.path.join(directory, "*.xml")))
    expect(files, "no CAP files in " + directory)
    for path in files:
        root = ET.parse(path).getroot()
        expect(root.tag == CAP + "alert", path + ": root is not a CAP 1.2 <alert>")
        check_order(root, ALERT_ORDER, ALERT_REQUIRED, path)
        expect(not re.search(r"[ ,]", root.find(CAP + "identifier").text), path + ": identifier with space/comma")
        expect(CAP_TIME.match(root.find(CAP + "sent").text), path + ": <sent> not CAP's time format")
        scope = root.find(CAP + "scope").text
        expect(scope != "Restricted" or root.find(CAP + "restriction") is not None, path + ": no <restriction>")
        expect(scope != "Private" or root.find(CAP + "addresses") is not None, path + ": no <addresses>")
        infos = root.findall(CAP + "info")
        expect(len(infos) == 1, path + ": one <info> expected")
        check_order(infos[0], INFO_ORDER, INFO_REQUIRED, path + " info")
        for area in infos[0].findall(CAP + "area"):
            expect(area.find(CAP + "areaDesc") is not None, path + ": <area> without <areaDesc>")
    feed = ET.parse(os.path.join(directory, "index.atom")).getroot()
    expect(feed.tag == ATOM + "feed", "index.atom is not an Atom feed")
    links = {entry.find(ATOM + "link").get("href") for entry in feed.findall(ATOM + "entry")}
    expect(links == {os.path.basename(path) for path in files}, "the feed does not link every CAP file")
    if shutil.which("xmllint"):
        run(["xmllint", "--noout"] + files + [os.path.join(directory, "index.atom")])
    return len(files)


def ring_area(ring):
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:])) / 2


def check_geojson(path):
    with open(path, encoding="utf-8") as handle:
        collection = json.load(handle)
    expect(collection["type"] == "FeatureCollection", "GeoJSON: not a FeatureCollection")
    alerts = 0
    for feature in collection["features"]:
        expect(feature["type"] == "Feature", "GeoJSON: not a Feature")
        geometry = feature["geometry"]
        if feature["properties"]["kind"] == "alert":
            alerts += 1
            expect(geometry is None or geometry["type"] == "Point", "GeoJSON: an alert is not a Point")
            if geometry:
                lon, lat = geometry["coordinates"]
                expect(13 < lon < 24 and 39 < lat < 47, "GeoJSON: a point outside the region (lat/lon swapped?)")
        elif geometry and geometry["type"] == "Polygon":
            ring = geometry["coordinates"][0]
            expect(ring[0] == ring[-1] and len(ring) >= 4, "GeoJSON: an open polygon ring")
            expect(ring_area(ring) > 0, "GeoJSON: exterior ring not counter-clockwise (RFC 7946 3.1.6)")
    return collection, alerts


def check_kml(path, expected_placemarks):
    root = ET.parse(path).getroot()
    expect(root.tag == KML + "kml", "KML: root is not <kml>")
    placemarks = root.findall(".//" + KML + "Placemark")
    expect(len(placemarks) == expected_placemarks,
           "KML: %d placemarks, expected %d" % (len(placemarks), expected_placemarks))
    for coordinates in root.iter(KML + "coordinates"):
        for pair in coordinates.text.split():
            lon, lat = (float(value) for value in pair.split(","))
            expect(13 < lon < 24 and 39 < lat < 47, "KML: coordinates outside the region: " + pair)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hub-binary", required=True)
    parser.add_argument("--node-binary", required=True)
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="opsroom-export-")
    try:
        with HubProcess(args.hub_binary, workdir, ["--insecure"]) as hub:
            run([args.node_binary, "--hub", hub.endpoint, "simulate", "--rate", "0", "--count", "400", "--seed", "11"])
        data = hub.data_dir
        export = [args.hub_binary, "export", "--data", data, "--format"]
        out = lambda name: os.path.join(workdir, name)
        run(export + ["geojson", "--out", out("all.geojson")])
        run(export + ["geojson", "--out", out("again.geojson")])
        expect(open(out("all.geojson"), "rb").read() == open(out("again.geojson"), "rb").read(),
               "GeoJSON: two exports of the same log differ")
        collection, alerts = check_geojson(out("all.geojson"))
        expect(alerts > 0, "GeoJSON: no alerts exported")
        run(export + ["kml", "--out", out("all.kml")])
        check_kml(out("all.kml"), len(collection["features"]))
        run(export + ["csv", "--out", out("csv")])
        with open(out("csv/alerts.csv"), newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        expect(len(rows) == alerts, "CSV: %d rows for %d alerts" % (len(rows), alerts))
        cap_files = check_cap_for(export, out("cap"))
        expect(cap_files == alerts, "CAP: %d files for %d alerts" % (cap_files, alerts))
        run(export + ["geojson", "--for", "EUROPOL", "--out", out("europol.geojson")])
        europol, europol_alerts = check_geojson(out("europol.geojson"))
        for feature in europol["features"]:
            marking = feature["properties"]["marking"]
            # A partner sees Public items, and Restricted ones that name it; never Limited ones.
            recipients = marking.split("\u2192")[1] if "\u2192" in marking else ""
            expect("LIMITED" not in marking, "EUROPOL's export holds an item marked " + marking)
            expect("RESTRICTED" not in marking or "EUROPOL" in recipients.replace(" ", "").split(","),
                   "EUROPOL's export holds a Restricted item not addressed to it: " + marking)
        expect(0 < europol_alerts < alerts, "EUROPOL should see some alerts but not all")
        print("export_formats: %d alerts, %d features, %d CAP files, all read back" %
              (alerts, len(collection["features"]), cap_files))
        return 0
    except Failure as failure:
        print("export_formats: FAILED: %s" % failure)
        return 1
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def check_cap_for(export, directory):
    run(export + ["cap", "--out", directory])
    return check_cap(directory)


if __name__ == "__main__":
    sys.exit(main())
