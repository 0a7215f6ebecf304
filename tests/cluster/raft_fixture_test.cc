// Deterministic: three raft servers in raft's own in-memory fixture
// (raft/fixture.h: simulated time, network and disk, no threads, no sockets),
// with entries framed as ReplicatedLog frames them (cluster/entry_frame.h).
// What the hub relies on, shown step by step: a leader cut off from the
// majority never gets its entry applied anywhere, the majority elects another
// leader and goes on, and after the cut heals every server holds the same
// entries, byte for byte, in the same order.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "cluster/entry_frame.h"

extern "C" {  // Debian's raft headers have no extern "C" guards
#include <raft.h>
#include <raft/fixture.h>
}

namespace opsroom::cluster {
namespace {

constexpr unsigned kServers = 3;
constexpr unsigned kMaxMsecs = 30000;  // simulated time, per wait

struct RecordingFsm {
  raft_fsm fsm{};
  std::vector<std::string> applied;
  int bad_frames = 0;

  RecordingFsm() {
    fsm.version = 1;
    fsm.data = this;
    fsm.apply = [](raft_fsm* f, const raft_buffer* buf, void** result) {
      auto* self = static_cast<RecordingFsm*>(f->data);
      std::string_view bytes;
      if (!ReadFrame(buf->base, buf->len, &bytes)) {
        ++self->bad_frames;
        return RAFT_MALFORMED;
      }
      self->applied.emplace_back(bytes);
      *result = nullptr;
      return 0;
    };
  }
};

// One proposal and what raft said about it.
struct Proposal {
  struct raft_apply req {};  // "struct": raft_apply is also the function
  int status = -1;  // -1: no answer yet
};

class RaftFixtureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(raft_fixture_initialize(&f_), 0);
    for (RecordingFsm& fsm : fsms_) ASSERT_EQ(raft_fixture_grow(&f_, &fsm.fsm), 0);
    raft_configuration configuration;
    ASSERT_EQ(raft_fixture_configuration(&f_, kServers, &configuration), 0);
    ASSERT_EQ(raft_fixture_bootstrap(&f_, &configuration), 0);
    raft_configuration_close(&configuration);
    ASSERT_EQ(raft_fixture_start(&f_), 0);
  }
  void TearDown() override { raft_fixture_close(&f_); }

  // Proposes `text` on server i; false when raft refused it outright.
  bool Propose(unsigned i, const std::string& text, Proposal* proposal) {
    raft_buffer buf{raft_malloc(FramedSize(text.size())), FramedSize(text.size())};
    WriteFrame(text, static_cast<unsigned char*>(buf.base));
    proposal->req.data = proposal;
    int rv = raft_apply(raft_fixture_get(&f_, i), &proposal->req, &buf, 1, [](struct raft_apply* req, int status, void*) {
      static_cast<Proposal*>(req->data)->status = status;
    });
    if (rv != 0) raft_free(buf.base);
    return rv == 0;
  }

  raft_index LastIndex(unsigned i) { return raft_last_index(raft_fixture_get(&f_, i)); }

  raft_fixture f_{};
  RecordingFsm fsms_[kServers];
};

TEST_F(RaftFixtureTest, ALeaderCutOffFromTheMajorityNeverAppliesItsEntryAnywhere) {
  raft_fixture_elect(&f_, 0);
  ASSERT_EQ(raft_state(raft_fixture_get(&f_, 0)), RAFT_LEADER);

  // Lengths that are not multiples of 8, as a hub's batches are.
  Proposal first[5];
  for (int k = 0; k < 5; ++k) ASSERT_TRUE(Propose(0, std::string(k + 1, static_cast<char>('a' + k)), &first[k]));
  ASSERT_TRUE(raft_fixture_step_until_applied(&f_, kServers, LastIndex(0), kMaxMsecs));
  for (const Proposal& p : first) EXPECT_EQ(p.status, 0);

  // Cut server 0 (the leader) off in both directions; it still believes it leads.
  for (unsigned j = 1; j < kServers; ++j) {
    raft_fixture_disconnect(&f_, 0, j);
    raft_fixture_disconnect(&f_, j, 0);
  }
  Proposal lost;
  ASSERT_TRUE(Propose(0, "lost: proposed on a leader without a majority", &lost));

  // The majority side elects one of its own.
  auto other_leads = [](raft_fixture* f, void*) {
    return raft_state(raft_fixture_get(f, 1)) == RAFT_LEADER || raft_state(raft_fixture_get(f, 2)) == RAFT_LEADER;
  };
  ASSERT_TRUE(raft_fixture_step_until(&f_, other_leads, nullptr, kMaxMsecs));
  unsigned second = raft_state(raft_fixture_get(&f_, 1)) == RAFT_LEADER ? 1 : 2;
  Proposal kept[3];
  for (int k = 0; k < 3; ++k) ASSERT_TRUE(Propose(second, "kept-" + std::to_string(k), &kept[k]));
  ASSERT_TRUE(raft_fixture_step_until_applied(&f_, second, LastIndex(second), kMaxMsecs));
  for (const Proposal& p : kept) EXPECT_EQ(p.status, 0);

  // Heal: the old leader learns the new term, drops its entry, catches up.
  for (unsigned j = 1; j < kServers; ++j) {
    raft_fixture_reconnect(&f_, 0, j);
    raft_fixture_reconnect(&f_, j, 0);
  }
  ASSERT_TRUE(raft_fixture_step_until_applied(&f_, kServers, LastIndex(second), kMaxMsecs));

  EXPECT_EQ(lost.status, RAFT_LEADERSHIPLOST) << "the cut-off leader's proposal fails (-1: never answered)";
  std::vector<std::string> expected = {"a", "bb", "ccc", "dddd", "eeeee", "kept-0", "kept-1", "kept-2"};
  for (unsigned i = 0; i < kServers; ++i) {
    EXPECT_EQ(fsms_[i].applied, expected) << "server " << i;
    EXPECT_EQ(fsms_[i].bad_frames, 0);
  }
}

TEST(EntryFrameTest, EveryLengthRoundTripsInAMultipleOfEight) {
  for (std::size_t n = 0; n < 40; ++n) {
    std::string text(n, 'x');
    std::vector<unsigned char> framed(FramedSize(n));
    ASSERT_EQ(framed.size() % 8, 0u);
    WriteFrame(text, framed.data());
    std::string_view back;
    ASSERT_TRUE(ReadFrame(framed.data(), framed.size(), &back));
    EXPECT_EQ(back, text);
  }
}

TEST(EntryFrameTest, ATruncatedOrPaddedFrameIsRefused) {
  std::vector<unsigned char> framed(FramedSize(5));
  WriteFrame("hello", framed.data());
  std::string_view back;
  EXPECT_FALSE(ReadFrame(framed.data(), framed.size() - 8, &back)) << "its length says more than is there";
  std::vector<unsigned char> longer(framed);
  longer.resize(framed.size() + 8);
  EXPECT_FALSE(ReadFrame(longer.data(), longer.size(), &back)) << "more than one frame's padding";
  EXPECT_FALSE(ReadFrame(framed.data(), 7, &back));
}

}  // namespace
}  // namespace opsroom::cluster
