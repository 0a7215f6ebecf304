// The hub's Prometheus endpoint: GET /metrics on its own HTTP thread
// (cpp-httplib), loopback by default. It reads the hub's atomic counters and
// the last HubStatus the loop thread handed over; it writes nothing, so
// scraping it leaves no audit record (unlike StatsRequest, which is a
// session). Start and Stop from the hub's thread; Publish from the loop.
#pragma once
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "hub/stats.h"
#include "wire/frame_builder.h"

namespace httplib {
class Server;
}

namespace opsroom::hub {

class MetricsServer {
 public:
  MetricsServer(const Stats& stats, std::string data_dir);
  ~MetricsServer();
  MetricsServer(const MetricsServer&) = delete;
  MetricsServer& operator=(const MetricsServer&) = delete;

  // "127.0.0.1:9464", "[::1]:9464" or ":9464" (loopback); empty when
  // listening, else why not.
  std::string Start(const std::string& address);
  void Stop();
  int port() const { return port_; }

  // The loop thread's latest HubStatus (nodes, hub id) for the next scrape.
  void Publish(const wire::HubStatusFields& status);

 private:
  std::string Render();

  const Stats& stats_;
  const std::string data_dir_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
  std::mutex status_mutex_;
  wire::HubStatusFields status_;
};

// "HOST:PORT" -> host and port (0: any free one); false for anything else.
bool SplitHostPort(const std::string& address, std::string* host, int* port);

}  // namespace opsroom::hub
