// Plain driver for the frame fuzz target, for builds without libFuzzer (gcc,
// CI): runs every seed, then N deterministic mutations of them (bit flips,
// interesting bytes and offsets, truncations, splices...), through the same
// FuzzOneInput. Bounded in count and time; seeded, so a failure reproduces.
//   frame_fuzz_replay [--mutations N] [--seed S] [--max-seconds T]
//                     [--min-reasons K] FILE_OR_DIR...
// Seeds named client-*, hub-*, envelope-* must be accepted by that check;
// regress-* are inputs that once crashed the target and must not again.
// Exit 0 when all is well, 1 on a refused seed or too little variety;
// a broken invariant aborts (as it does under libFuzzer).
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "fuzz/frame_fuzz.h"

namespace opsroom::fuzz {
namespace {

using Input = std::vector<uint8_t>;
using wire::RejectReason;

constexpr std::size_t kMaxInputBytes = 70'000;  // as libFuzzer's -max_len in scripts/fuzz.sh

struct Options {
  uint64_t mutations = 20'000;
  uint64_t seed = 1;
  double max_seconds = 120;
  std::size_t min_reasons = 0;
  std::vector<std::string> paths;
};

struct Seed {
  std::string name;
  Input bytes;
};

class Mutator {
 public:
  Mutator(uint64_t seed, const std::vector<Seed>& seeds) : rng_(seed), seeds_(seeds) {}

  Input Next() {
    Input input = seeds_[Below(seeds_.size())].bytes;
    int ops = 1 + static_cast<int>(Below(4));
    for (int i = 0; i < ops; ++i) MutateOnce(input);
    if (input.size() > kMaxInputBytes) input.resize(kMaxInputBytes);
    return input;
  }

 private:
  // mt19937_64 is fully specified by the standard, unlike the distributions.
  uint64_t Below(uint64_t n) { return n == 0 ? 0 : rng_() % n; }

  template <typename T>
  void Store(Input& input, std::size_t at, T value) {
    if (input.size() < sizeof(T)) return;
    at = std::min(at, input.size() - sizeof(T));
    std::memcpy(input.data() + at, &value, sizeof(T));
  }

  // FlatBuffers offsets and lengths are 32-bit and mostly 4-aligned: aim there.
  uint32_t InterestingWord(const Input& input, uint32_t current) {
    const uint32_t size = static_cast<uint32_t>(input.size());
    const uint32_t words[] = {0,    1,        4,        8,           0x7FFFFFFF,  0x80000000,  0xFFFFFFFF, 0xFFFFFFFC,
                              size, size - 4, size + 4, current + 4, current - 4, current * 2, 0x10000,    0x7FFF};
    return words[Below(std::size(words))];
  }

  uint64_t InterestingLong() {
    double nan = std::numeric_limits<double>::quiet_NaN();
    double inf = std::numeric_limits<double>::infinity();
    const double doubles[] = {nan, -inf, inf, 1e300, -0.0, 90.000001, -180.5, 4.9e-324};
    const int64_t longs[] = {0,
                             -1,
                             std::numeric_limits<int64_t>::max(),
                             std::numeric_limits<int64_t>::min(),
                             kFuzzNowMs + 3'600'000,
                             kFuzzNowMs + 20LL * 365 * 86'400'000,
                             946'684'799'999};
    uint64_t bits;
    if (Below(2) == 0) {
      std::memcpy(&bits, &doubles[Below(std::size(doubles))], sizeof bits);
    } else {
      std::memcpy(&bits, &longs[Below(std::size(longs))], sizeof bits);
    }
    return bits;
  }

  void MutateOnce(Input& input) {
    if (input.empty()) {
      input.push_back(static_cast<uint8_t>(rng_()));
      return;
    }
    const std::size_t at = Below(input.size());
    switch (Below(9)) {
      case 0: input[at] ^= static_cast<uint8_t>(1u << Below(8)); break;
      case 1: {
        const uint8_t bytes[] = {0x00, 0xFF, 0x7F, 0x80, 0x01, 0xC0, 0xED, 0x20};
        input[at] = bytes[Below(std::size(bytes))];
        break;
      }
      case 2: {
        uint32_t current = 0;
        std::size_t aligned = at & ~std::size_t{3};
        if (aligned + 4 <= input.size()) std::memcpy(&current, input.data() + aligned, 4);
        Store(input, aligned, InterestingWord(input, current));
        break;
      }
      case 3: Store(input, at & ~std::size_t{7}, InterestingLong()); break;
      case 4: input.resize(at); break;
      case 5: {
        const Input& other = seeds_[Below(seeds_.size())].bytes;
        std::size_t from = Below(other.size() + 1);
        input.resize(at);
        input.insert(input.end(), other.begin() + static_cast<long>(from), other.end());
        break;
      }
      case 6: {
        std::size_t count = 1 + Below(16);
        for (std::size_t i = 0; i < count; ++i) {
          input.insert(input.begin() + static_cast<long>(at), static_cast<uint8_t>(rng_()));
        }
        break;
      }
      case 7:
        input.erase(input.begin() + static_cast<long>(at),
                    input.begin() + static_cast<long>(std::min(input.size(), at + 1 + Below(16))));
        break;
      default: {
        std::size_t length = std::min<std::size_t>(1 + Below(64), input.size() - at);
        Input chunk(input.begin() + static_cast<long>(at), input.begin() + static_cast<long>(at + length));
        input.insert(input.begin() + static_cast<long>(Below(input.size() + 1)), chunk.begin(), chunk.end());
        break;
      }
    }
  }

  std::mt19937_64 rng_;
  const std::vector<Seed>& seeds_;
};

// On a crash (a broken invariant aborts) the input is saved for a rerun with
// the libFuzzer binary or this driver: only async-signal-safe calls here.
const Input* g_current = nullptr;

extern "C" void SaveCrashInput(int signal_number) {
  if (g_current != nullptr) {
    const char name[] = "frame_fuzz_replay-crash.bin";
    int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      ssize_t written = write(fd, g_current->data(), g_current->size());
      close(fd);
      const char note[] = "frame_fuzz_replay: crashing input saved to frame_fuzz_replay-crash.bin\n";
      if (written >= 0) written = write(STDERR_FILENO, note, sizeof note - 1);
      (void)written;
    }
  }
  std::signal(signal_number, SIG_DFL);
  std::raise(signal_number);
}

bool ReadSeeds(const std::string& path, std::vector<Seed>& seeds) {
  std::vector<std::filesystem::path> files;
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    for (const auto& entry : std::filesystem::directory_iterator(path, error)) {
      if (entry.is_regular_file()) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());  // directory order is not deterministic
  } else {
    files.emplace_back(path);
  }
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "frame_fuzz_replay: cannot read %s\n", file.c_str());
      return false;
    }
    seeds.push_back({file.filename().string(), Input(std::istreambuf_iterator<char>(in), {})});
  }
  return true;
}

// A seed's name promises which check accepts it; a refused seed fuzzes nothing deep.
bool SeedAsNamed(const Seed& seed, const FrameVerdicts& v) {
  auto starts = [&](const char* prefix) { return seed.name.rfind(prefix, 0) == 0; };
  RejectReason got = starts("client-")     ? v.client
                     : starts("hub-")      ? v.hub
                     : starts("envelope-") ? v.envelope
                                           : RejectReason::None;
  if (got == RejectReason::None) return true;
  std::fprintf(stderr, "seed %s refused: %s (regenerate with make_corpus?)\n", seed.name.c_str(),
               wire::EnumNameRejectReason(got));
  return false;
}

bool ParseOptions(int argc, char** argv, Options& options) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    bool has_value = i + 1 < argc;
    if (arg == "--mutations" && has_value) {
      options.mutations = std::strtoull(argv[++i], nullptr, 10);
    } else if (arg == "--seed" && has_value) {
      options.seed = std::strtoull(argv[++i], nullptr, 10);
    } else if (arg == "--max-seconds" && has_value) {
      options.max_seconds = std::strtod(argv[++i], nullptr);
    } else if (arg == "--min-reasons" && has_value) {
      options.min_reasons = std::strtoull(argv[++i], nullptr, 10);
    } else if (arg.rfind("--", 0) == 0) {
      return false;
    } else {
      options.paths.push_back(arg);
    }
  }
  return !options.paths.empty();
}

int Run(const Options& options) {
  std::vector<Seed> seeds;
  for (const auto& path : options.paths) {
    if (!ReadSeeds(path, seeds)) return 1;
  }
  if (seeds.empty()) {
    std::fprintf(stderr, "frame_fuzz_replay: no seeds\n");
    return 1;
  }
  std::signal(SIGABRT, SaveCrashInput);
  std::signal(SIGSEGV, SaveCrashInput);
  bool seeds_ok = true;
  for (const Seed& seed : seeds) {
    g_current = &seed.bytes;
    seeds_ok &= SeedAsNamed(seed, FuzzOneInput(seed.bytes.data(), seed.bytes.size()));
  }

  std::map<RejectReason, uint64_t> client_reasons;
  uint64_t accepted = 0;
  uint64_t runs = 0;
  Mutator mutator(options.seed, seeds);
  const auto start = std::chrono::steady_clock::now();
  const auto deadline = start + std::chrono::duration<double>(options.max_seconds);
  for (; runs < options.mutations; ++runs) {
    if ((runs & 1023) == 0 && std::chrono::steady_clock::now() > deadline) break;
    Input input = mutator.Next();
    g_current = &input;
    FrameVerdicts v = FuzzOneInput(input.data(), input.size());
    ++client_reasons[v.client];
    accepted += v.client == RejectReason::None || v.hub == RejectReason::None || v.envelope == RejectReason::None;
  }
  g_current = nullptr;
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("frame_fuzz_replay: %zu seeds, %llu mutations (seed %llu) in %.1f s, %llu accepted by some check\n",
              seeds.size(), static_cast<unsigned long long>(runs), static_cast<unsigned long long>(options.seed),
              seconds, static_cast<unsigned long long>(accepted));
  std::printf("CheckClientFrame verdicts:");
  for (const auto& [reason, count] : client_reasons) {
    std::printf(" %s=%llu", wire::EnumNameRejectReason(reason), static_cast<unsigned long long>(count));
  }
  std::printf("\n");
  if (client_reasons.size() < options.min_reasons) {
    std::fprintf(stderr, "only %zu distinct verdicts, expected at least %zu: the mutations stay shallow\n",
                 client_reasons.size(), options.min_reasons);
    return 1;
  }
  return seeds_ok ? 0 : 1;
}

}  // namespace
}  // namespace opsroom::fuzz

int main(int argc, char** argv) {
  opsroom::fuzz::Options options;
  if (!opsroom::fuzz::ParseOptions(argc, argv, options)) {
    std::fprintf(stderr,
                 "usage: frame_fuzz_replay [--mutations N] [--seed S] [--max-seconds T] [--min-reasons K] "
                 "FILE_OR_DIR...\n");
    return 2;
  }
  return opsroom::fuzz::Run(options);
}
