#include "hub/cluster/members_file.h"

#include <charconv>
#include <fstream>
#include <set>
#include <sstream>

#include "hub/config.h"
#include "hub/metrics_server.h"

namespace opsroom::hub {

namespace {

constexpr const char* kLineFormat = "ID RAFT_HOST:PORT tcp://CLIENT_HOST:PORT";

bool ParseId(const std::string& text, uint64_t* id) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *id);
  return ec == std::errc() && end == text.data() + text.size() && *id > 0;
}

// Why `address` is not raft's HOST:PORT, or "".
std::string RaftAddressProblem(const std::string& address) {
  if (address.find("://") != std::string::npos) {
    return "the raft address is HOST:PORT without a scheme, not \"" + address + "\"";
  }
  std::string host;
  int port = 0;
  if (!SplitHostPort(address, &host, &port) || port == 0 || address.front() == ':') {
    return "the raft address must be HOST:PORT with a port from 1 to 65535, not \"" + address + "\"";
  }
  return "";
}

// Why `endpoint` is not a client endpoint tcp://HOST:PORT, or "".
std::string ClientEndpointProblem(const std::string& endpoint) {
  constexpr std::string_view kScheme = "tcp://";
  std::string host;
  int port = 0;
  if (endpoint.rfind(kScheme, 0) != 0 || !SplitHostPort(endpoint.substr(kScheme.size()), &host, &port) || port == 0 ||
      endpoint.size() == kScheme.size() || endpoint[kScheme.size()] == ':') {
    return "the client endpoint must be tcp://HOST:PORT, not \"" + endpoint + "\"";
  }
  return "";
}

}  // namespace

std::vector<ClusterMember> ParseMembers(const std::string& text, const std::string& where, std::string* error) {
  std::vector<ClusterMember> members;
  std::set<uint64_t> ids;
  std::set<std::string> addresses;
  std::istringstream lines(text);
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    auto fail = [&](const std::string& why) {
      *error = where + ":" + std::to_string(number) + ": " + why;
      return std::vector<ClusterMember>{};
    };
    if (std::size_t hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    std::istringstream fields(line);
    std::vector<std::string> words;
    for (std::string word; fields >> word;) words.push_back(word);
    if (words.empty()) continue;
    if (words.size() != 3) {
      return fail("a member is " + std::string(kLineFormat) + ", not " + std::to_string(words.size()) + " fields");
    }
    ClusterMember member{0, words[1], words[2]};
    if (!ParseId(words[0], &member.id)) return fail("the id must be a whole number above 0, not \"" + words[0] + "\"");
    if (std::string problem = RaftAddressProblem(member.raft_address); !problem.empty()) return fail(problem);
    if (std::string problem = ClientEndpointProblem(member.client_endpoint); !problem.empty()) return fail(problem);
    if (!ids.insert(member.id).second) return fail("member id " + words[0] + " is listed twice");
    if (!addresses.insert(member.raft_address).second) return fail("raft address " + words[1] + " is listed twice");
    members.push_back(std::move(member));
  }
  if (members.empty()) *error = where + ": no members (one a line: " + kLineFormat + ")";
  return members;
}

std::vector<ClusterMember> ReadMembersFile(const std::string& path, std::string* error) {
  std::ifstream in(path);
  if (!in) {
    *error = "cannot read the members file " + path;
    return {};
  }
  std::stringstream text;
  text << in.rdbuf();
  return ParseMembers(text.str(), path, error);
}

std::string CheckMembership(const ClusterConfig& cluster) {
  if (cluster.member_id == 0 && cluster.members.empty()) return "";
  if (cluster.member_id == 0) return "--members needs --member-id N: which of the members this hub is";
  if (cluster.members.empty()) return "--member-id needs --members FILE: the members of the cluster";
  if (cluster.Find(cluster.member_id) != nullptr) return "";
  std::string ids;
  for (const ClusterMember& member : cluster.members) ids += (ids.empty() ? "" : ", ") + std::to_string(member.id);
  return "--member-id " + std::to_string(cluster.member_id) + " is not in the members file (its ids: " + ids + ")";
}

}  // namespace opsroom::hub
