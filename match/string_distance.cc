// Damerau-Levenshtein (optimal string alignment) and Jaro-Winkler.
#include "match/string_distance.h"

#include <algorithm>
#include <vector>

namespace opsroom::match {

int DamerauLevenshtein(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  if (n == 0) return static_cast<int>(m);
  if (m == 0) return static_cast<int>(n);
  const std::size_t width = m + 1;
  std::vector<int> d((n + 1) * width);
  auto at = [&](std::size_t i, std::size_t j) -> int& { return d[i * width + j]; };
  for (std::size_t i = 0; i <= n; ++i) at(i, 0) = static_cast<int>(i);
  for (std::size_t j = 0; j <= m; ++j) at(0, j) = static_cast<int>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int best = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) best = std::min(best, at(i - 2, j - 2) + 1);
      at(i, j) = best;
    }
  }
  return at(n, m);
}

namespace {

// i, j and y write one sound across the region's orthographies (Albanian Kryeziu, Serbian
// Krieziu, Yusuf / Jusuf): exchanging them is a transcription, not a wrong letter.
bool SameSoundLetter(char x, char y) {
  auto ij = [](char c) { return c == 'i' || c == 'j' || c == 'y' || c == 'I' || c == 'J' || c == 'Y'; };
  return x == y || (ij(x) && ij(y));
}

}  // namespace

int EditsWithoutWrongLetter(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size(), width = m + 1;
  std::vector<int> d((n + 1) * width);
  auto at = [&](std::size_t i, std::size_t j) -> int& { return d[i * width + j]; };
  for (std::size_t i = 0; i <= n; ++i) at(i, 0) = static_cast<int>(i);
  for (std::size_t j = 0; j <= m; ++j) at(0, j) = static_cast<int>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      int best = std::min(at(i - 1, j) + 1, at(i, j - 1) + 1);
      if (SameSoundLetter(a[i - 1], b[j - 1])) best = std::min(best, at(i - 1, j - 1));
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) best = std::min(best, at(i - 2, j - 2) + 1);
      at(i, j) = best;
    }
  }
  return at(n, m);
}

double TypoCost(std::string_view a, std::string_view b) {
  constexpr double kSwap = 0.6, kInsertDelete = 0.8, kSubstitute = 1.0;
  const std::size_t n = a.size(), m = b.size(), width = m + 1;
  std::vector<double> d((n + 1) * width);
  auto at = [&](std::size_t i, std::size_t j) -> double& { return d[i * width + j]; };
  for (std::size_t i = 0; i <= n; ++i) at(i, 0) = kInsertDelete * static_cast<double>(i);
  for (std::size_t j = 0; j <= m; ++j) at(0, j) = kInsertDelete * static_cast<double>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      double cost = a[i - 1] == b[j - 1] ? 0.0 : kSubstitute;
      double best = std::min({at(i - 1, j) + kInsertDelete, at(i, j - 1) + kInsertDelete, at(i - 1, j - 1) + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        best = std::min(best, at(i - 2, j - 2) + kSwap);
      at(i, j) = best;
    }
  }
  return at(n, m);
}

double JaroWinkler(std::string_view a, std::string_view b) {
  if (a.empty() && b.empty()) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  const int la = static_cast<int>(a.size()), lb = static_cast<int>(b.size());
  const int window = std::max(0, std::max(la, lb) / 2 - 1);
  std::vector<char> used_a(la, 0), used_b(lb, 0);
  int matches = 0;
  for (int i = 0; i < la; ++i) {
    for (int j = std::max(0, i - window); j < std::min(lb, i + window + 1); ++j) {
      if (used_b[j] || a[i] != b[j]) continue;
      used_a[i] = used_b[j] = 1;
      ++matches;
      break;
    }
  }
  if (matches == 0) return 0.0;
  int transpositions = 0;
  for (int i = 0, j = 0; i < la; ++i) {
    if (!used_a[i]) continue;
    while (!used_b[j]) ++j;
    if (a[i] != b[j]) ++transpositions;
    ++j;
  }
  const double m = matches;
  const double jaro = (m / la + m / lb + (m - transpositions / 2.0) / m) / 3.0;
  int prefix = 0;
  while (prefix < 4 && prefix < la && prefix < lb && a[prefix] == b[prefix]) ++prefix;
  return jaro + prefix * 0.1 * (1.0 - jaro);
}

}  // namespace opsroom::match
