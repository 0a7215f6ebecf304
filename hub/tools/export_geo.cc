// GeoJSON (RFC 7946: lon before lat, exterior rings counter-clockwise and
// closed) and KML 2.2 (lon,lat order too) of alerts and operations.
#include <algorithm>
#include <sstream>

#include "hub/tools/export_formats.h"
#include "wire/marking_label.h"
#include "wire/places.h"

namespace opsroom::hub {

using namespace export_text;

namespace {

std::string LonLat(const wire::msg::LatLon& point) { return Coordinate(point.lon) + "," + Coordinate(point.lat); }

// The operation's area as a closed ring in the order RFC 7946 asks for
// (counter-clockwise exterior); empty when it has fewer than three points.
std::vector<wire::msg::LatLon> Ring(const wire::msg::JointOperation& operation) {
  std::vector<wire::msg::LatLon> ring = operation.area;
  if (ring.size() < 3) return {};
  double twice_area = 0;
  for (std::size_t i = 0; i < ring.size(); ++i) {
    const auto& a = ring[i];
    const auto& b = ring[(i + 1) % ring.size()];
    twice_area += a.lon * b.lat - b.lon * a.lat;
  }
  if (twice_area < 0) std::reverse(ring.begin(), ring.end());
  ring.push_back(ring.front());
  return ring;
}

std::vector<wire::msg::LatLon> PlacePoints(const wire::msg::JointOperation& operation) {
  std::vector<wire::msg::LatLon> points;
  for (const std::string& code : operation.place_codes) {
    if (const wire::Place* place = wire::PlaceCatalog::InUse().Find(code))
      points.push_back({place->lat, place->lon});
  }
  return points;
}

std::string JsonPositions(const std::vector<wire::msg::LatLon>& points) {
  std::string out = "[";
  for (std::size_t i = 0; i < points.size(); ++i) out += (i ? ",[" : "[") + LonLat(points[i]) + "]";
  return out + "]";
}

std::string JsonList(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? "," : "") + Json(items[i]);
  return out + "]";
}

void WriteAlertFeature(const ExportedAlert& item, std::ostream& out) {
  const wire::msg::Alert& alert = item.alert;
  auto position = PositionOf(alert);
  out << "{\"type\":\"Feature\",\"id\":" << Json(item.alert_key) << ",\"geometry\":";
  if (position) out << "{\"type\":\"Point\",\"coordinates\":[" << LonLat(*position) << "]}";
  else out << "null";
  out << ",\"properties\":{\"kind\":\"alert\",\"alert_id\":" << Json(item.alert_key)
      << ",\"title\":" << Json(alert.title) << ",\"severity\":" << Json(wire::EnumNameSeverity(alert.severity))
      << ",\"status\":" << Json(wire::EnumNameAlertStatus(item.status))
      << ",\"crime_area\":" << Json(wire::EnumNameCrimeArea(alert.crime_area))
      << ",\"origin\":" << Json(item.header.origin) << ",\"marking\":" << Json(wire::MarkingLabel(item.header))
      << ",\"place_code\":" << Json(alert.place_code) << ",\"operation_code\":" << Json(alert.operation_code)
      << ",\"observed_at\":" << Json(IsoTime(alert.observed_at_ms))
      << ",\"expires_at\":" << Json(IsoTime(alert.expires_at_ms)) << ",\"hub_seq\":" << item.hub_seq << "}}";
}

void WriteOperationFeature(const ExportedOperation& item, std::ostream& out) {
  const wire::msg::JointOperation& operation = item.operation;
  out << "{\"type\":\"Feature\",\"id\":" << Json(operation.code) << ",\"geometry\":";
  auto ring = Ring(operation);
  auto places = PlacePoints(operation);
  if (!ring.empty()) out << "{\"type\":\"Polygon\",\"coordinates\":[" << JsonPositions(ring) << "]}";
  else if (!places.empty()) out << "{\"type\":\"MultiPoint\",\"coordinates\":" << JsonPositions(places) << "}";
  else out << "null";
  out << ",\"properties\":{\"kind\":\"operation\",\"code\":" << Json(operation.code)
      << ",\"name\":" << Json(operation.name) << ",\"lead\":" << Json(operation.lead)
      << ",\"phase\":" << Json(wire::EnumNameOperationPhase(operation.phase))
      << ",\"participants\":" << JsonList(operation.participants)
      << ",\"place_codes\":" << JsonList(operation.place_codes)
      << ",\"starts_at\":" << Json(IsoTime(operation.starts_at_ms))
      << ",\"ends_at\":" << Json(IsoTime(operation.ends_at_ms))
      << ",\"report_every_minutes\":" << operation.report_every_minutes
      << ",\"marking\":" << Json(wire::MarkingLabel(item.header)) << ",\"hub_seq\":" << item.hub_seq << "}}";
}

void KmlData(std::ostream& out, const char* name, const std::string& value) {
  out << "        <Data name=\"" << name << "\"><value>" << Xml(value) << "</value></Data>\n";
}

void WriteAlertPlacemark(const ExportedAlert& item, std::ostream& out) {
  const wire::msg::Alert& alert = item.alert;
  out << "      <Placemark id=\"" << Xml("alert-" + std::to_string(item.hub_seq)) << "\">\n";
  out << "        <name>" << Xml(alert.title) << "</name>\n";
  out << "        <description>" << Xml(alert.body) << "</description>\n";
  if (alert.observed_at_ms != 0)
    out << "        <TimeStamp><when>" << IsoTime(alert.observed_at_ms) << "</when></TimeStamp>\n";
  out << "        <ExtendedData>\n";
  KmlData(out, "alert_id", item.alert_key);
  KmlData(out, "severity", wire::EnumNameSeverity(alert.severity));
  KmlData(out, "status", wire::EnumNameAlertStatus(item.status));
  KmlData(out, "crime_area", wire::EnumNameCrimeArea(alert.crime_area));
  KmlData(out, "origin", item.header.origin);
  KmlData(out, "marking", wire::MarkingLabel(item.header));
  out << "        </ExtendedData>\n";
  if (auto position = PositionOf(alert))
    out << "        <Point><coordinates>" << LonLat(*position) << "</coordinates></Point>\n";
  out << "      </Placemark>\n";
}

std::string KmlCoordinates(const std::vector<wire::msg::LatLon>& points) {
  std::string out;
  for (std::size_t i = 0; i < points.size(); ++i) out += (i ? " " : "") + LonLat(points[i]);
  return out;
}

void WriteOperationPlacemark(const ExportedOperation& item, std::ostream& out) {
  const wire::msg::JointOperation& operation = item.operation;
  out << "      <Placemark id=\"" << Xml("operation-" + std::to_string(item.hub_seq)) << "\">\n";
  out << "        <name>" << Xml(operation.code + (operation.name.empty() ? "" : " " + operation.name)) << "</name>\n";
  if (operation.starts_at_ms != 0 || operation.ends_at_ms != 0) {
    out << "        <TimeSpan>";
    if (operation.starts_at_ms != 0) out << "<begin>" << IsoTime(operation.starts_at_ms) << "</begin>";
    if (operation.ends_at_ms != 0) out << "<end>" << IsoTime(operation.ends_at_ms) << "</end>";
    out << "</TimeSpan>\n";
  }
  out << "        <ExtendedData>\n";
  KmlData(out, "lead", operation.lead);
  KmlData(out, "phase", wire::EnumNameOperationPhase(operation.phase));
  std::string participants;
  for (const std::string& code : operation.participants) participants += (participants.empty() ? "" : " ") + code;
  KmlData(out, "participants", participants);
  KmlData(out, "report_every_minutes", std::to_string(operation.report_every_minutes));
  KmlData(out, "marking", wire::MarkingLabel(item.header));
  out << "        </ExtendedData>\n";
  auto ring = Ring(operation);
  auto places = PlacePoints(operation);
  if (!ring.empty()) {
    out << "        <Polygon><outerBoundaryIs><LinearRing><coordinates>" << KmlCoordinates(ring)
        << "</coordinates></LinearRing></outerBoundaryIs></Polygon>\n";
  } else if (!places.empty()) {
    out << "        <MultiGeometry>";
    for (const auto& point : places) out << "<Point><coordinates>" << LonLat(point) << "</coordinates></Point>";
    out << "</MultiGeometry>\n";
  }
  out << "      </Placemark>\n";
}

}  // namespace

void WriteGeoJson(const ExportSet& set, std::ostream& out) {
  out << "{\"type\":\"FeatureCollection\",\"features\":[";
  bool first = true;
  for (const ExportedOperation& operation : set.operations) {
    out << (first ? "\n" : ",\n");
    first = false;
    WriteOperationFeature(operation, out);
  }
  for (const ExportedAlert& alert : set.alerts) {
    out << (first ? "\n" : ",\n");
    first = false;
    WriteAlertFeature(alert, out);
  }
  out << "\n]}\n";
}

void WriteKml(const ExportSet& set, std::ostream& out) {
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\">\n";
  out << "  <Document>\n    <name>opsroom export</name>\n";
  out << "    <Folder>\n      <name>Operations</name>\n";
  for (const ExportedOperation& operation : set.operations) WriteOperationPlacemark(operation, out);
  out << "    </Folder>\n    <Folder>\n      <name>Alerts</name>\n";
  for (const ExportedAlert& alert : set.alerts) WriteAlertPlacemark(alert, out);
  out << "    </Folder>\n  </Document>\n</kml>\n";
}

}  // namespace opsroom::hub
