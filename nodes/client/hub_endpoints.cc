#include "nodes/client/hub_endpoints.h"

#include <algorithm>
#include <charconv>

namespace opsroom::nodes {

namespace {

std::string_view Trimmed(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

// Empty when `endpoint` is usable, else what is wrong with it.
std::string EndpointProblem(std::string_view endpoint) {
  if (endpoint.empty()) return "empty; expected tcp://HOST:PORT";
  for (std::string_view scheme : {"ipc://", "inproc://"}) {
    if (endpoint.starts_with(scheme)) {
      return endpoint.size() > scheme.size() ? "" : "no name after " + std::string(scheme);
    }
  }
  if (!endpoint.starts_with("tcp://")) return "not tcp://, ipc:// or inproc://; expected tcp://HOST:PORT";
  std::string_view rest = endpoint.substr(6);
  std::size_t colon = rest.rfind(':');
  // "tcp://[::1]" has colons but no port: the port comes after the bracket.
  if (colon == std::string_view::npos || rest.substr(colon).find(']') != std::string_view::npos) {
    return "no port; expected tcp://HOST:PORT";
  }
  if (colon == 0) return "no host; expected tcp://HOST:PORT";
  std::string_view port_text = rest.substr(colon + 1);
  int port = 0;
  auto [end, failed] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || failed != std::errc() || end != port_text.data() + port_text.size()) {
    return "port '" + std::string(port_text) + "' is not a number; expected tcp://HOST:PORT";
  }
  if (port < 1 || port > 65534) {
    return "port " + std::to_string(port) + " is out of range; expected 1 to 65534 (the fan-out is on port + 1)";
  }
  return "";
}

}  // namespace

std::optional<std::vector<std::string>> ParseHubList(std::string_view text, std::string* error) {
  std::vector<std::string_view> elements;
  for (std::size_t start = 0;;) {
    std::size_t comma = text.find(',', start);
    elements.push_back(Trimmed(text.substr(start, comma == std::string_view::npos ? comma : comma - start)));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  std::vector<std::string> endpoints;
  for (std::size_t i = 0; i < elements.size(); ++i) {
    std::string where = "element " + std::to_string(i + 1) + " of " + std::to_string(elements.size()) + " ('" +
                        std::string(elements[i]) + "'): ";
    if (std::string problem = EndpointProblem(elements[i]); !problem.empty()) {
      *error = where + problem;
      return std::nullopt;
    }
    if (std::find(endpoints.begin(), endpoints.end(), elements[i]) != endpoints.end()) {
      *error = where + "named twice; expected each hub of the cluster once";
      return std::nullopt;
    }
    endpoints.emplace_back(elements[i]);
  }
  return endpoints;
}

EndpointRing::EndpointRing(std::string first, const std::vector<std::string>& others) {
  endpoints_.push_back(std::move(first));
  for (const std::string& endpoint : others) {
    if (std::find(endpoints_.begin(), endpoints_.end(), endpoint) == endpoints_.end()) endpoints_.push_back(endpoint);
  }
}

void EndpointRing::MoveTo(const std::string& endpoint) {
  auto found = std::find(endpoints_.begin(), endpoints_.end(), endpoint);
  if (found == endpoints_.end()) found = endpoints_.insert(endpoints_.end(), endpoint);
  current_ = static_cast<std::size_t>(found - endpoints_.begin());
}

std::vector<std::string> EndpointRing::FromCurrent() const {
  std::vector<std::string> ordered;
  for (std::size_t i = 0; i < endpoints_.size(); ++i) ordered.push_back(endpoints_[(current_ + i) % endpoints_.size()]);
  return ordered;
}

}  // namespace opsroom::nodes
