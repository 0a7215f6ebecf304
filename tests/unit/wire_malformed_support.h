// Helpers shared by the wire_malformed_*_test files: the frame-level attack
// tests, split by class (structure, content, required fields). Everything a
// test sends goes through wire::CheckClientFrame exactly as the hub's ingest
// calls it.
#pragma once
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "unit/wire_sample_envelopes.h"
#include "wire/frame_builder.h"
#include "wire/frame_check.h"

namespace opsroom::wire::malformed {

inline const double kNaN = std::numeric_limits<double>::quiet_NaN();
inline const double kInf = std::numeric_limits<double>::infinity();

ValidationContext Ctx();
// The reason CheckClientFrame gives, or None.
RejectReason Verdict(std::span<const uint8_t> frame);
Bytes PublishOf(const EnvelopeT& envelope);
Bytes ValidHello();
Bytes Finished(flatbuffers::FlatBufferBuilder& fbb);
// Every valid client frame a node sends: one per family.
std::vector<std::pair<std::string, Bytes>> ClientFamilies();
void PutU32(Bytes& bytes, std::size_t at, uint32_t value);
uint32_t GetU32(const Bytes& bytes, std::size_t at);
std::size_t OffsetOf(const Bytes& buffer, const void* inside);
// A frame whose body_type byte is `type` over a StatsRequest table.
Bytes FrameWithBodyType(uint8_t type);
Bytes HelloWith(std::string node_id, std::string country, ClientRole role, std::string software);

// One row of the table of classes: a frame maker and the reason it must get.
struct FrameCase {
  const char* name;
  std::function<Bytes()> make;
  RejectReason expected;
};
void PrintTo(const FrameCase& c, std::ostream* out);
// Test names from case names (non-alphanumerics become '_').
std::string Name(const ::testing::TestParamInfo<FrameCase>& info);

// The fixture every INSTANTIATE_TEST_SUITE_P of a FrameCase table uses (its
// TEST_P lives in wire_malformed_content_test.cc).
class MalformedFrame : public ::testing::TestWithParam<FrameCase> {};

template <typename T>
std::function<Bytes()> AlertFrame(T change) {
  return [change] {
    EnvelopeT e = testing::SampleAlert();
    change(e, *e.payload.AsAlert());
    return PublishOf(e);
  };
}
template <typename T>
std::function<Bytes()> ActionFrame(T change) {
  return [change] {
    EnvelopeT e = testing::SampleAction();
    change(*e.payload.AsAlertAction());
    return PublishOf(e);
  };
}
template <typename T>
std::function<Bytes()> WatchFrame(T change) {
  return [change] {
    EnvelopeT e = testing::SampleWatchlistEntry();
    change(*e.payload.AsWatchlistEntry());
    return PublishOf(e);
  };
}
template <typename T>
std::function<Bytes()> OperationFrame(T change) {
  return [change] {
    EnvelopeT e = testing::SampleOperation();
    change(*e.payload.AsJointOperation());
    return PublishOf(e);
  };
}
template <typename T>
std::function<Bytes()> SitRepFrame(T change) {
  return [change] {
    EnvelopeT e = testing::SampleSitRep();
    change(*e.payload.AsSitRep());
    return PublishOf(e);
  };
}

}  // namespace opsroom::wire::malformed
