// Log retention through a real hub (HubConfig.retain_ms of a few seconds, a
// sweep every 100 ms): events older than the age that current state no
// longer refers to are removed; the events of current state, and young
// events, stay; a late joiner's snapshot equals the state of a client that
// ran all along; replay skips removed sequences (next_seq moves past them);
// the audit trail records each sweep; all of it survives a restart; a removed
// Check's key in the Checks index goes with it.
#include <gtest/gtest.h>

#include <map>
#include <thread>

#include "hub/audit_log.h"
#include "hub/config.h"
#include "hub/key_layout.h"
#include "hub/store.h"
#include "hub/tools/command_line.h"
#include "tests/integration/hub_fixture.h"
#include "wire/frame_check.h"

namespace opsroom::testing {
namespace {

using wire::ActionKind;

constexpr int64_t kRetainMs = 3000;

// hub_seq -> the logged Frame{Event} bytes.
using Events = std::map<uint64_t, std::string>;

void Collect(const flatbuffers::Vector<flatbuffers::Offset<wire::Blob>>* events, Events& out) {
  if (events == nullptr) return;
  for (const auto* blob : *events) {
    auto checked = wire::CheckEventFrame({blob->bytes()->data(), blob->bytes()->size()});
    ASSERT_TRUE(checked.ok());
    out[checked->hub_seq] = std::string(reinterpret_cast<const char*>(blob->bytes()->data()), blob->bytes()->size());
  }
}

class HubRetentionTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(hub_.started() && me_.Hello("ME-BP", "ME")); }

  // Publishes the next message of ME-BP; its hub_seq (0, and a failure, when refused).
  template <typename Make, typename... Args>
  uint64_t Accepted(Make make, const Args&... args) {
    me_.Publish(Pack(make("ME-BP", "ME", seq_++, args...)));
    auto outcomes = me_.CollectOutcomes(1);
    bool stored = outcomes.size() == 1 && outcomes[0].code == wire::RejectReason::None;
    EXPECT_TRUE(stored);
    return stored ? outcomes[0].hub_seq : 0;
  }

  // A late joiner's snapshot, every page.
  Events Snapshot(RawClient& client) {
    Events events;
    uint64_t token = 0;
    bool done = false;
    for (int page = 0; page < 50 && !done; ++page) {
      client.Send(wire::BuildSnapshotRequest(page + 1, token, 3));
      auto reply = client.Expect(wire::Body::SnapshotPage);
      if (!reply) break;
      const auto* body = AsFrame(*reply)->body_as_SnapshotPage();
      token = body->token();
      Collect(body->events(), events);
      done = body->done();
    }
    EXPECT_TRUE(done);
    return events;
  }

  // Replay from `from` page by page (max_events per page) to the end of the log.
  Events Replay(RawClient& client, uint64_t from, uint32_t max_events, std::vector<uint64_t>* next_seqs = nullptr) {
    Events events;
    for (int page = 0; page < 100; ++page) {
      client.Send(wire::BuildReplayRequest(page + 1, from, max_events));
      auto reply = client.Expect(wire::Body::ReplayPage);
      if (!reply) break;
      const auto* body = AsFrame(*reply)->body_as_ReplayPage();
      Collect(body->events(), events);
      if (next_seqs != nullptr) next_seqs->push_back(body->next_seq());
      if (body->next_seq() == from) break;  // up to date
      from = body->next_seq();
    }
    return events;
  }

  HubFixture hub_{[](hub::HubConfig& config) {
    config.heartbeat_interval_ms = 50;
    config.retain_ms = kRetainMs;
    config.retention_interval_ms = 100;
  }};
  RawClient me_{hub_.context(), hub_.router_endpoint()};
  uint64_t seq_ = 1;
};

TEST_F(HubRetentionTest, RemovesOldEventsExceptCurrentStateAndReplaySkipsThem) {
  // The "old" history, with every kind of superseded and current event.
  uint64_t op1 = Accepted(OperationEnvelope, "ME-BP:OP-1");
  uint64_t a1 = Accepted(AlertEnvelope, "ME-BP:A1", wire::AlertStatus::Open);
  uint64_t ack = Accepted(ActionEnvelope, "ME-BP:A1", ActionKind::Acknowledge);
  uint64_t sitrep = Accepted(SitRepEnvelope, "ME-BP:OP-1");
  uint64_t gone1 = Accepted(WatchEnvelope, "ME-BP:W-gone", 1u, false);
  uint64_t gone2 = Accepted(WatchEnvelope, "ME-BP:W-gone", 2u, true);
  uint64_t kept1 = Accepted(WatchEnvelope, "ME-BP:W-kept", 1u, false);
  uint64_t kept2 = Accepted(WatchEnvelope, "ME-BP:W-kept", 2u, false);
  uint64_t a1v2 = Accepted(AlertEnvelope, "ME-BP:A1", wire::AlertStatus::Escalated);
  // A second version differs from the first (an identical one is a held copy, not stored).
  auto renamed = [](const auto&... args) {
    wire::EnvelopeT operation = OperationEnvelope(args...);
    operation.payload.AsJointOperation()->name += ", day 2";
    return operation;
  };
  uint64_t op1v2 = Accepted(renamed, "ME-BP:OP-1");
  uint64_t a2 = Accepted(AlertEnvelope, "ME-BP:A2", wire::AlertStatus::Open);
  uint64_t a2v2 = Accepted(AlertEnvelope, "ME-BP:A2", wire::AlertStatus::Closed);
  ASSERT_EQ(a2v2, 12u);

  // A client that runs all along: its state is the snapshot before any sweep.
  Events all_along = Snapshot(me_);
  ASSERT_EQ(all_along.size(), 6u);
  Events before = Replay(me_, 1, 1000);
  ASSERT_EQ(before.size(), 12u);

  std::this_thread::sleep_for(std::chrono::milliseconds(kRetainMs + 300));
  ASSERT_TRUE(me_.Hello("ME-BP", "ME"));  // the silent session expired meanwhile
  // Young events: a superseded version that is younger than the age stays.
  uint64_t a3 = Accepted(AlertEnvelope, "ME-BP:A3", wire::AlertStatus::Open);
  uint64_t a3v2 = Accepted(AlertEnvelope, "ME-BP:A3", wire::AlertStatus::Escalated);
  all_along[a3v2] = Replay(me_, a3v2, 1)[a3v2];

  // The sweep runs every 100 ms: wait (bounded) until the old history is swept.
  Events after;
  for (int attempt = 0; attempt < 50; ++attempt) {
    after = Replay(me_, 1, 1000);
    if (after.count(op1) == 0 && after.count(a2) == 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::vector<uint64_t> kept_seqs;
  for (const auto& [seq, bytes] : after) kept_seqs.push_back(seq);
  // Removed: OP-1 v1, A1 v1, both events of the removed entry, W-kept r1, A2 v1.
  EXPECT_EQ(kept_seqs, (std::vector<uint64_t>{ack, sitrep, kept2, a1v2, op1v2, a2v2, a3, a3v2}));
  for (uint64_t seq : {op1, a1, gone1, gone2, kept1, a2}) EXPECT_EQ(after.count(seq), 0u) << seq;
  for (const auto& [seq, bytes] : after) {
    if (before.count(seq) != 0) {
      EXPECT_EQ(bytes, before[seq]) << seq;  // kept events are untouched
    }
  }

  // A late joiner's snapshot equals the state of the client that ran all along.
  RawClient late(hub_.context(), hub_.router_endpoint());
  ASSERT_TRUE(late.Hello("AL-BP", "AL"));
  EXPECT_EQ(Snapshot(late), all_along);

  // Replay of a removed sequence: the page skips to the next kept event and
  // next_seq moves past the removed ones (a gap a client must not wait for).
  std::vector<uint64_t> next_seqs;
  Events from_gone = Replay(late, gone1, 1, &next_seqs);
  ASSERT_FALSE(next_seqs.empty());
  EXPECT_EQ(from_gone.begin()->first, kept2);
  EXPECT_EQ(next_seqs.front(), kept2 + 1);
  EXPECT_EQ(next_seqs.back(), a3v2 + 1);
  EXPECT_EQ(from_gone.size(), 6u);  // kept2, a1v2, op1v2, a2v2, a3, a3v2

  // Everything holds after a restart: state, and the replay over the gap.
  hub_.Stop();
  ASSERT_TRUE(hub_.Restart());
  RawClient again(hub_.context(), hub_.router_endpoint());
  ASSERT_TRUE(again.Hello("HR-BP", "HR"));
  EXPECT_EQ(Snapshot(again), all_along);
  // (A3 v1 may have aged past the limit meanwhile on a slow machine.)
  Events replayed = Replay(again, 1, 3);
  bool a3_swept = replayed.count(a3) == 0;
  replayed.erase(a3);
  after.erase(a3);
  EXPECT_EQ(replayed, after);
  // The audit trail records the sweeps and its chain still verifies (read
  // with the hub stopped: a read-only open races the live hub's compactions).
  hub_.Stop();
  hub::OpenResult reader = hub::OpenRocksStore({hub_.data_dir(), false, true});
  ASSERT_TRUE(reader.status.ok()) << reader.status.message();
  std::vector<std::string> sweeps;
  ASSERT_TRUE(hub::PrintAudit(*reader.store, "hub", 0, [&](std::string_view line) {
                if (line.find("\"kind\":\"retention\"") != std::string_view::npos) sweeps.emplace_back(line);
              }).ok());
  ASSERT_FALSE(sweeps.empty());
  std::size_t removed_total = 0;
  for (const std::string& line : sweeps) {
    auto at = line.find("\"removed\":");
    if (at != std::string::npos) removed_total += std::stoul(line.substr(at + 10));
  }
  EXPECT_EQ(removed_total, a3_swept ? 7u : 6u);
  EXPECT_NE(sweeps.back().find("\"kept_for_state\":"), std::string::npos);
  hub::AuditVerdict verdict = hub::VerifyAudit(*reader.store);
  EXPECT_TRUE(verdict.ok) << verdict.error;
}

wire::EnvelopeT CheckEnvelope(const std::string& origin, const std::string& country, uint64_t node_seq,
                              const std::string& check_id) {
  wire::EnvelopeT envelope = BaseEnvelope(origin, country, node_seq);
  wire::CheckT check;
  check.check_id = check_id;
  check.checked_at_ms = NowMs() - 1000;
  check.place_code = "BCP-HR-RS-BAJAKOVO";
  auto vehicle = std::make_unique<wire::SubjectT>();
  vehicle->kind = wire::WatchKind::Vehicle;
  vehicle->plate = "PG-123-AB";
  check.subjects.push_back(std::move(vehicle));
  envelope.payload.Set(std::move(check));
  return envelope;
}

// The Checks index (key_layout.h) holds no key of a Check that retention removed.
TEST_F(HubRetentionTest, ARemovedChecksIndexKeyGoesWithIt) {
  uint64_t old_check = Accepted(CheckEnvelope, "ME-BP:C-old");
  std::this_thread::sleep_for(std::chrono::milliseconds(kRetainMs + 300));
  ASSERT_TRUE(me_.Hello("ME-BP", "ME"));  // the silent session expired meanwhile
  uint64_t young_check = Accepted(CheckEnvelope, "ME-BP:C-young");
  bool swept = false;
  for (int attempt = 0; attempt < 50 && !swept; ++attempt) {
    swept = Replay(me_, 1, 1000).count(old_check) == 0;
    if (!swept) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_TRUE(swept);
  hub_.Stop();
  hub::OpenResult reader = hub::OpenRocksStore({hub_.data_dir(), false, true});
  ASSERT_TRUE(reader.status.ok()) << reader.status.message();
  EXPECT_FALSE(reader.store->Get(hub::Family::kMeta, hub::CheckIndexKey(old_check)).value);
  // (The young Check may have aged past the limit meanwhile on a slow machine.)
  if (reader.store->Get(hub::Family::kLog, hub::LogKey(young_check)).value) {
    EXPECT_TRUE(reader.store->Get(hub::Family::kMeta, hub::CheckIndexKey(young_check)).value);
  }
}

// Retention may remove the newest events (a quiet room whose last event was a
// Check): a restarted hub must still go on after the highest sequence it ever
// gave, never hand a removed one out again (a subscriber would drop it as old).
TEST_F(HubRetentionTest, AHubRestartedAfterItsNewestEventsWereRemovedNeverReusesTheirSequences) {
  uint64_t alert = Accepted(AlertEnvelope, "ME-BP:A1", wire::AlertStatus::Open);
  uint64_t newest = Accepted(CheckEnvelope, "ME-BP:C-last");
  ASSERT_EQ(newest, alert + 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(kRetainMs + 300));
  ASSERT_TRUE(me_.Hello("ME-BP", "ME"));  // the silent session expired meanwhile
  bool swept = false;
  for (int attempt = 0; attempt < 50 && !swept; ++attempt) {
    swept = Replay(me_, 1, 1000).count(newest) == 0;
    if (!swept) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_TRUE(swept) << "the old Check was not removed";
  hub_.Stop();
  ASSERT_TRUE(hub_.Restart());
  RawClient again(hub_.context(), hub_.router_endpoint());
  ASSERT_TRUE(again.Hello("ME-BP", "ME"));
  again.Publish(Pack(AlertEnvelope("ME-BP", "ME", seq_++, "ME-BP:A2", wire::AlertStatus::Open)));
  auto outcomes = again.CollectOutcomes(1);
  ASSERT_EQ(outcomes.size(), 1u);
  ASSERT_EQ(outcomes[0].code, wire::RejectReason::None);
  EXPECT_EQ(outcomes[0].hub_seq, newest + 1) << "a removed sequence was handed out again";
}

TEST(HubRetentionConfig, RetainDaysIsParsedAndTyposAreRefused) {
  auto parsed = hub::ParseCommandLine({"--retain-days", "30"});
  ASSERT_TRUE(parsed.command) << parsed.error;
  EXPECT_EQ(parsed.command->config.retain_ms, 30LL * 24 * 60 * 60 * 1000);
  auto forever = hub::ParseCommandLine({});
  ASSERT_TRUE(forever.command);
  EXPECT_EQ(forever.command->config.retain_ms, 0);
  for (const char* bad : {"0", "-1", "7d", "", "123456"}) {
    auto refused = hub::ParseCommandLine({"--retain-days", bad});
    EXPECT_FALSE(refused.command) << bad;
    EXPECT_NE(refused.error.find("--retain-days"), std::string::npos) << refused.error;
  }
}

}  // namespace
}  // namespace opsroom::testing
