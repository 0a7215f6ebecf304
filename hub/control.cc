#include "hub/control.h"

#include <sys/stat.h>

#include <filesystem>

#include "hub/backup.h"

namespace opsroom::hub {

namespace {

constexpr int kPollMs = 100;  // how soon the thread notices a stop
constexpr std::string_view kBackup = "backup ";

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
  try {
    socket_.set(zmq::sockopt::linger, 0);
    socket_.bind(endpoint);
  } catch (const zmq::error_t& e) {
    return "cannot bind the control socket " + endpoint + ": " + e.what();
  }
  // Only the hub's own user may ask for backups.
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
  if (request.rfind(kBackup, 0) != 0) return "error unknown request (expected \"backup DIR\")";
  uint64_t hub_seq = 0;
  ToolResult taken = TakeCheckpoint(store_, request.substr(kBackup.size()), &hub_seq);
  return taken.ok ? "ok " + std::to_string(hub_seq) : "error " + taken.error;
}

std::string RequestBackup(const std::string& data_dir, const std::string& to_dir, int timeout_ms, uint64_t* hub_seq) {
  zmq::context_t context(1);
  zmq::socket_t socket(context, zmq::socket_type::req);
  socket.set(zmq::sockopt::linger, 0);
  socket.set(zmq::sockopt::rcvtimeo, timeout_ms);
  socket.connect(ControlEndpoint(data_dir));
  socket.send(zmq::buffer(std::string(kBackup) + to_dir), zmq::send_flags::none);
  zmq::message_t reply;
  if (!socket.recv(reply)) {
    return "the hub on " + data_dir + " did not answer on " + ControlEndpoint(data_dir) + " within " +
           std::to_string(timeout_ms) + " ms";
  }
  std::string text = reply.to_string();
  if (text.rfind("ok ", 0) != 0) return text.rfind("error ", 0) == 0 ? text.substr(6) : "unexpected answer: " + text;
  *hub_seq = std::stoull(text.substr(3));
  return {};
}

}  // namespace opsroom::hub
