// The same log gives the same hits: a fresh HitEngine fed the logged events
// (replayed from a real hub) derives exactly the hits the hub logged, and a
// hub restarted from its store (index rebuilt) raises for a new check the same
// hits as before the restart.
#include <gtest/gtest.h>

#include <cstring>

#include "hub/matching/hit_engine.h"
#include "hub/matching/hit_envelope.h"
#include "integration/match_fixture.h"

namespace opsroom::testing {
namespace {

struct Derived {
  std::string hit_id;
  std::string entry_id;
  uint32_t revision = 0;
  std::string subject_key;
  wire::HitSource source = wire::HitSource::FromCheck;
  bool operator==(const Derived&) const = default;
};

// Runs the log's client events through a fresh engine, numbering hits the way the hub does.
std::vector<Derived> Rederive(const std::vector<wire::Bytes>& events) {
  hub::matching::HitEngine engine;
  std::vector<Derived> derived;
  for (const wire::Bytes& bytes : events) {
    const wire::Event* event = AsFrame(bytes)->body_as_Event();
    const wire::Envelope* envelope = event->envelope_nested_root();
    if (envelope->payload_type() == wire::Payload::Hit) continue;
    std::vector<uint64_t> aligned((event->envelope()->size() + 7) / 8);
    std::memcpy(aligned.data(), event->envelope()->data(), event->envelope()->size());
    std::span<const uint8_t> view(reinterpret_cast<const uint8_t*>(aligned.data()), event->envelope()->size());
    uint64_t next = event->hub_seq() + 1;
    engine.OnEvent(view, event->hub_seq(), event->hub_time_ms(), [&](const hub::matching::HitDraft& draft) {
      std::string id = hub::matching::HitId(next);
      next += hub::matching::AudienceOf(draft).redacted_for_checker ? 2 : 1;
      derived.push_back({id, draft.entry->entry_id, draft.entry->revision, draft.subject_key, draft.sighting->source});
      engine.RememberHit(id, {draft.entry->entry_id, draft.entry->revision, draft.subject_key});
    });
  }
  return derived;
}

std::vector<Derived> Logged(const std::vector<wire::Bytes>& events) {
  std::vector<Derived> logged;
  for (const wire::Bytes& bytes : events) {
    auto hit = HitOf(bytes);
    if (hit && hit->copy == wire::HitCopy::Full) {
      logged.push_back({hit->hit_id, hit->entry_id, hit->entry_revision, hit->subject_key, hit->source});
    }
  }
  return logged;
}

TEST_F(MatchHubTest, TheSameLogGivesTheSameHitsAndARestartChangesNothing) {
  ASSERT_TRUE(hub_.started());
  auto rs = Connect("RS-CP");
  auto hr = Connect("HR-BP");
  auto duty = Connect("OPSROOM-DUTY");
  uint64_t rs_seq = 0, hr_seq = 0;
  const char* names[] = {"Шћепановић Марко", "Петровић Јован", "Иван Марковић", "Xhemajl Hoxha", "Dragan Nikolić"};
  const char* seen[] = {"Marko Scepanovic", "Jovan Petrovic",  "Ivan Markovic", "Dzemajl Hodza",
                        "Nikolic Dragan",   "Petar Jovanovic", "Ivana Markovic"};
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 5; ++i) {
      wire::EnvelopeT entry =
          PersonEntry("RS-CP", "RS", ++rs_seq, "RS-CP:W-" + std::to_string(i), round + 1, names[i], "", "");
      if (i % 2 == 1) Restrict(entry, {"RS"});
      ASSERT_GT(Publish(*rs, entry), 0);
    }
    for (const char* name : seen) {
      ++hr_seq;
      ASSERT_GT(Publish(*hr, CheckOf("HR-BP", "HR", hr_seq, "C" + std::to_string(hr_seq), {Person(name)})), 0);
    }
  }
  std::vector<wire::Bytes> events = ReplayEvents(*duty);
  std::vector<Derived> logged = Logged(events);
  ASSERT_GE(logged.size(), 10u) << "the script raises hits";
  // A rejection in the middle of the log must be honoured by the re-derivation too.
  ASSERT_GT(Publish(*rs, Decision("RS-CP", "RS", ++rs_seq, logged[0].hit_id, wire::HitVerdict::Reject)), 0);
  ASSERT_GT(Publish(*hr, CheckOf("HR-BP", "HR", ++hr_seq, "C-again", {Person(seen[0])})), 0);
  ASSERT_GT(Publish(*hr, CheckOf("HR-BP", "HR", ++hr_seq, "C-before", {Person(seen[1])})), 0);
  events = ReplayEvents(*duty);
  logged = Logged(events);
  EXPECT_EQ(Rederive(events), logged);

  std::vector<Derived> before(logged.end() - 1, logged.end());  // C-before's hit
  hub_.Stop();
  ASSERT_TRUE(hub_.Restart());
  hr = Connect("HR-BP");
  duty = Connect("OPSROOM-DUTY");
  ASSERT_GT(Publish(*hr, CheckOf("HR-BP", "HR", ++hr_seq, "C-after", {Person(seen[1])})), 0);
  events = ReplayEvents(*duty);
  std::vector<Derived> after_restart = Logged(events);
  ASSERT_EQ(after_restart.size(), logged.size() + 1);
  EXPECT_EQ(after_restart.back().entry_id, before.back().entry_id);
  EXPECT_EQ(after_restart.back().subject_key, before.back().subject_key);
  EXPECT_EQ(Rederive(events), after_restart) << "the restarted hub went on from the same state";
}

// The window of recent checks is bounded: past the bound the oldest check
// leaves early (counted), and a new entry no longer meets it.
TEST(HitEngineWindow, TheOldestCheckLeavesFirstPastTheBoundAndIsCounted) {
  for (std::size_t bound : {std::size_t{2}, std::size_t{10}}) {
    hub::matching::EngineOptions options;
    options.max_recent_checks = bound;
    hub::matching::HitEngine engine(options);
    std::vector<std::string> sources;
    auto feed = [&](const wire::EnvelopeT& envelope, uint64_t hub_seq) {
      wire::Bytes bytes = Pack(envelope);  // heap memory: 8-byte aligned
      engine.OnEvent(bytes, hub_seq, NowMs(),
                     [&](const hub::matching::HitDraft& draft) { sources.push_back(draft.sighting->source_id); });
    };
    feed(CheckOf("HR-BP", "HR", 1, "C1", {Person("Marko Scepanovic")}), 1);
    feed(CheckOf("HR-BP", "HR", 2, "C2", {Person("Jovan Petrovic")}), 2);
    feed(CheckOf("HR-BP", "HR", 3, "C3", {Person("Ivan Markovic")}), 3);
    feed(PersonEntry("RS-CP", "RS", 1, "RS-CP:W-1", 1, "Шћепановић Марко", "", ""), 4);
    if (bound == 2) {
      EXPECT_TRUE(sources.empty()) << "C1 left the window";
      EXPECT_EQ(engine.recent_dropped(), 1u);
    } else {
      EXPECT_EQ(sources, std::vector<std::string>{"C1"});
      EXPECT_EQ(engine.recent_dropped(), 0u);
    }
  }
}

}  // namespace
}  // namespace opsroom::testing
