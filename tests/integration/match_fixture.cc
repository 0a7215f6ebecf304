#include "integration/match_fixture.h"

#include <chrono>
#include <stdexcept>

namespace opsroom::testing {

using wire::ClientRole;

std::optional<SeenHit> HitOf(const wire::Bytes& event_frame) {
  const wire::Frame* frame = AsFrame(event_frame);
  if (frame == nullptr || frame->body_as_Event() == nullptr) return std::nullopt;
  const wire::Envelope* envelope = frame->body_as_Event()->envelope_nested_root();
  const wire::Hit* hit = envelope == nullptr ? nullptr : envelope->payload_as_Hit();
  if (hit == nullptr) return std::nullopt;
  SeenHit seen;
  seen.hub_seq = frame->body_as_Event()->hub_seq();
  seen.hit_id = hit->hit_id()->str();
  seen.copy = hit->copy();
  seen.entry_id = hit->entry_id()->str();
  seen.entry_revision = hit->entry_revision();
  seen.source = hit->source();
  seen.source_id = hit->source_id() ? hit->source_id()->str() : "";
  seen.subject_key = hit->subject_key() ? hit->subject_key()->str() : "";
  seen.score = hit->score();
  seen.reasons = hit->why() ? hit->why()->size() : 0;
  seen.entry_reason = hit->entry_reason() ? hit->entry_reason()->str() : "";
  seen.action = hit->action();
  if (envelope->handling() && envelope->handling()->recipients()) {
    for (const flatbuffers::String* r : *envelope->handling()->recipients()) seen.recipients.push_back(r->str());
  }
  return seen;
}

wire::SubjectT Person(const std::string& name, const std::string& dob, const std::string& nationality) {
  wire::SubjectT subject;
  subject.kind = wire::WatchKind::Person;
  subject.name = name;
  subject.date_of_birth = dob;
  subject.nationality = nationality;
  return subject;
}

wire::SubjectT Vehicle(const std::string& plate, const std::string& vin) {
  wire::SubjectT subject;
  subject.kind = wire::WatchKind::Vehicle;
  subject.plate = plate;
  subject.vin = vin;
  return subject;
}

wire::SubjectT Container(const std::string& number) {
  wire::SubjectT subject;
  subject.kind = wire::WatchKind::Container;
  subject.container_number = number;
  return subject;
}

wire::EnvelopeT CheckOf(const std::string& origin, const std::string& country, uint64_t node_seq,
                        const std::string& check_id, std::vector<wire::SubjectT> subjects) {
  wire::EnvelopeT envelope = BaseEnvelope(origin, country, node_seq);
  wire::CheckT check;
  check.check_id = check_id;
  check.checked_at_ms = NowMs() - 1000;
  check.place_code = "BCP-HR-RS-BAJAKOVO";
  check.unit = "lane 3";
  for (wire::SubjectT& subject : subjects)
    check.subjects.push_back(std::make_unique<wire::SubjectT>(std::move(subject)));
  envelope.payload.Set(std::move(check));
  return envelope;
}

wire::EnvelopeT PersonEntry(const std::string& origin, const std::string& country, uint64_t node_seq,
                            const std::string& entry_id, uint32_t revision, const std::string& name_original,
                            const std::string& name_latin, const std::string& dob) {
  wire::EnvelopeT envelope = BaseEnvelope(origin, country, node_seq);
  wire::WatchlistEntryT entry;
  entry.entry_id = entry_id;
  entry.revision = revision;
  entry.kind = wire::WatchKind::Person;
  entry.name_original = name_original;
  entry.name_latin = name_latin;
  entry.date_of_birth = dob;
  entry.reason = "organiser of smuggling transports";
  entry.action = wire::ActionRequested::Arrest;
  envelope.payload.Set(std::move(entry));
  return envelope;
}

wire::EnvelopeT Decision(const std::string& origin, const std::string& country, uint64_t node_seq,
                         const std::string& hit_id, wire::HitVerdict verdict) {
  wire::EnvelopeT envelope = BaseEnvelope(origin, country, node_seq);
  wire::HitDecisionT decision;
  decision.hit_id = hit_id;
  decision.verdict = verdict;
  decision.actor = "SIRENE desk";
  decision.at_ms = NowMs() - 500;
  envelope.payload.Set(std::move(decision));
  return envelope;
}

void Restrict(wire::EnvelopeT& envelope, std::vector<std::string> recipients) {
  envelope.handling = std::make_unique<wire::HandlingT>();
  envelope.handling->distribution = wire::Distribution::Restricted;
  envelope.handling->recipients = std::move(recipients);
}

MatchHubTest::MatchHubTest(int64_t hit_window_ms)
    : identities_({{"RS-CP", "RS", ClientRole::NationalNode, {}},
                   {"HR-BP", "HR", ClientRole::NationalNode, {}},
                   {"ME-BP", "ME", ClientRole::NationalNode, {}},
                   {"OPSROOM-DUTY", "OPSROOM", ClientRole::Console, {}},
                   {"EUROPOL-EMSC", "EUROPOL", ClientRole::PartnerAgency, {}}}),
      keys_(identities_),
      hub_([this, hit_window_ms](hub::HubConfig& config) {
        config.insecure = false;
        config.keys_dir = keys_.dir();
        config.handshake_ivl_ms = 1000;
        config.hit_window_ms = hit_window_ms;
      }) {}

const Identity& MatchHubTest::Who(const std::string& node_id) const {
  for (const Identity& identity : identities_) {
    if (identity.node_id == node_id) return identity;
  }
  throw std::runtime_error("no identity " + node_id);
}

std::unique_ptr<SecureClient> MatchHubTest::Connect(const std::string& node_id) {
  auto client =
      std::make_unique<SecureClient>(hub_.context(), hub_.router_endpoint(), Who(node_id).keys, keys_.hub_public());
  EXPECT_EQ(client->Hello(Who(node_id)), wire::Body::Welcome) << node_id;
  return client;
}

namespace {

// HubStatus goes under "st" and, over CURVE, "st.room." or "st.node.<NODE_ID>."
// (docs/protocol.md sections 7 and 10.2): anything starting with "st".
bool IsStatusTopic(std::string_view topic) { return topic.rfind(wire::kTopicHubStatus, 0) == 0; }

}  // namespace

std::unique_ptr<zmq::socket_t> MatchHubTest::Subscribe(const std::string& node_id) {
  auto sub = std::make_unique<zmq::socket_t>(hub_.context(), zmq::socket_type::sub);
  Curve(*sub, Who(node_id).keys, keys_.hub_public());
  sub->set(zmq::sockopt::rcvhwm, 0);
  sub->set(zmq::sockopt::subscribe, "");
  sub->connect(hub_.pub_endpoint());
  // The slow joiner: live events count only once the first status arrived.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (std::chrono::steady_clock::now() < deadline) {
    if (!Readable(*sub, 100)) continue;
    zmq::message_t topic, body;
    if (sub->recv(topic) && topic.more() && sub->recv(body) && IsStatusTopic(topic.to_string_view())) break;
  }
  return sub;
}

MatchHubTest::Drained MatchHubTest::Drain(zmq::socket_t& sub, const std::string& marker, int timeout_ms) {
  Drained drained;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  bool seen_marker = false;
  while (std::chrono::steady_clock::now() < deadline && !seen_marker) {
    if (!Readable(sub, 100)) continue;
    zmq::message_t topic, body;
    if (!sub.recv(topic) || !topic.more() || !sub.recv(body)) continue;
    if (IsStatusTopic(topic.to_string_view())) continue;
    auto* data = static_cast<const uint8_t*>(body.data());
    wire::Bytes bytes(data, data + body.size());
    if (auto hit = HitOf(bytes)) drained.hits.push_back(*hit);
    const wire::Frame* frame = AsFrame(bytes);
    if (frame == nullptr || frame->body_as_Event() == nullptr) continue;
    std::string id = frame->body_as_Event()->envelope_nested_root()->message_id()->str();
    drained.message_ids.push_back(id);
    seen_marker = id == marker;
  }
  return drained;
}

std::vector<SeenHit> MatchHubTest::ReplayHits(SecureClient& client) {
  std::vector<SeenHit> hits;
  for (const wire::Bytes& event : ReplayEvents(client)) {
    if (auto hit = HitOf(event)) hits.push_back(*hit);
  }
  return hits;
}

}  // namespace opsroom::testing
