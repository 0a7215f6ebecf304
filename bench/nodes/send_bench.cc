// send_bench: the figures of issue 21. `opsroom-node send --json FILE` of N
// valid alert lines (the real binary, a child process) into a real hub on
// loopback (in this process, sync full, plain text), against the node
// library's own publishers in the same run: StoreAndForwardPublisher (the
// outbox, SubmitBatch of 1000: the durability send has) and the plain
// Publisher (no outbox); and, on a 1/100 sample, StoreAndForwardPublisher
// with one Submit (one sync) per report, as send did before. With
// --sync-delay-us D the run executes itself again under
// libopsroom_sync_delay.so: every fsync/fdatasync of the hub, the outboxes and
// send takes D µs more (a slow disk), and send's syncs are counted.
//   opsroom-bench-send [--lines 200000] [--sync-delay-us 0] [--dir DIR] [--keep]
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <string>
#include <thread>

#include "hub/hub_server.h"
#include "nodes/client/envelope_builder.h"
#include "nodes/client/publisher.h"
#include "nodes/client/store_forward.h"
#include "nodes/client/zmq_link.h"

namespace {

using Clock = std::chrono::steady_clock;
using opsroom::nodes::WallNowMs;

struct Options {
  uint64_t lines = 200'000;
  long sync_delay_us = 0;
  std::string dir;
  bool keep = false;
};

struct Figure {
  bool ok = false;
  uint64_t acked = 0;
  double seconds = 0;
  double cpu_seconds = 0;  // send's own CPU time (user + system), 0 when not measured
  double rate() const { return seconds > 0 ? static_cast<double>(acked) / seconds : 0; }
};

double Seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

bool Parse(int argc, char** argv, Options* o) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    bool value = i + 1 < argc;
    if (arg == "--lines" && value) o->lines = std::stoull(argv[++i]);
    else if (arg == "--sync-delay-us" && value) o->sync_delay_us = std::stol(argv[++i]);
    else if (arg == "--dir" && value) o->dir = argv[++i];
    else if (arg == "--keep") o->keep = true;
    else return false;
  }
  return o->lines > 0 && o->sync_delay_us >= 0;
}

// Runs this program again with the slow disk preloaded (once: the variable marks it).
void ReexecOnASlowDisk(const Options& o, char** argv) {
  if (o.sync_delay_us == 0 || std::getenv("OPSROOM_SYNC_DELAY_US") != nullptr) return;
  setenv("OPSROOM_SYNC_DELAY_US", std::to_string(o.sync_delay_us).c_str(), 1);
  setenv("OPSROOM_SYNC_COUNT_FILE", (o.dir + "/syncs").c_str(), 1);
  setenv("LD_PRELOAD", OPSROOM_SYNC_DELAY_LIBRARY, 1);
  execv("/proc/self/exe", argv);
  std::cerr << "send_bench: cannot run again with " << OPSROOM_SYNC_DELAY_LIBRARY << '\n';
  std::exit(1);
}

opsroom::nodes::AlertSpec Alert(const std::string& alert_id, int64_t observed_ms) {
  opsroom::nodes::AlertSpec alert;
  alert.alert_id = alert_id;
  alert.title = "Truck with cigarettes at Bar";
  alert.place_code = "PORT-ME-BAR";
  alert.observed_at_ms = observed_ms;
  return alert;
}

void WriteLines(const std::string& path, uint64_t lines) {
  std::ofstream out(path);
  std::string observed = std::to_string(WallNowMs() - 60'000);
  for (uint64_t i = 1; i <= lines; ++i) {
    out << R"({"payload_type": "Alert", "payload": {"alert_id": "ME-BP:S-)" << i
        << R"(", "title": "Truck with cigarettes at Bar", "place_code": "PORT-ME-BAR", "observed_at_ms": )" << observed
        << "}}\n";
  }
}

// opsroom-node send, a child process; acked: the lines answered ok.
Figure TimeSend(const Options& o, const opsroom::hub::HubServer& hub, uint64_t* duplicates, pid_t* child) {
  Figure figure;
  std::string out = o.dir + "/send.out";
  std::vector<std::string> args = {OPSROOM_NODE_BINARY,
                                   "--id",
                                   "ME-BP",
                                   "--hub",
                                   hub.router_endpoint(),
                                   "--fanout",
                                   hub.pub_endpoint(),
                                   "--outbox",
                                   o.dir + "/send-outbox",
                                   "--timeout",
                                   "30000",
                                   "send",
                                   "--json",
                                   o.dir + "/lines.jsonl"};
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  std::cout.flush();
  auto start = Clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    if (!std::freopen(out.c_str(), "w", stdout)) _exit(126);
    execv(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  figure.seconds = Seconds(start);
  figure.cpu_seconds = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                       static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  *child = pid;
  std::ifstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    if (line.find(" ok hub_seq=") == std::string::npos) continue;
    ++figure.acked;
    if (line.find(" duplicate") != std::string::npos) ++*duplicates;
  }
  figure.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0 && figure.acked == o.lines;
  return figure;
}

// The library with its outbox: groups of `group` reports in one synced write
// each (1: Submit, one sync per report, as send did before issue 21).
Figure TimeStoreAndForward(const Options& o, zmq::context_t& context, const opsroom::hub::HubServer& hub,
                           const std::string& node_id, uint64_t lines, std::size_t group) {
  opsroom::nodes::StoreForwardConfig config;
  config.publisher.hub_endpoint = hub.router_endpoint();
  config.publisher.node_id = node_id;
  config.publisher.country = "ME";
  config.outbox_dir = o.dir + "/outbox-" + node_id;
  config.status_endpoint = hub.pub_endpoint();
  config.jitter_seed = 1;
  std::string error;
  auto node = opsroom::nodes::StoreAndForwardPublisher::Open(context, config, &error);
  if (!node) return std::cerr << "send_bench: " << error << '\n', Figure{};
  int64_t observed = WallNowMs() - 60'000;
  auto build = [&](uint64_t node_seq) {
    opsroom::nodes::EnvelopeHeader header;
    header.origin = node_id;
    header.country = "ME";
    header.node_seq = node_seq;
    header.sent_at_ms = WallNowMs();
    return opsroom::nodes::BuildEnvelope(header, Alert(node_id + ":L-" + std::to_string(node_seq), observed));
  };
  auto start = Clock::now();
  for (uint64_t done = 0; done < lines;) {
    std::size_t n = static_cast<std::size_t>(std::min<uint64_t>(group, lines - done));
    if (!node->SubmitBatch(n, build)) return std::cerr << "send_bench: SubmitBatch refused\n", Figure{};
    done += n;
    node->Poll(0);
  }
  Figure figure;
  figure.ok = node->Drain(600'000);
  figure.seconds = Seconds(start);
  figure.acked = node->Status().acked;
  return figure;
}

// The plain Publisher: no outbox, a window of 1000 in flight.
Figure TimePublisher(const Options& o, zmq::context_t& context, const opsroom::hub::HubServer& hub) {
  opsroom::nodes::PublisherConfig config;
  config.hub_endpoint = hub.router_endpoint();
  config.node_id = "ME-UP";
  config.country = "ME";
  opsroom::nodes::Publisher publisher(context, config);
  if (!publisher.Connect()) return std::cerr << "send_bench: the Publisher could not connect\n", Figure{};
  int64_t observed = WallNowMs() - 60'000;
  Figure figure;
  auto start = Clock::now();
  for (uint64_t i = 1; i <= o.lines; ++i) {
    opsroom::nodes::EnvelopeHeader header;
    header.origin = "ME-UP";
    header.country = "ME";
    header.node_seq = publisher.NextNodeSeq();
    header.sent_at_ms = WallNowMs();
    auto envelope = opsroom::nodes::BuildEnvelope(header, Alert("ME-UP:P-" + std::to_string(i), observed));
    if (!publisher.Publish(envelope)) return std::cerr << "send_bench: Publish failed\n", Figure{};
  }
  figure.ok = publisher.Flush(600'000);
  figure.seconds = Seconds(start);
  for (const auto& outcome : publisher.TakeOutcomes()) figure.acked += outcome.acknowledged() ? 1 : 0;
  return figure;
}

uint64_t SyncsOf(const Options& o, pid_t pid) {
  std::ifstream counts(o.dir + "/syncs");
  long child = 0;
  uint64_t syncs = 0;
  while (counts >> child >> syncs) {
    if (child == pid) return syncs;
  }
  return 0;
}

void Print(const char* what, const Figure& figure) {
  std::cout << std::left << std::setw(50) << what << std::right << std::setw(8) << figure.acked << " acked in "
            << std::setprecision(2) << std::setw(6) << figure.seconds << " s = " << std::setprecision(0) << std::setw(7)
            << figure.rate() << " lines/s" << (figure.ok ? "" : "  (INCOMPLETE)");
  if (figure.cpu_seconds > 0) std::cout << std::setprecision(2) << " (its CPU: " << figure.cpu_seconds << " s)";
  std::cout << '\n';
}

}  // namespace

const char kUsage[] =
    "usage: opsroom-bench-send [--lines N] [--sync-delay-us D] [--dir DIR] [--keep]\n"
    "  times opsroom-node send --json of N alert lines (default 200000) into a hub on loopback, and the node\n"
    "  library's StoreAndForwardPublisher and Publisher with as many alerts, in the same run; D > 0 runs it all\n"
    "  on a disk whose fsync/fdatasync take D microseconds more (LD_PRELOAD of libopsroom_sync_delay.so).\n";

int main(int argc, char** argv) {
  Options o;
  if (!Parse(argc, argv, &o)) return std::cerr << kUsage, 2;
  bool own_dir = o.dir.empty();
  if (own_dir) o.dir = (std::filesystem::temp_directory_path() / "opsroom-send-bench").string();
  if (std::getenv("OPSROOM_SYNC_DELAY_US") == nullptr) {
    std::filesystem::remove_all(o.dir);
    std::filesystem::create_directories(o.dir);
  }
  ReexecOnASlowDisk(o, argv);
  WriteLines(o.dir + "/lines.jsonl", o.lines);

  opsroom::hub::HubConfig hub_config;
  hub_config.data_dir = o.dir + "/hub";
  hub_config.bind = "tcp://127.0.0.1:*";
  hub_config.pub_bind = "tcp://127.0.0.1:*";
  hub_config.insecure = true;  // loopback only; the bench measures sending, not CurveZMQ
  opsroom::hub::HubServer hub(hub_config);
  if (auto started = hub.Start(); !started.ok) return std::cerr << "send_bench: hub: " << started.error << '\n', 1;
  std::thread hub_thread([&hub] { hub.Run(); });
  zmq::context_t context(1);

  uint64_t duplicates = 0;
  pid_t send_pid = 0;
  std::cout << std::fixed << o.lines << " alerts each; extra sync latency " << o.sync_delay_us << " us; "
            << std::thread::hardware_concurrency() << " cores\n";
  Figure send = TimeSend(o, hub, &duplicates, &send_pid);
  Print("opsroom-node send --json FILE", send);
  Figure outbox = TimeStoreAndForward(o, context, hub, "ME-CU", o.lines, 1000);
  Print("library StoreAndForwardPublisher (batch 1000)", outbox);
  // What group commit buys: one sync per report, on a 1/100 sample.
  Figure one_by_one = TimeStoreAndForward(o, context, hub, "ME-SF", std::max<uint64_t>(o.lines / 100, 1), 1);
  Print("library StoreAndForwardPublisher (Submit, 1/100)", one_by_one);
  Figure plain = TimePublisher(o, context, hub);
  Print("library Publisher (no outbox)", plain);
  std::cout << std::setprecision(2)
            << "send / StoreAndForwardPublisher = " << send.rate() / std::max(outbox.rate(), 1.0)
            << "x, send / Publisher = " << send.rate() / std::max(plain.rate(), 1.0)
            << "x; duplicates printed by send: " << duplicates << '\n';
  if (o.sync_delay_us > 0) std::cout << "send's fsync/fdatasync calls: " << SyncsOf(o, send_pid) << '\n';
  hub.RequestStop();
  hub_thread.join();
  if (own_dir && !o.keep) std::filesystem::remove_all(o.dir);
  return send.ok && outbox.ok && one_by_one.ok && plain.ok ? 0 : 1;
}
