#include "hub/control.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <filesystem>

#include "hub/backup.h"

namespace opsroom::hub {

namespace {

constexpr int kPollMs = 100;  // how soon the thread notices a stop
constexpr std::string_view kBackup = "backup ";
constexpr std::string_view kPing = "ping";

int64_t NowMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// A stale or foreign socket file would make libzmq retry the connect silently
// until the timeout: say what is wrong before connecting.
std::string CheckSocketFile(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return "no control socket " + path + " (" + std::strerror(errno) +
           "): the hub holding the store did not open one; stop it to take the backup directly";
  }
  if (!S_ISSOCK(st.st_mode)) return path + " is not a socket";
  if (::access(path.c_str(), W_OK) != 0) {
    return "cannot use the control socket " + path + " (" + std::strerror(errno) +
           "): run the backup as the hub's user";
  }
  return {};
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
  if (request == kPing) return "pong";
  if (request.rfind(kBackup, 0) != 0) return "error unknown request (expected \"ping\" or \"backup DIR\")";
  BackupTaken record;
  record.target = request.substr(kBackup.size());
  ToolResult taken = TakeCheckpoint(store_, record.target, &record.hub_seq);
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

std::string RequestBackup(const std::string& data_dir, const std::string& to_dir, int first_reply_ms, int timeout_ms,
                          uint64_t* hub_seq) {
  std::string endpoint = ControlEndpoint(data_dir);
  if (std::string unusable = CheckSocketFile(endpoint.substr(6)); !unusable.empty()) return unusable;
  zmq::context_t context(1);
  zmq::socket_t socket(context, zmq::socket_type::req);
  socket.set(zmq::sockopt::linger, 0);
  socket.set(zmq::sockopt::rcvtimeo, first_reply_ms);
  socket.connect(endpoint);
  zmq::message_t reply;
  socket.send(zmq::buffer(kPing), zmq::send_flags::none);
  if (!socket.recv(reply)) {
    return "the hub on " + data_dir + " did not answer on " + endpoint + " within " + std::to_string(first_reply_ms) +
           " ms (a stale socket of a hub that is gone?)";
  }
  socket.set(zmq::sockopt::rcvtimeo, timeout_ms);
  socket.send(zmq::buffer(std::string(kBackup) + to_dir), zmq::send_flags::none);
  if (!socket.recv(reply)) {
    return "the hub on " + data_dir + " did not finish the backup within " + std::to_string(timeout_ms) + " ms";
  }
  std::string text = reply.to_string();
  if (text.rfind("error ", 0) == 0) {
    // An empty text must still read as a failure: the caller takes "" for success.
    return text.size() > 6 ? text.substr(6) : "the hub refused the backup without saying why";
  }
  if (text.rfind("ok ", 0) != 0) return "unexpected answer: " + text;
  // Read without throwing: an answer that is not "ok <digits>" is an error, not an abort.
  const char* digits = text.data() + 3;
  const char* end = text.data() + text.size();
  auto [stop, error] = std::from_chars(digits, end, *hub_seq);
  if (error != std::errc() || stop != end) return "unexpected answer: " + text;
  return {};
}

}  // namespace opsroom::hub
