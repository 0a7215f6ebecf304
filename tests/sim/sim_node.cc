#include "tests/sim/sim_node.h"

#include "envelope_generated.h"
#include "frame_generated.h"
#include "wire/protocol_constants.h"

namespace opsroom::sim {

namespace {
constexpr int64_t kResendAfterMs = 2000;  // as a real node's resend window: unanswered frames go again
}  // namespace

wire::Marking DrawMarking(Rng& rng, const std::string& country) {
  wire::Marking marking;
  marking.origin_country = country;
  switch (rng.Below(5)) {
    case 0: marking.distribution = wire::Distribution::Limited; break;
    case 1: marking.no_onward_dissemination = true; break;
    case 2:
      marking.distribution = wire::Distribution::Restricted;
      marking.recipients.push_back(rng.Chance(0.5) ? "EUROPOL" : "RS");
      break;
    default: break;  // Public
  }
  return marking;
}

wire::Bytes AlertEnvelope(const Identity& identity, uint64_t node_seq, const std::string& alert_id,
                       const wire::Marking& marking, uint32_t version, int64_t now) {
  wire::EnvelopeT envelope;
  envelope.origin = identity.node_id;
  envelope.country = identity.country;
  envelope.node_seq = node_seq;
  envelope.message_id = identity.node_id + ":" + std::to_string(node_seq);
  envelope.sent_at_ms = now;
  envelope.reliability = wire::SourceReliability::B;
  envelope.credibility = wire::InfoCredibility::Corroborated;
  if (marking.distribution != wire::Distribution::Public || marking.no_onward_dissemination) {
    envelope.handling = std::make_unique<wire::HandlingT>();
    envelope.handling->distribution = marking.distribution;
    envelope.handling->recipients = marking.recipients;
    envelope.handling->no_onward_dissemination = marking.no_onward_dissemination;
  }
  wire::AlertT alert;
  alert.alert_id = alert_id;
  alert.severity = wire::Severity::Priority;
  alert.crime_area = wire::CrimeArea::MigrantSmuggling;
  alert.title = "Truck heading for the crossing, version " + std::to_string(version);
  alert.position = std::make_unique<wire::GeoPoint>(42.43, 19.26);
  alert.observed_at_ms = now - 60'000;
  alert.status = wire::AlertStatus::Open;
  envelope.payload.Set(std::move(alert));
  flatbuffers::FlatBufferBuilder builder;
  builder.Finish(wire::Envelope::Pack(builder, &envelope));
  return wire::Bytes(builder.GetBufferPointer(), builder.GetBufferPointer() + builder.GetSize());
}

void SimNode::OnConnect(int64_t now) {
  welcomed_ = false;
  hello_at_ = now;
  for (auto& [seq, pending] : outbox_) pending.sent_at = -1;
  link_.SendToHub(now, 1, wire::BuildHello(identity_.node_id, identity_.country, identity_.role, "sim",
                                           wire::kProtocolVersion));
}

void SimNode::MakeReport(Rng& rng, int64_t now) {
  uint64_t node_seq = next_node_seq_++;
  std::string alert_id;
  wire::Marking marking;
  uint32_t version = 1;
  if (!alerts_.empty() && rng.Chance(0.2)) {  // a new version of one of its alerts, same marking
    const auto& [id, kept] = alerts_[rng.Below(alerts_.size())];
    alert_id = id;
    marking = kept;
    version = 2 + static_cast<uint32_t>(rng.Below(100));
  } else {
    alert_id = identity_.node_id + "-A" + std::to_string(node_seq);
    marking = DrawMarking(rng, identity_.country);
    alerts_.emplace_back(alert_id, marking);
  }
  Pending& pending = outbox_[node_seq];
  pending.envelope = AlertEnvelope(identity_, node_seq, alert_id, marking, version, now);
  if (welcomed_) Send(node_seq, pending, now);
}

void SimNode::Send(uint64_t node_seq, Pending& pending, int64_t now) {
  static_cast<void>(node_seq);
  pending.sent_at = now;
  link_.SendToHub(now, 1, wire::BuildPublish(pending.envelope));
}

void SimNode::SendAll(int64_t now) {
  for (auto& [seq, pending] : outbox_) Send(seq, pending, now);
}

void SimNode::Retry(int64_t now) {
  if (!link_.up) return;
  if (!welcomed_) {
    if (now - hello_at_ > kResendAfterMs) OnConnect(now);  // the Hello or its Welcome was lost
    return;
  }
  bool stale = false;
  for (auto& [seq, pending] : outbox_) stale = stale || pending.sent_at < 0 || now - pending.sent_at > kResendAfterMs;
  if (stale) SendAll(now);  // in node_seq order, as the real outbox resends its window
}

void SimNode::OnReply(const wire::Bytes& bytes, int64_t now, std::string& problems) {
  const wire::Frame* frame = wire::GetFrame(bytes.data());
  if (const wire::Welcome* welcome = frame->body_as_Welcome()) {
    uint64_t highest_acked = acked_.empty() ? 0 : acked_.rbegin()->first;
    if (welcome->last_node_seq() < highest_acked) {
      problems += "acked-lost: Welcome to " + identity_.node_id + " says last_node_seq " +
                  std::to_string(welcome->last_node_seq()) + ", but node_seq " + std::to_string(highest_acked) +
                  " was acknowledged\n";
    }
    if (welcomed_) return;  // a duplicated Welcome
    welcomed_ = true;
    SendAll(now);
    return;
  }
  if (const wire::Ack* ack = frame->body_as_Ack()) {
    for (const wire::AckEntry* entry : *ack->entries()) {
      auto [it, fresh] = acked_.emplace(entry->node_seq(), entry->hub_seq());
      if (!fresh && it->second != entry->hub_seq()) {
        problems += "acked-lost: " + identity_.node_id + " node_seq " + std::to_string(entry->node_seq()) +
                    " acknowledged as hub_seq " + std::to_string(it->second) + " and later as " +
                    std::to_string(entry->hub_seq()) + "\n";
      }
      outbox_.erase(entry->node_seq());
    }
    return;
  }
  if (const wire::Nack* nack = frame->body_as_Nack()) {
    switch (nack->code()) {
      case wire::RejectReason::NoSession: OnConnect(now); return;
      case wire::RejectReason::StaleSequence:
      case wire::RejectReason::SequenceReused:
        // Never stored and never storable under this node_seq: the real node
        // waits for an operator. The run's end reports it (liveness).
        if (outbox_.erase(nack->node_seq()) > 0) {
          problems += "stuck: " + identity_.node_id + " node_seq " + std::to_string(nack->node_seq()) +
                      " refused for good: " + (nack->reason() ? nack->reason()->str() : "") + "\n";
        }
        return;
      default: return;  // store refusals and the like: resent after kResendAfterMs
    }
  }
}

}  // namespace opsroom::sim
