#include "nodes/cli/send_board.h"

#include <algorithm>
#include <vector>

#include "nodes/cli/cli_args.h"
#include "nodes/cli/commands.h"

namespace opsroom::nodes::cli {

void SendBoard::AddAnswered(uint64_t line, const std::string& text) {
  ++counts_.read;
  ++counts_.refused;
  lines_.push_back({line, 0, text});
  PrintReady();
}

void SendBoard::AddStored(uint64_t line, uint64_t node_seq) {
  ++counts_.read;
  lines_.push_back({line, node_seq, std::nullopt});
  waiting_[node_seq] = &lines_.back();
}

void SendBoard::Renumber(uint64_t old_node_seq, uint64_t new_node_seq) {
  auto it = waiting_.find(old_node_seq);
  if (it == waiting_.end()) return;
  Line* line = it->second;
  waiting_.erase(it);
  line->node_seq = new_node_seq;
  waiting_[new_node_seq] = line;
}

void SendBoard::Take(const PublishOutcome& outcome) {
  auto it = waiting_.find(outcome.node_seq);
  if (it == waiting_.end()) return;  // an earlier run's message, or one printed queued
  Line& line = *it->second;
  waiting_.erase(it);
  if (outcome.acknowledged()) {
    ++counts_.acked;
    counts_.duplicates += outcome.duplicate ? 1 : 0;
    Settle(line, "ok hub_seq=" + std::to_string(outcome.hub_seq) + (outcome.duplicate ? " duplicate" : ""));
  } else {
    ++counts_.refused;
    Settle(line, "error " + RejectionText(outcome.rejection));
  }
}

void SendBoard::QueueOldest(std::size_t count) {
  for (Line& line : lines_) {
    if (count == 0) break;
    if (line.text) continue;
    waiting_.erase(line.node_seq);
    ++counts_.queued;
    line.text = "queued node_seq=" + std::to_string(line.node_seq);
    --count;
  }
  PrintReady();
}

void SendBoard::Settle(Line& line, std::string text) {
  line.text = std::move(text);
  if (&line == &lines_.front()) PrintReady();
}

void SendBoard::PrintReady() {
  if (lines_.empty() || !lines_.front().text) return;
  if (before_print_) before_print_();
  while (!lines_.empty() && lines_.front().text) {
    out_ << lines_.front().number << ' ' << *lines_.front().text << '\n';
    lines_.pop_front();
  }
  out_.flush();
}

int SendBoard::exit_code() const {
  if (counts_.refused > 0) return kExitFailed;
  return counts_.queued > 0 || !waiting_.empty() ? kExitQueued : kExitOk;
}

}  // namespace opsroom::nodes::cli
