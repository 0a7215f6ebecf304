// Synthetic watchlist people for the match bench: names of the region from roots and
// endings, some written in Serbian Cyrillic, with dates of birth. Seeded: same list each run.
#pragma once
#include <cstdint>
#include <random>
#include <string>

namespace opsroom::bench {

class SyntheticNames {
 public:
  explicit SyntheticNames(uint64_t seed) : rng_(seed) {}
  std::string GivenName();
  std::string Surname();
  std::string Dob();
  // Serbian Latin -> Cyrillic (lj, nj, dž as one letter each).
  static std::string ToCyrillic(const std::string& latin);
  // Drops diacritics the way a border system without them would (š -> s, đ -> dj).
  static std::string ToAscii(const std::string& latin);
  // Swaps two neighbouring ASCII letters inside the word (never the last one).
  std::string WithTypo(const std::string& ascii);
  std::mt19937_64& rng() { return rng_; }

 private:
  std::mt19937_64 rng_;
};

}  // namespace opsroom::bench
