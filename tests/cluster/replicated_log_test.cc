// opsroom::cluster::ReplicatedLog with three members in this process, each on
// its own raft thread, talking raft over loopback TCP, with real raft data
// directories in a temp dir: election, one order everywhere, a leader closed
// and a member restarted, catch-up by snapshot. Every wait is bounded.
#include <gtest/gtest.h>

#include <array>
#include <fstream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "cluster/replicated_log.h"
#include "cluster/cluster_support.h"
#include "support/temp_dir.h"

namespace opsroom::cluster {
namespace {

using namespace std::chrono_literals;
using testing::Applied;
using testing::Recorder;
using testing::WaitFor;

constexpr int kMembers = 3;
constexpr auto kElectionLimit = 20s;  // default timeouts: 1-2 s per election round, several on a busy machine
constexpr auto kCommitLimit = 30s;

// What a batch of proposals came back with, filled on the raft thread.
struct Outcomes {
  std::mutex mutex;
  std::vector<ProposeOutcome> all;  // in completion order
  std::size_t count() {
    std::lock_guard lock(mutex);
    return all.size();
  }
};

class ReplicatedLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(dir_.made());
    members_ = testing::LoopbackMembers(kMembers);
    ASSERT_EQ(members_.size(), static_cast<std::size_t>(kMembers));
  }

  ReplicatedLogConfig ConfigOf(int i) const {
    ReplicatedLogConfig config;
    config.id = members_[i].id;
    config.address = members_[i].address;
    config.data_dir = dir_.file("raft-" + std::to_string(i + 1));
    config.bootstrap = members_;
    config.snapshot_threshold = snapshot_threshold_;
    config.snapshot_trailing = snapshot_trailing_;
    return config;
  }

  void Start(int i) {
    recorders_[i] = std::make_unique<Recorder>();
    std::string error;
    logs_[i] = ReplicatedLog::Start(ConfigOf(i), recorders_[i]->Callbacks(), &error);
    ASSERT_NE(logs_[i], nullptr) << error;
  }
  void StartAll() {
    for (int i = 0; i < kMembers; ++i) Start(i);
  }
  void Stop(int i) { logs_[i].reset(); }

  // The one running member that leads, once every running member names it; -1 if none in time.
  int WaitForLeader(int not_this = -1) {
    int leader = -1;
    WaitFor(
        [&] {
          leader = -1;
          std::set<uint64_t> named;
          for (int i = 0; i < kMembers; ++i) {
            if (!logs_[i]) continue;
            LogStatus s = logs_[i]->status();
            named.insert(s.leader_id);
            if (s.role == Role::kLeader && i != not_this) leader = i;
          }
          return leader >= 0 && named.size() == 1 && *named.begin() == members_[leader].id;
        },
        kElectionLimit);
    return leader;
  }

  // Proposes "<prefix>-<k>" for k in [0, n) on member i, in order; waits for every outcome.
  std::shared_ptr<Outcomes> ProposeAll(int i, const std::string& prefix, int n) {
    auto outcomes = std::make_shared<Outcomes>();
    for (int k = 0; k < n; ++k) {
      logs_[i]->Propose(prefix + "-" + std::to_string(k), [outcomes](const ProposeOutcome& out) {
        std::lock_guard lock(outcomes->mutex);
        outcomes->all.push_back(out);
      });
    }
    EXPECT_TRUE(WaitFor([&] { return outcomes->count() == static_cast<std::size_t>(n); }, kCommitLimit))
        << outcomes->count() << " of " << n << " proposals answered";
    return outcomes;
  }

  static std::size_t Committed(Outcomes& outcomes) {
    std::lock_guard lock(outcomes.mutex);
    std::size_t n = 0;
    for (const ProposeOutcome& out : outcomes.all) n += out.code == ProposeCode::kCommitted ? 1 : 0;
    return n;
  }

  bool WaitApplied(int i, std::size_t n) {
    return WaitFor([&] { return recorders_[i]->size() >= n; }, kCommitLimit);
  }

  opsroom::testing::TempDir dir_{"opsroom-cluster"};
  std::vector<Member> members_;
  unsigned snapshot_threshold_ = 1024;
  unsigned snapshot_trailing_ = 128;
  // Recorders outlive the logs whose callbacks write into them.
  std::array<std::unique_ptr<Recorder>, kMembers> recorders_;
  std::array<std::unique_ptr<ReplicatedLog>, kMembers> logs_;
};

TEST_F(ReplicatedLogTest, ThreeMembersElectOneLeader) {
  StartAll();
  int leader = WaitForLeader();
  ASSERT_GE(leader, 0) << "no leader that all three name";
  int followers = 0;
  for (int i = 0; i < kMembers; ++i) {
    LogStatus s = logs_[i]->status();
    if (i != leader) followers += s.role == Role::kFollower ? 1 : 0;
    EXPECT_EQ(s.leader_address, members_[leader].address) << "member " << i + 1;
    EXPECT_GE(s.term, 1u);
  }
  EXPECT_EQ(followers, 2);
}

TEST_F(ReplicatedLogTest, AFollowerRefusesAProposalAndNamesTheLeader) {
  StartAll();
  int leader = WaitForLeader();
  ASSERT_GE(leader, 0);
  int follower = (leader + 1) % kMembers;
  auto outcomes = ProposeAll(follower, "on-follower", 1);
  ASSERT_EQ(outcomes->count(), 1u);
  EXPECT_EQ(outcomes->all[0].code, ProposeCode::kNotLeader);
  EXPECT_EQ(outcomes->all[0].leader_id, members_[leader].id);
  EXPECT_EQ(outcomes->all[0].leader_address, members_[leader].address);
}

TEST_F(ReplicatedLogTest, EntriesApplyInTheSameOrderOnAllMembers) {
  StartAll();
  int leader = WaitForLeader();
  ASSERT_GE(leader, 0);
  constexpr int kEntries = 300;
  auto outcomes = ProposeAll(leader, "entry", kEntries);
  ASSERT_EQ(Committed(*outcomes), static_cast<std::size_t>(kEntries));
  // Acks come back in proposal order with rising indexes.
  for (std::size_t k = 1; k < outcomes->all.size(); ++k) EXPECT_GT(outcomes->all[k].index, outcomes->all[k - 1].index);
  for (int i = 0; i < kMembers; ++i) ASSERT_TRUE(WaitApplied(i, kEntries)) << "member " << i + 1;
  Applied reference = recorders_[leader]->applied();
  for (int k = 0; k < kEntries; ++k) {
    EXPECT_EQ(reference[k].second, "entry-" + std::to_string(k));
    EXPECT_EQ(reference[k].first, outcomes->all[k].index) << "the ack names the index the entry was applied at";
  }
  for (int i = 0; i < kMembers; ++i) {
    EXPECT_EQ(recorders_[i]->applied(), reference) << "member " << i + 1;
    EXPECT_EQ(recorders_[i]->disorder(), 0);
  }
}

TEST_F(ReplicatedLogTest, ANewLeaderAfterTheLeaderStopsAndNothingCommittedIsLost) {
  StartAll();
  int first = WaitForLeader();
  ASSERT_GE(first, 0);
  auto before = ProposeAll(first, "before", 100);
  ASSERT_EQ(Committed(*before), 100u);
  uint64_t old_term = logs_[first]->status().term;
  Stop(first);

  int second = WaitForLeader();
  ASSERT_GE(second, 0) << "no new leader after the leader stopped";
  ASSERT_NE(second, first);
  EXPECT_GT(logs_[second]->status().term, old_term);
  auto after = ProposeAll(second, "after", 50);
  ASSERT_EQ(Committed(*after), 50u);

  for (int i = 0; i < kMembers; ++i) {
    if (i == first) continue;
    ASSERT_TRUE(WaitApplied(i, 150)) << "member " << i + 1;
    Applied applied = recorders_[i]->applied();
    // Every acknowledged entry is there, at the index its ack named, in order.
    for (int k = 0; k < 100; ++k) {
      EXPECT_EQ(applied[k].second, "before-" + std::to_string(k));
      EXPECT_EQ(applied[k].first, before->all[k].index);
    }
    for (int k = 0; k < 50; ++k) EXPECT_EQ(applied[100 + k].second, "after-" + std::to_string(k));
  }
  EXPECT_EQ(recorders_[(first + 1) % kMembers]->applied(), recorders_[(first + 2) % kMembers]->applied());
}

TEST_F(ReplicatedLogTest, ARestartedMemberCatchesUpFromItsLogAndTheLeader) {
  StartAll();
  int leader = WaitForLeader();
  ASSERT_GE(leader, 0);
  ASSERT_EQ(Committed(*ProposeAll(leader, "one", 50)), 50u);
  int down = (leader + 1) % kMembers;
  Stop(down);
  ASSERT_EQ(Committed(*ProposeAll(leader, "two", 80)), 80u) << "two of three still make a majority";
  Start(down);  // same raft directory: a restart, not a bootstrap
  ASSERT_TRUE(WaitApplied(down, 130));
  EXPECT_EQ(recorders_[down]->applied(), recorders_[leader]->applied());
  EXPECT_EQ(recorders_[down]->installs(), 0) << "its own log and the leader's were enough";
}

TEST_F(ReplicatedLogTest, AMemberFarBehindCatchesUpBySnapshot) {
  snapshot_threshold_ = 32;  // the leader compacts its log often...
  snapshot_trailing_ = 8;    // ...and keeps little of it
  StartAll();
  int leader = WaitForLeader();
  ASSERT_GE(leader, 0);
  int down = (leader + 1) % kMembers;
  Stop(down);
  ASSERT_EQ(Committed(*ProposeAll(leader, "while-down", 200)), 200u);
  // Raft takes a snapshot, and trims the log after it, on its own time: under
  // load the restart could come first and catch up from a log not yet trimmed.
  ASSERT_TRUE(WaitFor([&] { return recorders_[leader]->snapshots() >= 1; }, kCommitLimit))
      << "the leader took no snapshot of 200 entries (threshold 32)";
  Start(down);
  ASSERT_TRUE(WaitApplied(down, 200));
  EXPECT_GE(recorders_[down]->installs(), 1) << "the log it missed was compacted away: a snapshot was needed";
  ASSERT_TRUE(WaitFor([&] { return recorders_[down]->applied() == recorders_[leader]->applied(); }, kCommitLimit));
}

TEST_F(ReplicatedLogTest, StoppingTheLeaderAnswersEveryProposalExactlyOnce) {
  StartAll();
  int leader = WaitForLeader();
  ASSERT_GE(leader, 0);
  constexpr int kEntries = 500;
  auto outcomes = std::make_shared<Outcomes>();
  for (int k = 0; k < kEntries; ++k) {
    logs_[leader]->Propose("last-words-" + std::to_string(k), [outcomes](const ProposeOutcome& out) {
      std::lock_guard lock(outcomes->mutex);
      outcomes->all.push_back(out);
    });
  }
  Stop(leader);  // with proposals queued, in raft's log and committed: the destructor joins the raft thread
  ASSERT_EQ(outcomes->count(), static_cast<std::size_t>(kEntries)) << "every done called once, before the stop returned";
  std::size_t committed = 0;
  for (const ProposeOutcome& out : outcomes->all) {
    committed += out.code == ProposeCode::kCommitted ? 1 : 0;
    EXPECT_TRUE(out.code == ProposeCode::kCommitted || out.code == ProposeCode::kShutdown ||
                out.code == ProposeCode::kLeadershipLost)
        << ProposeCodeName(out.code) << " " << out.error;
  }
  // Whatever was acked is on the survivors once they elect a new leader.
  ASSERT_GE(WaitForLeader(), 0);
  for (int i = 0; i < kMembers; ++i) {
    if (i == leader) continue;
    ASSERT_TRUE(WaitApplied(i, committed)) << "member " << i + 1;
  }
}

TEST_F(ReplicatedLogTest, AMissingDirectoryIsMadeAndAnUnusableOneIsAClearError) {
  ReplicatedLogConfig config = ConfigOf(0);
  config.data_dir = dir_.file("a-file");
  { std::ofstream(config.data_dir) << "not a directory"; }
  Recorder recorder;
  std::string error;
  EXPECT_EQ(ReplicatedLog::Start(config, recorder.Callbacks(), &error), nullptr);
  EXPECT_NE(error.find(config.data_dir), std::string::npos) << error;
}

}  // namespace
}  // namespace opsroom::cluster
