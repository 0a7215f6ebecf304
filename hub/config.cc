#include "hub/config.h"

#include <string_view>

namespace opsroom::hub {

std::string HubConfig::AuditKeysDir() const {
  if (!audit_keys_dir.empty()) return audit_keys_dir;
  if (!keys_dir.empty()) return keys_dir;
  std::string data = data_dir;
  while (data.size() > 1 && data.back() == '/') data.pop_back();
  return data + "-audit";
}

bool IsLoopbackEndpoint(const std::string& endpoint) {
  if (endpoint.rfind("ipc://", 0) == 0 || endpoint.rfind("inproc://", 0) == 0) return true;
  for (const char* prefix : {"tcp://127.", "tcp://localhost:", "tcp://[::1]:"}) {
    if (endpoint.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

std::string BindableEndpoint(const std::string& endpoint) {
  constexpr std::string_view kLocalhost = "tcp://localhost:";
  if (endpoint.rfind(kLocalhost, 0) != 0) return endpoint;
  return "tcp://127.0.0.1:" + endpoint.substr(kLocalhost.size());
}

bool IsIpv6Endpoint(const std::string& endpoint) { return endpoint.rfind("tcp://[", 0) == 0; }

std::optional<std::string> NextPortEndpoint(const std::string& endpoint) {
  auto colon = endpoint.rfind(':');
  if (colon == std::string::npos || colon + 1 >= endpoint.size()) return std::nullopt;
  std::string port = endpoint.substr(colon + 1);
  if (port == "*") return endpoint;
  if (port.find_first_not_of("0123456789") != std::string::npos || port.size() > 5) return std::nullopt;
  int number = std::stoi(port);
  if (number <= 0 || number >= 65535) return std::nullopt;
  return endpoint.substr(0, colon + 1) + std::to_string(number + 1);
}

}  // namespace opsroom::hub
