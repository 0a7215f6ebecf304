#include "hub/tools/control_client.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>

#include <zmq.hpp>

#include "hub/control_server.h"

namespace opsroom::hub {

namespace {

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

// A signal (a terminal resize, the operator's ^Z and fg) interrupts a blocking
// recv with EINTR; that is no answer from the hub: wait again.
zmq::recv_result_t RecvRetrying(zmq::socket_t& socket, zmq::message_t& reply) {
  for (int interrupted = 0; interrupted < 1000; ++interrupted) {
    try {
      return socket.recv(reply);
    } catch (const zmq::error_t& error) {
      if (error.num() != EINTR) throw;
    }
  }
  return std::nullopt;
}

}  // namespace

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
  socket.send(zmq::buffer(kControlPing), zmq::send_flags::none);
  if (!RecvRetrying(socket, reply)) {
    return "the hub on " + data_dir + " did not answer on " + endpoint + " within " + std::to_string(first_reply_ms) +
           " ms (a stale socket of a hub that is gone?)";
  }
  socket.set(zmq::sockopt::rcvtimeo, timeout_ms);
  socket.send(zmq::buffer(std::string(kControlBackup) + to_dir), zmq::send_flags::none);
  if (!RecvRetrying(socket, reply)) {
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
