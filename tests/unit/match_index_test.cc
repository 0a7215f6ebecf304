// The candidate index: cross-script candidates, traps scored out, revise/remove, bulk
// build equal to upserts, identifiers, deterministic order.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <thread>

#include "match/index.h"

namespace opsroom::match {
namespace {

Entry PersonEntry(EntryId id, const char* name, const char* dob = "", uint32_t revision = 1) {
  Entry e;
  e.id = id;
  e.revision = revision;
  e.subject.names.emplace_back(name);
  e.subject.dob = dob;
  return e;
}

Subject PersonQuery(const char* name, const char* dob = "") {
  Subject s;
  s.names.emplace_back(name);
  s.dob = dob;
  return s;
}

std::vector<Entry> SmallWatchlist() {
  std::vector<Entry> entries = {
      PersonEntry(10, "Шћепановић Марко", "1984-03-02"),
      PersonEntry(11, "Petrovski Marko"),
      PersonEntry(12, "Xhemajl Hoxhaj"),
      PersonEntry(13, "Džemajl Hodža", "1975-06-01"),
      PersonEntry(14, "Nikola Marinković"),
      PersonEntry(15, "Ivana Horvat"),
      PersonEntry(16, "Petar Jovanović"),
  };
  Entry vehicle;
  vehicle.id = 20;
  vehicle.subject.ids.push_back({IdKind::kPlate, "PG-123-AB", "ME"});
  entries.push_back(vehicle);
  Entry box;
  box.id = 21;
  box.subject.ids.push_back({IdKind::kContainer, "CSQU 305438 3", ""});
  entries.push_back(box);
  // Filler so that the candidates are visibly a small part of the index.
  for (EntryId id = 1000; id < 1400; ++id) {
    static const char* kGiven[] = {"Ana", "Goran", "Milica", "Dragan", "Arben", "Vesna", "Bekim", "Zoran"};
    static const char* kFamily[] = {"Kovač", "Nikolić", "Berisha", "Stojanovski", "Babić", "Krasniqi", "Jurić", "Mitrović"};
    entries.push_back(PersonEntry(id, (std::string(kGiven[id % 8]) + " " + kFamily[(id / 8) % 8]).c_str()));
  }
  return entries;
}

std::vector<EntryId> HitIds(const Index& index, const Subject& query) {
  std::vector<EntryId> ids;
  for (const Hit& h : index.Match(query)) ids.push_back(h.id);
  return ids;
}

TEST(MatchIndex, CrossScriptQueryFindsTheEntryAndNotTheTraps) {
  Index index;
  index.BulkBuild(SmallWatchlist());
  EXPECT_EQ(HitIds(index, PersonQuery("SCEPANOVIC MARKO", "1984-03-02")), std::vector<EntryId>({10}));
  EXPECT_EQ(HitIds(index, PersonQuery("Xhemajl Hoxha")), std::vector<EntryId>({13}));
  EXPECT_TRUE(HitIds(index, PersonQuery("Marko Petrović")).empty());
  EXPECT_TRUE(HitIds(index, PersonQuery("Nikola Marković")).empty());
  EXPECT_TRUE(HitIds(index, PersonQuery("Ivan Horvat")).empty());
  EXPECT_TRUE(HitIds(index, PersonQuery("Jovan Petrović")).empty());
}

TEST(MatchIndex, CandidatesAreDrawnNotScanned) {
  Index index;
  index.BulkBuild(SmallWatchlist());
  std::vector<EntryId> candidates = index.Candidates(PersonQuery("Marko Scepanvoic"));
  EXPECT_NE(std::find(candidates.begin(), candidates.end(), 10u), candidates.end());
  EXPECT_LT(candidates.size(), 10u) << "a two-token name must not pull in the filler";
  EXPECT_TRUE(std::is_sorted(candidates.begin(), candidates.end()));
}

TEST(MatchIndex, ASearchByOneTokenFindsFullNamesRankedByScore) {
  Index index;
  index.BulkBuild(SmallWatchlist());
  EXPECT_TRUE(index.Match(PersonQuery("SCEPANOVIC")).empty()) << "a check by surname alone raises nothing";
  QueryOptions search;
  search.threshold = 0.5;
  search.search = true;
  std::vector<Hit> hits = index.Match(PersonQuery("SCEPANOVIC"), search);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].id, 10u);
  EXPECT_DOUBLE_EQ(hits[0].result.score, 0.75) << "a surname alone is capped below a hit by default";
  std::vector<Hit> hodza = index.Match(PersonQuery("Hoxha"), search);
  ASSERT_FALSE(hodza.empty());
  EXPECT_EQ(hodza[0].id, 13u) << "Hodža (the same name) before Hoxhaj";
}

TEST(MatchIndex, IdentifiersFindVehiclesAndContainers) {
  Index index;
  index.BulkBuild(SmallWatchlist());
  Subject plate;
  plate.ids.push_back({IdKind::kPlate, "MNE PG 123 AB", "ME"});
  EXPECT_EQ(HitIds(index, plate), std::vector<EntryId>({20}));
  plate.ids[0].country = "HR";
  EXPECT_TRUE(HitIds(index, plate).empty());
  Subject box;
  box.ids.push_back({IdKind::kContainer, "csqu3054383", ""});
  EXPECT_EQ(HitIds(index, box), std::vector<EntryId>({21}));
}

TEST(MatchIndex, ReviseAndRemove) {
  Index index;
  index.BulkBuild(SmallWatchlist());
  const std::size_t before = index.size();
  index.Upsert(PersonEntry(10, "Šćepanović Marko", "1990-01-01", 2));  // revised: new dob
  EXPECT_EQ(index.size(), before);
  std::vector<Hit> hits = index.Match(PersonQuery("Marko Šćepanović", "1990-01-01"));
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].revision, 2u);
  EXPECT_TRUE(index.Remove(10));
  EXPECT_FALSE(index.Remove(10));
  EXPECT_FALSE(index.Contains(10));
  EXPECT_TRUE(HitIds(index, PersonQuery("Marko Šćepanović")).empty());
  index.Upsert(PersonEntry(99, "Marko Šćepanović"));  // reuses the freed slot
  EXPECT_EQ(HitIds(index, PersonQuery("SCEPANOVIC MARKO")), std::vector<EntryId>({99}));
}

TEST(MatchIndex, BulkBuildEqualsUpsertsAndOrderIsDeterministic) {
  Index bulk, one_by_one;
  std::vector<Entry> entries = SmallWatchlist();
  entries.push_back(PersonEntry(5, "Marko Šćepanović"));  // ties with 10 on the name alone
  bulk.BulkBuild(entries);
  std::reverse(entries.begin(), entries.end());
  for (const Entry& e : entries) one_by_one.Upsert(e);
  Subject query = PersonQuery("Šćepanović Marko");
  std::vector<Hit> a = bulk.Match(query), b = one_by_one.Match(query);
  ASSERT_EQ(a.size(), 2u);
  ASSERT_EQ(b.size(), 2u);
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].id, b[i].id);
    EXPECT_EQ(a[i].result.score, b[i].result.score);
  }
  EXPECT_EQ(a[0].result.score, a[1].result.score);
  EXPECT_LT(a[0].id, a[1].id) << "equal scores are ordered by entry id";
  for (int i = 0; i < 10; ++i) EXPECT_EQ(HitIds(bulk, query), HitIds(one_by_one, query));
}

TEST(MatchIndex, ManyRevisionsCompactAndKeepEveryAnswer) {
  Index index;
  std::vector<Entry> entries = SmallWatchlist();
  index.BulkBuild(entries);
  const std::size_t built_postings = index.Stats().postings;
  for (int round = 2; round <= 4; ++round) {  // every entry revised three times: dead slots compacted
    for (Entry e : entries) {
      e.revision = static_cast<uint32_t>(round);
      index.Upsert(e);
    }
  }
  EXPECT_EQ(index.size(), entries.size());
  std::vector<Hit> hits = index.Match(PersonQuery("SCEPANOVIC MARKO", "1984-03-02"));
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].id, 10u);
  EXPECT_EQ(hits[0].revision, 4u);
  EXPECT_LT(index.Stats().postings, 2 * built_postings) << "dead postings were dropped";
  EXPECT_EQ(index.Candidates(PersonQuery("Marko Šćepanović")), std::vector<EntryId>({10}));
}

TEST(MatchIndex, BulkBuildKeepsTheLastOfTwoEntriesWithOneId) {
  Index index;
  index.BulkBuild({PersonEntry(7, "Ivana Horvat", "", 1), PersonEntry(7, "Marko Šćepanović", "", 2)});
  EXPECT_EQ(index.size(), 1u);
  std::vector<Hit> hits = index.Match(PersonQuery("SCEPANOVIC MARKO"));
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].revision, 2u);
  EXPECT_TRUE(index.Match(PersonQuery("Ivana Horvat")).empty());
}

// Queries are const: the hub may run them from several threads once writes stop.
TEST(MatchIndex, ConcurrentQueriesGiveTheSameAnswers) {
  Index index;
  index.BulkBuild(SmallWatchlist());
  const std::vector<Subject> queries = {PersonQuery("SCEPANOVIC MARKO"), PersonQuery("Xhemajl Hoxha"),
                                        PersonQuery("Berisha Arben"), PersonQuery("Щукин Иван")};
  std::vector<std::vector<EntryId>> expected;
  for (const Subject& q : queries) expected.push_back(HitIds(index, q));
  std::vector<int> mismatches(2, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 50; ++round) {
        for (std::size_t i = 0; i < queries.size(); ++i) mismatches[t] += HitIds(index, queries[i]) != expected[i];
      }
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(mismatches, std::vector<int>({0, 0}));
  EXPECT_FALSE(expected[2].empty());
}

TEST(MatchIndex, RandomBytesNeverAbort) {
  std::mt19937 rng(7);
  Index index;
  index.BulkBuild(SmallWatchlist());
  for (int i = 0; i < 2000; ++i) {
    std::string junk(rng() % 24, '\0');
    for (char& c : junk) c = static_cast<char>(rng() % 256);
    Subject q = PersonQuery(junk.c_str());
    q.dob = junk;
    q.ids.push_back({static_cast<IdKind>(rng() % 6), junk, junk});
    (void)index.Match(q);
    Entry e;
    e.id = 5000 + static_cast<EntryId>(i % 50);
    e.subject = q;
    index.Upsert(e);
  }
  EXPECT_EQ(index.size(), SmallWatchlist().size() + 50);
}

TEST(MatchIndex, StatsReportMemoryPerEntry) {
  Index index;
  index.BulkBuild(SmallWatchlist());
  IndexStats s = index.Stats();
  EXPECT_EQ(s.entries, index.size());
  EXPECT_GT(s.keys, 0u);
  EXPECT_GT(s.postings, s.entries);
  EXPECT_GT(s.bytes_per_entry, 50.0);
  EXPECT_LT(s.bytes_per_entry, 5000.0);
}

}  // namespace
}  // namespace opsroom::match
