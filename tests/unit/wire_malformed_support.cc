#include "unit/wire_malformed_support.h"

#include <cctype>
#include <cstring>

#include "wire/places.h"
#include "wire/protocol_constants.h"

namespace opsroom::wire::malformed {

using testing::kNowMs;
using testing::Pack;

ValidationContext Ctx() { return ValidationContext{&PlaceCatalog::Embedded(), kNowMs}; }

RejectReason Verdict(std::span<const uint8_t> frame) {
  auto checked = CheckClientFrame(frame, Ctx());
  return checked ? RejectReason::None : checked.rejection().code;
}

Bytes PublishOf(const EnvelopeT& envelope) { return BuildPublish(Pack(envelope)); }

Bytes ValidHello() { return BuildHello("ME-BP", "ME", ClientRole::NationalNode, "gw/1", kProtocolVersion); }

Bytes Finished(flatbuffers::FlatBufferBuilder& fbb) {
  return {fbb.GetBufferPointer(), fbb.GetBufferPointer() + fbb.GetSize()};
}

std::vector<std::pair<std::string, Bytes>> ClientFamilies() {
  return {{"hello", ValidHello()},
          {"alert", PublishOf(testing::SampleAlert())},
          {"action", PublishOf(testing::SampleAction())},
          {"watchlist", PublishOf(testing::SampleWatchlistEntry())},
          {"operation", PublishOf(testing::SampleOperation())},
          {"sitrep", PublishOf(testing::SampleSitRep())},
          {"snapshot", BuildSnapshotRequest(1, 0, 10)},
          {"replay", BuildReplayRequest(2, 1, 10)},
          {"stats", BuildStatsRequest(3)},
          {"heartbeat", BuildHeartbeat({"ME-BP", kNowMs, 0, 0, "gw/1"})}};
}

void PutU32(Bytes& bytes, std::size_t at, uint32_t value) { std::memcpy(bytes.data() + at, &value, sizeof value); }
uint32_t GetU32(const Bytes& bytes, std::size_t at) {
  uint32_t value;
  std::memcpy(&value, bytes.data() + at, sizeof value);
  return value;
}
std::size_t OffsetOf(const Bytes& buffer, const void* inside) {
  return static_cast<std::size_t>(static_cast<const uint8_t*>(inside) - buffer.data());
}

Bytes FrameWithBodyType(uint8_t type) {
  flatbuffers::FlatBufferBuilder fbb;
  auto stats = CreateStatsRequest(fbb);
  FinishFrameBuffer(fbb, CreateFrame(fbb, 0, static_cast<Body>(type), stats.Union()));
  return Finished(fbb);
}

Bytes HelloWith(std::string node_id, std::string country, ClientRole role, std::string software) {
  return BuildHello(node_id, country, role, software, kProtocolVersion);
}

void PrintTo(const FrameCase& c, std::ostream* out) { *out << c.name; }

std::string Name(const ::testing::TestParamInfo<FrameCase>& info) {
  std::string name;
  for (char c : std::string(info.param.name)) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return name;
}

}  // namespace opsroom::wire::malformed
