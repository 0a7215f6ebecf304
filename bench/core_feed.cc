#include "bench/core_feed.h"

#include <time.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "bench/alert_frame.h"
#include "hub/committer.h"
#include "hub/config.h"
#include "hub/hub_core.h"
#include "wire/protocol_constants.h"

namespace opsroom::bench {

namespace {

double CpuSeconds(clockid_t clock) {
  timespec ts{};
  clock_gettime(clock, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

int64_t WallMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

struct FeedNode {
  std::string peer;
  PatchableFrame frame;
  uint64_t next_seq = 1;
};

std::vector<FeedNode> HelloAll(hub::HubCore& ingest) {
  std::vector<FeedNode> nodes;
  std::vector<hub::Reply> replies;
  for (std::string country : {"AL", "BA", "HR", "XK", "ME", "MK", "RS"}) {
    std::string id = country + "-BP";
    nodes.push_back({"peer-" + id, MakeAlertFrame(id, country, 512)});
    static_cast<void>(
        ingest.OnFrame(nodes.back().peer,
                       wire::BuildHello(id, country, wire::ClientRole::NationalNode, "feed/1", wire::kProtocolVersion),
                       WallMs(), replies));
  }
  return nodes;
}

}  // namespace

CoreFeedResult RunCoreFeed(bool sync, double seconds, std::size_t max_batch) {
  CoreFeedResult result;
  std::string dir = (std::filesystem::temp_directory_path() / ("opsroom-core-" + std::to_string(getpid()))).string();
  std::filesystem::remove_all(dir);
  hub::HubConfig config;
  if (max_batch > 0) config.max_batch_frames = max_batch;
  hub::OpenResult opened = hub::OpenRocksStore({dir, sync, false});
  if (!opened.status.ok()) return result;
  hub::Stats stats;
  auto ingest = std::make_unique<hub::HubCore>(*opened.store, stats, config);
  if (!ingest->Open().ok()) return result;
  auto committer = std::make_unique<hub::Committer>(*opened.store, stats, true);
  std::vector<FeedNode> nodes = HelloAll(*ingest);
  std::vector<hub::Reply> replies;

  auto finish = [&](hub::Committer::Done done) {
    ingest->Finish(*done.batch, done.status, WallMs(), replies);
    ingest->Recycle(std::move(done.batch));
    replies.clear();
  };
  double loop_cpu = CpuSeconds(CLOCK_THREAD_CPUTIME_ID);
  double process_cpu = CpuSeconds(CLOCK_PROCESS_CPUTIME_ID);
  auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  int64_t now_ms = WallMs();
  for (std::size_t turn = 0; std::chrono::steady_clock::now() < end; ++turn) {
    if (!ingest->BatchFull()) {
      FeedNode& node = nodes[turn % nodes.size()];
      node.frame.Patch(node.next_seq++);
      static_cast<void>(ingest->OnFrame(node.peer, node.frame.bytes(), now_ms, replies));
      if (turn % 1024 != 0) continue;
      now_ms = WallMs();
    }
    // Like the server loop: hand the batch over as soon as the committer is free.
    if (auto done = committer->TryTake()) finish(std::move(*done));
    if (!committer->busy() && ingest->HasBatch()) committer->Submit(ingest->TakeBatch());
    if (ingest->BatchFull() && committer->busy()) finish(committer->WaitTake());
  }
  if (committer->busy()) finish(committer->WaitTake());
  double stored = static_cast<double>(stats.Get(hub::Counter::kStored));
  result.msgs_per_second = stored / seconds;
  result.loop_cpu_us_per_msg = (CpuSeconds(CLOCK_THREAD_CPUTIME_ID) - loop_cpu) / stored * 1e6;
  result.total_cpu_us_per_msg = (CpuSeconds(CLOCK_PROCESS_CPUTIME_ID) - process_cpu) / stored * 1e6;
  result.batches = stats.Get(hub::Counter::kBatches);
  committer.reset();
  ingest.reset();
  opened.store.reset();
  std::filesystem::remove_all(dir);
  return result;
}

}  // namespace opsroom::bench
