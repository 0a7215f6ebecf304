// What the parser fuzz targets share (tests/fuzz/*_fuzz.cc): a broken
// invariant is a finding, and inputs are split into the pieces a target feeds
// to its parsers. Each target defines LLVMFuzzerTestOneInput; the libFuzzer
// build links it with libFuzzer, the plain build with corpus_replay_main.cc.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace opsroom::fuzz {

// Prints what broke and aborts, so that libFuzzer keeps the input.
inline void Check(bool holds, const char* target, const char* what, std::string_view detail = {}) {
  if (holds) return;
  std::fprintf(stderr, "%s: invariant broken: %s\n", target, what);
  if (!detail.empty()) std::fprintf(stderr, "  input: %.*s\n", static_cast<int>(detail.size()), detail.data());
  std::abort();
}

// The input as text, and its first byte as a selector (0 when empty).
inline std::string_view AsText(const uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Splits on `sep`, at most `max_parts` parts (the last keeps the rest).
inline std::vector<std::string_view> SplitInput(std::string_view text, char sep, std::size_t max_parts) {
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < max_parts) {
    std::size_t at = text.find(sep);
    if (at == std::string_view::npos) break;
    parts.push_back(text.substr(0, at));
    text.remove_prefix(at + 1);
  }
  parts.push_back(text);
  return parts;
}

}  // namespace opsroom::fuzz
