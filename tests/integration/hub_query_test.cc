// The read side through a real hub: snapshot pages with a token at one hub
// sequence, the state at a past sequence or time, replay pages, fan-out in hub
// order, HubStatus, and dump.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <sstream>
#include <thread>

#include "hub/item_versions.h"
#include "hub/query.h"
#include "hub/tools/dump_stats.h"
#include "tests/integration/as_of_pages.h"
#include "tests/integration/hub_fixture.h"
#include "wire/frame_check.h"
#include "wire/protocol_constants.h"

namespace opsroom::testing {
namespace {

using wire::ActionKind;
using wire::Payload;

struct Item {
  uint64_t hub_seq;
  Payload type;
};

std::vector<Item> Items(const flatbuffers::Vector<flatbuffers::Offset<wire::Blob>>* events) {
  std::vector<Item> items;
  if (events == nullptr) return items;
  for (const auto* blob : *events) {
    auto checked = wire::CheckEventFrame({blob->bytes()->data(), blob->bytes()->size()});
    EXPECT_TRUE(checked.ok());
    if (checked.ok()) items.push_back({checked->hub_seq, checked->envelope->payload_type()});
  }
  return items;
}

class HubQueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(hub_.started());
    ASSERT_TRUE(me_.Hello("ME-BP", "ME"));
  }
  // Publishes and expects it accepted; returns its hub_seq.
  uint64_t Accepted(const wire::EnvelopeT& envelope) {
    me_.Publish(Pack(envelope));
    auto outcomes = me_.CollectOutcomes(1);
    EXPECT_EQ(outcomes.size(), 1u);
    if (outcomes.empty()) return 0;
    EXPECT_EQ(outcomes[0].code, wire::RejectReason::None);
    return outcomes[0].hub_seq;
  }
  uint64_t Next() { return seq_++; }
  static AskHub Ask(RawClient& client) {
    return [&client](const wire::Bytes& request) {
      client.Send(request);
      return client.Receive();
    };
  }

  HubFixture hub_{[](hub::HubConfig& config) {
    config.heartbeat_interval_ms = 50;
    config.snapshot_ttl_ms = 200;
  }};
  RawClient me_{hub_.context(), hub_.router_endpoint()};
  uint64_t seq_ = 1;
};

TEST_F(HubQueryTest, SnapshotIsCurrentStatePagedWithATokenAtOneSequence) {
  uint64_t op = Accepted(OperationEnvelope("ME-BP", "ME", Next(), "ME-BP:OP-1"));
  uint64_t a1 = Accepted(AlertEnvelope("ME-BP", "ME", Next(), "ME-BP:A1"));
  uint64_t ack = Accepted(ActionEnvelope("ME-BP", "ME", Next(), "ME-BP:A1", ActionKind::Acknowledge));
  uint64_t sitrep = Accepted(SitRepEnvelope("ME-BP", "ME", Next(), "ME-BP:OP-1"));
  Accepted(WatchEnvelope("ME-BP", "ME", Next(), "ME-BP:W-gone", 1));
  Accepted(WatchEnvelope("ME-BP", "ME", Next(), "ME-BP:W-gone", 2, true));
  uint64_t w2 = Accepted(WatchEnvelope("ME-BP", "ME", Next(), "ME-BP:W-kept", 1));
  uint64_t w2b = Accepted(WatchEnvelope("ME-BP", "ME", Next(), "ME-BP:W-kept", 2));
  uint64_t a1v2 = Accepted(AlertEnvelope("ME-BP", "ME", Next(), "ME-BP:A1", wire::AlertStatus::Escalated));
  uint64_t close = Accepted(ActionEnvelope("ME-BP", "ME", Next(), "ME-BP:A1", ActionKind::Close));
  // A second version differs (an identical one would be a held copy, not stored).
  wire::EnvelopeT op_renamed = OperationEnvelope("ME-BP", "ME", Next(), "ME-BP:OP-1");
  op_renamed.payload.AsJointOperation()->name += ", day 2";
  uint64_t op2 = Accepted(op_renamed);
  ASSERT_NE(w2, 0u);

  std::vector<Item> items;
  uint64_t token = 0;
  uint64_t snapshot_seq = 0;
  bool done = false;
  for (int page = 0; page < 20 && !done; ++page) {
    me_.Send(wire::BuildSnapshotRequest(40 + page, token, 2));
    auto reply = me_.Expect(wire::Body::SnapshotPage);
    ASSERT_TRUE(reply);
    const auto* body = AsFrame(*reply)->body_as_SnapshotPage();
    EXPECT_EQ(AsFrame(*reply)->request_id(), static_cast<uint64_t>(40 + page));
    if (page == 0) {
      token = body->token();
      snapshot_seq = body->hub_seq();
      // Later messages are not part of this snapshot.
      Accepted(AlertEnvelope("ME-BP", "ME", Next(), "ME-BP:A-late"));
    }
    EXPECT_EQ(body->token(), token);
    EXPECT_EQ(body->hub_seq(), snapshot_seq);
    auto page_items = Items(body->events());
    EXPECT_LE(page_items.size(), 2u);
    items.insert(items.end(), page_items.begin(), page_items.end());
    done = body->done();
  }
  ASSERT_TRUE(done);
  EXPECT_EQ(snapshot_seq, op2);
  // Operations, sitreps, live watchlist entries, then each alert (latest
  // version) followed by its actions in hub order.
  std::vector<uint64_t> seqs;
  for (const Item& item : items) seqs.push_back(item.hub_seq);
  EXPECT_EQ(seqs, (std::vector<uint64_t>{op2, sitrep, w2b, a1v2, ack, close}));
  EXPECT_NE(op, op2);
  EXPECT_NE(a1, a1v2);

  me_.Send(wire::BuildSnapshotRequest(1, token, 2));  // finished snapshots are closed
  auto closed = me_.Expect(wire::Body::Nack);
  ASSERT_TRUE(closed);
  EXPECT_EQ(AsFrame(*closed)->body_as_Nack()->code(), wire::RejectReason::SnapshotExpired);
}

TEST_F(HubQueryTest, AFullPageStopsAtItsByteLimitAndTheNextStartsWithTheItemThatDidNotFit) {
  // Events of ~8 KB (the longest body a sender may write): a page of at most
  // kMaxPageBytes holds a few dozen of the 200, so the byte limit ends pages
  // and each next page must start with the item that did not fit.
  std::set<uint64_t> published;
  for (int i = 0; i < 200; ++i) {
    wire::EnvelopeT alert = AlertEnvelope("ME-BP", "ME", Next(), "ME-BP:BIG-" + std::to_string(1000 + i));
    alert.payload.AsAlert()->body = std::string(wire::kMaxLongTextBytes - 200, static_cast<char>('a' + i % 26));
    published.insert(Accepted(alert));
  }
  ASSERT_EQ(published.size(), 200u);
  std::vector<uint64_t> seen;
  uint64_t token = 0;
  bool done = false;
  int pages = 0;
  for (; pages < 100 && !done; ++pages) {
    me_.Send(wire::BuildSnapshotRequest(500 + pages, token, wire::kMaxPageItems));
    auto reply = me_.Expect(wire::Body::SnapshotPage);
    ASSERT_TRUE(reply);
    const auto* body = AsFrame(*reply)->body_as_SnapshotPage();
    token = body->token();
    std::size_t bytes = 0;
    if (body->events() != nullptr) {
      for (const auto* blob : *body->events()) bytes += blob->bytes()->size();
    }
    EXPECT_LE(bytes, hub::kMaxPageBytes);
    for (const Item& item : Items(body->events())) seen.push_back(item.hub_seq);
    done = body->done();
  }
  ASSERT_TRUE(done);
  EXPECT_GT(pages, 2) << "the byte limit never cut a page";
  std::vector<uint64_t> expected(published.begin(), published.end());
  std::vector<uint64_t> sorted_seen = seen;
  std::sort(sorted_seen.begin(), sorted_seen.end());
  EXPECT_EQ(sorted_seen, expected) << "every item exactly once";
}

TEST_F(HubQueryTest, IdleSnapshotTokensExpire) {
  Accepted(AlertEnvelope("ME-BP", "ME", Next(), "ME-BP:A1"));
  Accepted(AlertEnvelope("ME-BP", "ME", Next(), "ME-BP:A2"));
  me_.Send(wire::BuildSnapshotRequest(1, 0, 1));
  auto first = me_.Expect(wire::Body::SnapshotPage);
  ASSERT_TRUE(first);
  uint64_t token = AsFrame(*first)->body_as_SnapshotPage()->token();
  ASSERT_FALSE(AsFrame(*first)->body_as_SnapshotPage()->done());
  bool expired = false;
  for (int attempt = 0; attempt < 100 && !expired; ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    me_.Send(wire::BuildSnapshotRequest(2, 0xdead, 1));  // unknown: refused, keeps the session alive
    auto unknown = me_.Expect(wire::Body::Nack);
    ASSERT_TRUE(unknown);
    EXPECT_EQ(AsFrame(*unknown)->body_as_Nack()->code(), wire::RejectReason::SnapshotExpired);
    expired = hub_.stats().Get(hub::Counter::kSnapshotsOpen) == 0;
  }
  ASSERT_TRUE(expired);
  me_.Send(wire::BuildSnapshotRequest(3, token, 1));
  auto nack = me_.Expect(wire::Body::Nack);
  ASSERT_TRUE(nack);
  EXPECT_EQ(AsFrame(*nack)->body_as_Nack()->code(), wire::RejectReason::SnapshotExpired);
}

TEST_F(HubQueryTest, ReplayPagesAreConsecutive) {
  for (int i = 0; i < 25; ++i) Accepted(AlertEnvelope("ME-BP", "ME", Next(), "ME-BP:A" + std::to_string(i)));
  struct Case {
    uint64_t from;
    uint32_t max;
    std::size_t count;
    uint64_t next;
  };
  for (const Case& c :
       {Case{1, 10, 10, 11}, Case{21, 10, 5, 26}, Case{26, 10, 0, 26}, Case{100, 5, 0, 100}, Case{3, 0, 23, 26}}) {
    me_.Send(wire::BuildReplayRequest(c.from, c.from, c.max));
    auto reply = me_.Expect(wire::Body::ReplayPage);
    ASSERT_TRUE(reply);
    const auto* page = AsFrame(*reply)->body_as_ReplayPage();
    auto items = Items(page->events());
    ASSERT_EQ(items.size(), c.count) << "from " << c.from;
    for (std::size_t i = 0; i < items.size(); ++i) EXPECT_EQ(items[i].hub_seq, c.from + i);
    EXPECT_EQ(page->next_seq(), c.next);
    EXPECT_EQ(page->hub_seq(), 25u);
    EXPECT_EQ(AsFrame(*reply)->request_id(), c.from);
  }
  me_.Send(wire::BuildReplayRequest(9, 0, 10));
  auto nack = me_.Expect(wire::Body::Nack);
  ASSERT_TRUE(nack);
  EXPECT_EQ(AsFrame(*nack)->body_as_Nack()->code(), wire::RejectReason::InvalidValue);
}

TEST_F(HubQueryTest, FanOutCarriesEveryEventInHubOrderAndStatus) {
  RawSubscriber subscriber(hub_.context(), hub_.pub_endpoint());
  // HubStatus arrives every 50 ms here; once one is seen the subscription is live.
  std::optional<RawSubscriber::Message> status;
  for (int i = 0; i < 100 && !status; ++i) status = subscriber.Receive(100);
  ASSERT_TRUE(status);
  EXPECT_EQ(status->topic, wire::kTopicHubStatus);
  EXPECT_TRUE(AsFrame(status->bytes)->body_as_HubStatus()->durable());

  uint64_t alert = Accepted(AlertEnvelope("ME-BP", "ME", Next(), "ME-BP:A1"));
  uint64_t action = Accepted(ActionEnvelope("ME-BP", "ME", Next(), "ME-BP:A1", ActionKind::Comment));
  uint64_t op = Accepted(OperationEnvelope("ME-BP", "ME", Next(), "ME-BP:OP-9"));
  uint64_t sitrep = Accepted(SitRepEnvelope("ME-BP", "ME", Next(), "ME-BP:OP-9"));
  uint64_t watch = Accepted(WatchEnvelope("ME-BP", "ME", Next(), "ME-BP:W", 1));
  std::vector<std::pair<std::string, uint64_t>> expected = {{"ev.alert.ME-BP", alert},
                                                            {"ev.action.ME-BP", action},
                                                            {"ev.operation.ME-BP", op},
                                                            {"ev.sitrep.ME-BP", sitrep},
                                                            {"ev.watch.ME-BP", watch}};
  for (const auto& [topic, seq] : expected) {
    auto event = subscriber.ReceiveEvent();
    ASSERT_TRUE(event);
    EXPECT_EQ(event->topic, topic);
    EXPECT_EQ(EventSeq(event->bytes), seq);
  }
}

TEST_F(HubQueryTest, StatsAnswerWithCounters) {
  Accepted(AlertEnvelope("ME-BP", "ME", Next(), "ME-BP:A1"));
  me_.Send(wire::BuildStatsRequest(5));
  auto reply = me_.Expect(wire::Body::Stats);
  ASSERT_TRUE(reply);
  std::map<std::string, int64_t> counters;
  for (const auto* c : *AsFrame(*reply)->body_as_Stats()->counters()) counters[c->name()->str()] = c->value();
  for (const char* name :
       {"received", "stored", "duplicates", "refused", "fanned_out", "sessions", "subscriptions", "hub_seq"}) {
    EXPECT_EQ(counters.count(name), 1u) << name;
  }
  EXPECT_EQ(counters["stored"], 1);
  EXPECT_EQ(counters["hub_seq"], 1);
  EXPECT_EQ(counters["sessions"], 1);
}

TEST_F(HubQueryTest, DumpPrintsOneJsonLinePerEventWhileRunningAndStopped) {
  for (int i = 0; i < 5; ++i) Accepted(AlertEnvelope("ME-BP", "ME", Next(), "ME-BP:A" + std::to_string(i)));
  for (bool running : {true, false}) {
    if (!running) hub_.Stop();
    std::ostringstream out;
    wire::Status result = hub::DumpLog(hub_.data_dir(), out);
    ASSERT_TRUE(result.ok) << result.error;
    std::istringstream lines(out.str());
    std::string line;
    int count = 0;
    while (std::getline(lines, line)) {
      ++count;
      EXPECT_EQ(line.front(), '{');
      EXPECT_NE(line.find("\"hub_seq\": " + std::to_string(count)), std::string::npos) << line;
      EXPECT_NE(line.find("ME-BP"), std::string::npos);
    }
    EXPECT_EQ(count, 5);
  }
}

// The state at a past moment (docs/protocol.md 8.1.1).
TEST_F(HubQueryTest, StateAtEverySequenceIsTheLogAppliedUpToIt) {
  uint64_t op = Accepted(OperationEnvelope("ME-BP", "ME", Next(), "ME-BP:OP-1"));
  uint64_t a1 = Accepted(AlertEnvelope("ME-BP", "ME", Next(), "ME-BP:A1"));
  uint64_t ack = Accepted(ActionEnvelope("ME-BP", "ME", Next(), "ME-BP:A1", ActionKind::Acknowledge));
  uint64_t sitrep = Accepted(SitRepEnvelope("ME-BP", "ME", Next(), "ME-BP:OP-1"));
  uint64_t gone = Accepted(WatchEnvelope("ME-BP", "ME", Next(), "ME-BP:W-gone", 1));
  uint64_t middle = gone;  // everything below changes after this moment
  Accepted(WatchEnvelope("ME-BP", "ME", Next(), "ME-BP:W-gone", 2, true));
  Accepted(AlertEnvelope("ME-BP", "ME", Next(), "ME-BP:A1", wire::AlertStatus::Escalated));
  Accepted(ActionEnvelope("ME-BP", "ME", Next(), "ME-BP:A1", ActionKind::Close));
  wire::EnvelopeT op_renamed = OperationEnvelope("ME-BP", "ME", Next(), "ME-BP:OP-1");
  op_renamed.payload.AsJointOperation()->name += ", day 2";
  Accepted(op_renamed);
  Accepted(AlertEnvelope("ME-BP", "ME", Next(), "ME-BP:A2"));
  Accepted(WatchEnvelope("ME-BP", "ME", Next(), "ME-BP:W-kept", 1));
  uint64_t last = Accepted(WatchEnvelope("ME-BP", "ME", Next(), "ME-BP:W-kept", 2));
  ASSERT_GT(last, middle);

  std::vector<wire::Bytes> log = ReplayAll(Ask(me_));
  ASSERT_EQ(log.size(), last);
  for (uint64_t n = 1; n <= last; ++n) {
    AsOfAnswer answer = SnapshotAsOf(Ask(me_), {n, 0});
    ASSERT_TRUE(answer.done) << n;
    EXPECT_TRUE(answer.as_of) << n;
    EXPECT_EQ(answer.hub_seq, n);
    EXPECT_EQ(Digest(answer.events, n), Digest(log, n)) << "state at " << n;
  }
  // As it was in the middle: the operation's and the alert's versions then, the
  // entry removed later still there, the alert raised later absent.
  AsOfAnswer then = SnapshotAsOf(Ask(me_), {middle, 0});
  EXPECT_EQ(Seqs(then.events), (std::vector<uint64_t>{op, sitrep, gone, a1, ack}));
}

TEST_F(HubQueryTest, StateAtATimeIsThatOfTheLastEventStampedByThen) {
  for (int i = 0; i < 5; ++i) {
    Accepted(AlertEnvelope("ME-BP", "ME", Next(), "ME-BP:A" + std::to_string(i)));
    std::this_thread::sleep_for(std::chrono::milliseconds(5));  // distinct stamps; the answer does not depend on it
  }
  std::vector<wire::Bytes> log = ReplayAll(Ask(me_));
  ASSERT_EQ(log.size(), 5u);
  for (const wire::Bytes& bytes : log) {
    int64_t stamp = AsFrame(bytes)->body_as_Event()->hub_time_ms();
    uint64_t expected = 0;  // the last event stamped at or before `stamp`
    for (const wire::Bytes& other : log) {
      if (AsFrame(other)->body_as_Event()->hub_time_ms() <= stamp) expected = EventSeq(other);
    }
    AsOfAnswer answer = SnapshotAsOf(Ask(me_), {0, stamp});
    EXPECT_TRUE(answer.as_of);
    EXPECT_EQ(answer.hub_seq, expected);
    EXPECT_EQ(Digest(answer.events, expected), Digest(log, expected));
  }
  AsOfAnswer before = SnapshotAsOf(Ask(me_), {0, 1});  // 1970: before the first event
  EXPECT_TRUE(before.done && before.as_of);
  EXPECT_EQ(before.hub_seq, 0u);
  EXPECT_TRUE(before.events.empty());
  AsOfAnswer beyond = SnapshotAsOf(Ask(me_), {1'000'000, 0});  // beyond the log: the current state
  EXPECT_TRUE(beyond.as_of);
  EXPECT_EQ(beyond.hub_seq, 5u);
  EXPECT_EQ(beyond.events.size(), 5u);
}

TEST_F(HubQueryTest, BothFieldsOrANegativeTimeAreRefused) {
  Accepted(AlertEnvelope("ME-BP", "ME", Next(), "ME-BP:A1"));
  for (wire::SnapshotAsOf bad : {wire::SnapshotAsOf{1, 5}, wire::SnapshotAsOf{0, -5}}) {
    me_.Send(wire::BuildSnapshotRequest(3, 0, 0, bad));
    auto nack = me_.Expect(wire::Body::Nack);
    ASSERT_TRUE(nack);
    EXPECT_EQ(AsFrame(*nack)->body_as_Nack()->code(), wire::RejectReason::InvalidValue);
  }
  // A plain snapshot says it is not a past state.
  AsOfAnswer now = SnapshotAsOf(Ask(me_), {});
  EXPECT_FALSE(now.as_of);
  EXPECT_EQ(now.hub_seq, 1u);
}

TEST_F(HubQueryTest, AStoreFromBeforeTheIndexServesPastStatesFromTheUpgradeOn) {
  uint64_t old_alert = Accepted(AlertEnvelope("ME-BP", "ME", Next(), "ME-BP:A-old"));
  Accepted(AlertEnvelope("ME-BP", "ME", Next(), "ME-BP:A-other"));
  hub_.Stop();
  {  // as a hub before the index left it: no ver.from, no version keys
    hub::OpenResult opened = hub::OpenRocksStore({hub_.data_dir(), true, false});
    ASSERT_TRUE(opened.status.ok()) << opened.status.message();
    hub::WriteSet writes;
    writes.Delete(hub::Family::kMeta, hub::kVersionsFromKey);
    writes.Delete(hub::Family::kMeta, hub::VersionKey(hub::Family::kAlerts, hub::AlertKey("ME-BP:A-old"), old_alert));
    ASSERT_TRUE(opened.store->Commit(writes).ok());
  }
  ASSERT_TRUE(hub_.Restart());
  RawClient again{hub_.context(), hub_.router_endpoint()};
  ASSERT_TRUE(again.Hello("ME-BP", "ME"));
  again.Publish(Pack(AlertEnvelope("ME-BP", "ME", Next(), "ME-BP:A-old", wire::AlertStatus::Escalated)));
  ASSERT_EQ(again.CollectOutcomes(1).size(), 1u);
  std::vector<wire::Bytes> log = ReplayAll(Ask(again));
  ASSERT_EQ(log.size(), 3u);
  // At 2 (the last sequence before the upgrade), A-old's first version is known again.
  AsOfAnswer at_upgrade = SnapshotAsOf(Ask(again), {2, 0});
  EXPECT_EQ(Digest(at_upgrade.events, 2), Digest(log, 2));
  EXPECT_EQ(Seqs(at_upgrade.events), (std::vector<uint64_t>{old_alert, 2}));
  again.Send(wire::BuildSnapshotRequest(3, 0, 0, {1, 0}));  // below ver.from
  auto nack = again.Expect(wire::Body::Nack);
  ASSERT_TRUE(nack);
  EXPECT_EQ(AsFrame(*nack)->body_as_Nack()->code(), wire::RejectReason::InvalidValue);
}

}  // namespace
}  // namespace opsroom::testing
