// The candidate index: cross-script candidates, traps scored out, revise/remove, bulk
// build equal to upserts, identifiers, deterministic order.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include "match/index.h"
#include "match/matcher.h"
#include "match/name_normalize.h"

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
    static const char* kFamily[] = {"Kovač", "Nikolić",  "Berisha", "Stojanovski",
                                    "Babić", "Krasniqi", "Jurić",   "Mitrović"};
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

// Junk of every size around the bounds (1,024 name bytes, 64 bytes a token, 12 tokens, 64 bytes
// an identifier), NULs included (std::string with its size, never cut at the first NUL).
std::string Junk(std::mt19937& rng) {
  static constexpr std::size_t kSizes[] = {0, 1, 23, 63, 64, 65, 200, 1023, 1024, 1025, 5000};
  std::string junk(kSizes[rng() % std::size(kSizes)] + rng() % 3, '\0');
  const bool spaced = rng() % 2;  // many short tokens: past the 12-token bound
  for (char& c : junk) c = spaced && rng() % 4 == 0 ? ' ' : static_cast<char>(rng() % 256);
  return junk;
}

TEST(MatchIndex, RandomBytesNeverAbort) {
  std::mt19937 rng(7);
  Index index;
  index.BulkBuild(SmallWatchlist());
  int with_nul = 0, past_bounds = 0;
  for (int i = 0; i < 600; ++i) {
    const std::string junk = Junk(rng);
    with_nul += junk.find('\0') != std::string::npos;
    past_bounds += junk.size() > kMaxNameBytes;
    Subject q;
    q.names = {junk, "Marko " + junk + " Šćepanović"};
    q.dob = junk;
    q.nationality = junk;
    q.ids.push_back({static_cast<IdKind>(rng() % 6), junk, junk});
    q.ids.push_back({static_cast<IdKind>(rng() % 6), "PG-123-AB" + junk, "ME"});
    (void)index.Match(q);
    (void)index.Match(q, {0.0, 50, true});
    (void)ScoreSubjects(q, q);
    Entry e;
    e.id = 5000 + static_cast<EntryId>(i % 50);
    e.subject = q;
    index.Upsert(e);
  }
  EXPECT_GT(with_nul, 200);
  EXPECT_GT(past_bounds, 50);
  EXPECT_EQ(index.size(), SmallWatchlist().size() + 50);
  EXPECT_EQ(HitIds(index, PersonQuery("SCEPANOVIC MARKO")).front(), 10u) << "the index still answers";
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

// Review of issue 12: another ICU can give another token; a hub must know which one it used.
TEST(MatchIndex, StatsNameTheTransliterationVersion) {
  const std::string version = TransliterationVersion();
  EXPECT_EQ(version.rfind("icu-", 0), 0u) << version;
  EXPECT_NE(version.find("/unicode-"), std::string::npos) << version;
  EXPECT_NE(version.find("/rules-"), std::string::npos) << version;
  EXPECT_TRUE(std::isdigit(static_cast<unsigned char>(version[4]))) << version;
  Index index;
  index.BulkBuild(SmallWatchlist());
  EXPECT_EQ(index.Stats().transliteration, version);
}

// The index finds what direct scoring would hit (review of issue 12, finding 3): long names
// paired on all their tokens, two-edit typos in long tokens, ICU's spaced syllables kept one
// word; and a property test over random corpus-like pairs.
Entry BlockingEntry(EntryId id, const std::string& name, const std::string& dob = "") {
  return PersonEntry(id, name.c_str(), dob.c_str());
}

Subject BlockingQuery(const std::string& name, const std::string& dob = "") {
  return PersonQuery(name.c_str(), dob.c_str());
}

bool IsCandidate(const Index& index, const Subject& query, EntryId id) {
  std::vector<EntryId> c = index.Candidates(query);
  return std::find(c.begin(), c.end(), id) != c.end();
}

TEST(MatchBlocking, ALongNameIsPairedOnAllItsTokens) {
  const std::string long_name = "Marko Ana Bojan Cvijeta Dragan Emir Šćepanović";
  ASSERT_TRUE(ScoreSubjects(BlockingQuery(long_name), BlockingQuery("Marko Šćepanović")).hit);
  Index index;
  index.Upsert(BlockingEntry(1, long_name));
  EXPECT_TRUE(IsCandidate(index, BlockingQuery("Marko Šćepanović"), 1));
  EXPECT_EQ(index.Match(BlockingQuery("Marko Šćepanović")).size(), 1u);
  index.Upsert(BlockingEntry(2, "Marko Šćepanović"));
  EXPECT_TRUE(IsCandidate(index, BlockingQuery(long_name), 2)) << "and the other way round";
}

TEST(MatchBlocking, TwoEditsInALongTokenAreACandidate) {
  const Subject query = BlockingQuery("Nebojsa Radsoavlejvic");  // two swaps in 13 letters
  ASSERT_TRUE(ScoreSubjects(BlockingQuery("Nebojša Radosavljević"), query).hit);
  Index index;
  index.Upsert(BlockingEntry(1, "Nebojša Radosavljević"));
  EXPECT_TRUE(IsCandidate(index, query, 1));
}

TEST(MatchBlocking, ASpacedTransliterationStaysOneToken) {
  NormalizedName han = NormalizeName("中国");
  ASSERT_EQ(han.tokens.size(), 1u);
  EXPECT_EQ(han.tokens[0].latin.find(' '), std::string::npos) << han.tokens[0].latin;
  EXPECT_EQ(han.tokens[0].folded.find(' '), std::string::npos) << han.tokens[0].folded;
  Index index;
  index.Upsert(BlockingEntry(1, "中国 Petrović"));
  const Subject query = BlockingQuery("Zhongguo Petrović");
  std::vector<Hit> hits = index.Match(query, {0.0, 50, false});
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].result.score, ScoreSubjects(BlockingQuery("中国 Petrović"), query).score);
}

// Corpus-like pairs: the corpus's positives, shuffled, given extra tokens (up to 12) and one typo (a swap,
// a drop, a double or a wrong letter, two of them in a long token), half with a shared full dob.
class PairMaker {
 public:
  explicit PairMaker(uint32_t seed) : rng_(seed) {}

  std::string Typo(std::string token) {
    if (token.size() < 4) return token;
    const int edits = token.size() >= 12 && rng_() % 2 ? 2 : 1;
    for (int e = 0; e < edits; ++e) {
      std::size_t i = 1 + rng_() % (token.size() - 3);
      if (static_cast<unsigned char>(token[i]) >= 0x80 || static_cast<unsigned char>(token[i + 1]) >= 0x80) continue;
      switch (rng_() % 4) {
        case 0: std::swap(token[i], token[i + 1]); break;
        case 1: token.erase(i, 1); break;
        case 2: token.insert(i, 1, token[i]); break;
        default: token[i] = "aeiourn"[rng_() % 7]; break;
      }
    }
    return token;
  }

  std::string Vary(const std::string& name, bool with_typo) {
    std::vector<std::string> tokens;
    std::istringstream in(name);
    for (std::string t; in >> t;) tokens.push_back(t);
    if (tokens.empty()) return name;
    static const char* kExtra[] = {"Ana", "Bojan", "Cvijeta", "Dragan", "Emir", "Fatmir", "Gjergj", "Hana", "Ilir"};
    for (unsigned extra = rng_() % 11; extra > 0; --extra) tokens.push_back(kExtra[rng_() % 9]);
    std::shuffle(tokens.begin(), tokens.end(), rng_);
    if (with_typo) {
      std::string& typed = tokens[rng_() % tokens.size()];
      typed = Typo(typed);
    }
    std::string out;
    for (const std::string& t : tokens) out += (out.empty() ? "" : " ") + t;
    return out;
  }

  std::string Dob() { return rng_() % 2 ? "1984-03-02" : ""; }

 private:
  std::mt19937 rng_;
};

TEST(MatchBlocking, EveryDirectHitOfARandomCorpusLikePairIsACandidate) {
  std::ifstream in(std::string(OPSROOM_SOURCE_DIR) + "/tests/data/match_corpus.tsv");
  std::vector<std::pair<std::string, std::string>> seeds;
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> f;
    std::istringstream fields(line);
    for (std::string x; std::getline(fields, x, '\t');) f.push_back(x);
    // One typo per pair (the index's documented limit): seeds that carry one already are left out.
    if (f.size() == 4 && f[1] == "1" && f[0].rfind("typo", 0) != 0) seeds.emplace_back(f[2], f[3]);
  }
  ASSERT_GT(seeds.size(), 400u);
  PairMaker maker(20261206);
  Index index;
  std::vector<std::pair<Entry, Subject>> cases;
  for (EntryId id = 1; id <= 3000; ++id) {
    const auto& [a, b] = seeds[(id * 7919) % seeds.size()];
    const std::string dob = maker.Dob();
    cases.push_back(
        {BlockingEntry(id, id % 3 ? a : maker.Vary(a, false), dob), BlockingQuery(maker.Vary(b, true), dob)});
    index.Upsert(cases.back().first);
  }
  int hits = 0, missed = 0;
  for (const auto& [entry, query] : cases) {
    if (!ScoreSubjects(entry.subject, query).hit) continue;
    ++hits;
    if (IsCandidate(index, query, entry.id)) continue;
    ++missed;
    ADD_FAILURE() << entry.subject.names[0] << " / " << query.names[0] << " hits when scored, never a candidate";
    if (missed > 10) break;
  }
  EXPECT_GT(hits, 1500) << "the generator must mostly make hits for the property to mean something";
}

}  // namespace
}  // namespace opsroom::match
