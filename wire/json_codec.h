// The JSON form of the schemas (FlatBuffers' own parser and printer), the
// human and integration format. Not thread-safe: one codec per thread.
#pragma once
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "wire/result.h"

namespace flatbuffers {
class Parser;
}

namespace opsroom::wire {

class JsonCodec {
 public:
  JsonCodec();  // parses the embedded schema text
  ~JsonCodec();
  JsonCodec(const JsonCodec&) = delete;
  JsonCodec& operator=(const JsonCodec&) = delete;

  // One Envelope in JSON form -> its binary. Syntax errors and unknown fields
  // are Malformed, with the parser's message (line and column). The result is
  // NOT yet validated: run CheckEnvelope on it.
  Result<std::vector<uint8_t>> EnvelopeFromJson(std::string_view json);

  // One Frame in JSON form -> its binary (e.g. a signed audit head a client
  // saved, docs/protocol.md 7.1). NOT yet verified: run the frame's check on it.
  Result<std::vector<uint8_t>> FrameFromJson(std::string_view json);

  // Single-line JSON of a verified Envelope / Frame (nested envelopes included).
  std::string EnvelopeToJson(std::span<const uint8_t> envelope);
  std::string FrameToJson(std::span<const uint8_t> frame);

 private:
  std::unique_ptr<flatbuffers::Parser> envelope_parser_;
  std::unique_ptr<flatbuffers::Parser> frame_parser_;
};

}  // namespace opsroom::wire
