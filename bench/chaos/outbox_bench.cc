// outbox_bench: the store-and-forward figures of issue 5. Fills a node's
// outbox with N reports while no hub runs (synced batches), measures the bytes
// it takes on disk (as written, and after a reopen has flushed it to SST
// files), then starts a hub in this process and times the node draining it.
//   outbox_bench [--messages 100000] [--size 512] [--batch 1000] [--window 1000]
//                [--sync full|none] [--dir DIR] [--keep]
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <string>
#include <thread>

#include "chaos/traffic.h"
#include "hub/hub_server.h"
#include "nodes/client/store_forward.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  uint64_t messages = 100'000;
  std::size_t size = 512;
  std::size_t batch = 1000;
  std::size_t window = 1000;
  bool sync = true;
  std::string dir;
  bool keep = false;
};

double Seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

uint64_t DirectoryBytes(const std::string& dir) {
  uint64_t bytes = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) bytes += entry.file_size();
  }
  return bytes;
}

void PrintDisk(const char* when, uint64_t bytes, uint64_t messages) {
  double per_message = static_cast<double>(bytes) / static_cast<double>(messages);
  std::cout << "disk " << when << ": " << std::fixed << std::setprecision(1) << static_cast<double>(bytes) / 1e6
            << " MB = " << per_message << " B/message = " << std::setprecision(2) << 1e9 / per_message / 1e6
            << " million messages per GB\n";
}

opsroom::nodes::StoreForwardConfig NodeConfig(const Options& o, const std::string& hub, const std::string& pub) {
  opsroom::nodes::StoreForwardConfig config;
  config.publisher.hub_endpoint = hub;
  config.publisher.node_id = "ME-BP";
  config.publisher.country = "ME";
  config.publisher.max_in_flight = o.window;
  config.outbox_dir = o.dir + "/outbox";
  config.status_endpoint = pub;
  config.jitter_seed = 1;
  return config;
}

bool Parse(int argc, char** argv, Options* o) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    bool value = i + 1 < argc;
    if (arg == "--messages" && value) o->messages = std::stoull(argv[++i]);
    else if (arg == "--size" && value) o->size = std::stoul(argv[++i]);
    else if (arg == "--batch" && value) o->batch = std::stoul(argv[++i]);
    else if (arg == "--window" && value) o->window = std::stoul(argv[++i]);
    else if (arg == "--sync" && value) o->sync = std::string(argv[++i]) != "none";
    else if (arg == "--dir" && value) o->dir = argv[++i];
    else if (arg == "--keep") o->keep = true;
    else return false;
  }
  return o->batch > 0 && o->messages > 0;
}

// Fills the outbox with the hub absent: every batch is one synced write.
bool Fill(const Options& o, zmq::context_t& context) {
  std::string error;
  auto node =
      opsroom::nodes::StoreAndForwardPublisher::Open(context, NodeConfig(o, "tcp://127.0.0.1:1", "none"), &error);
  if (!node) {
    std::cerr << "outbox_bench: " << error << '\n';
    return false;
  }
  auto traffic = opsroom::chaos::TrafficFactory({"ME-BP", "ME", 1, o.size, true});
  std::cout << "envelope size: " << traffic(1).size() << " bytes\n";
  auto start = Clock::now();
  for (uint64_t done = 0; done < o.messages;) {
    std::size_t n = static_cast<std::size_t>(std::min<uint64_t>(o.batch, o.messages - done));
    auto submitted = node->SubmitBatch(n, traffic);
    if (!submitted) {
      std::cerr << "outbox_bench: " << submitted.rejection().text << '\n';
      return false;
    }
    done += n;
  }
  double seconds = Seconds(start);
  std::cout << "fill: " << o.messages << " messages in " << std::setprecision(2) << seconds
            << " s = " << std::setprecision(0) << static_cast<double>(o.messages) / seconds << " messages/s ("
            << (o.messages + o.batch - 1) / o.batch << " synced writes of " << o.batch << ")\n";
  return true;
}

}  // namespace

const char kUsage[] =
    "usage: outbox_bench [--messages N] [--size BYTES] [--batch B] [--window W] [--sync full|none] [--dir DIR] "
    "[--keep]\n"
    "  fills a node's outbox with N reports (default 100000 of 512 bytes, synced batches of 1000) with no hub,\n"
    "  reports the disk it takes (messages per GB, as written and after a reopen), then starts a hub in this\n"
    "  process and reports how fast the node drains it (window: messages in flight).\n";

int main(int argc, char** argv) {
  Options o;
  if (argc == 2 && (std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h")) {
    std::cout << kUsage;
    return 0;
  }
  if (!Parse(argc, argv, &o)) {
    std::cerr << "outbox_bench: unexpected arguments\n" << kUsage;
    return 2;
  }
  bool own_dir = o.dir.empty();
  if (own_dir)
    o.dir = (std::filesystem::temp_directory_path() / ("opsroom-outbox-bench-" + std::to_string(::getpid()))).string();
  std::filesystem::remove_all(o.dir);
  std::filesystem::create_directories(o.dir);
  zmq::context_t context(1);
  std::cout << std::fixed;
  if (!Fill(o, context)) return 1;
  PrintDisk("as written (WAL)", DirectoryBytes(o.dir + "/outbox"), o.messages);

  opsroom::hub::HubConfig hub_config;
  hub_config.data_dir = o.dir + "/hub";
  hub_config.bind = "tcp://127.0.0.1:*";
  hub_config.pub_bind = "tcp://127.0.0.1:*";
  hub_config.sync = o.sync;
  hub_config.insecure = true;  // loopback only; the bench measures the outbox, not CurveZMQ
  opsroom::hub::HubServer hub(hub_config);
  if (auto started = hub.Start(); !started.ok) {
    std::cerr << "outbox_bench: hub: " << started.error << '\n';
    return 1;
  }
  std::thread hub_thread([&hub] { hub.Run(); });

  std::string error;
  auto open_start = Clock::now();
  auto node = opsroom::nodes::StoreAndForwardPublisher::Open(
      context, NodeConfig(o, hub.router_endpoint(), hub.pub_endpoint()), &error);
  if (!node) {
    std::cerr << "outbox_bench: " << error << '\n';
    hub.RequestStop();
    hub_thread.join();
    return 1;
  }
  double open_seconds = Seconds(open_start);
  PrintDisk("after reopen (flushed to SST)", DirectoryBytes(o.dir + "/outbox"), o.messages);
  std::cout << "reopen with " << node->Status().outbox.depth << " pending: " << std::setprecision(3) << open_seconds
            << " s\n";
  auto drain_start = Clock::now();
  bool drained = node->Drain(600'000);
  double seconds = Seconds(drain_start);
  auto status = node->Status();
  std::cout << "drain: " << status.acked << " acknowledged in " << std::setprecision(2) << seconds
            << " s = " << std::setprecision(0) << static_cast<double>(status.acked) / seconds
            << " messages/s (hub sync=" << (o.sync ? "full" : "none") << ", window " << o.window << ", "
            << status.sessions << " session(s))\n";
  node.reset();
  hub.RequestStop();
  hub_thread.join();
  if (own_dir && !o.keep) std::filesystem::remove_all(o.dir);
  return drained ? 0 : 1;
}
