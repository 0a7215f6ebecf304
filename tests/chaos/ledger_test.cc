// The harness's verdict must see each failure it claims to exclude: every
// category is provoked here on purpose.
#include <cstdio>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "chaos/ledger.h"
#include "tests/support/temp_dir.h"

namespace opsroom::chaos {
namespace {

std::vector<MessageKey> Keys(std::initializer_list<uint64_t> seqs, const std::string& origin = "ME-BP") {
  std::vector<MessageKey> keys;
  for (uint64_t seq : seqs) keys.push_back({origin, seq});
  return keys;
}

// A clean run: three messages attempted, acked and in the log once, in order.
Ledger CleanLedger() {
  Ledger ledger;
  for (uint64_t seq = 1; seq <= 3; ++seq) {
    ledger.Attempted("ME-BP", seq, 100 + seq);
    ledger.Acknowledged("ME-BP", seq, seq);
    ledger.Observe({seq, "ME-BP", seq, 100 + seq});
  }
  return ledger;
}

TEST(LedgerTest, ACleanRunIsClean) {
  ChaosReport report = CleanLedger().Report();
  EXPECT_TRUE(report.Clean(true)) << report.Summary();
  EXPECT_EQ(report.attempted, 3u);
  EXPECT_EQ(report.acknowledged, 3u);
  EXPECT_EQ(report.observed, 3u);
  EXPECT_EQ(report.max_hub_seq, 3u);
}

TEST(LedgerTest, AnAcknowledgedMessageMissingFromTheLogIsLost) {
  Ledger ledger = CleanLedger();
  ledger.Attempted("ME-BP", 4, 104);
  ledger.Acknowledged("ME-BP", 4, 4);
  ChaosReport report = ledger.Report();
  EXPECT_EQ(report.lost, Keys({4}));
  EXPECT_FALSE(report.Clean(false));
}

TEST(LedgerTest, AMessageStoredTwiceIsDuplicated) {
  Ledger ledger = CleanLedger();
  ledger.Observe({4, "ME-BP", 3, 103});
  ChaosReport report = ledger.Report();
  EXPECT_EQ(report.duplicated, Keys({3}));
  EXPECT_EQ(report.out_of_order, Keys({3})) << "the second copy also breaks per-node order";
  EXPECT_FALSE(report.Clean(false));
}

TEST(LedgerTest, AMessageNobodySentOrOtherBytesAreUnexpected) {
  Ledger ledger = CleanLedger();
  ledger.Observe({4, "ME-BP", 9, 109});  // never attempted
  ledger.Attempted("ME-BP", 10, 110);
  ledger.Observe({5, "ME-BP", 10, 999});  // attempted with other bytes
  ledger.Observe({6, "RS-CU", 1, 1});     // another writer, not judged
  ledger.JudgeOrigins({"ME-BP"});
  ChaosReport report = ledger.Report();
  EXPECT_EQ(report.unexpected, Keys({9, 10}));
}

TEST(LedgerTest, PresentButNeverAcknowledgedIsRecoveredAndAllowed) {
  Ledger ledger = CleanLedger();
  ledger.Attempted("ME-BP", 4, 104);
  ledger.Observe({4, "ME-BP", 4, 104});
  ChaosReport report = ledger.Report();
  EXPECT_EQ(report.recovered, Keys({4}));
  EXPECT_TRUE(report.Clean(true)) << report.Summary();
}

TEST(LedgerTest, AttemptedAndNeverAnsweredIsUnacknowledged) {
  Ledger ledger = CleanLedger();
  ledger.Attempted("ME-BP", 4, 104);
  ChaosReport report = ledger.Report();
  EXPECT_EQ(report.unacknowledged, Keys({4}));
  EXPECT_TRUE(report.Clean(false));
  EXPECT_FALSE(report.Clean(true));
}

TEST(LedgerTest, AnAckNamingAnotherHubSeqIsAMismatch) {
  Ledger ledger = CleanLedger();
  ledger.Acknowledged("ME-BP", 2, 7);  // a resend acked with another hub_seq
  ChaosReport report = ledger.Report();
  EXPECT_EQ(report.ack_mismatch, Keys({2}));
}

TEST(LedgerTest, MissingHubSequencesAreHoles) {
  Ledger ledger = CleanLedger();
  ledger.Attempted("ME-BP", 4, 104);
  ledger.Observe({7, "ME-BP", 4, 104});
  ChaosReport report = ledger.Report();
  ASSERT_EQ(report.holes.size(), 1u);
  EXPECT_EQ(report.holes[0], (SeqRange{4, 6}));
  EXPECT_EQ(FindHoles({5, 1, 3, 3}), (std::vector<SeqRange>{{2, 2}, {4, 4}}));
}

TEST(LedgerTest, ASubscriberWithAnotherDigestOrPositionDiverged) {
  Ledger ledger = CleanLedger();
  ledger.HubState(42, 3);
  ledger.SubscriberState("live", 42, 3);
  ledger.SubscriberState("stalled", 41, 3);
  ledger.SubscriberState("behind", 42, 2);
  ChaosReport report = ledger.Report();
  ASSERT_EQ(report.diverged.size(), 2u);
  EXPECT_EQ(report.diverged[0].rfind("behind", 0), 0u);
  EXPECT_EQ(report.diverged[1].rfind("stalled", 0), 0u);
}

TEST(LedgerTest, ReadsANodeLogAndIgnoresAHalfWrittenLastLine) {
  std::string dir = opsroom::testing::MakeTempDir("opsroom-chaos-ledger");
  std::string path = dir + "/node.log";
  {
    std::ofstream out(path);
    out << "seed 7\nA 1 101 .\nK 1 1 0 .\nA 2 102 .\nR 2 304 .\nA 3 103 .\nK 3 5";  // killed mid-line
  }
  Ledger ledger;
  EXPECT_EQ(ledger.LoadNodeLog(path, "ME-BP"), 5);
  ledger.Observe({1, "ME-BP", 1, 101});
  ChaosReport report = ledger.Report();
  EXPECT_EQ(report.refused, 1u);
  EXPECT_EQ(report.unacknowledged, Keys({3}));
  EXPECT_TRUE(report.ack_mismatch.empty()) << "the torn ack line must not count";
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace opsroom::chaos
