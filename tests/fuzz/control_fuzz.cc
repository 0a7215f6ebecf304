// libFuzzer target: the hub's control socket (hub/control.h), both ends, over
// real ZeroMQ ipc. The input is sent as one request to a real ControlServer
// over a real RocksDB store in a private temp directory; it answers "pong",
// "ok HUB_SEQ" or "error TEXT", and a backup it took is recorded for the
// audit trail exactly once. The same input is then the hub's answer to
// RequestBackup, the client the backup tool uses, from a stand-in hub.
// Backup targets are kept inside the temp directory: an absolute target is
// moved under it and ".." is defused (a fuzzer must not write over the
// machine); every backup taken is removed again.
#include <unistd.h>

#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <cerrno>
#include <mutex>
#include <string>
#include <thread>
#include <zmq.hpp>

#include "fuzz/fuzz_support.h"
#include "hub/control_server.h"
#include "hub/tools/control_client.h"
#include "hub/store.h"
#include "tests/support/temp_dir.h"

namespace opsroom::fuzz {
namespace {

namespace fs = std::filesystem;
constexpr const char* kTarget = "control_fuzz";
constexpr std::string_view kBackup = "backup ";
constexpr int kClientWaitMs = 5'000;

std::string MakeWorkDir() {
  std::string dir = opsroom::testing::MakeTempDir("opsroom-control-fuzz");
  if (dir.empty()) std::abort();
  return dir;
}

// The stand-in hub for the client side: answers "pong" to the ping, then the
// reply it is given to the backup request. Runs until the process exits.
class StandInHub {
 public:
  StandInHub(zmq::context_t& context, const std::string& dir) : socket_(context, zmq::socket_type::rep) {
    fs::create_directories(dir);
    socket_.set(zmq::sockopt::linger, 0);
    socket_.bind(hub::ControlEndpoint(dir));
    std::thread([this] { Serve(); }).detach();
  }
  void SetReply(std::string reply) {
    std::lock_guard lock(mutex_);
    reply_ = std::move(reply);
  }

 private:
  void Serve() {
    while (true) {
      zmq::message_t request;
      if (!socket_.recv(request)) continue;
      std::string answer = "pong";
      if (request.to_string() != "ping") {
        std::lock_guard lock(mutex_);
        answer = reply_;
      }
      socket_.send(zmq::buffer(answer), zmq::send_flags::none);
    }
  }
  zmq::socket_t socket_;
  std::mutex mutex_;
  std::string reply_;
};

struct World {
  std::string dir = MakeWorkDir();
  std::string backups = dir + "/backups";
  zmq::context_t context{1};
  std::unique_ptr<hub::Store> store;
  std::unique_ptr<hub::ControlServer> server;
  zmq::socket_t client{context, zmq::socket_type::req};
  std::unique_ptr<StandInHub> stand_in;

  World() {
    fs::create_directories(dir + "/data");
    fs::create_directories(backups);
    hub::OpenResult opened = hub::OpenRocksStore({dir + "/data", false, false});
    if (!opened.status.ok()) std::abort();
    store = std::move(opened.store);
    server = std::make_unique<hub::ControlServer>(context, dir + "/data", *store);
    if (!server->Start().empty()) std::abort();
    client.set(zmq::sockopt::linger, 0);
    client.connect(hub::ControlEndpoint(dir + "/data"));
    stand_in = std::make_unique<StandInHub>(context, dir + "/stand-in");
  }
};

World& TheWorld() {
  static World* world = [] {
    auto* w = new World();  // lives as long as the process; its directory is removed at exit
    std::atexit([] {
      std::error_code ignored;
      fs::remove_all(TheWorld().dir, ignored);
    });
    return w;
  }();
  return *world;
}

// The request with its backup target kept under the work directory.
std::string Confined(std::string request, const std::string& backups) {
  if (request.rfind(kBackup, 0) != 0) return request;
  std::string target = request.substr(kBackup.size());
  for (std::size_t at; (at = target.find("..")) != std::string::npos;) target.replace(at, 2, "__");
  if (target.empty() || target[0] != '/') target = "/" + target;
  return std::string(kBackup) + backups + target;
}

// libFuzzer's own timer signals interrupt a blocking recv (EINTR): wait again.
zmq::recv_result_t RecvRetrying(zmq::socket_t& socket, zmq::message_t& message) {
  for (int interrupted = 0; interrupted < 1000; ++interrupted) {
    try {
      return socket.recv(message);
    } catch (const zmq::error_t& error) {
      if (error.num() != EINTR) throw;
    }
  }
  return std::nullopt;
}

void ServerSide(World& world, std::string_view input) {
  std::string request = Confined(std::string(input), world.backups);
  world.client.send(zmq::buffer(request), zmq::send_flags::none);
  zmq::message_t reply;
  Check(RecvRetrying(world.client, reply).has_value(), kTarget, "the control socket did not answer", request);
  std::string answer = reply.to_string();
  bool is_backup = request.rfind(kBackup, 0) == 0;
  if (request == "ping") {
    Check(answer == "pong", kTarget, "ping not answered pong", answer);
  } else if (!is_backup) {
    Check(answer.rfind("error ", 0) == 0, kTarget, "an unknown request not answered with an error", answer);
  } else {
    Check(answer.rfind("ok ", 0) == 0 || answer.rfind("error ", 0) == 0, kTarget,
          "a backup answered neither ok nor error", answer);
  }
  // Every backup request, taken or not, is recorded once for the audit trail.
  std::vector<hub::BackupTaken> taken = world.server->TakeBackupsTaken();
  Check(taken.size() == (is_backup ? 1u : 0u), kTarget, "a backup request not recorded exactly once", request);
  if (is_backup) Check(taken[0].error.empty() == (answer.rfind("ok ", 0) == 0), kTarget, "record and answer disagree");
  std::error_code ignored;
  for (const auto& entry : fs::directory_iterator(world.backups, ignored)) fs::remove_all(entry.path(), ignored);
}

void ClientSide(World& world, std::string_view input) {
  world.stand_in->SetReply(std::string(input));
  uint64_t hub_seq = 0;
  std::string error =
      hub::RequestBackup(world.dir + "/stand-in", world.backups + "/b", kClientWaitMs, kClientWaitMs, &hub_seq);
  bool ok_answer = input.rfind("ok ", 0) == 0;
  if (!ok_answer) Check(!error.empty(), kTarget, "an answer other than ok taken as a backup", input);
}

}  // namespace
}  // namespace opsroom::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace opsroom::fuzz;
  World& world = TheWorld();
  std::string_view input = AsText(data, size);
  ServerSide(world, input);
  ClientSide(world, input);
  return 0;
}
