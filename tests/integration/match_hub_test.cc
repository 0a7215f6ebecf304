// Checks and hits through a real hub (CurveZMQ, key registry, RocksDB in a
// temp dir): a Latin check against a Cyrillic entry delivered to the owner in
// full, to the checking node redacted, to nobody else; every reason a hit is
// or is not raised; new entries against recent checks; decisions (owner only,
// once, audited) and a rejected pair never raised again, across a restart.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <thread>

#include "hub/audit_log.h"
#include "hub/store.h"
#include "integration/match_fixture.h"

namespace opsroom::testing {
namespace {

using wire::HitCopy;

std::vector<SeenHit> Only(const std::vector<SeenHit>& hits, HitCopy copy) {
  std::vector<SeenHit> out;
  for (const SeenHit& hit : hits) {
    if (hit.copy == copy) out.push_back(hit);
  }
  return out;
}

wire::EnvelopeT Marker(uint64_t node_seq, const std::string& alert_id) {
  return AlertEnvelope("ME-BP", "ME", node_seq, alert_id);
}

TEST_F(MatchHubTest, LatinCheckAgainstCyrillicEntryReachesOwnerFullCheckerRedactedNobodyElse) {
  ASSERT_TRUE(hub_.started());
  std::map<std::string, std::unique_ptr<zmq::socket_t>> subs;
  for (const char* who : {"RS-CP", "HR-BP", "ME-BP", "OPSROOM-DUTY", "EUROPOL-EMSC"}) subs[who] = Subscribe(who);
  auto rs = Connect("RS-CP");
  auto hr = Connect("HR-BP");
  auto me = Connect("ME-BP");
  wire::EnvelopeT entry = PersonEntry("RS-CP", "RS", 1, "RS-CP:W-118", 1, "Шћепановић Марко", "", "1984-03-02");
  Restrict(entry, {"RS"});  // the checking state may not see the entry
  ASSERT_GT(Publish(*rs, entry), 0);
  ASSERT_GT(Publish(*hr, CheckOf("HR-BP", "HR", 1, "HR-BP:C1", {Person("Marko Scepanovic", "1984-03-02")})), 0);
  ASSERT_GT(Publish(*me, Marker(1, "ME-BP:MARK")), 0);

  std::map<std::string, std::vector<SeenHit>> got;
  for (auto& [who, sub] : subs) {
    Drained drained = Drain(*sub, "ME-BP:1");
    EXPECT_FALSE(drained.message_ids.empty() || drained.message_ids.back() != "ME-BP:1") << who << " missed the marker";
    got[who] = drained.hits;
  }
  ASSERT_EQ(got["RS-CP"].size(), 1u);
  const SeenHit& full = got["RS-CP"][0];
  EXPECT_EQ(full.copy, HitCopy::Full);
  EXPECT_EQ(full.entry_id, "RS-CP:W-118");
  EXPECT_EQ(full.source_id, "HR-BP:C1");
  EXPECT_GE(full.score, 0.85f);
  EXPECT_GT(full.reasons, 0u);
  EXPECT_EQ(full.entry_reason, "organiser of smuggling transports");
  EXPECT_EQ(full.recipients, std::vector<std::string>{"RS"});

  ASSERT_EQ(got["HR-BP"].size(), 1u);
  const SeenHit& redacted = got["HR-BP"][0];
  EXPECT_EQ(redacted.copy, HitCopy::Redacted);
  EXPECT_EQ(redacted.hit_id, full.hit_id);
  EXPECT_EQ(redacted.action, wire::ActionRequested::Arrest) << "the officer gets the action to take";
  EXPECT_EQ(redacted.reasons, 0u) << "never the owner's reasons";
  EXPECT_EQ(redacted.score, 0.0f);
  EXPECT_TRUE(redacted.entry_reason.empty());

  EXPECT_EQ(got["OPSROOM-DUTY"].size(), 2u) << "the room sees both copies";
  EXPECT_TRUE(got["ME-BP"].empty()) << "a non-recipient learns nothing";
  EXPECT_TRUE(got["EUROPOL-EMSC"].empty());
  EXPECT_TRUE(ReplayHits(*me).empty()) << "nor by replay";
  EXPECT_EQ(ReplayHits(*hr).size(), 1u);
}

TEST_F(MatchHubTest, ASnapshotCarriesEachHitAndItsDecisionToItsAudienceOnly) {
  ASSERT_TRUE(hub_.started());
  auto rs = Connect("RS-CP");
  auto hr = Connect("HR-BP");
  auto me = Connect("ME-BP");
  auto duty = Connect("OPSROOM-DUTY");
  wire::EnvelopeT entry = PersonEntry("RS-CP", "RS", 1, "RS-CP:W-118", 1, "Шћепановић Марко", "", "1984-03-02");
  Restrict(entry, {"RS"});
  ASSERT_GT(Publish(*rs, entry), 0);
  ASSERT_GT(Publish(*hr, CheckOf("HR-BP", "HR", 1, "HR-BP:C1", {Person("Marko Scepanovic", "1984-03-02")})), 0);
  std::string hit_id = ReplayHits(*rs).at(0).hit_id;
  wire::EnvelopeT decision = Decision("RS-CP", "RS", 2, hit_id, wire::HitVerdict::Confirm);
  Restrict(decision, {"RS"});
  ASSERT_GT(Publish(*rs, decision), 0);
  auto snapshot = [&](SecureClient& client) {
    std::map<std::string, int> seen;  // "Full", "Redacted", "decision"
    for (const wire::Bytes& event : SnapshotEvents(client)) {
      if (auto hit = HitOf(event)) ++seen[wire::EnumNameHitCopy(hit->copy)];
      const wire::Envelope* envelope = AsFrame(event)->body_as_Event()->envelope_nested_root();
      if (envelope->payload_type() == wire::Payload::HitDecision) ++seen["decision"];
    }
    return seen;
  };
  EXPECT_EQ(snapshot(*duty), (std::map<std::string, int>{{"Full", 1}, {"Redacted", 1}, {"decision", 1}}));
  EXPECT_EQ(snapshot(*rs), (std::map<std::string, int>{{"Full", 1}, {"decision", 1}}));
  EXPECT_EQ(snapshot(*hr), (std::map<std::string, int>{{"Redacted", 1}}));
  EXPECT_TRUE(snapshot(*me).empty());
}

TEST_F(MatchHubTest, ACheckerEntitledToTheEntryGetsTheFullCopy) {
  ASSERT_TRUE(hub_.started());
  auto rs = Connect("RS-CP");
  auto hr = Connect("HR-BP");
  auto me = Connect("ME-BP");
  ASSERT_GT(Publish(*rs, PersonEntry("RS-CP", "RS", 1, "RS-CP:W-1", 1, "Шћепановић Марко", "", "1984-03-02")), 0);
  ASSERT_GT(Publish(*hr, CheckOf("HR-BP", "HR", 1, "HR-BP:C1", {Person("SCEPANOVIC MARKO")})), 0);
  std::vector<SeenHit> hits = ReplayHits(*hr);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].copy, HitCopy::Full);
  EXPECT_EQ(hits[0].recipients, (std::vector<std::string>{"RS", "HR"}));
  EXPECT_TRUE(ReplayHits(*me).empty());
}

TEST_F(MatchHubTest, EveryReasonAHitIsOrIsNotRaised) {
  ASSERT_TRUE(hub_.started());
  auto rs = Connect("RS-CP");
  auto hr = Connect("HR-BP");
  auto duty = Connect("OPSROOM-DUTY");
  uint64_t rs_seq = 0, hr_seq = 0;
  auto entry = [&](wire::EnvelopeT envelope) { ASSERT_GT(Publish(*rs, envelope), 0); };
  entry(PersonEntry("RS-CP", "RS", ++rs_seq, "RS-CP:W-PETROVIC", 1, "Петровић Јован", "", ""));
  entry(PersonEntry("RS-CP", "RS", ++rs_seq, "RS-CP:W-IVAN", 1, "Иван Марковић", "", ""));
  entry(PersonEntry("RS-CP", "RS", ++rs_seq, "RS-CP:W-HOXHA", 1, "", "Xhemajl Hoxha", ""));
  entry(PersonEntry("RS-CP", "RS", ++rs_seq, "RS-CP:W-DOB", 1, "", "Dragan Nikolić", "1975-01-01"));
  entry(WatchEnvelope("RS-CP", "RS", ++rs_seq, "RS-CP:W-PLATE", 1));  // plate PG-123-AB
  wire::EnvelopeT container = WatchEnvelope("RS-CP", "RS", ++rs_seq, "RS-CP:W-BOX", 1);
  container.payload.AsWatchlistEntry()->kind = wire::WatchKind::Container;
  container.payload.AsWatchlistEntry()->plate.clear();
  container.payload.AsWatchlistEntry()->container_number = "CSQU3054383";
  entry(std::move(container));
  entry(PersonEntry("RS-CP", "RS", ++rs_seq, "RS-CP:W-GONE", 1, "", "Milan Babić", ""));
  entry(PersonEntry("RS-CP", "RS", ++rs_seq, "RS-CP:W-GONE", 2, "", "Milan Babić", ""));
  rs->PublishOne(WatchEnvelope("RS-CP", "RS", ++rs_seq, "RS-CP:W-GONE", 3, true));
  wire::EnvelopeT expired = PersonEntry("RS-CP", "RS", ++rs_seq, "RS-CP:W-EXPIRED", 1, "", "Goran Hadžić", "");
  expired.payload.AsWatchlistEntry()->valid_from_ms = NowMs() - 2 * 86'400'000LL;
  expired.payload.AsWatchlistEntry()->valid_until_ms = NowMs() - 86'400'000LL;
  entry(std::move(expired));
  wire::EnvelopeT future = PersonEntry("RS-CP", "RS", ++rs_seq, "RS-CP:W-FUTURE", 1, "", "Vojislav Šešelj", "");
  future.payload.AsWatchlistEntry()->valid_from_ms = NowMs() + 86'400'000LL;
  entry(std::move(future));

  // check_id -> the entries it must hit (none: it must hit nothing).
  const std::vector<std::pair<wire::SubjectT, std::set<std::string>>> cases = [] {
    std::vector<std::pair<wire::SubjectT, std::set<std::string>>> c;
    c.push_back({Person("Jovan Petrovic"), {"RS-CP:W-PETROVIC"}});  // Cyrillic entry, ASCII check
    c.push_back({Person("Petrović Jovan"), {"RS-CP:W-PETROVIC"}});  // surname first
    c.push_back({Person("Jovan Petrovski"), {}});                   // Petrović is not Petrovski
    c.push_back({Person("Petar Jovanović"), {}});                   // nor Petar Jovanović
    c.push_back({Person("Ivan Marković"), {"RS-CP:W-IVAN"}});
    c.push_back({Person("Ivana Marković"), {}});                // Ivan is not Ivana
    c.push_back({Person("Ivan Marinković"), {}});               // Marković is not Marinković
    c.push_back({Person("Džemajl Hodža"), {"RS-CP:W-HOXHA"}});  // Albanian entry, Serbian spelling
    c.push_back({Person("Xhemajl Hoxhaj"), {}});                // Hoxha is not Hoxhaj
    c.push_back({Person("Dragan Nikolic", "1975-01-01"), {"RS-CP:W-DOB"}});
    c.push_back({Vehicle("PG 123 AB"), {"RS-CP:W-PLATE"}});      // plate normalised
    c.push_back({Container("CSQU 305438 3"), {"RS-CP:W-BOX"}});  // container normalised
    c.push_back({Person("Milan Babic"), {}});                    // the entry was removed
    c.push_back({Person("Goran Hadzic"), {}});                   // the entry expired
    c.push_back({Person("Vojislav Seselj"), {}});                // the entry is not in force yet
    return c;
  }();
  for (std::size_t i = 0; i < cases.size(); ++i) {
    wire::SubjectT subject = cases[i].first;
    ASSERT_GT(Publish(*hr, CheckOf("HR-BP", "HR", ++hr_seq, "C" + std::to_string(i), {std::move(subject)})), 0) << i;
  }
  std::map<std::string, std::set<std::string>> hit_by_check;
  for (const SeenHit& hit : Only(ReplayHits(*duty), HitCopy::Full)) hit_by_check[hit.source_id].insert(hit.entry_id);
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const wire::SubjectT& subject = cases[i].first;
    std::string what = subject.name + subject.plate + subject.container_number;
    EXPECT_EQ(hit_by_check["C" + std::to_string(i)], cases[i].second) << "check " << i << ": " << what;
  }
}

TEST_F(MatchHubTest, AnAlertsNamedSubjectsAreMatchedLikeACheck) {
  ASSERT_TRUE(hub_.started());
  auto rs = Connect("RS-CP");
  auto me = Connect("ME-BP");
  ASSERT_GT(Publish(*rs, WatchEnvelope("RS-CP", "RS", 1, "RS-CP:W-PLATE", 1)), 0);  // plate PG-123-AB
  wire::EnvelopeT alert = AlertEnvelope("ME-BP", "ME", 1, "ME-BP:A1");
  alert.payload.AsAlert()->subjects.push_back(std::make_unique<wire::SubjectT>(Vehicle("PG 123AB")));
  alert.payload.AsAlert()->subjects.push_back(std::make_unique<wire::SubjectT>(Person("Nobody Known")));
  ASSERT_GT(Publish(*me, alert), 0);
  std::vector<SeenHit> hits = ReplayHits(*rs);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].source, wire::HitSource::FromAlert);
  EXPECT_EQ(hits[0].source_id, "ME-BP:A1");
  EXPECT_EQ(hits[0].entry_id, "RS-CP:W-PLATE");
  // An alert without subjects names nobody: no hit.
  ASSERT_GT(Publish(*me, AlertEnvelope("ME-BP", "ME", 2, "ME-BP:A2")), 0);
  EXPECT_EQ(ReplayHits(*rs).size(), 1u);
}

TEST_F(MatchHubTest, ABadCheckDigitIsRefusedNotMissed) {
  ASSERT_TRUE(hub_.started());
  auto hr = Connect("HR-BP");
  EXPECT_EQ(Publish(*hr, CheckOf("HR-BP", "HR", 1, "C1", {Container("CSQU3054384")})),
            -static_cast<int64_t>(wire::RejectReason::CheckDigit));
  EXPECT_EQ(Publish(*hr, CheckOf("HR-BP", "HR", 1, "C1", {Vehicle("", "1M8GDM9AYKP042788")})),
            -static_cast<int64_t>(wire::RejectReason::CheckDigit));
  wire::SubjectT vessel;
  vessel.kind = wire::WatchKind::Vessel;
  vessel.imo = "IMO 9074728";
  EXPECT_EQ(Publish(*hr, CheckOf("HR-BP", "HR", 1, "C1", {vessel})),
            -static_cast<int64_t>(wire::RejectReason::CheckDigit));
  EXPECT_EQ(Publish(*hr, CheckOf("HR-BP", "HR", 1, "C1", {})), -static_cast<int64_t>(wire::RejectReason::MissingField));
  EXPECT_GT(Publish(*hr, CheckOf("HR-BP", "HR", 1, "C1", {Container("CSQU3054383")})), 0);
}

TEST_F(MatchHubTest, ANewEntryMeetsTheChecksOfTheWindow) {
  ASSERT_TRUE(hub_.started());
  auto rs = Connect("RS-CP");
  auto hr = Connect("HR-BP");
  ASSERT_GT(
      Publish(*hr, CheckOf("HR-BP", "HR", 1, "C1", {Person("Marko Šćepanović", "1984-03-02"), Vehicle("PG-123-AB")})),
      0);
  ASSERT_GT(Publish(*rs, PersonEntry("RS-CP", "RS", 1, "RS-CP:W-1", 1, "Шћепановић Марко", "", "1984-03-02")), 0);
  std::vector<SeenHit> hits = Only(ReplayHits(*rs), HitCopy::Full);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].source, wire::HitSource::FromEntry);
  EXPECT_EQ(hits[0].source_id, "C1");
}

// Marko Šćepanović seen at a Croatian check, and the Serbian entry that names him in Cyrillic.
wire::EnvelopeT MarkoChecked(uint64_t node_seq, const std::string& check_id) {
  return CheckOf("HR-BP", "HR", node_seq, check_id, {Person("Marko Šćepanović", "1984-03-02")});
}
wire::EnvelopeT MarkoWanted() {
  return PersonEntry("RS-CP", "RS", 1, "RS-CP:W-1", 1, "Шћепановић Марко", "", "1984-03-02");
}

class MatchHubShortWindowTest : public MatchHubTest {
 protected:
  MatchHubShortWindowTest() : MatchHubTest(1) {}
};

TEST_F(MatchHubShortWindowTest, ANewEntryIgnoresChecksOlderThanTheWindow) {
  ASSERT_TRUE(hub_.started());
  auto rs = Connect("RS-CP");
  auto hr = Connect("HR-BP");
  ASSERT_GT(Publish(*hr, MarkoChecked(1, "C1")), 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));  // the check falls out of a 1 ms window
  ASSERT_GT(Publish(*rs, MarkoWanted()), 0);
  EXPECT_TRUE(ReplayHits(*rs).empty());
  // A live check still hits: the window only bounds the look back.
  ASSERT_GT(Publish(*hr, MarkoChecked(2, "C2")), 0);
  EXPECT_EQ(ReplayHits(*rs).size(), 1u);
}

// SIGHUP with a wider hit_window_days (docs/operations.md "Reloading
// hub.toml"): the Checks it adds, which had left the engine, are read back
// from the log, so the next entry meets them as after a restart.
TEST_F(MatchHubShortWindowTest, AWiderWindowOnAReloadReadsBackTheChecksItAdds) {
  ASSERT_TRUE(hub_.started());
  auto rs = Connect("RS-CP");
  auto hr = Connect("HR-BP");
  ASSERT_GT(Publish(*hr, MarkoChecked(1, "C1")), 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));  // the check falls out of a 1 ms window
  ASSERT_GT(Publish(*hr, CheckOf("HR-BP", "HR", 2, "C2", {Vehicle("PG-123-AB")})), 0);  // and leaves the engine
  ASSERT_TRUE(hub_.ReloadSettings([](hub::HubConfig& config) { config.hit_window_ms = 7LL * 24 * 3600 * 1000; }));
  ASSERT_GT(Publish(*rs, MarkoWanted()), 0);
  std::vector<SeenHit> hits = Only(ReplayHits(*rs), HitCopy::Full);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].source_id, "C1");
}

// And a narrower one bounds the next entry's look back at once.
TEST_F(MatchHubTest, ANarrowerWindowOnAReloadBoundsTheNextEntry) {
  ASSERT_TRUE(hub_.started());
  auto rs = Connect("RS-CP");
  auto hr = Connect("HR-BP");
  ASSERT_GT(Publish(*hr, MarkoChecked(1, "C1")), 0);
  ASSERT_TRUE(hub_.ReloadSettings([](hub::HubConfig& config) { config.hit_window_ms = 1; }));
  std::this_thread::sleep_for(std::chrono::milliseconds(20));  // the check falls out of the new 1 ms window
  ASSERT_GT(Publish(*rs, MarkoWanted()), 0);
  EXPECT_TRUE(ReplayHits(*rs).empty());
}

TEST_F(MatchHubTest, DecisionsAreTheOwnersOnceAuditedAndARejectedPairIsNotRaisedAgain) {
  ASSERT_TRUE(hub_.started());
  auto rs = Connect("RS-CP");
  auto hr = Connect("HR-BP");
  auto me = Connect("ME-BP");
  ASSERT_GT(Publish(*rs, PersonEntry("RS-CP", "RS", 1, "RS-CP:W-1", 1, "Шћепановић Марко", "", "")), 0);
  ASSERT_GT(Publish(*hr, CheckOf("HR-BP", "HR", 1, "C1", {Person("Marko Scepanovic")})), 0);
  std::vector<SeenHit> hits = ReplayHits(*rs);
  ASSERT_EQ(hits.size(), 1u);
  std::string hit_id = hits[0].hit_id;
  auto code = [](wire::RejectReason reason) { return -static_cast<int64_t>(reason); };
  EXPECT_EQ(Publish(*me, Decision("ME-BP", "ME", 1, hit_id, wire::HitVerdict::Reject)),
            code(wire::RejectReason::NotOwner));
  EXPECT_EQ(Publish(*rs, Decision("RS-CP", "RS", 2, "H999999", wire::HitVerdict::Reject)),
            code(wire::RejectReason::UnknownHit));
  ASSERT_GT(Publish(*rs, Decision("RS-CP", "RS", 2, hit_id, wire::HitVerdict::Reject)), 0);
  EXPECT_EQ(Publish(*rs, Decision("RS-CP", "RS", 3, hit_id, wire::HitVerdict::Confirm)),
            code(wire::RejectReason::HitDecided));

  // The same person again, in another order and script: no new hit, before and after a restart.
  ASSERT_GT(Publish(*hr, CheckOf("HR-BP", "HR", 2, "C2", {Person("Scepanovic Marko")})), 0);
  EXPECT_EQ(ReplayHits(*rs).size(), 1u);
  hub_.Stop();
  ASSERT_TRUE(hub_.Restart());
  rs = Connect("RS-CP");
  hr = Connect("HR-BP");
  ASSERT_GT(Publish(*hr, CheckOf("HR-BP", "HR", 3, "C3", {Person("Marko Šćepanović")})), 0);
  EXPECT_EQ(ReplayHits(*rs).size(), 1u) << "the rejection survives the restart";
  // Another person still hits, and a new revision of the entry may hit the pair again.
  ASSERT_GT(Publish(*hr, CheckOf("HR-BP", "HR", 4, "C4", {Person("Marko Šćepanović", "", "ME")})), 0);
  ASSERT_GT(Publish(*rs, PersonEntry("RS-CP", "RS", 3, "RS-CP:W-1", 2, "Шћепановић Марко", "", "")), 0);
  hits = ReplayHits(*rs);
  EXPECT_TRUE(std::any_of(hits.begin(), hits.end(), [](const SeenHit& h) { return h.entry_revision == 2; }));

  hub_.Stop();
  hub::OpenResult opened = hub::OpenRocksStore({hub_.data_dir(), false, true});
  ASSERT_TRUE(opened.status.ok()) << opened.status.message();
  std::string audit;
  ASSERT_TRUE(hub::PrintAudit(*opened.store, "", 0, [&](std::string_view line) { audit.append(line) += "\n"; }).ok());
  EXPECT_NE(audit.find("\"kind\":\"hit-decision\""), std::string::npos) << audit;
  EXPECT_NE(audit.find("\"verdict\":\"Reject\""), std::string::npos);
  EXPECT_NE(audit.find("\"hit_id\":\"" + hit_id + "\""), std::string::npos);
}

}  // namespace
}  // namespace opsroom::testing
