// opsroom-bench-restart: how long a hub with N events in its log takes from
// process start until it serves. Fills a data directory through the hub core
// (bench/restart_bench_fill.h, --sync=none), closes it cleanly, then starts
// the real opsroom-hub binary (--insecure, 127.0.0.1, a free port) and times
// until a client has its Welcome AND a SnapshotRequest and a ReplayRequest
// are answered. Then the unclean case: a child adds events with every batch
// synced and kills itself with SIGKILL, so that the next start recovers the
// WAL; its rate (events/s, every batch synced) is ingest into a store that
// size. --sweep also times the plan of a retention sweep over the whole log; --as-of K
// the state at K past sequences (bench/as_of_timing.h). Figures, not a test: it prints numbers and
// exits 0 unless it could not measure.
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <zmq.hpp>

#include "bench/as_of_timing.h"
#include "bench/restart_bench_fill.h"
#include "hub/retention.h"
#include "frame_generated.h"
#include "wire/frame_builder.h"
#include "wire/protocol_constants.h"

namespace opsroom::bench {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kServeTimeout = std::chrono::minutes(10);
constexpr auto kStopTimeout = std::chrono::seconds(60);

struct Options {
  uint64_t events = 1'000'000;
  std::string data;  // reuse this directory when it holds a log; empty: a temp dir, removed after
  std::string hub;   // the opsroom-hub binary; empty: ../hub/opsroom-hub beside this program
  int repeats = 3;
  uint64_t unclean_events = 150'000;  // added (synced) before each kill -9
  bool keep = false;
  bool sweep = false;  // also time a retention sweep's plan with every event old
  uint64_t as_of = 0;  // also time the state at this many past sequences
};

int Usage(const std::string& error) {
  std::fprintf(stderr,
               "opsroom-bench-restart: %s\n"
               "usage: opsroom-bench-restart [--events N (default 1000000)] [--data DIR (reuse a filled dir)]\n"
               "                             [--hub PATH] [--repeats R (3)] [--unclean-events M (150000)] [--keep]\n"
               "                             [--sweep (time a retention sweep's plan, every event old)]\n"
               "                             [--as-of K (time the state at K past sequences)]\n",
               error.c_str());
  return 2;
}

std::optional<Options> Parse(int argc, char** argv, int* exit_code) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::optional<std::string> {
      if (i + 1 >= argc) return std::nullopt;
      return std::string(argv[++i]);
    };
    auto number = [&](uint64_t* out) {
      auto v = value();
      if (!v || v->empty() || v->find_first_not_of("0123456789") != std::string::npos) return false;
      *out = std::stoull(*v);
      return true;
    };
    uint64_t repeats = 0;
    bool ok = true;
    if (arg == "--events") ok = number(&options.events) && options.events > 0;
    else if (arg == "--unclean-events") ok = number(&options.unclean_events);
    else if (arg == "--repeats") ok = number(&repeats) && repeats > 0 && repeats < 100, options.repeats = int(repeats);
    else if (arg == "--data") ok = (options.data = value().value_or("")) != "";
    else if (arg == "--hub") ok = (options.hub = value().value_or("")) != "";
    else if (arg == "--keep") options.keep = true;
    else if (arg == "--sweep") options.sweep = true;
    else if (arg == "--as-of") ok = number(&options.as_of) && options.as_of < 1000;
    else ok = false;
    if (!ok) return *exit_code = Usage("bad or unknown option " + arg), std::nullopt;
  }
  return options;
}

// Two consecutive free loopback ports (the hub binds P for ROUTER and P+1 for PUB).
int FreePortPair() {
  for (int attempt = 0; attempt < 50; ++attempt) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    bind(fd, reinterpret_cast<sockaddr*>(&address), size);
    getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
    int port = ntohs(address.sin_port);
    int next = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in second = address;
    second.sin_port = htons(static_cast<uint16_t>(port + 1));
    bool both = port < 65535 && bind(next, reinterpret_cast<sockaddr*>(&second), sizeof second) == 0;
    close(next);
    close(fd);
    if (both) return port;
  }
  return 0;
}

uint64_t WalBytes(const std::string& dir) {
  uint64_t total = 0;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    if (entry.path().extension() == ".log") total += entry.file_size(error);
  }
  return total;
}

uint64_t DirBytes(const std::string& dir) {
  uint64_t total = 0;
  std::error_code error;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir, error)) {
    if (entry.is_regular_file(error)) total += entry.file_size(error);
  }
  return total;
}

struct Timing {
  bool ok = false;
  std::string error;
  double welcome_s = 0;  // process start -> Welcome
  double serving_s = 0;  // process start -> Welcome, snapshot page and replay page all in hand
  uint64_t hub_seq = 0;
};

// Waits for one reply frame on `client` until `deadline`; nullopt on timeout.
std::optional<zmq::message_t> Receive(zmq::socket_t& client, Clock::time_point deadline) {
  while (Clock::now() < deadline) {
    zmq::pollitem_t item{client.handle(), 0, ZMQ_POLLIN, 0};
    zmq::poll(&item, 1, std::chrono::milliseconds(20));
    zmq::message_t reply;
    if ((item.revents & ZMQ_POLLIN) && client.recv(reply, zmq::recv_flags::dontwait)) return reply;
  }
  return std::nullopt;
}

bool StopHub(pid_t pid) {
  kill(pid, SIGTERM);
  auto deadline = Clock::now() + kStopTimeout;
  int status = 0;
  while (Clock::now() < deadline) {
    if (waitpid(pid, &status, WNOHANG) == pid) return WIFEXITED(status) && WEXITSTATUS(status) == 0;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  kill(pid, SIGKILL);
  waitpid(pid, &status, 0);
  return false;
}

// Starts the hub binary on `dir` and times it until it serves; then
// `while_serving`, if given, with the client's session and the hub's sequence.
Timing TimeStart(const Options& options, const std::string& dir,
                 const std::function<void(zmq::socket_t&, uint64_t)>& while_serving = nullptr) {
  Timing timing;
  int port = FreePortPair();
  if (port == 0) return timing.error = "no free port pair", timing;
  std::string endpoint = "tcp://127.0.0.1:" + std::to_string(port);
  zmq::context_t context(1);
  zmq::socket_t client(context, zmq::socket_type::dealer);
  client.set(zmq::sockopt::linger, 0);
  client.set(zmq::sockopt::reconnect_ivl, 5);  // reconnect attempts every 5 ms until the hub binds
  client.connect(endpoint);
  // Queued on the connecting pipe; delivered as soon as the hub accepts.
  client.send(zmq::buffer(wire::BuildHello("ME-RESTART", "ME", wire::ClientRole::NationalNode, "restart/1",
                                           wire::kProtocolVersion)),
              zmq::send_flags::none);
  std::fflush(nullptr);  // or the child's freopen would write our buffered lines again
  auto start = Clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    // The hub's own output would interleave with the figures.
    std::freopen("/dev/null", "w", stdout);
    std::freopen((dir + ".hub-stderr").c_str(), "w", stderr);
    execl(options.hub.c_str(), options.hub.c_str(), "--insecure", "--data", dir.c_str(), "--bind", endpoint.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  auto deadline = start + kServeTimeout;
  auto seconds = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };
  auto welcome = Receive(client, deadline);
  const wire::Frame* frame = welcome ? wire::GetFrame(welcome->data()) : nullptr;
  if (frame == nullptr || frame->body_as_Welcome() == nullptr) {
    StopHub(pid);
    return timing.error = "no Welcome (see " + dir + ".hub-stderr)", timing;
  }
  timing.welcome_s = seconds();
  timing.hub_seq = frame->body_as_Welcome()->hub_seq();
  uint64_t from = timing.hub_seq > 999 ? timing.hub_seq - 999 : 1;
  client.send(zmq::buffer(wire::BuildSnapshotRequest(1, 0, 1000)), zmq::send_flags::none);
  client.send(zmq::buffer(wire::BuildReplayRequest(2, from, 1000)), zmq::send_flags::none);
  bool snapshot = false, replay = false;
  for (int replies = 0; replies < 2; ++replies) {
    auto reply = Receive(client, deadline);
    if (!reply) break;
    const wire::Frame* answer = wire::GetFrame(reply->data());
    snapshot = snapshot || answer->body_as_SnapshotPage() != nullptr;
    replay = replay || (answer->body_as_ReplayPage() != nullptr && answer->body_as_ReplayPage()->events() != nullptr &&
                        answer->body_as_ReplayPage()->events()->size() > 0);
  }
  timing.serving_s = seconds();
  if (while_serving && snapshot && replay) while_serving(client, timing.hub_seq);
  bool stopped = StopHub(pid);
  if (!snapshot || !replay) return timing.error = "snapshot or replay not answered", timing;
  if (!stopped) return timing.error = "the hub did not stop cleanly on SIGTERM", timing;
  timing.ok = true;
  return timing;
}

void PrintRuns(const char* label, std::vector<Timing> runs) {
  std::vector<double> serving, welcome;
  for (const Timing& t : runs) {
    if (!t.ok) continue;
    serving.push_back(t.serving_s);
    welcome.push_back(t.welcome_s);
  }
  if (serving.empty()) return;
  std::sort(serving.begin(), serving.end());
  std::sort(welcome.begin(), welcome.end());
  std::printf("%-34s serving min %.3f s, median %.3f s   (Welcome min %.3f s, median %.3f s)\n", label, serving[0],
              serving[serving.size() / 2], welcome[0], welcome[welcome.size() / 2]);
}

// The worker-thread half of a retention sweep (hub/retention.h) with every
// event older than the limit: one pass over the log's old part and one over
// the state families, on the hub's stopped store.
void TimeSweepPlan(const std::string& dir) {
  hub::OpenResult opened = hub::OpenRocksStore({dir, false, true});
  if (!opened.status.ok())
    return static_cast<void>(std::fprintf(stderr, "sweep: %s\n", opened.status.message().c_str()));
  auto start = Clock::now();
  hub::SweepPlan plan = hub::PlanSweep(*opened.store, INT64_MAX, hub::Retention::kMaxExaminedPerSweep);
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("retention sweep plan: %llu events examined, %zu removable, %llu kept for state in %.2f s%s%s\n",
              static_cast<unsigned long long>(plan.below_seq - plan.from_seq), plan.removable.size(),
              static_cast<unsigned long long>(plan.kept), seconds, plan.error.empty() ? "" : " ERROR ",
              plan.error.c_str());
}

int Run(Options options) {
  if (options.hub.empty()) {
    options.hub =
        (std::filesystem::read_symlink("/proc/self/exe").parent_path().parent_path() / "hub/opsroom-hub").string();
  }
  if (!std::filesystem::exists(options.hub)) return Usage("no hub binary at " + options.hub + " (use --hub PATH)");
  bool temp = options.data.empty();
  std::string dir =
      temp ? (std::filesystem::temp_directory_path() / ("opsroom-restart-" + std::to_string(getpid()))).string()
           : options.data;
  bool filled = !temp && std::filesystem::exists(dir + "/CURRENT");
  if (!filled) {
    std::printf("filling %s with %llu events (512-byte alerts from 7 nodes, every 10th an action; sync off)...\n",
                dir.c_str(), static_cast<unsigned long long>(options.events));
    std::fflush(stdout);
    FillResult fill = FillStore(dir, options.events, false);
    if (!fill.ok) return std::fprintf(stderr, "fill failed: %s\n", fill.error.c_str()), 1;
    std::printf("filled: %llu events in %.1f s (%.0f events/s), hub_seq %llu\n",
                static_cast<unsigned long long>(fill.stored), fill.seconds, double(fill.stored) / fill.seconds,
                static_cast<unsigned long long>(fill.hub_seq));
  } else {
    std::printf("reusing %s\n", dir.c_str());
  }
  std::printf("data dir %.2f GB, WAL %.0f MB\n", double(DirBytes(dir)) / 1e9, double(WalBytes(dir)) / 1e6);
  std::fflush(stdout);

  // The first start after the fill recovers the fill's unflushed WAL tail;
  // the next ones start from a store the previous hub run closed.
  std::vector<Timing> clean;
  for (int run = 0; run <= options.repeats; ++run) {
    uint64_t wal = WalBytes(dir);
    Timing t = TimeStart(options, dir);
    if (!t.ok) return std::fprintf(stderr, "start %d failed: %s\n", run, t.error.c_str()), 1;
    std::printf("  clean start %d: WAL %6.0f MB -> Welcome %.3f s, serving %.3f s (hub_seq %llu)%s\n", run,
                double(wal) / 1e6, t.welcome_s, t.serving_s, static_cast<unsigned long long>(t.hub_seq),
                run == 0 && !filled ? "  [first after the fill]" : "");
    std::fflush(stdout);
    if (run > 0) clean.push_back(t);
  }
  PrintRuns("clean restarts (runs 1..R):", clean);
  if (options.as_of > 0) {
    std::printf("the state at past sequences (protocol.md 8.1.1), all pages, 1,000 events a page:\n");
    std::fflush(stdout);
    auto as_of = [&](zmq::socket_t& client, uint64_t hub_seq) {
      TimeStateAsOf(client, hub_seq, static_cast<int>(options.as_of));
    };
    if (Timing t = TimeStart(options, dir, as_of); !t.ok) std::fprintf(stderr, "as-of run: %s\n", t.error.c_str());
  }

  std::vector<Timing> unclean;
  for (int run = 0; run < options.repeats && options.unclean_events > 0; ++run) {
    FillResult added = FillThenKillSelf(dir, options.unclean_events);
    if (!added.ok) return std::fprintf(stderr, "unclean fill failed: %s\n", added.error.c_str()), 1;
    uint64_t wal = WalBytes(dir);
    Timing t = TimeStart(options, dir);
    if (!t.ok) return std::fprintf(stderr, "unclean start %d failed: %s\n", run, t.error.c_str()), 1;
    if (t.hub_seq != added.hub_seq) {
      return std::fprintf(stderr, "after kill -9 the hub is at %llu, not %llu\n",
                          static_cast<unsigned long long>(t.hub_seq), static_cast<unsigned long long>(added.hub_seq)),
             1;
    }
    std::printf(
        "  kill -9 after %llu synced events (added at %.0f/s): WAL %6.0f MB -> Welcome %.3f s, serving %.3f s "
        "(hub_seq %llu)\n",
        static_cast<unsigned long long>(added.stored), double(added.stored) / added.seconds, double(wal) / 1e6,
        t.welcome_s, t.serving_s, static_cast<unsigned long long>(t.hub_seq));
    std::fflush(stdout);
    unclean.push_back(t);
  }
  PrintRuns("after kill -9 (WAL recovery):", unclean);
  if (options.sweep) TimeSweepPlan(dir);
  if (temp && !options.keep) {
    std::filesystem::remove_all(dir);
    std::filesystem::remove_all(dir + "-audit");  // the hub's default audit key directory, beside its data
  }
  std::filesystem::remove(dir + ".hub-stderr");
  return 0;
}

}  // namespace
}  // namespace opsroom::bench

int main(int argc, char** argv) {
  int exit_code = 0;
  auto options = opsroom::bench::Parse(argc, argv, &exit_code);
  if (!options) return exit_code;
  return opsroom::bench::Run(*options);
}
