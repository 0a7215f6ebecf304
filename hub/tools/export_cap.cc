// CAP 1.2 (OASIS, 2010): the element order, the required elements and the
// value lists follow the standard's section 3; the mapping from opsroom's
// fields is in docs/exports.md.
#include <algorithm>
#include <sstream>

#include "hub/tools/export_formats.h"
#include "wire/marking_label.h"
#include "wire/participants.h"

namespace opsroom::hub {

using namespace export_text;

namespace {

const char* CapUrgency(const ExportedAlert& item) {
  if (item.status == wire::AlertStatus::Closed || item.status == wire::AlertStatus::Expired) return "Past";
  switch (item.alert.severity) {
    case wire::Severity::Flash:
    case wire::Severity::Urgent: return "Immediate";
    case wire::Severity::Priority: return "Expected";
    case wire::Severity::Routine: return "Future";
  }
  return "Unknown";
}

const char* CapSeverity(wire::Severity severity) {
  switch (severity) {
    case wire::Severity::Flash: return "Extreme";
    case wire::Severity::Urgent: return "Severe";
    case wire::Severity::Priority: return "Moderate";
    case wire::Severity::Routine: return "Minor";
  }
  return "Unknown";
}

// The information's credibility (1-4 of the 4x4 grid) as CAP's certainty.
const char* CapCertainty(wire::InfoCredibility credibility) {
  switch (credibility) {
    case wire::InfoCredibility::KnownTrue: return "Observed";
    case wire::InfoCredibility::KnownToSource:
    case wire::InfoCredibility::Corroborated: return "Likely";
    case wire::InfoCredibility::CannotBeJudged: return "Possible";
    case wire::InfoCredibility::Unset: return "Unknown";
  }
  return "Unknown";
}

// CAP forbids spaces, commas and the XML specials in identifiers and senders.
std::string CapToken(std::string_view text) {
  std::string out(text);
  std::replace_if(
      out.begin(), out.end(), [](char c) { return c == ' ' || c == ',' || c == '<' || c == '&'; }, '_');
  return out;
}

std::string Identifier(const ExportedAlert& item) {
  return CapToken(item.alert_key) + "." + std::to_string(item.hub_seq);
}

// Restricted distribution names its audience: CAP "Private" with addresses
// (the originator's country, the room, the recipients). Public and Limited
// items are still only for the room's authenticated participants, never the
// general public: CAP "Restricted" with the marking as the rule.
void WriteScope(const ExportedAlert& item, std::ostream& out) {
  const wire::msg::Handling& handling = item.header.handling;
  if (handling.distribution == wire::Distribution::Restricted) {
    std::string addresses = "OPSROOM " + CapToken(item.header.country);
    for (const std::string& recipient : handling.recipients) addresses += " " + CapToken(recipient);
    out << "  <scope>Private</scope>\n  <addresses>" << Xml(addresses) << "</addresses>\n";
  } else {
    out << "  <scope>Restricted</scope>\n  <restriction>opsroom participants only; "
        << Xml(wire::MarkingLabel(item.header)) << "</restriction>\n";
  }
}

void WriteParameter(std::ostream& out, const char* name, const std::string& value) {
  if (value.empty()) return;
  out << "    <parameter><valueName>" << name << "</valueName><value>" << Xml(value) << "</value></parameter>\n";
}

void WriteArea(const ExportedAlert& item, std::ostream& out) {
  auto position = PositionOf(item.alert);
  std::string description = !item.alert.place_code.empty() ? PlaceLabel(item.alert.place_code)
                            : position ? Coordinate(position->lat) + ", " + Coordinate(position->lon)
                                       : std::string("not given");
  out << "    <area>\n      <areaDesc>" << Xml(description) << "</areaDesc>\n";
  if (position)
    out << "      <circle>" << Coordinate(position->lat) << "," << Coordinate(position->lon) << " 0</circle>\n";
  out << "    </area>\n";
}

void WriteInfo(const ExportedAlert& item, std::ostream& out) {
  const wire::msg::Alert& alert = item.alert;
  out << "  <info>\n    <category>Security</category>\n";
  out << "    <event>" << Xml(Words(wire::EnumNameCrimeArea(alert.crime_area))) << "</event>\n";
  out << "    <urgency>" << CapUrgency(item) << "</urgency>\n";
  out << "    <severity>" << CapSeverity(alert.severity) << "</severity>\n";
  out << "    <certainty>" << CapCertainty(item.header.credibility) << "</certainty>\n";
  if (alert.observed_at_ms != 0) out << "    <onset>" << CapTime(alert.observed_at_ms) << "</onset>\n";
  if (alert.expires_at_ms != 0) out << "    <expires>" << CapTime(alert.expires_at_ms) << "</expires>\n";
  const wire::Participant* sender = wire::FindParticipant(item.header.country);
  out << "    <senderName>" << Xml(item.header.origin + (sender ? " (" + std::string(sender->name) + ")" : ""))
      << "</senderName>\n";
  out << "    <headline>" << Xml(alert.title) << "</headline>\n";
  if (!alert.body.empty()) out << "    <description>" << Xml(alert.body) << "</description>\n";
  WriteParameter(out, "opsroomStatus", wire::EnumNameAlertStatus(item.status));
  WriteParameter(out, "opsroomSeverity", wire::EnumNameSeverity(alert.severity));
  WriteParameter(out, "opsroomMarking", wire::MarkingLabel(item.header));
  WriteParameter(out, "opsroomPlaceCode", alert.place_code);
  WriteParameter(out, "opsroomOperation", alert.operation_code);
  for (const auto& reference : alert.references) {
    WriteParameter(out, "opsroomReference",
                   std::string(wire::EnumNameRefSystem(reference.system)) + " " + reference.reference);
  }
  WriteArea(item, out);
  out << "  </info>\n";
}

std::string CapAlertElement(const ExportedAlert& item) {
  std::ostringstream out;
  out << "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">\n";
  out << "  <identifier>" << Xml(Identifier(item)) << "</identifier>\n";
  out << "  <sender>" << Xml(CapToken(item.header.origin)) << "</sender>\n";
  out << "  <sent>" << CapTime(item.header.sent_at_ms != 0 ? item.header.sent_at_ms : item.hub_time_ms) << "</sent>\n";
  out << "  <status>Actual</status>\n  <msgType>Alert</msgType>\n";
  out << "  <source>opsroom hub_seq " << item.hub_seq << "</source>\n";
  WriteScope(item, out);
  out << "  <note>opsroom alert " << Xml(item.alert_key) << ", " << wire::EnumNameAlertStatus(item.status)
      << "</note>\n";
  WriteInfo(item, out);
  out << "</alert>\n";
  return out.str();
}

}  // namespace

std::string CapAlertXml(const ExportedAlert& alert) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + CapAlertElement(alert);
}

std::string CapFileName(const ExportedAlert& alert) {
  std::string name = Identifier(alert);
  for (char& c : name) {
    const bool plain =
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!plain) c = '_';
  }
  return name + ".xml";
}

void WriteCapFeed(const ExportSet& set, std::ostream& out) {
  int64_t updated = 0;
  for (const ExportedAlert& alert : set.alerts) updated = std::max(updated, alert.hub_time_ms);
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";
  out << "  <id>urn:opsroom:cap-feed</id>\n  <title>opsroom alerts (CAP 1.2)</title>\n";
  out << "  <updated>" << (updated != 0 ? IsoTime(updated) : "1970-01-01T00:00:00Z") << "</updated>\n";
  for (const ExportedAlert& alert : set.alerts) {
    out << "  <entry>\n    <id>urn:opsroom:alert:" << Xml(Identifier(alert)) << "</id>\n";
    out << "    <title>" << Xml(alert.alert.title) << "</title>\n";
    out << "    <updated>" << IsoTime(alert.hub_time_ms) << "</updated>\n";
    out << "    <author><name>" << Xml(alert.header.origin) << "</name></author>\n";
    out << "    <link rel=\"alternate\" type=\"application/cap+xml\" href=\"" << Xml(CapFileName(alert)) << "\"/>\n";
    out << "    <content type=\"application/cap+xml\">\n" << CapAlertElement(alert) << "    </content>\n  </entry>\n";
  }
  out << "</feed>\n";
}

}  // namespace opsroom::hub
