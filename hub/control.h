// The hub's local control socket, ipc://DATA/control: for the operator's tools
// on the same machine (file permissions 0600, never on the network). Today one
// request: "backup DIR", answered "ok HUB_SEQ" or "error TEXT". Runs on its own
// thread with its own socket, so a backup never stalls ingest.
#pragma once
#include <atomic>
#include <cstdint>
#include <string>
#include <thread>

#include <zmq.hpp>

namespace opsroom::hub {

class Store;

std::string ControlEndpoint(const std::string& data_dir);

class ControlServer {
 public:
  ControlServer(zmq::context_t& context, const std::string& data_dir, Store& store);
  ~ControlServer();  // stops and joins the thread
  ControlServer(const ControlServer&) = delete;
  ControlServer& operator=(const ControlServer&) = delete;

  // Binds and starts the thread; the error text when it cannot bind.
  std::string Start();

 private:
  void ThreadMain();
  std::string Handle(const std::string& request);

  zmq::context_t& context_;
  std::string data_dir_;
  Store& store_;
  zmq::socket_t socket_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// The client side: asks the hub running on `data_dir` for a backup into
// `to_dir` (absolute). Fills hub_seq; the error text otherwise.
std::string RequestBackup(const std::string& data_dir, const std::string& to_dir, int timeout_ms, uint64_t* hub_seq);

}  // namespace opsroom::hub
