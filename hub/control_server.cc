#include "hub/control_server.h"

#include <sys/stat.h>

#include <cerrno>
#include <chrono>
#include <filesystem>

#include "hub/checkpoint.h"

namespace opsroom::hub {

namespace {

constexpr int kPollMs = 100;  // how soon the thread notices a stop

int64_t NowMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

std::string ControlEndpoint(const std::string& data_dir) {
  return "ipc://" + std::filesystem::absolute(data_dir).lexically_normal().string() + "/control";
}

ControlServer::ControlServer(zmq::context_t& context, const std::string& data_dir, Store& store)
    : context_(context), data_dir_(data_dir), store_(store), socket_(context, zmq::socket_type::rep) {}

ControlServer::~ControlServer() {
  stop_.store(true);
  if (thread_.joinable()) thread_.join();
}

std::string ControlServer::Start() {
  std::string endpoint = ControlEndpoint(data_dir_);
  // Only the hub's own user may ask for backups: libzmq binds in this thread
  // and creates the socket file with the umask's mode, so the umask closes the
  // window before the chmod below.
  mode_t previous_umask = ::umask(077);
  try {
    socket_.set(zmq::sockopt::linger, 0);
    socket_.bind(endpoint);
  } catch (const zmq::error_t& e) {
    ::umask(previous_umask);
    return "cannot bind the control socket " + endpoint + ": " + e.what();
  }
  ::umask(previous_umask);
  std::string path = endpoint.substr(6);
  if (::chmod(path.c_str(), 0600) != 0) return "cannot restrict " + path + " to its owner";
  thread_ = std::thread([this] { ThreadMain(); });
  return {};
}

void ControlServer::ThreadMain() {
  while (!stop_.load()) {
    zmq::pollitem_t item{socket_.handle(), 0, ZMQ_POLLIN, 0};
    try {
      if (zmq::poll(&item, 1, std::chrono::milliseconds(kPollMs)) == 0) continue;
      zmq::message_t request;
      if (!socket_.recv(request, zmq::recv_flags::dontwait)) continue;
      std::string reply = Handle(request.to_string());
      socket_.send(zmq::buffer(reply), zmq::send_flags::none);
    } catch (const zmq::error_t& e) {
      if (e.num() != EINTR) break;
    }
  }
  socket_.close();  // on this thread, which alone used it
}

std::string ControlServer::Handle(const std::string& request) {
  if (request == kControlPing) return "pong";
  if (request.rfind(kControlBackup, 0) != 0) return "error unknown request (expected \"ping\" or \"backup DIR\")";
  BackupTaken record;
  record.target = request.substr(kControlBackup.size());
  wire::Status taken = TakeCheckpoint(store_, record.target, &record.hub_seq);
  record.at_ms = NowMs();
  record.error = taken.error;
  {
    std::lock_guard lock(taken_mutex_);
    if (taken_.size() < kMaxPendingRecords) {
      record.unrecorded_before = std::exchange(unrecorded_, 0);
      taken_.push_back(std::move(record));
    } else {
      ++unrecorded_;
    }
  }
  return taken.ok ? "ok " + std::to_string(record.hub_seq) : "error " + taken.error;
}

std::vector<BackupTaken> ControlServer::TakeBackupsTaken() {
  std::lock_guard lock(taken_mutex_);
  return std::exchange(taken_, {});
}

}  // namespace opsroom::hub
