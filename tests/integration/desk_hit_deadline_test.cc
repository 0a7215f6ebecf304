// The time to answer a hit through a real secure hub whose clock the test
// moves (HubConfig::clock): a hit left undecided past its answer_by_ms gets
// exactly one HitEscalation from the hub, at_ms the deadline itself, under the
// hit's own handling code (the owner and the room; not the checking node that
// only holds a Redacted copy, not a third node); the same log after a restart,
// nothing new from the rebuilt index; a decision is still accepted after it; a
// hit decided in time is never escalated. Waits are bounded; nothing asserts
// on wall-clock timing.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

#include "integration/hub_fixture.h"
#include "integration/match_fixture.h"
#include "integration/secure_client.h"
#include "integration/security_key_dir.h"

namespace opsroom::testing {
namespace {

using wire::ClientRole;

constexpr int64_t kAnswerMs = 5000;

struct SeenEscalation {
  uint64_t hub_seq = 0;
  std::string hit_id;
  int64_t at_ms = 0;
  std::string origin;
  std::vector<std::string> recipients;
};

std::vector<SeenEscalation> Escalations(const std::vector<wire::Bytes>& events) {
  std::vector<SeenEscalation> seen;
  for (const wire::Bytes& bytes : events) {
    const wire::Event* event = AsFrame(bytes)->body_as_Event();
    const wire::Envelope* envelope = event->envelope_nested_root();
    const wire::HitEscalation* escalation = envelope->payload_as_HitEscalation();
    if (escalation == nullptr) continue;
    SeenEscalation s{event->hub_seq(), escalation->hit_id()->str(), escalation->at_ms(), envelope->origin()->str(), {}};
    if (envelope->handling() != nullptr && envelope->handling()->recipients() != nullptr) {
      for (const flatbuffers::String* r : *envelope->handling()->recipients()) s.recipients.push_back(r->str());
    }
    seen.push_back(std::move(s));
  }
  return seen;
}

class DeskHitDeadlineTest : public ::testing::Test {
 protected:
  DeskHitDeadlineTest()
      : identities_({{"ME-BP", "ME", ClientRole::NationalNode, {}},
                     {"HR-BP", "HR", ClientRole::NationalNode, {}},
                     {"RS-CP", "RS", ClientRole::NationalNode, {}},
                     {"OPSROOM-DUTY", "OPSROOM", ClientRole::Console, {}}}),
        keys_(identities_),
        hub_([this](hub::HubConfig& config) {
          config.insecure = false;
          config.keys_dir = keys_.dir();
          config.handshake_ivl_ms = 1000;
          config.ack_deadline_ms = {0, 0, 0, 0};  // alerts keep no clocks here: only hits escalate
          config.hit_answer_ms = kAnswerMs;
          config.peer_expiry_ms = 10 * 60 * 1000;  // sessions outlive the seconds the test moves the clock
          std::shared_ptr<std::atomic<int64_t>> clock = clock_;
          config.clock = [clock] { return clock->load(); };
        }) {}

  std::unique_ptr<SecureClient> Connect(const std::string& node_id) {
    const Identity& who = IdentityOf(identities_, node_id);
    auto client = std::make_unique<SecureClient>(hub_.context(), hub_.router_endpoint(), who.keys, keys_.hub_public());
    EXPECT_EQ(client->Hello(who), wire::Body::Welcome) << node_id;
    return client;
  }

  // ME's entry restricted to ME, checked by HR: a Full hit (ME and the room)
  // and a Redacted copy (HR). Returns the hit_id, "" when none came.
  std::string RaiseHit(SecureClient& me, SecureClient& hr, SecureClient& duty, uint64_t seq, const std::string& name) {
    wire::EnvelopeT entry = PersonEntry("ME-BP", "ME", seq, "ME-BP:W-" + std::to_string(seq), 1, name, "", "1984-03-02");
    Restrict(entry, {"ME"});
    EXPECT_GT(me.PublishOne(entry), 0);
    EXPECT_GT(hr.PublishOne(CheckOf("HR-BP", "HR", seq, "HR-BP:C" + std::to_string(seq), {Person(name, "1984-03-02")})),
              0);
    for (int attempt = 0; attempt < 300; ++attempt) {
      for (const wire::Bytes& bytes : ReplayEvents(duty)) {
        std::optional<SeenHit> hit = HitOf(bytes);
        if (hit && hit->copy == wire::HitCopy::Full && hit->entry_id == "ME-BP:W-" + std::to_string(seq)) {
          return hit->hit_id;
        }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return {};
  }

  // Replays until `count` escalations are logged, or 15 s pass.
  std::vector<wire::Bytes> ReplayUntilEscalations(SecureClient& client, std::size_t count) {
    std::vector<wire::Bytes> events;
    for (int attempt = 0; attempt < 300; ++attempt) {
      events = ReplayEvents(client);
      if (Escalations(events).size() >= count) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return events;
  }

  void Advance(int64_t ms) { clock_->fetch_add(ms); }
  int64_t Now() const { return clock_->load(); }

  std::shared_ptr<std::atomic<int64_t>> clock_ = std::make_shared<std::atomic<int64_t>>(NowMs());
  std::vector<Identity> identities_;
  KeyDir keys_;
  HubFixture hub_;
};

TEST_F(DeskHitDeadlineTest, AnUndecidedHitEscalatesOnceUnderItsOwnHandlingTheSameAfterARestart) {
  ASSERT_TRUE(hub_.started());
  auto me = Connect("ME-BP");
  auto hr = Connect("HR-BP");
  auto rs = Connect("RS-CP");
  auto duty = Connect("OPSROOM-DUTY");
  int64_t raised_at = Now();
  std::string hit_id = RaiseHit(*me, *hr, *duty, 1, "Marko Scepanovic");
  ASSERT_FALSE(hit_id.empty());

  Advance(kAnswerMs + 500);
  std::vector<SeenEscalation> seen = Escalations(ReplayUntilEscalations(*duty, 1));
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].hit_id, hit_id);
  EXPECT_EQ(seen[0].at_ms, raised_at + kAnswerMs) << "the answer deadline itself, not when the hub noticed it";
  EXPECT_EQ(seen[0].origin, "OPSROOM-HUB");
  EXPECT_EQ(seen[0].recipients, std::vector<std::string>{"ME"}) << "the Full hit's own handling code";
  EXPECT_EQ(Escalations(ReplayEvents(*me)).size(), 1u) << "the entry's owner sees it";
  EXPECT_TRUE(Escalations(ReplayEvents(*hr)).empty()) << "HR holds only the Redacted copy: not its audience";
  EXPECT_TRUE(Escalations(ReplayEvents(*rs)).empty()) << "RS is not entitled to the hit at all";
  EXPECT_EQ(Escalations(SnapshotEvents(*duty)).size(), 1u) << "the snapshot carries it with its hit";
  EXPECT_TRUE(Escalations(SnapshotEvents(*rs)).empty());

  // Later hub time and another message: still exactly one escalation.
  Advance(10'000);
  ASSERT_GT(me->PublishOne(AlertEnvelope("ME-BP", "ME", 10, "ME-BP:A-1")), 0);
  std::vector<wire::Bytes> before = ReplayEvents(*duty);
  EXPECT_EQ(Escalations(before).size(), 1u);

  hub_.Stop();
  Advance(10'000);
  ASSERT_TRUE(hub_.Restart());
  me = Connect("ME-BP");
  duty = Connect("OPSROOM-DUTY");
  ASSERT_GT(me->PublishOne(AlertEnvelope("ME-BP", "ME", 11, "ME-BP:A-2")), 0);
  ASSERT_GT(me->PublishOne(AlertEnvelope("ME-BP", "ME", 12, "ME-BP:A-3")), 0);
  std::vector<wire::Bytes> after = ReplayEvents(*duty);
  ASSERT_GE(after.size(), before.size() + 2);
  for (std::size_t i = 0; i < before.size(); ++i) EXPECT_EQ(after[i], before[i]) << "event " << i + 1;
  EXPECT_EQ(Escalations(after).size(), 1u) << "the rebuilt index must not escalate again";

  // Overdue is not closed: the owner may still answer.
  wire::EnvelopeT decision = Decision("ME-BP", "ME", 13, hit_id, wire::HitVerdict::Confirm);
  Restrict(decision, {"ME"});
  EXPECT_GT(me->PublishOne(decision), 0);
}

TEST_F(DeskHitDeadlineTest, AHitDecidedInTimeIsNotEscalated) {
  ASSERT_TRUE(hub_.started());
  auto me = Connect("ME-BP");
  auto hr = Connect("HR-BP");
  auto duty = Connect("OPSROOM-DUTY");
  std::string answered = RaiseHit(*me, *hr, *duty, 1, "Marko Scepanovic");
  std::string left = RaiseHit(*me, *hr, *duty, 2, "Jovan Petrovic");
  ASSERT_FALSE(answered.empty());
  ASSERT_FALSE(left.empty());
  Advance(kAnswerMs / 2);
  wire::EnvelopeT decision = Decision("ME-BP", "ME", 3, answered, wire::HitVerdict::Reject);
  Restrict(decision, {"ME"});
  ASSERT_GT(me->PublishOne(decision), 0);

  Advance(kAnswerMs * 2);
  // The hit left undecided is the control: once it is escalated, the hub has looked at both.
  std::vector<SeenEscalation> seen = Escalations(ReplayUntilEscalations(*duty, 1));
  ASSERT_GE(seen.size(), 1u);
  ASSERT_GT(me->PublishOne(AlertEnvelope("ME-BP", "ME", 4, "ME-BP:A-1")), 0);
  seen = Escalations(ReplayEvents(*duty));
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].hit_id, left);
}

}  // namespace
}  // namespace opsroom::testing
