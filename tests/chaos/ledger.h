// The chaos harness's bookkeeping: what every node attempted, what the hub
// acknowledged, what the hub's log finally holds (observed), and the verdict.
// Pure data, no processes: unit-tested on its own. One owner thread.
#pragma once
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace opsroom::chaos {

struct MessageKey {
  std::string origin;
  uint64_t node_seq = 0;
  auto operator<=>(const MessageKey&) const = default;
};
std::string ToString(const MessageKey& key);

// One event of the hub's log, as read back by replay.
struct ObservedEvent {
  uint64_t hub_seq = 0;
  std::string origin;
  uint64_t node_seq = 0;
  uint64_t envelope_hash = 0;  // nodes::Fnv1a64 of the envelope bytes
};

struct SeqRange {
  uint64_t first = 0;
  uint64_t last = 0;  // inclusive
  bool operator==(const SeqRange&) const = default;
};

struct ChaosReport {
  uint64_t attempted = 0;                  // distinct messages the nodes tried to send
  uint64_t acknowledged = 0;               // distinct messages with at least one ack
  uint64_t observed = 0;                   // events in the hub's log from the judged origins (all when none
                                           // is judged): the hub's own entries, e.g. link changes, are not counted
  uint64_t refused = 0;                    // distinct messages the hub refused for good
  std::vector<MessageKey> lost;            // acknowledged, not in the log
  std::vector<MessageKey> duplicated;      // in the log more than once
  std::vector<MessageKey> unexpected;      // in the log, never attempted (or other bytes than attempted)
  std::vector<MessageKey> recovered;       // in the log, never acknowledged: allowed
  std::vector<MessageKey> unacknowledged;  // attempted, neither acknowledged nor refused
  std::vector<MessageKey> ack_mismatch;    // acks naming another hub_seq than the log's
  std::vector<MessageKey> out_of_order;    // a node's messages not in node_seq order in the log
  std::vector<SeqRange> holes;             // hub sequences missing from 1..max
  std::vector<std::string> diverged;       // subscribers whose final state is not the hub's
  uint64_t max_hub_seq = 0;

  // Nothing lost, duplicated, unexpected, misacknowledged, reordered, no hole,
  // no diverged subscriber (and, if asked, every attempt acknowledged).
  bool Clean(bool require_all_acknowledged) const;
  // One line per category with its count and the first few examples.
  std::string Summary() const;
};

class Ledger {
 public:
  // The same message may be attempted again after a node restart; any of the
  // attempted byte strings is an acceptable one to find in the log.
  void Attempted(const std::string& origin, uint64_t node_seq, uint64_t envelope_hash);
  void Acknowledged(const std::string& origin, uint64_t node_seq, uint64_t hub_seq);
  void Refused(const std::string& origin, uint64_t node_seq, int code);
  void Observe(const ObservedEvent& event);
  // A subscriber's final state against the hub's (digests of nodes::StateMirror).
  void SubscriberState(const std::string& name, uint64_t digest, uint64_t last_seq);
  void HubState(uint64_t digest, uint64_t hub_seq);

  // Only messages from these origins are judged "unexpected" when never
  // attempted (other writers may share the hub). Empty: every origin.
  void JudgeOrigins(std::set<std::string> origins) { judged_origins_ = std::move(origins); }

  ChaosReport Report() const;

  // Reads a chaos_node log ("A seq hash .", "K seq hub_seq dup .", "R seq code .";
  // other lines and lines without their closing "." are ignored). Returns the number of lines used; -1 if unreadable.
  long LoadNodeLog(const std::string& path, const std::string& origin);

 private:
  struct Sent {
    std::set<uint64_t> hashes;
    std::set<uint64_t> acked_hub_seqs;
    bool refused = false;
  };
  struct Subscriber {
    uint64_t digest = 0;
    uint64_t last_seq = 0;
  };
  std::map<MessageKey, Sent> sent_;
  std::map<MessageKey, std::vector<ObservedEvent>> seen_;
  std::vector<uint64_t> log_seqs_;
  std::map<std::string, Subscriber> subscribers_;
  bool have_hub_state_ = false;
  Subscriber hub_state_;
  std::set<std::string> judged_origins_;
};

// Missing values of 1..max(seqs) as ranges (seqs may be unsorted, repeated).
std::vector<SeqRange> FindHoles(std::vector<uint64_t> seqs);

}  // namespace opsroom::chaos
