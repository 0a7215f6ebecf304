#include "bench/alert_frame.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <stdexcept>

#include "envelope_generated.h"

namespace opsroom::bench {

namespace {

constexpr uint64_t kSeqMarker = 0x7a5e7a5e7a5e7a5eULL;
constexpr const char* kDigitsMarker = "9999999999";  // 10 digits, replaced per message
constexpr std::size_t kDigits = 10;

wire::Bytes PackEnvelope(const wire::EnvelopeT& envelope) {
  flatbuffers::FlatBufferBuilder fbb(1024);
  wire::FinishEnvelopeBuffer(fbb, wire::Envelope::Pack(fbb, &envelope));
  return wire::Bytes(fbb.GetBufferPointer(), fbb.GetBufferPointer() + fbb.GetSize());
}

wire::EnvelopeT AlertTemplate(const std::string& node_id, const std::string& country, std::size_t body_bytes) {
  int64_t now =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  wire::EnvelopeT envelope;
  envelope.origin = node_id;
  envelope.country = country;
  envelope.node_seq = kSeqMarker;
  envelope.message_id = node_id + ":" + kDigitsMarker;
  envelope.sent_at_ms = now;
  envelope.reliability = wire::SourceReliability::B;
  envelope.credibility = wire::InfoCredibility::Corroborated;
  wire::AlertT alert;
  alert.alert_id = node_id + ":A" + kDigitsMarker;
  alert.severity = wire::Severity::Urgent;
  alert.crime_area = wire::CrimeArea::MigrantSmuggling;
  alert.title = "Van with 14 migrants hidden in cargo heading for the crossing";
  alert.body = std::string(body_bytes, 'x');
  alert.position = std::make_unique<wire::GeoPoint>(42.0, 20.1);
  alert.observed_at_ms = now - 60'000;
  envelope.payload.Set(std::move(alert));
  return envelope;
}

std::size_t Find(const wire::Bytes& haystack, const void* needle, std::size_t size, std::size_t from = 0) {
  auto begin = haystack.begin() + static_cast<std::ptrdiff_t>(from);
  auto it = std::search(begin, haystack.end(), static_cast<const uint8_t*>(needle),
                        static_cast<const uint8_t*>(needle) + size);
  if (it == haystack.end()) throw std::runtime_error("marker not found in the bench frame");
  return static_cast<std::size_t>(it - haystack.begin());
}

void WriteDigits(uint8_t* out, uint64_t value) {
  for (std::size_t i = kDigits; i-- > 0; value /= 10) out[i] = static_cast<uint8_t>('0' + value % 10);
}

}  // namespace

void PatchableFrame::Patch(uint64_t node_seq) {
  std::memcpy(frame_.data() + seq_offset_, &node_seq, sizeof node_seq);  // FlatBuffers are little-endian
  WriteDigits(frame_.data() + alert_digits_, node_seq);
  WriteDigits(frame_.data() + message_digits_, node_seq);
}

PatchableFrame MakeAlertFrame(const std::string& node_id, const std::string& country, std::size_t envelope_bytes) {
  std::size_t body = 0;
  wire::Bytes envelope = PackEnvelope(AlertTemplate(node_id, country, body));
  for (int i = 0; i < 8 && envelope.size() != envelope_bytes; ++i) {
    body = envelope.size() < envelope_bytes ? body + (envelope_bytes - envelope.size())
                                            : body - std::min(body, envelope.size() - envelope_bytes);
    envelope = PackEnvelope(AlertTemplate(node_id, country, body));
  }
  wire::Bytes frame = wire::BuildPublish(envelope);
  std::size_t seq = Find(frame, &kSeqMarker, sizeof kSeqMarker);
  std::size_t first = Find(frame, kDigitsMarker, kDigits);
  std::size_t second = Find(frame, kDigitsMarker, kDigits, first + kDigits);
  PatchableFrame patchable(std::move(frame), seq, first, second);
  patchable.Patch(1);
  return patchable;
}

}  // namespace opsroom::bench
