// Writes the seed corpus of the frame fuzz target: one valid frame per message
// family, built with wire::Build* and the object API. The file name says which
// check must accept the seed: client-* (CheckClientFrame), hub-* (CheckHubFrame),
// envelope-* (CheckEnvelope); replay_main enforces it. regress-* files in the
// corpus are not generated: they are inputs that once crashed the target.
//   make_corpus DIR          write the seeds into DIR
//   make_corpus --check DIR  exit 1 unless DIR holds exactly these bytes
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "fuzz/frame_fuzz.h"
#include "unit/wire_sample_envelopes.h"
#include "wire/audit_head.h"
#include "wire/frame_builder.h"
#include "wire/protocol_constants.h"

namespace opsroom::fuzz {
namespace {

using wire::Bytes;
using wire::ByteView;
using Seed = std::pair<std::string, Bytes>;

static_assert(kFuzzNowMs == wire::testing::kNowMs, "the seeds are built for the fuzz target's clock");

// An alert using the less common fields: place code, restricted handling, references.
wire::EnvelopeT RichAlert() {
  wire::EnvelopeT e = wire::testing::SampleAlert();
  e.node_seq = 6;
  e.message_id = "ME-BP:6";
  auto& alert = *e.payload.AsAlert();
  alert.position.reset();
  alert.place_code = "BCP-AL-ME-MURIQAN";
  alert.severity = wire::Severity::Flash;
  alert.status = wire::AlertStatus::Escalated;
  alert.operation_code = "JAD-WB-2026";
  auto ref = std::make_unique<wire::ExternalRefT>();
  ref->system = wire::RefSystem::Siena;
  ref->reference = "SIENA-ME-2026-77310";
  alert.references.push_back(std::move(ref));
  e.handling = std::make_unique<wire::HandlingT>();
  e.handling->distribution = wire::Distribution::Restricted;
  e.handling->recipients = {"ME", "AL"};
  e.handling->no_onward_dissemination = true;
  e.handling->other_restrictions = "H3: not for SIS";
  return e;
}

std::vector<Seed> EnvelopeSeeds() {
  namespace t = wire::testing;
  return {{"alert", t::Pack(t::SampleAlert())},         {"alert-place", t::Pack(RichAlert())},
          {"action", t::Pack(t::SampleAction())},       {"watchlist", t::Pack(t::SampleWatchlistEntry())},
          {"operation", t::Pack(t::SampleOperation())}, {"sitrep", t::Pack(t::SampleSitRep())}};
}

std::vector<Seed> ClientSeeds(const std::vector<Seed>& envelopes) {
  std::vector<Seed> seeds;
  seeds.emplace_back("hello", wire::BuildHello("ME-BP", "ME", wire::ClientRole::NationalNode, "me-bp-gateway/2.3",
                                               wire::kProtocolVersion));
  for (const auto& [name, envelope] : envelopes) seeds.emplace_back("publish-" + name, wire::BuildPublish(envelope));
  seeds.emplace_back("snapshot-request", wire::BuildSnapshotRequest(11, 0, 100));
  seeds.emplace_back("snapshot-next", wire::BuildSnapshotRequest(12, 0x1234'5678'9ABCULL, 0));
  seeds.emplace_back("replay-request", wire::BuildReplayRequest(13, 1, 1000));
  seeds.emplace_back("stats-request", wire::BuildStatsRequest(14));
  seeds.emplace_back("heartbeat", wire::BuildHeartbeat({"ME-BP", kFuzzNowMs, 3, 1500, "me-bp-gateway/2.3"}));
  return seeds;
}

std::vector<Seed> HubSeeds(const std::vector<Seed>& envelopes) {
  std::vector<Seed> seeds;
  seeds.emplace_back(
      "welcome", wire::BuildWelcome({wire::kProtocolVersion, "opsroom-podgorica", 120447, 1040,
                                     wire::kHeartbeatIntervalMs, static_cast<uint32_t>(wire::kMaxFrameBytes), true}));
  wire::AckEntry entries[] = {{1041, 120448, false}, {1040, 120447, true}};
  seeds.emplace_back("ack", wire::BuildAck(entries));
  seeds.emplace_back("nack", wire::BuildNack(0, 1042, wire::RejectReason::UnknownPlace,
                                             "alert.place_code 'BCP-XX' is not in data/places.tsv"));
  std::vector<Bytes> events;
  uint64_t hub_seq = 1;
  for (const auto& [name, envelope] : envelopes) events.push_back(wire::BuildEvent(hub_seq++, kFuzzNowMs, envelope));
  seeds.emplace_back("event", events.front());
  std::vector<ByteView> views(events.begin(), events.end());
  seeds.emplace_back("replay-page", wire::BuildReplayPage(13, views, hub_seq, hub_seq - 1));
  seeds.emplace_back("snapshot-page", wire::BuildSnapshotPage(11, 77, hub_seq - 1, views, true));
  std::pair<std::string, int64_t> counters[] = {{"received", 9}, {"stored", 7}, {"refused.UnknownPlace", 2}};
  seeds.emplace_back("stats", wire::BuildStats(14, counters));
  wire::HubStatusFields status{kFuzzNowMs, "opsroom-podgorica", 120448, {}, true, ""};
  status.nodes.push_back({"ME-BP", "ME", true, kFuzzNowMs - 800, 0, 0, 12, 1041, "me-bp-gateway/2.3"});
  status.nodes.push_back({"AL-BP", "AL", false, kFuzzNowMs - 9000, 4, 6000, 0, 310, "al-bp/1.0"});
  seeds.emplace_back("hub-status", wire::BuildHubStatus(status));
  wire::SignedHeadFields head{"opsroom-podgorica", 5307, std::string(32, '\x3d'), 120448, kFuzzNowMs, "", ""};
  auto key = wire::AuditKeyFromSeed(std::string(wire::kAuditSeedBytes, '\x07'));  // fixed: the seed stays fresh
  seeds.emplace_back("signed-audit-head", wire::BuildSignedAuditHead(wire::SignHead(head, key.value()).value()));
  return seeds;
}

std::vector<Seed> AllSeeds() {
  std::vector<Seed> envelopes = EnvelopeSeeds();
  std::vector<Seed> all;
  for (auto& [name, bytes] : ClientSeeds(envelopes)) all.emplace_back("client-" + name + ".bin", bytes);
  for (auto& [name, bytes] : HubSeeds(envelopes)) all.emplace_back("hub-" + name + ".bin", bytes);
  for (auto& [name, bytes] : envelopes) all.emplace_back("envelope-" + name + ".bin", bytes);
  return all;
}

Bytes ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

int Write(const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  for (const auto& [name, bytes] : AllSeeds()) {
    std::ofstream out(dir / name, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!out) {
      std::fprintf(stderr, "make_corpus: cannot write %s\n", (dir / name).c_str());
      return 1;
    }
  }
  return 0;
}

int Check(const std::filesystem::path& dir) {
  int stale = 0;
  for (const auto& [name, bytes] : AllSeeds()) {
    if (ReadFile(dir / name) != bytes) {
      std::fprintf(stderr, "make_corpus: %s is missing or stale\n", (dir / name).c_str());
      ++stale;
    }
  }
  if (stale > 0) std::fprintf(stderr, "regenerate with: make_corpus %s\n", dir.c_str());
  return stale == 0 ? 0 : 1;
}

}  // namespace
}  // namespace opsroom::fuzz

int main(int argc, char** argv) {
  if (argc == 2 && std::string(argv[1]) != "--check") return opsroom::fuzz::Write(argv[1]);
  if (argc == 3 && std::string(argv[1]) == "--check") return opsroom::fuzz::Check(argv[2]);
  std::fprintf(stderr, "usage: make_corpus DIR | make_corpus --check DIR\n");
  return 2;
}
