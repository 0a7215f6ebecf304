#include "wire/item_id.h"

#include "wire/participants.h"

namespace opsroom::wire {

namespace {

constexpr std::size_t kMaxAgencyChars = 16;

std::string_view View(const flatbuffers::String* text) {
  return text == nullptr ? std::string_view() : std::string_view(text->c_str(), text->size());
}

// The id the payload itself carries (not yet read with its origin).
std::string_view CarriedId(const Envelope& envelope) {
  switch (envelope.payload_type()) {
    case Payload::Alert: return View(envelope.payload_as_Alert()->alert_id());
    case Payload::AlertAction: return View(envelope.payload_as_AlertAction()->alert_id());
    case Payload::WatchlistEntry: return View(envelope.payload_as_WatchlistEntry()->entry_id());
    case Payload::JointOperation: return View(envelope.payload_as_JointOperation()->code());
    case Payload::SitRep: return View(envelope.payload_as_SitRep()->operation_code());
    case Payload::Handover: return View(envelope.payload_as_Handover()->handover_id());
    case Payload::HandoverAck: return View(envelope.payload_as_HandoverAck()->handover_id());
    default: return {};
  }
}

bool IsAgency(std::string_view agency) {
  if (agency.empty() || agency.size() > kMaxAgencyChars) return false;
  for (char c : agency) {
    if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9')) return false;
  }
  return true;
}

}  // namespace

std::string_view NodePrefix(std::string_view id) {
  std::size_t colon = id.find(':');
  if (colon == std::string_view::npos) return {};
  std::string_view node = id.substr(0, colon);
  std::size_t dash = node.find('-');
  if (dash == std::string_view::npos || !IsKnownParticipant(node.substr(0, dash))) return {};
  return IsAgency(node.substr(dash + 1)) ? node : std::string_view();
}

std::string EffectiveId(std::string_view origin, std::string_view id) {
  if (id.empty() || !NodePrefix(id).empty()) return std::string(id);
  std::string effective;
  effective.reserve(origin.size() + 1 + id.size());
  return effective.append(origin).append(":").append(id);
}

std::string ItemIdOf(const Envelope& envelope) {
  std::string_view id = CarriedId(envelope);
  return id.empty() ? std::string() : EffectiveId(View(envelope.origin()), id);
}

}  // namespace opsroom::wire
