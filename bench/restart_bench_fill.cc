#include "bench/restart_bench_fill.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <vector>

#include "bench/alert_frame.h"
#include "envelope_generated.h"
#include "frame_generated.h"
#include "hub/committer.h"
#include "hub/config.h"
#include "hub/hub_core.h"
#include "wire/protocol_constants.h"

namespace opsroom::bench {

namespace {

constexpr uint64_t kActionEvery = 10;  // node_seq % 10 == 0: a Comment on the alert of node_seq - 1
constexpr auto kMaxFillTime = std::chrono::hours(3);

int64_t WallMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

struct FillNode {
  std::string id, country, peer;
  PatchableFrame alert;
  uint64_t next_seq = 1;
};

wire::Bytes ActionFrame(const FillNode& node, uint64_t node_seq, int64_t now_ms) {
  wire::EnvelopeT envelope;
  envelope.origin = node.id;
  envelope.country = node.country;
  envelope.node_seq = node_seq;
  envelope.message_id = node.id + ":" + std::to_string(node_seq);
  envelope.sent_at_ms = now_ms;
  envelope.reliability = wire::SourceReliability::B;
  envelope.credibility = wire::InfoCredibility::Corroborated;
  wire::AlertActionT action;
  // The alert ids of bench/alert_frame.cc: "<node>:A" and ten digits.
  char digits[16];
  std::snprintf(digits, sizeof digits, "%010llu", static_cast<unsigned long long>(node_seq - 1));
  action.alert_id = node.id + ":A" + digits;
  action.kind = wire::ActionKind::Comment;
  action.actor = "desk officer " + node.country;
  action.at_ms = now_ms;
  action.text = "seen at the crossing; patrol informed";
  envelope.payload.Set(std::move(action));
  flatbuffers::FlatBufferBuilder fbb(512);
  wire::FinishEnvelopeBuffer(fbb, wire::Envelope::Pack(fbb, &envelope));
  return wire::BuildPublish({fbb.GetBufferPointer(), fbb.GetSize()});
}

// Hello for each node; its Welcome says where its node_seq continues.
std::vector<FillNode> HelloAll(hub::HubCore& ingest, std::string* error) {
  std::vector<FillNode> nodes;
  for (std::string country : {"AL", "BA", "HR", "XK", "ME", "MK", "RS"}) {
    FillNode node{country + "-BP", country, "peer-" + country, MakeAlertFrame(country + "-BP", country, 512)};
    std::vector<hub::Reply> replies;
    static_cast<void>(ingest.OnFrame(
        node.peer, wire::BuildHello(node.id, country, wire::ClientRole::NationalNode, "fill/1", wire::kProtocolVersion),
        WallMs(), replies));
    const wire::Welcome* welcome =
        replies.size() == 1 ? wire::GetFrame(replies[0].bytes.data())->body_as_Welcome() : nullptr;
    if (welcome == nullptr) return *error = "no Welcome for " + node.id, std::vector<FillNode>{};
    node.next_seq = welcome->last_node_seq() + 1;
    nodes.push_back(std::move(node));
  }
  return nodes;
}

FillResult Fill(const std::string& dir, uint64_t events, bool sync, bool kill_at_end, int report_fd) {
  FillResult result;
  auto start = std::chrono::steady_clock::now();
  std::filesystem::create_directories(dir);  // owner-only: the hub refuses a data directory others can read
  std::filesystem::permissions(dir, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace);
  hub::OpenResult opened = hub::OpenRocksStore({dir, sync, false});
  if (!opened.status.ok()) return result.error = opened.status.message(), result;
  hub::HubConfig config;
  hub::Stats stats;
  auto ingest = std::make_unique<hub::HubCore>(*opened.store, stats, config);
  if (hub::StoreStatus s = ingest->Open(); !s.ok()) return result.error = s.message(), result;
  auto committer = std::make_unique<hub::Committer>(*opened.store, stats, true);
  std::vector<FillNode> nodes = HelloAll(*ingest, &result.error);
  if (nodes.empty()) return result;
  std::vector<hub::Reply> replies;
  auto finish = [&](hub::Committer::Done done) {
    if (!done.status.ok() && result.error.empty()) result.error = done.status.message();
    ingest->Finish(*done.batch, done.status, WallMs(), replies);
    ingest->Recycle(std::move(done.batch));
    replies.clear();
  };
  int64_t now_ms = WallMs();
  uint64_t fed = 0;
  auto deadline = start + kMaxFillTime;
  for (std::size_t turn = 0; fed < events && result.error.empty(); ++turn) {
    if (!ingest->BatchFull()) {
      FillNode& node = nodes[turn % nodes.size()];
      uint64_t seq = node.next_seq++;
      if (seq % kActionEvery == 0 && seq > 1) {
        static_cast<void>(ingest->OnFrame(node.peer, ActionFrame(node, seq, now_ms), now_ms, replies));
      } else {
        node.alert.Patch(seq);
        static_cast<void>(ingest->OnFrame(node.peer, node.alert.bytes(), now_ms, replies));
      }
      ++fed;
      if (turn % 1024 != 0) continue;
      now_ms = WallMs();
      if (std::chrono::steady_clock::now() > deadline) result.error = "fill took longer than 3 hours";
    }
    if (auto done = committer->TryTake()) finish(std::move(*done));
    if (!committer->busy() && ingest->HasBatch()) committer->Submit(ingest->TakeBatch());
    if (ingest->BatchFull() && committer->busy()) finish(committer->WaitTake());
  }
  if (committer->busy()) finish(committer->WaitTake());
  if (ingest->HasBatch()) {
    committer->Submit(ingest->TakeBatch());
    finish(committer->WaitTake());
  }
  result.stored = static_cast<uint64_t>(stats.Get(hub::Counter::kStored));
  result.hub_seq = ingest->committed_seq();
  result.ok = result.error.empty() && result.stored == events;
  if (result.ok == false && result.error.empty()) {
    result.error =
        "stored " + std::to_string(result.stored) + " of " + std::to_string(events) + " (refused: see the hub's rules)";
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (kill_at_end) {
    // Everything above was synced; the store is left open, memtables unflushed.
    std::string line = std::to_string(result.ok) + " " + std::to_string(result.stored) + " " +
                       std::to_string(result.hub_seq) + " " + std::to_string(result.seconds) + "\n";
    static_cast<void>(write(report_fd, line.data(), line.size()));
    raise(SIGKILL);
  }
  committer.reset();
  ingest.reset();
  opened.store.reset();
  return result;
}

}  // namespace

FillResult FillStore(const std::string& dir, uint64_t events, bool sync) { return Fill(dir, events, sync, false, -1); }

FillResult FillThenKillSelf(const std::string& dir, uint64_t events) {
  FillResult result;
  int fds[2];
  if (pipe(fds) != 0) return result.error = "pipe failed", result;
  std::fflush(nullptr);
  pid_t child = fork();
  if (child < 0) return result.error = "fork failed", result;
  if (child == 0) {
    close(fds[0]);
    FillResult failed = Fill(dir, events, true, true, fds[1]);
    std::fprintf(stderr, "fill child: %s\n", failed.error.c_str());
    _exit(1);
  }
  close(fds[1]);
  char buffer[256] = {};
  ssize_t got = read(fds[0], buffer, sizeof buffer - 1);
  close(fds[0]);
  int status = 0;
  waitpid(child, &status, 0);
  int ok = 0;
  unsigned long long stored = 0, hub_seq = 0;
  double seconds = 0;
  if (got <= 0 || std::sscanf(buffer, "%d %llu %llu %lf", &ok, &stored, &hub_seq, &seconds) != 4) {
    return result.error = "the fill child reported nothing", result;
  }
  if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL)
    return result.error = "the fill child was not killed", result;
  return {ok != 0, ok != 0 ? "" : "the fill child failed", stored, hub_seq, seconds};
}

}  // namespace opsroom::bench
