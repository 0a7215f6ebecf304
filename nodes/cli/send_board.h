// The lines of one `opsroom-node send` and their outcomes, each printed as
// "<line> <outcome>" in input order as soon as it and every line before it
// have one. Only lines still waiting are kept (the caller bounds how many).
// Owned by the command's thread.
#pragma once
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <unordered_map>

#include "nodes/client/publisher.h"

namespace opsroom::nodes::cli {

struct SendCounts {
  uint64_t read = 0;   // lines with content
  uint64_t acked = 0;  // ok hub_seq=N (duplicates included)
  uint64_t duplicates = 0;
  uint64_t refused = 0;  // error ...: the hub's reason or a local check
  uint64_t queued = 0;   // in the outbox, no answer yet
};

class SendBoard {
 public:
  // `before_print` runs before each group of printed lines (clears a progress line).
  SendBoard(std::ostream& out, std::function<void()> before_print)
      : out_(out), before_print_(std::move(before_print)) {}

  // A line answered at once (it could not be stored: bad JSON, a local check).
  void AddAnswered(uint64_t line, const std::string& text);
  // A line stored in the outbox under node_seq, waiting for the hub.
  void AddStored(uint64_t line, uint64_t node_seq);
  // A waiting line's report now goes under another node_seq (a new outbox
  // renumbered after the hub's last, StoreAndForwardPublisher::TakeRenumbered).
  void Renumber(uint64_t old_node_seq, uint64_t new_node_seq);
  // The hub's answer for a node_seq; an earlier run's node_seq is ignored.
  void Take(const PublishOutcome& outcome);
  // The oldest `count` lines still waiting for the hub are printed "queued"
  // (they stay in the outbox; a later run or flush delivers them).
  void QueueOldest(std::size_t count);
  void QueueAll() { QueueOldest(waiting_.size()); }

  std::size_t unprinted() const { return lines_.size(); }
  std::size_t waiting_for_hub() const { return waiting_.size(); }
  const SendCounts& counts() const { return counts_; }
  int exit_code() const;

 private:
  struct Line {
    uint64_t number = 0;
    uint64_t node_seq = 0;            // 0: answered at once
    std::optional<std::string> text;  // the outcome, once known
  };
  void Settle(Line& line, std::string text);
  void PrintReady();

  std::ostream& out_;
  std::function<void()> before_print_;
  std::deque<Line> lines_;                       // unprinted, in input order (references stay valid)
  std::unordered_map<uint64_t, Line*> waiting_;  // node_seq -> its line
  SendCounts counts_;
};

}  // namespace opsroom::nodes::cli
