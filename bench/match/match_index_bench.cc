// Figures for the match index with N synthetic active entries (default 1,000,000): bulk
// build time, memory per entry, query p50/p99 and queries/s, upsert cost, and how many
// spelled-differently queries found their entry. Figures only; never a test threshold.
//   opsroom-bench-match [--entries N] [--queries Q] [--seed S]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include <time.h>

#include "bench/match/synthetic_names.h"
#include "match/index.h"

namespace {

using Clock = std::chrono::steady_clock;
using opsroom::bench::SyntheticNames;
using namespace opsroom::match;

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

// CPU time of this thread: on a loaded machine wall time includes waiting for a core.
double ThreadCpuMicros() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

long RssKiB() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return 0;
}

struct Person {
  std::string given, surname, dob;
};

Entry MakeEntry(EntryId id, SyntheticNames& gen, std::vector<Person>& people) {
  Entry e;
  e.id = id;
  e.revision = 1;
  auto roll = std::uniform_int_distribution<int>(0, 99)(gen.rng());
  if (roll < 10) {  // a vehicle
    char plate[32];
    std::snprintf(plate, sizeof plate, "PG-%03d-%c%c", static_cast<int>(id % 1000),
                  'A' + static_cast<int>(id / 1000 % 26), 'A' + static_cast<int>(id / 26000 % 26));
    e.subject.ids.push_back({IdKind::kPlate, plate, roll < 5 ? "ME" : "RS"});
    return e;
  }
  Person p{gen.GivenName(), gen.Surname(), gen.Dob()};
  std::string name = p.surname + " " + p.given;
  e.subject.names.push_back(roll < 30 ? SyntheticNames::ToCyrillic(name) : name);
  e.subject.dob = p.dob;
  if (roll >= 95) e.subject.ids.push_back({IdKind::kDocument, "P" + std::to_string(1000000 + id), "RS"});
  people.push_back(p);
  return e;
}

// A known person spelled another way (ASCII, given name first, a typo), or a stranger.
Subject MakeQuery(SyntheticNames& gen, const std::vector<Person>& people, bool& known) {
  Subject q;
  known = std::uniform_int_distribution<int>(0, 1)(gen.rng()) == 0;
  if (!known) {
    q.names.push_back(gen.GivenName() + " " + gen.Surname());
    q.dob = gen.Dob();
    return q;
  }
  const Person& p = people[std::uniform_int_distribution<std::size_t>(0, people.size() - 1)(gen.rng())];
  std::string surname = SyntheticNames::ToAscii(p.surname);
  if (std::uniform_int_distribution<int>(0, 3)(gen.rng()) == 0) surname = gen.WithTypo(surname);
  q.names.push_back(SyntheticNames::ToAscii(p.given) + " " + surname);
  q.dob = p.dob;
  return q;
}

long Arg(int argc, char** argv, const char* name, long fallback) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], name) == 0) return std::atol(argv[i + 1]);
  }
  return fallback;
}

}  // namespace

int main(int argc, char** argv) {
  const long n = Arg(argc, argv, "--entries", 1000000);
  const long queries = Arg(argc, argv, "--queries", 20000);
  SyntheticNames gen(static_cast<uint64_t>(Arg(argc, argv, "--seed", 12)));
  std::vector<Entry> entries;
  std::vector<Person> people;
  entries.reserve(n);
  for (long i = 0; i < n; ++i) entries.push_back(MakeEntry(static_cast<EntryId>(i + 1), gen, people));

  const long rss_before = RssKiB();
  Index index;
  auto t0 = Clock::now();
  index.BulkBuild(entries);
  const double build_s = Seconds(Clock::now() - t0);
  const long rss_after = RssKiB();
  IndexStats stats = index.Stats();
  std::printf("entries %zu  bulk build %.2f s (%.0f entries/s)\n", stats.entries, build_s, stats.entries / build_s);
  std::printf("keys %zu  postings %zu (%.1f per entry)\n", stats.keys, stats.postings,
              static_cast<double>(stats.postings) / static_cast<double>(stats.entries));
  std::printf("memory: index estimate %.1f MiB = %.0f bytes/entry; process RSS grew %.1f MiB = %.0f bytes/entry\n",
              stats.memory_bytes / 1048576.0, stats.bytes_per_entry, (rss_after - rss_before) / 1024.0,
              (rss_after - rss_before) * 1024.0 / static_cast<double>(n));

  std::vector<double> latencies_us, cpu_us;
  std::vector<std::size_t> candidate_counts;
  long known = 0, found = 0, hits_total = 0;
  auto q0 = Clock::now();
  for (long i = 0; i < queries; ++i) {
    bool is_known = false;
    Subject q = MakeQuery(gen, people, is_known);
    auto s = Clock::now();
    const double cpu0 = ThreadCpuMicros();
    std::vector<Hit> hits = index.Match(q);
    cpu_us.push_back(ThreadCpuMicros() - cpu0);
    latencies_us.push_back(Seconds(Clock::now() - s) * 1e6);
    if (i % 10 == 0) candidate_counts.push_back(index.Candidates(q).size());
    hits_total += static_cast<long>(hits.size());
    known += is_known;
    found += is_known && !hits.empty();
  }
  const double query_s = Seconds(Clock::now() - q0);
  std::sort(latencies_us.begin(), latencies_us.end());
  auto pct = [&](double p) { return latencies_us[static_cast<std::size_t>(p * (latencies_us.size() - 1))]; };
  std::printf(
      "queries %ld: p50 %.0f us  p99 %.0f us  max %.0f us  %.0f queries/s (one thread, query generation included)\n",
      queries, pct(0.5), pct(0.99), latencies_us.back(), queries / query_s);
  std::sort(cpu_us.begin(), cpu_us.end());
  std::printf("query CPU time: p50 %.0f us  p99 %.0f us  max %.0f us (wall minus waiting for a core)\n",
              cpu_us[cpu_us.size() / 2], cpu_us[cpu_us.size() * 99 / 100], cpu_us.back());
  std::sort(candidate_counts.begin(), candidate_counts.end());
  std::printf("candidates scored per query (every 10th query): p50 %zu  p99 %zu  max %zu\n",
              candidate_counts[candidate_counts.size() / 2], candidate_counts[candidate_counts.size() * 99 / 100],
              candidate_counts.back());
  std::printf("known people spelled another way found: %ld of %ld; hits per query %.2f\n", found, known,
              static_cast<double>(hits_total) / static_cast<double>(queries));

  const long updates = std::min<long>(10000, n);
  auto u0 = Clock::now();
  const double ucpu0 = ThreadCpuMicros();
  for (long i = 0; i < updates; ++i) {
    Entry revised = entries[static_cast<std::size_t>(i * (n / updates))];
    revised.revision = 2;
    index.Upsert(revised);
  }
  std::printf("upsert (revise) %.1f us wall, %.1f us CPU each over %ld\n", Seconds(Clock::now() - u0) * 1e6 / updates,
              (ThreadCpuMicros() - ucpu0) / static_cast<double>(updates), updates);
  return 0;
}
