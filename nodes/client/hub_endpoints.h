// A cluster's client endpoints (docs/protocol.md section 17): the `--hub` list
// parsed with errors that name the element, and the ring a client walks when a
// member is dead or names the leader. Pure; one owner thread per ring.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace opsroom::nodes {

// "tcp://a:7700, tcp://b:7700" -> {"tcp://a:7700", "tcp://b:7700"}. Each element
// tcp://HOST:PORT (PORT 1..65534: the fan-out is on PORT + 1), ipc://PATH or
// inproc://NAME; spaces around an element are ignored; no empty element, no
// element twice. nullopt with `error` naming the element and what was expected.
std::optional<std::vector<std::string>> ParseHubList(std::string_view text, std::string* error);

// The members in the order given; current() is where the client talks now.
class EndpointRing {
 public:
  // `first` is where it starts; `others` follow it in order (duplicates of
  // `first` are skipped, so a config naming it twice still rings once).
  EndpointRing(std::string first, const std::vector<std::string>& others);

  const std::string& current() const { return endpoints_[current_]; }
  std::size_t size() const { return endpoints_.size(); }
  // A dead link: the next member, round robin (the first after the last).
  void Next() { current_ = (current_ + 1) % endpoints_.size(); }
  // The leader a NotLeader named: it becomes current, added at the end when
  // it is not listed (a member joined after the client was configured).
  void MoveTo(const std::string& endpoint);
  // The members from current() on, round robin: a session's own ring.
  std::vector<std::string> FromCurrent() const;

 private:
  std::vector<std::string> endpoints_;
  std::size_t current_ = 0;
};

}  // namespace opsroom::nodes
