#include "wire/frame_builder.h"

#include "frame_generated.h"

namespace opsroom::wire {

namespace {

Bytes Finish(flatbuffers::FlatBufferBuilder& fbb, uint64_t request_id, Body type, flatbuffers::Offset<void> body) {
  FinishFrameBuffer(fbb, CreateFrame(fbb, request_id, type, body));
  return Bytes(fbb.GetBufferPointer(), fbb.GetBufferPointer() + fbb.GetSize());
}

// Nested FlatBuffers keep 8-byte alignment so their doubles and longs stay aligned.
flatbuffers::Offset<flatbuffers::Vector<uint8_t>> NestedBytes(flatbuffers::FlatBufferBuilder& fbb, ByteView bytes) {
  fbb.ForceVectorAlignment(bytes.size(), sizeof(uint8_t), 8);
  return fbb.CreateVector(bytes.data(), bytes.size());
}

flatbuffers::Offset<flatbuffers::Vector<flatbuffers::Offset<Blob>>> Blobs(flatbuffers::FlatBufferBuilder& fbb,
                                                                          std::span<const ByteView> frames) {
  std::vector<flatbuffers::Offset<Blob>> blobs;
  blobs.reserve(frames.size());
  for (ByteView frame : frames) blobs.push_back(CreateBlob(fbb, NestedBytes(fbb, frame)));
  return fbb.CreateVector(blobs);
}

}  // namespace

Bytes BuildHello(std::string_view node_id, std::string_view country, ClientRole role, std::string_view software_version,
                 uint16_t protocol_version) {
  flatbuffers::FlatBufferBuilder fbb(256);
  auto hello = CreateHello(fbb, protocol_version, fbb.CreateString(node_id), fbb.CreateString(country), role,
                           fbb.CreateString(software_version));
  return Finish(fbb, 0, Body::Hello, hello.Union());
}

Bytes BuildWelcome(const WelcomeFields& f) {
  flatbuffers::FlatBufferBuilder fbb(256);
  auto welcome = CreateWelcome(fbb, f.protocol_version, fbb.CreateString(f.hub_id), f.hub_seq, f.last_node_seq,
                               f.heartbeat_interval_ms, f.max_frame_bytes, f.durable);
  return Finish(fbb, 0, Body::Welcome, welcome.Union());
}

Bytes BuildPublish(ByteView envelope) {
  flatbuffers::FlatBufferBuilder fbb(envelope.size() + 64);
  auto publish = CreatePublish(fbb, NestedBytes(fbb, envelope));
  return Finish(fbb, 0, Body::Publish, publish.Union());
}

Bytes BuildAck(std::span<const AckEntry> entries) {
  flatbuffers::FlatBufferBuilder fbb(64 + entries.size() * sizeof(AckEntry));
  auto ack = CreateAck(fbb, fbb.CreateVectorOfStructs(entries.data(), entries.size()));
  return Finish(fbb, 0, Body::Ack, ack.Union());
}

Bytes BuildNack(uint64_t request_id, uint64_t node_seq, RejectReason code, std::string_view text,
                std::string_view leader_endpoint) {
  flatbuffers::FlatBufferBuilder fbb(128 + text.size() + leader_endpoint.size());
  auto reason = fbb.CreateString(text);
  // Absent rather than empty when none is named: a hub that knows no leader sends what an older hub sends.
  flatbuffers::Offset<flatbuffers::String> leader;
  if (!leader_endpoint.empty()) leader = fbb.CreateString(leader_endpoint);
  auto nack = CreateNack(fbb, node_seq, code, reason, leader);
  return Finish(fbb, request_id, Body::Nack, nack.Union());
}

Bytes BuildEvent(uint64_t hub_seq, int64_t hub_time_ms, ByteView envelope) {
  flatbuffers::FlatBufferBuilder fbb(envelope.size() + 64);
  auto event = CreateEvent(fbb, hub_seq, hub_time_ms, NestedBytes(fbb, envelope));
  return Finish(fbb, 0, Body::Event, event.Union());
}

Bytes BuildSnapshotRequest(uint64_t request_id, uint64_t token, uint32_t max_items, SnapshotAsOf as_of) {
  flatbuffers::FlatBufferBuilder fbb(64);
  auto request = CreateSnapshotRequest(fbb, token, max_items, as_of.seq, as_of.time_ms);
  return Finish(fbb, request_id, Body::SnapshotRequest, request.Union());
}

Bytes BuildSnapshotPage(uint64_t request_id, uint64_t token, uint64_t hub_seq, std::span<const ByteView> event_frames,
                        bool done, bool as_of) {
  flatbuffers::FlatBufferBuilder fbb(1024);
  auto page = CreateSnapshotPage(fbb, token, hub_seq, Blobs(fbb, event_frames), done, as_of);
  return Finish(fbb, request_id, Body::SnapshotPage, page.Union());
}

Bytes BuildReplayRequest(uint64_t request_id, uint64_t from_seq, uint32_t max_events) {
  flatbuffers::FlatBufferBuilder fbb(64);
  return Finish(fbb, request_id, Body::ReplayRequest, CreateReplayRequest(fbb, from_seq, max_events).Union());
}

Bytes BuildReplayPage(uint64_t request_id, std::span<const ByteView> event_frames, uint64_t next_seq, uint64_t hub_seq,
                      std::span<const uint64_t> remarked) {
  flatbuffers::FlatBufferBuilder fbb(1024);
  auto blobs = Blobs(fbb, event_frames);
  flatbuffers::Offset<flatbuffers::Vector<uint64_t>> remarked_offset;
  if (!remarked.empty()) remarked_offset = fbb.CreateVector(remarked.data(), remarked.size());
  auto page = CreateReplayPage(fbb, blobs, next_seq, hub_seq, remarked_offset);
  return Finish(fbb, request_id, Body::ReplayPage, page.Union());
}

Bytes BuildRemarked(uint64_t hub_seq) {
  flatbuffers::FlatBufferBuilder fbb(64);
  return Finish(fbb, 0, Body::Remarked, CreateRemarked(fbb, hub_seq).Union());
}

Bytes BuildStatsRequest(uint64_t request_id) {
  flatbuffers::FlatBufferBuilder fbb(64);
  return Finish(fbb, request_id, Body::StatsRequest, CreateStatsRequest(fbb).Union());
}

Bytes BuildStats(uint64_t request_id, std::span<const std::pair<std::string, int64_t>> counters) {
  flatbuffers::FlatBufferBuilder fbb(1024);
  std::vector<flatbuffers::Offset<Counter>> offsets;
  offsets.reserve(counters.size());
  for (const auto& [name, value] : counters) offsets.push_back(CreateCounter(fbb, fbb.CreateString(name), value));
  auto stats = CreateStats(fbb, fbb.CreateVector(offsets));
  return Finish(fbb, request_id, Body::Stats, stats.Union());
}

Bytes BuildHeartbeat(const HeartbeatFields& f) {
  flatbuffers::FlatBufferBuilder fbb(128);
  auto heartbeat = CreateHeartbeat(fbb, fbb.CreateString(f.node_id), f.at_ms, f.outbox_depth, f.oldest_unsent_age_ms,
                                   fbb.CreateString(f.software_version));
  return Finish(fbb, 0, Body::Heartbeat, heartbeat.Union());
}

Bytes BuildHubStatus(const HubStatusFields& f) {
  flatbuffers::FlatBufferBuilder fbb(512);
  std::vector<flatbuffers::Offset<NodeStatus>> nodes;
  nodes.reserve(f.nodes.size());
  for (const auto& n : f.nodes) {
    nodes.push_back(CreateNodeStatus(fbb, fbb.CreateString(n.node_id), fbb.CreateString(n.country), n.connected,
                                     n.last_heartbeat_ms, n.outbox_depth, n.oldest_unsent_age_ms,
                                     n.messages_last_minute, n.last_node_seq, fbb.CreateString(n.software_version)));
  }
  auto status = CreateHubStatus(fbb, f.at_ms, fbb.CreateString(f.hub_id), f.hub_seq, fbb.CreateVector(nodes), f.durable,
                                fbb.CreateString(f.store_error));
  return Finish(fbb, 0, Body::HubStatus, status.Union());
}

}  // namespace opsroom::wire
