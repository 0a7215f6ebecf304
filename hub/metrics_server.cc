#include "hub/metrics_server.h"

#include <httplib.h>
#include <sys/socket.h>

#include <filesystem>

#include "hub/metrics_text.h"

namespace opsroom::hub {

namespace {

// The data directory's bytes on disk; a file vanishing mid-walk (RocksDB
// compacting) is skipped, not an error.
int64_t DirectoryBytes(const std::string& dir) {
  std::error_code error;
  int64_t total = 0;
  for (std::filesystem::recursive_directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
    std::error_code size_error;
    if (it->is_regular_file(size_error)) {
      const auto size = it->file_size(size_error);
      if (!size_error) total += static_cast<int64_t>(size);
    }
  }
  return total;
}

}  // namespace

bool SplitHostPort(const std::string& address, std::string* host, int* port) {
  const auto colon = address.rfind(':');
  if (colon == std::string::npos) return false;
  std::string digits = address.substr(colon + 1);
  if (digits.empty() || digits.size() > 5 || digits.find_first_not_of("0123456789") != std::string::npos) return false;
  *port = std::stoi(digits);
  if (*port > 65535) return false;  // 0: any free port (tests)
  *host = address.substr(0, colon);
  if (host->size() >= 2 && host->front() == '[' && host->back() == ']') *host = host->substr(1, host->size() - 2);
  if (host->empty()) *host = "127.0.0.1";
  return true;
}

MetricsServer::MetricsServer(const Stats& stats, std::string data_dir)
    : stats_(stats), data_dir_(std::move(data_dir)) {}

MetricsServer::~MetricsServer() { Stop(); }

std::string MetricsServer::Start(const std::string& address) {
  std::string host;
  int port = 0;
  if (!SplitHostPort(address, &host, &port)) return "--metrics wants HOST:PORT (e.g. 127.0.0.1:9464), not " + address;
  server_ = std::make_unique<httplib::Server>();
  // httplib's default also sets SO_REUSEPORT, which would let a second hub
  // on the machine share the port and answer half the scrapes for the first.
  server_->set_socket_options([](int sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  server_->Get("/metrics", [this](const httplib::Request&, httplib::Response& response) {
    response.set_content(Render(), "text/plain; version=0.0.4; charset=utf-8");
  });
  const int bound =
      port == 0 ? server_->bind_to_any_port(host.c_str()) : (server_->bind_to_port(host.c_str(), port) ? port : -1);
  if (bound <= 0) {
    server_.reset();
    return "cannot listen on " + address + " (in use, or not an address of this machine)";
  }
  port_ = bound;
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  return "";
}

void MetricsServer::Stop() {
  if (server_ != nullptr) server_->stop();
  if (thread_.joinable()) thread_.join();
  server_.reset();
}

void MetricsServer::Publish(const wire::HubStatusFields& status) {
  std::lock_guard<std::mutex> lock(status_mutex_);
  status_ = status;
}

std::string MetricsServer::Render() {
  wire::HubStatusFields status;
  {
    std::lock_guard<std::mutex> lock(status_mutex_);
    status = status_;
  }
  return PrometheusText(stats_, status, DirectoryBytes(data_dir_));
}

}  // namespace opsroom::hub
