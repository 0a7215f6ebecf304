#include "chaos/ledger.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace opsroom::chaos {

namespace {

constexpr std::size_t kExamples = 5;

template <typename T, typename Format>
std::string Line(const char* name, const std::vector<T>& items, Format format) {
  std::ostringstream out;
  out << name << ' ' << items.size();
  for (std::size_t i = 0; i < items.size() && i < kExamples; ++i) out << (i == 0 ? " [" : ", ") << format(items[i]);
  if (!items.empty()) out << (items.size() > kExamples ? ", ...]" : "]");
  return out.str();
}

}  // namespace

std::string ToString(const MessageKey& key) { return key.origin + ":" + std::to_string(key.node_seq); }

bool ChaosReport::Clean(bool require_all_acknowledged) const {
  bool clean = lost.empty() && duplicated.empty() && unexpected.empty() && ack_mismatch.empty() &&
               out_of_order.empty() && holes.empty() && diverged.empty();
  return clean && (!require_all_acknowledged || unacknowledged.empty());
}

std::string ChaosReport::Summary() const {
  auto key = [](const MessageKey& k) { return ToString(k); };
  auto range = [](const SeqRange& r) {
    return r.first == r.last ? std::to_string(r.first) : std::to_string(r.first) + "-" + std::to_string(r.last);
  };
  auto text = [](const std::string& s) { return s; };
  std::ostringstream out;
  out << "attempted " << attempted << ", acknowledged " << acknowledged << ", observed " << observed << ", refused "
      << refused << ", max hub_seq " << max_hub_seq << '\n'
      << Line("lost", lost, key) << '\n'
      << Line("duplicated", duplicated, key) << '\n'
      << Line("unexpected", unexpected, key) << '\n'
      << Line("recovered", recovered, key) << '\n'
      << Line("unacknowledged", unacknowledged, key) << '\n'
      << Line("ack_mismatch", ack_mismatch, key) << '\n'
      << Line("out_of_order", out_of_order, key) << '\n'
      << Line("holes", holes, range) << '\n'
      << Line("diverged_subscribers", diverged, text) << '\n';
  return out.str();
}

void Ledger::Attempted(const std::string& origin, uint64_t node_seq, uint64_t envelope_hash) {
  sent_[{origin, node_seq}].hashes.insert(envelope_hash);
}

void Ledger::Acknowledged(const std::string& origin, uint64_t node_seq, uint64_t hub_seq) {
  sent_[{origin, node_seq}].acked_hub_seqs.insert(hub_seq);
}

void Ledger::Refused(const std::string& origin, uint64_t node_seq, int code) {
  sent_[{origin, node_seq}].refused = true;
}

void Ledger::Observe(const ObservedEvent& event) {
  seen_[{event.origin, event.node_seq}].push_back(event);
  log_seqs_.push_back(event.hub_seq);
}

void Ledger::SubscriberState(const std::string& name, uint64_t digest, uint64_t last_seq) {
  subscribers_[name] = {digest, last_seq};
}

void Ledger::HubState(uint64_t digest, uint64_t hub_seq) {
  have_hub_state_ = true;
  hub_state_ = {digest, hub_seq};
}

ChaosReport Ledger::Report() const {
  ChaosReport report;
  for (const auto& [key, events] : seen_) {
    if (judged_origins_.empty() || judged_origins_.count(key.origin) > 0) report.observed += events.size();
  }
  for (const auto& [key, sent] : sent_) {
    if (!sent.hashes.empty()) ++report.attempted;
    if (!sent.acked_hub_seqs.empty()) ++report.acknowledged;
    if (sent.refused) ++report.refused;
    auto seen = seen_.find(key);
    bool in_log = seen != seen_.end();
    if (!sent.acked_hub_seqs.empty() && !in_log) report.lost.push_back(key);
    if (sent.acked_hub_seqs.empty() && !sent.refused && !in_log && !sent.hashes.empty()) {
      report.unacknowledged.push_back(key);
    }
    if (in_log && (sent.acked_hub_seqs.size() > 1 ||
                   (sent.acked_hub_seqs.size() == 1 && *sent.acked_hub_seqs.begin() != seen->second.front().hub_seq))) {
      report.ack_mismatch.push_back(key);
    }
  }
  // Per origin, in hub order: node_seq must increase.
  std::vector<const ObservedEvent*> by_hub_seq;
  for (const auto& [key, events] : seen_) {
    if (events.size() > 1) report.duplicated.push_back(key);
    auto sent = sent_.find(key);
    bool judged = judged_origins_.empty() || judged_origins_.count(key.origin) > 0;
    bool known = sent != sent_.end() && sent->second.hashes.count(events.front().envelope_hash) > 0;
    if (judged && !known) report.unexpected.push_back(key);
    if (sent != sent_.end() && known && sent->second.acked_hub_seqs.empty()) report.recovered.push_back(key);
    for (const ObservedEvent& event : events) by_hub_seq.push_back(&event);
  }
  std::sort(by_hub_seq.begin(), by_hub_seq.end(),
            [](const ObservedEvent* a, const ObservedEvent* b) { return a->hub_seq < b->hub_seq; });
  std::map<std::string, uint64_t> last_node_seq;
  for (const ObservedEvent* event : by_hub_seq) {
    uint64_t& last = last_node_seq[event->origin];
    if (event->node_seq <= last) report.out_of_order.push_back({event->origin, event->node_seq});
    last = std::max(last, event->node_seq);
  }
  report.holes = FindHoles(log_seqs_);
  report.max_hub_seq = log_seqs_.empty() ? 0 : *std::max_element(log_seqs_.begin(), log_seqs_.end());
  for (const auto& [name, state] : subscribers_) {
    // Past the hub's last sequence when it was read are only the hub's own
    // entries (link changes as sessions end, docs/protocol.md 4.2): not state,
    // so the digest still says whether the subscriber holds the hub's state.
    if (!have_hub_state_ || state.digest != hub_state_.digest || state.last_seq < hub_state_.last_seq) {
      report.diverged.push_back(name + " (last_seq " + std::to_string(state.last_seq) + " vs hub " +
                                std::to_string(hub_state_.last_seq) + ")");
    }
  }
  return report;
}

long Ledger::LoadNodeLog(const std::string& path, const std::string& origin) {
  std::ifstream in(path);
  if (!in) return -1;
  long used = 0;
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string tag;
    uint64_t seq = 0;
    uint64_t value = 0;
    if (!(fields >> tag >> seq >> value)) continue;
    // A line is complete only with its closing "." (a killed node may leave half a line).
    std::string token;
    std::string last;
    while (fields >> token) last = token;
    if (last != ".") continue;
    if (tag == "A") {
      Attempted(origin, seq, value);
    } else if (tag == "K") {
      Acknowledged(origin, seq, value);
    } else if (tag == "R") {
      Refused(origin, seq, static_cast<int>(value));
    } else {
      continue;
    }
    ++used;
  }
  return used;
}

std::vector<SeqRange> FindHoles(std::vector<uint64_t> seqs) {
  std::sort(seqs.begin(), seqs.end());
  seqs.erase(std::unique(seqs.begin(), seqs.end()), seqs.end());
  std::vector<SeqRange> holes;
  uint64_t expected = 1;
  for (uint64_t seq : seqs) {
    if (seq == 0) continue;
    if (seq > expected) holes.push_back({expected, seq - 1});
    expected = seq + 1;
  }
  return holes;
}

}  // namespace opsroom::chaos
