#include "wire/json_codec.h"

#include <stdexcept>

#include "flatbuffers/idl.h"

namespace opsroom::wire {

extern const char* const kSchemaText;

namespace {

std::unique_ptr<flatbuffers::Parser> MakeParser(const char* root_type) {
  flatbuffers::IDLOptions options;
  options.strict_json = true;
  options.indent_step = -1;  // one line per message
  options.output_enum_identifiers = true;
  options.natural_utf8 = true;  // print Шћепановић, not \u escapes
  auto parser = std::make_unique<flatbuffers::Parser>(options);
  if (!parser->Parse(kSchemaText) || !parser->SetRootType(root_type)) {
    throw std::logic_error("embedded schema does not parse: " + parser->error_);
  }
  return parser;
}

std::string ToJson(flatbuffers::Parser& parser, std::span<const uint8_t> bytes) {
  std::string json;
  if (!flatbuffers::GenerateText(parser, bytes.data(), &json)) return "{\"error\":\"cannot print as JSON\"}";
  while (!json.empty() && (json.back() == '\n' || json.back() == ' ')) json.pop_back();
  return json;
}

}  // namespace

JsonCodec::JsonCodec()
    : envelope_parser_(MakeParser("opsroom.wire.Envelope")), frame_parser_(MakeParser("opsroom.wire.Frame")) {}

JsonCodec::~JsonCodec() = default;

Result<std::vector<uint8_t>> JsonCodec::EnvelopeFromJson(std::string_view json) {
  std::string text(json);  // the parser needs a NUL-terminated string
  if (!envelope_parser_->ParseJson(text.c_str())) {
    std::string error = envelope_parser_->error_;
    return Reject(RejectReason::Malformed, "JSON: " + error);
  }
  const auto& builder = envelope_parser_->builder_;
  return std::vector<uint8_t>(builder.GetBufferPointer(), builder.GetBufferPointer() + builder.GetSize());
}

std::string JsonCodec::EnvelopeToJson(std::span<const uint8_t> envelope) { return ToJson(*envelope_parser_, envelope); }

std::string JsonCodec::FrameToJson(std::span<const uint8_t> frame) { return ToJson(*frame_parser_, frame); }

}  // namespace opsroom::wire
