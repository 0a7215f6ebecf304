// opsroom-node send's result lines (SendBoard) and progress line (SendProgress):
// input order whatever order the answers come in, renumbered reports followed,
// queued when the caller gives up waiting, progress only when asked for.
#include <gtest/gtest.h>

#include <sstream>

#include "nodes/cli/cli_args.h"
#include "nodes/cli/send_board.h"
#include "nodes/cli/send_progress.h"

namespace opsroom::nodes::cli {
namespace {

PublishOutcome Ack(uint64_t node_seq, uint64_t hub_seq, bool duplicate = false) {
  PublishOutcome outcome;
  outcome.node_seq = node_seq;
  outcome.hub_seq = hub_seq;
  outcome.duplicate = duplicate;
  return outcome;
}

PublishOutcome Refusal(uint64_t node_seq) {
  PublishOutcome outcome;
  outcome.node_seq = node_seq;
  outcome.rejection = wire::Rejection{wire::RejectReason::UnknownAlert, "no alert \"X\"", node_seq};
  return outcome;
}

TEST(SendBoard, PrintsInInputOrderAsSoonAsEveryEarlierLineIsAnswered) {
  std::ostringstream out;
  int clears = 0;
  SendBoard board(out, [&] { ++clears; });
  board.AddStored(1, 11);
  board.AddAnswered(2, "error Malformed (100): JSON: x");
  board.AddStored(4, 12);  // line 3 was blank
  EXPECT_EQ(out.str(), "") << "line 1 has no answer yet";
  board.Take(Ack(12, 101));
  EXPECT_EQ(out.str(), "");
  board.Take(Refusal(11));
  EXPECT_EQ(out.str(),
            "1 error UnknownAlert (304): no alert \"X\"\n2 error Malformed (100): JSON: x\n4 ok hub_seq=101\n");
  EXPECT_EQ(board.unprinted(), 0u);
  EXPECT_GT(clears, 0);
  EXPECT_EQ(board.exit_code(), kExitFailed);
}

TEST(SendBoard, FollowsRenumberedReports) {
  std::ostringstream out;
  SendBoard board(out, nullptr);
  board.AddStored(1, 1);
  board.AddStored(2, 2);
  board.Renumber(1, 6);
  board.Renumber(2, 7);
  board.Take(Ack(1, 3));  // the old node_seq is no longer this run's
  EXPECT_EQ(out.str(), "");
  board.Take(Ack(6, 8, true));
  board.Take(Ack(7, 9));
  EXPECT_EQ(out.str(), "1 ok hub_seq=8 duplicate\n2 ok hub_seq=9\n");
  EXPECT_EQ(board.counts().duplicates, 1u);
  EXPECT_EQ(board.exit_code(), kExitOk);
}

TEST(SendBoard, QueuedLinesArePrintedWithTheirNodeSeqAndLateAnswersIgnored) {
  std::ostringstream out;
  SendBoard board(out, nullptr);
  board.AddStored(1, 5);
  board.AddStored(2, 6);
  board.AddStored(3, 7);
  board.QueueOldest(2);
  EXPECT_EQ(out.str(), "1 queued node_seq=5\n2 queued node_seq=6\n");
  board.Take(Ack(5, 50));
  board.QueueAll();
  EXPECT_EQ(out.str(), "1 queued node_seq=5\n2 queued node_seq=6\n3 queued node_seq=7\n");
  EXPECT_EQ(board.exit_code(), kExitQueued);
}

TEST(SendProgress, DrawsOnlyWhenEnabledAndDue) {
  SendCounts counts;
  counts.read = 3000;
  counts.acked = 2000;
  std::ostringstream off;
  SendProgress silent(off, false, 0);
  silent.Update(counts, 1000, 10'000);
  silent.Clear();
  EXPECT_EQ(off.str(), "") << "not a terminal: nothing extra";

  std::ostringstream on;
  SendProgress progress(on, true, 0);
  EXPECT_FALSE(progress.Due(kProgressEveryMs - 1));
  ASSERT_TRUE(progress.Due(1000));
  progress.Update(counts, 1000, 1000);
  EXPECT_NE(on.str().find("3000 read, 2000 acknowledged"), std::string::npos) << on.str();
  EXPECT_NE(on.str().find("2000 lines/s"), std::string::npos) << on.str();
  EXPECT_FALSE(progress.Due(1000 + kProgressEveryMs - 1)) << "at most every kProgressEveryMs";
  progress.Clear();
  EXPECT_EQ(on.str().substr(on.str().size() - 4), "\r\033[K") << "the line is wiped at the end";
}

}  // namespace
}  // namespace opsroom::nodes::cli
