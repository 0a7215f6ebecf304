// Meaning checks of an Envelope and its payload: what the Verifier cannot see
// (enum ranges, UTF-8, lengths, coordinates, times, known places/participants).
#include <cmath>
#include <cstring>

#include "text_check.h"
#include "wire/aligned_bytes.h"
#include "wire/check_rules.h"
#include "wire/frame_check.h"
#include "wire/places.h"
#include "wire/protocol_constants.h"

namespace opsroom::wire {

namespace {

using Check = std::optional<Rejection>;
using StringList = flatbuffers::Vector<flatbuffers::Offset<flatbuffers::String>>;

template <typename E>
Check EnumInRange(E value, E max, const char* field) {
  if (static_cast<unsigned>(value) > static_cast<unsigned>(max)) {
    return Reject(RejectReason::EnumOutOfRange,
                  std::string(field) + " = " + std::to_string(static_cast<unsigned>(value)) + " is out of range");
  }
  return std::nullopt;
}

// Read through a copy: the Verifier does not check the alignment of a vector's
// elements, and a nested envelope may start on any 4-byte boundary of its frame,
// so a GeoPoint from the network may sit at a misaligned address.
Check Coordinate(const GeoPoint* point, const char* field) {
  GeoPoint copy;
  std::memcpy(static_cast<void*>(&copy), point, sizeof copy);
  const double lat = copy.lat();
  const double lon = copy.lon();
  if (!std::isfinite(lat) || !std::isfinite(lon) || std::fabs(lat) > 90.0 || std::fabs(lon) > 180.0) {
    return Reject(RejectReason::CoordinateOutOfRange,
                  std::string(field) + " must be finite, |lat| <= 90, |lon| <= 180");
  }
  return std::nullopt;
}

// A time that must have happened already (allowing clock skew). 0 is allowed when optional.
Check PastTime(int64_t ms, const char* field, const ValidationContext& ctx, bool required) {
  if (ms == 0 && !required) return std::nullopt;
  if (ms < kEarliestPlausibleMs || ms > ctx.now_ms + kMaxClockSkewMs) {
    return Reject(RejectReason::TimeImplausible, std::string(field) + " = " + std::to_string(ms) +
                                                     " ms is before 2000 or more than 5 minutes ahead of the hub");
  }
  return std::nullopt;
}

// A time that may lie in the future (expiry, validity, planned operations).
Check HorizonTime(int64_t ms, const char* field, const ValidationContext& ctx) {
  if (ms == 0) return std::nullopt;
  if (ms < kEarliestPlausibleMs || ms > ctx.now_ms + kMaxHorizonMs) {
    return Reject(RejectReason::TimeImplausible, std::string(field) + " is before 2000 or more than 10 years ahead");
  }
  return std::nullopt;
}

Check TextList(const StringList* list, const char* field, std::size_t max_bytes) {
  if (list == nullptr) return std::nullopt;
  if (list->size() > kMaxListItems) {
    return Reject(RejectReason::TooManyItems,
                  std::string(field) + " has more than " + std::to_string(kMaxListItems) + " items");
  }
  for (const auto* item : *list) {
    if (auto bad = CheckText(item, field, max_bytes, true)) return bad;
  }
  return std::nullopt;
}

Check ParticipantList(const StringList* list, const char* field) {
  if (auto bad = TextList(list, field, kMaxIdBytes)) return bad;
  if (list == nullptr) return std::nullopt;
  for (const auto* item : *list) {
    if (auto bad = CheckParticipant(item, field, true)) return bad;
  }
  return std::nullopt;
}

Check PlaceCode(const flatbuffers::String* code, const char* field, const ValidationContext& ctx) {
  if (auto bad = CheckText(code, field, kMaxIdBytes, false)) return bad;
  if (code != nullptr && code->size() > 0 && ctx.places != nullptr &&
      ctx.places->Find(code->string_view()) == nullptr) {
    return Reject(RejectReason::UnknownPlace, std::string(field) + " '" + code->str() + "' is not in data/places.tsv");
  }
  return std::nullopt;
}

// The payloads that may be shared with an operation's participants (protocol
// 10.5): not the operation itself, and not the room's or the hub's own records.
bool MayBeOperationScoped(Payload payload) {
  return payload == Payload::Alert || payload == Payload::AlertAction || payload == Payload::WatchlistEntry ||
         payload == Payload::SitRep || payload == Payload::Check;
}

Check OperationScopeRules(const ::opsroom::wire::Handling& handling, Payload payload) {
  const bool has_code = handling.operation_code() != nullptr && handling.operation_code()->size() > 0;
  if (handling.distribution() != Distribution::Operation) {
    if (has_code) return Reject(RejectReason::InvalidValue, "handling.operation_code is only for Operation");
    return std::nullopt;
  }
  if (!has_code) return Reject(RejectReason::MissingField, "handling.operation_code is required for Operation");
  if (auto bad = CheckText(handling.operation_code(), "handling.operation_code", kMaxIdBytes, true)) return bad;
  if (handling.recipients() != nullptr && handling.recipients()->size() > 0) {
    return Reject(RejectReason::InvalidValue,
                  "handling.recipients must be empty for Operation: the operation's participants are its audience");
  }
  if (!MayBeOperationScoped(payload)) {
    return Reject(RejectReason::InvalidValue, std::string("a ") + EnumNamePayload(payload) +
                                                  " cannot be shared as Operation (docs/protocol.md section 10.5)");
  }
  return std::nullopt;
}

Check HandlingRules(const ::opsroom::wire::Handling* handling, Payload payload) {
  if (handling == nullptr) return std::nullopt;
  if (auto bad = EnumInRange(handling->distribution(), Distribution::MAX, "handling.distribution")) return bad;
  if (auto bad = ParticipantList(handling->recipients(), "handling.recipients")) return bad;
  if (handling->distribution() == Distribution::Restricted &&
      (handling->recipients() == nullptr || handling->recipients()->size() == 0)) {
    return Reject(RejectReason::MissingField, "handling.recipients is required for Restricted");
  }
  if (auto bad = OperationScopeRules(*handling, payload)) return bad;
  return CheckText(handling->other_restrictions(), "handling.other_restrictions", kMaxShortTextBytes, false);
}

Check AlertPayload(const Alert& a, const ValidationContext& ctx) {
  if (auto bad = CheckText(a.alert_id(), "alert.alert_id", kMaxIdBytes, true)) return bad;
  if (auto bad = EnumInRange(a.severity(), Severity::MAX, "alert.severity")) return bad;
  if (auto bad = EnumInRange(a.crime_area(), CrimeArea::MAX, "alert.crime_area")) return bad;
  if (auto bad = EnumInRange(a.status(), AlertStatus::MAX, "alert.status")) return bad;
  if (auto bad = CheckText(a.title(), "alert.title", kMaxShortTextBytes, true)) return bad;
  if (auto bad = CheckText(a.body(), "alert.body", kMaxLongTextBytes, false)) return bad;
  if (a.position() != nullptr) {
    if (auto bad = Coordinate(a.position(), "alert.position")) return bad;
  }
  if (auto bad = PlaceCode(a.place_code(), "alert.place_code", ctx)) return bad;
  if (a.position() == nullptr && (a.place_code() == nullptr || a.place_code()->size() == 0)) {
    return Reject(RejectReason::MissingField, "alert needs a position or a place_code");
  }
  if (auto bad = PastTime(a.observed_at_ms(), "alert.observed_at_ms", ctx, true)) return bad;
  if (auto bad = HorizonTime(a.expires_at_ms(), "alert.expires_at_ms", ctx)) return bad;
  if (auto bad = CheckText(a.operation_code(), "alert.operation_code", kMaxIdBytes, false)) return bad;
  if (a.references() != nullptr) {
    if (a.references()->size() > kMaxListItems) return Reject(RejectReason::TooManyItems, "alert.references");
    for (const ExternalRef* ref : *a.references()) {
      if (auto bad = EnumInRange(ref->system(), RefSystem::MAX, "alert.references.system")) return bad;
      if (auto bad = CheckText(ref->reference(), "alert.references.reference", kMaxShortTextBytes, true)) return bad;
    }
  }
  return CheckSubjects(a.subjects(), "alert.subjects", false);
}

Check ActionPayload(const AlertAction& a, const ValidationContext& ctx) {
  if (auto bad = CheckText(a.alert_id(), "action.alert_id", kMaxIdBytes, true)) return bad;
  if (auto bad = EnumInRange(a.kind(), ActionKind::MAX, "action.kind")) return bad;
  if (auto bad = CheckText(a.actor(), "action.actor", kMaxShortTextBytes, true)) return bad;
  if (auto bad = PastTime(a.at_ms(), "action.at_ms", ctx, true)) return bad;
  if (auto bad = CheckText(a.assignee(), "action.assignee", kMaxShortTextBytes, a.kind() == ActionKind::Assign))
    return bad;
  bool needs_text = a.kind() == ActionKind::Comment;
  return CheckText(a.text(), "action.text", kMaxLongTextBytes, needs_text);
}

// Each kind of entry must name what identifies it.
Check WatchlistIdentifier(const WatchlistEntry& w) {
  auto has = [](const flatbuffers::String* s) { return s != nullptr && s->size() > 0; };
  bool ok = true;
  switch (w.kind()) {
    case WatchKind::Person:
    case WatchKind::Organisation: ok = has(w.name_latin()) || has(w.name_original()); break;
    case WatchKind::Vehicle: ok = has(w.plate()) || has(w.vin()); break;
    case WatchKind::Vessel: ok = has(w.imo()) || has(w.name_latin()); break;
    case WatchKind::Container: ok = has(w.container_number()); break;
    case WatchKind::Document: ok = w.document_numbers() != nullptr && w.document_numbers()->size() > 0; break;
    case WatchKind::Phone: ok = has(w.phone()); break;
  }
  if (!ok) {
    return Reject(RejectReason::MissingField,
                  std::string("watchlist entry of kind ") + EnumNameWatchKind(w.kind()) + " lacks its identifier");
  }
  return std::nullopt;
}

Check WatchlistPayload(const WatchlistEntry& w, const ValidationContext& ctx) {
  if (auto bad = CheckText(w.entry_id(), "watchlist.entry_id", kMaxIdBytes, true)) return bad;
  if (w.revision() == 0) return Reject(RejectReason::InvalidValue, "watchlist.revision starts at 1");
  if (auto bad = EnumInRange(w.kind(), WatchKind::MAX, "watchlist.kind")) return bad;
  if (auto bad = EnumInRange(w.crime_area(), CrimeArea::MAX, "watchlist.crime_area")) return bad;
  if (auto bad = EnumInRange(w.action(), ActionRequested::MAX, "watchlist.action")) return bad;
  const std::pair<const flatbuffers::String*, const char*> texts[] = {
      {w.name_original(), "watchlist.name_original"},
      {w.name_latin(), "watchlist.name_latin"},
      {w.date_of_birth(), "watchlist.date_of_birth"},
      {w.nationality(), "watchlist.nationality"},
      {w.plate(), "watchlist.plate"},
      {w.vin(), "watchlist.vin"},
      {w.imo(), "watchlist.imo"},
      {w.container_number(), "watchlist.container_number"},
      {w.phone(), "watchlist.phone"},
      {w.reason(), "watchlist.reason"}};
  for (const auto& [text, field] : texts) {
    if (auto bad = CheckText(text, field, kMaxShortTextBytes, false)) return bad;
  }
  if (auto bad = TextList(w.aliases(), "watchlist.aliases", kMaxShortTextBytes)) return bad;
  if (auto bad = TextList(w.document_numbers(), "watchlist.document_numbers", kMaxShortTextBytes)) return bad;
  if (auto bad = HorizonTime(w.valid_from_ms(), "watchlist.valid_from_ms", ctx)) return bad;
  if (auto bad = HorizonTime(w.valid_until_ms(), "watchlist.valid_until_ms", ctx)) return bad;
  if (w.valid_until_ms() != 0 && w.valid_until_ms() < w.valid_from_ms()) {
    return Reject(RejectReason::InvalidValue, "watchlist.valid_until_ms is before valid_from_ms");
  }
  return w.removed() ? std::nullopt : WatchlistIdentifier(w);
}

Check OperationPayload(const JointOperation& o, const ValidationContext& ctx) {
  if (auto bad = CheckText(o.code(), "operation.code", kMaxIdBytes, true)) return bad;
  if (auto bad = CheckText(o.name(), "operation.name", kMaxShortTextBytes, false)) return bad;
  if (auto bad = CheckParticipant(o.lead(), "operation.lead", true)) return bad;
  if (auto bad = ParticipantList(o.participants(), "operation.participants")) return bad;
  if (auto bad = EnumInRange(o.phase(), OperationPhase::MAX, "operation.phase")) return bad;
  if (o.crime_areas() != nullptr) {
    if (o.crime_areas()->size() > kMaxListItems) return Reject(RejectReason::TooManyItems, "operation.crime_areas");
    for (auto area : *o.crime_areas()) {
      if (auto bad = EnumInRange(static_cast<CrimeArea>(area), CrimeArea::MAX, "operation.crime_areas")) return bad;
    }
  }
  if (o.area() != nullptr) {
    if (o.area()->size() > kMaxPolygonPoints) return Reject(RejectReason::TooManyItems, "operation.area");
    if (o.area()->size() > 0 && o.area()->size() < 3) {
      return Reject(RejectReason::InvalidValue, "operation.area needs at least 3 points");
    }
    for (const GeoPoint* p : *o.area()) {
      if (auto bad = Coordinate(p, "operation.area")) return bad;
    }
  }
  if (auto bad = TextList(o.place_codes(), "operation.place_codes", kMaxIdBytes)) return bad;
  if (o.place_codes() != nullptr) {
    for (const auto* code : *o.place_codes()) {
      if (auto bad = PlaceCode(code, "operation.place_codes", ctx)) return bad;
    }
  }
  if (auto bad = HorizonTime(o.starts_at_ms(), "operation.starts_at_ms", ctx)) return bad;
  if (auto bad = HorizonTime(o.ends_at_ms(), "operation.ends_at_ms", ctx)) return bad;
  if (o.ends_at_ms() != 0 && o.ends_at_ms() < o.starts_at_ms()) {
    return Reject(RejectReason::InvalidValue, "operation.ends_at_ms is before starts_at_ms");
  }
  if (o.report_every_minutes() > kMaxReportEveryMinutes) {
    return Reject(RejectReason::InvalidValue,
                  "operation.report_every_minutes is above " + std::to_string(kMaxReportEveryMinutes) + " (a week)");
  }
  return std::nullopt;
}

Check SitRepPayload(const SitRep& s, const ValidationContext& ctx) {
  if (auto bad = CheckText(s.operation_code(), "sitrep.operation_code", kMaxIdBytes, true)) return bad;
  if (auto bad = CheckParticipant(s.reporting_country(), "sitrep.reporting_country", true)) return bad;
  if (auto bad = PastTime(s.period_start_ms(), "sitrep.period_start_ms", ctx, true)) return bad;
  if (auto bad = PastTime(s.period_end_ms(), "sitrep.period_end_ms", ctx, true)) return bad;
  if (s.period_end_ms() < s.period_start_ms()) {
    return Reject(RejectReason::InvalidValue, "sitrep.period_end_ms is before period_start_ms");
  }
  if (s.seizures() != nullptr) {
    if (s.seizures()->size() > kMaxListItems) return Reject(RejectReason::TooManyItems, "sitrep.seizures");
    for (const Seizure* seizure : *s.seizures()) {
      if (auto bad = EnumInRange(seizure->commodity(), Commodity::MAX, "sitrep.seizures.commodity")) return bad;
      if (auto bad = EnumInRange(seizure->unit(), Unit::MAX, "sitrep.seizures.unit")) return bad;
      if (!std::isfinite(seizure->quantity()) || seizure->quantity() < 0) {
        return Reject(RejectReason::InvalidValue, "sitrep.seizures.quantity must be finite and >= 0");
      }
    }
  }
  return CheckText(s.remarks(), "sitrep.remarks", kMaxLongTextBytes, false);
}

Check CheckPayload(const ::opsroom::wire::Check& c, const ValidationContext& ctx) {
  if (auto bad = CheckText(c.check_id(), "check.check_id", kMaxIdBytes, true)) return bad;
  if (auto bad = PastTime(c.checked_at_ms(), "check.checked_at_ms", ctx, true)) return bad;
  if (c.position() != nullptr) {
    if (auto bad = Coordinate(c.position(), "check.position")) return bad;
  }
  if (auto bad = PlaceCode(c.place_code(), "check.place_code", ctx)) return bad;
  if (c.position() == nullptr && (c.place_code() == nullptr || c.place_code()->size() == 0)) {
    return Reject(RejectReason::MissingField, "check needs a position or a place_code");
  }
  if (auto bad = CheckText(c.unit(), "check.unit", kMaxShortTextBytes, false)) return bad;
  return CheckSubjects(c.subjects(), "check.subjects", true);
}

Check HitDecisionPayload(const HitDecision& d, const ValidationContext& ctx) {
  if (auto bad = CheckText(d.hit_id(), "decision.hit_id", kMaxIdBytes, true)) return bad;
  if (auto bad = EnumInRange(d.verdict(), HitVerdict::MAX, "decision.verdict")) return bad;
  if (auto bad = CheckText(d.actor(), "decision.actor", kMaxShortTextBytes, true)) return bad;
  if (auto bad = PastTime(d.at_ms(), "decision.at_ms", ctx, true)) return bad;
  return CheckText(d.comment(), "decision.comment", kMaxLongTextBytes, false);
}

// A handover lists the room's open work, restricted items included: it and
// its acknowledgement stay in the room (docs/protocol.md section 16).
Check RoomOnly(const Envelope& e, const char* what) {
  if (e.handling() == nullptr || e.handling()->distribution() != Distribution::Restricted) {
    return Reject(RejectReason::InvalidValue,
                  std::string(what) + " must be Restricted (recipients: OPSROOM); it lists the room's work");
  }
  return std::nullopt;
}

Check HandoverPayload(const Envelope& e, const ValidationContext& ctx) {
  const Handover& h = *e.payload_as_Handover();
  if (auto bad = RoomOnly(e, "a Handover")) return bad;
  if (auto bad = CheckText(h.handover_id(), "handover.handover_id", kMaxIdBytes, true)) return bad;
  if (auto bad = CheckText(h.from_officer(), "handover.from_officer", kMaxShortTextBytes, true)) return bad;
  if (auto bad = CheckText(h.note(), "handover.note", kMaxLongTextBytes, false)) return bad;
  if (auto bad = PastTime(h.written_at_ms(), "handover.written_at_ms", ctx, true)) return bad;
  if (h.items() == nullptr) return std::nullopt;
  if (h.items()->size() > kMaxHandoverItems) {
    return Reject(RejectReason::TooManyItems,
                  "handover.items has more than " + std::to_string(kMaxHandoverItems) + ": count the rest in items_left_out");
  }
  for (const HandoverItem* item : *h.items()) {
    if (auto bad = EnumInRange(item->kind(), HandoverItemKind::MAX, "handover.items.kind")) return bad;
    if (auto bad = CheckText(item->item_id(), "handover.items.item_id", kMaxIdBytes, true)) return bad;
    if (auto bad = CheckText(item->title(), "handover.items.title", kMaxShortTextBytes, false)) return bad;
    if (auto bad = CheckText(item->assignee(), "handover.items.assignee", kMaxShortTextBytes, false)) return bad;
    if (auto bad = PastTime(item->since_ms(), "handover.items.since_ms", ctx, false)) return bad;
  }
  return std::nullopt;
}

Check HandoverAckPayload(const Envelope& e, const ValidationContext& ctx) {
  const HandoverAck& a = *e.payload_as_HandoverAck();
  if (auto bad = RoomOnly(e, "a HandoverAck")) return bad;
  if (auto bad = CheckText(a.handover_id(), "handover_ack.handover_id", kMaxIdBytes, true)) return bad;
  if (auto bad = CheckText(a.officer(), "handover_ack.officer", kMaxShortTextBytes, true)) return bad;
  if (auto bad = PastTime(a.at_ms(), "handover_ack.at_ms", ctx, true)) return bad;
  return CheckText(a.comment(), "handover_ack.comment", kMaxLongTextBytes, false);
}

Check PayloadContent(const Envelope& e, const ValidationContext& ctx) {
  switch (e.payload_type()) {
    case Payload::Alert: return AlertPayload(*e.payload_as_Alert(), ctx);
    case Payload::AlertAction: return ActionPayload(*e.payload_as_AlertAction(), ctx);
    case Payload::WatchlistEntry: return WatchlistPayload(*e.payload_as_WatchlistEntry(), ctx);
    case Payload::JointOperation: return OperationPayload(*e.payload_as_JointOperation(), ctx);
    case Payload::SitRep: return SitRepPayload(*e.payload_as_SitRep(), ctx);
    case Payload::Check: return CheckPayload(*e.payload_as_Check(), ctx);
    case Payload::HitDecision: return HitDecisionPayload(*e.payload_as_HitDecision(), ctx);
    case Payload::Handover: return HandoverPayload(e, ctx);
    case Payload::HandoverAck: return HandoverAckPayload(e, ctx);
    case Payload::Hit: return Reject(RejectReason::Forbidden, "only the hub writes Hits (docs/protocol.md section 14)");
    case Payload::HitEscalation:
      return Reject(RejectReason::Forbidden, "only the hub writes HitEscalations (docs/protocol.md section 15)");
    case Payload::LinkChange:
      return Reject(RejectReason::Forbidden,
                    "only the hub writes LinkChanges: a node's link is what the hub saw (docs/protocol.md section 4.2)");
    case Payload::NONE: break;
  }
  return Reject(RejectReason::UnknownPayload,
                "unknown payload type " + std::to_string(static_cast<int>(e.payload_type())));
}

Check Header(const Envelope& e, const ValidationContext& ctx) {
  if (auto bad = CheckNodeId(e.origin(), e.country())) return bad;
  if (e.node_seq() == 0) return Reject(RejectReason::InvalidValue, "node_seq starts at 1");
  if (auto bad = CheckText(e.message_id(), "message_id", 2 * kMaxIdBytes, true)) return bad;
  if (auto bad = PastTime(e.sent_at_ms(), "sent_at_ms", ctx, true)) return bad;
  if (auto bad = HandlingRules(e.handling(), e.payload_type())) return bad;
  if (auto bad = EnumInRange(e.reliability(), SourceReliability::MAX, "reliability")) return bad;
  return EnumInRange(e.credibility(), InfoCredibility::MAX, "credibility");
}

}  // namespace

Result<const Envelope*> VerifyEnvelope(std::span<const uint8_t> bytes) {
  flatbuffers::Verifier verifier(bytes.data(), bytes.size(), kVerifierMaxDepth, kVerifierMaxTables);
  if (bytes.size() < 8 || !VerifyEnvelopeBuffer(verifier)) {
    return Reject(RejectReason::PayloadMalformed, "the Verifier refused the Envelope (bad offsets or sizes)");
  }
  return GetEnvelope(bytes.data());
}

Result<uint64_t> VerifiedNodeSeq(std::span<const uint8_t> bytes) {
  std::vector<uint64_t> scratch;
  auto verified = VerifyEnvelope(AlignedBytes(bytes, scratch));
  if (!verified) return verified.rejection();
  return verified.value()->node_seq();
}

Result<std::unique_ptr<EnvelopeT>> VerifiedEnvelopeObject(std::span<const uint8_t> bytes) {
  auto verified = VerifyEnvelope(bytes);
  if (!verified) return verified.rejection();
  return std::unique_ptr<EnvelopeT>(verified.value()->UnPack());
}

Result<CheckedEnvelope> CheckEnvelope(std::span<const uint8_t> bytes, const ValidationContext& ctx) {
  auto verified = VerifyEnvelope(bytes);
  if (!verified) return verified.rejection();
  return ValidateVerifiedEnvelope(bytes, ctx);
}

Result<CheckedEnvelope> ValidateVerifiedEnvelope(std::span<const uint8_t> bytes, const ValidationContext& ctx) {
  const Envelope* envelope = GetEnvelope(bytes.data());
  std::optional<Rejection> bad;  // (wire::Check is a payload table)
  if (envelope->payload_type() > Payload::MAX || envelope->payload_type() == Payload::NONE) {
    bad = Reject(RejectReason::UnknownPayload,
                 "unknown payload type " + std::to_string(static_cast<int>(envelope->payload_type())));
  } else if (!(bad = Header(*envelope, ctx))) {
    bad = PayloadContent(*envelope, ctx);
  }
  if (bad) {
    bad->node_seq = envelope->node_seq();
    return *bad;
  }
  return CheckedEnvelope{envelope, bytes};
}

}  // namespace opsroom::wire
