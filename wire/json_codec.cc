#include "wire/json_codec.h"

#include <stdexcept>

#include "flatbuffers/idl.h"
#include "frame_generated.h"

namespace opsroom::wire {

extern const char* const kSchemaText;

namespace {

constexpr const char* kCannotPrint = "{\"error\":\"cannot print as JSON\"}";

std::unique_ptr<flatbuffers::Parser> MakeParser(const char* root_type) {
  flatbuffers::IDLOptions options;
  options.strict_json = true;
  options.indent_step = -1;  // one line per message
  options.output_enum_identifiers = true;
  options.natural_utf8 = true;  // print Шћепановић, not \u escapes
  // An operator reading `tail` must see "severity": "Routine", not guess it from its absence.
  options.output_default_scalars_in_json = true;
  auto parser = std::make_unique<flatbuffers::Parser>(options);
  if (!parser->Parse(kSchemaText) || !parser->SetRootType(root_type)) {
    throw std::logic_error("embedded schema does not parse: " + parser->error_);
  }
  return parser;
}

// With natural_utf8, FlatBuffers 2.0.8 copies control characters other than
// \n \t \r \b \f raw into strings: not JSON (it does not read back), and an
// ESC from the network would reach an operator's terminal. The one-line
// printer emits no control character outside strings, so escape them all.
void EscapeControlCharacters(std::string& json) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string escaped;
  for (char c : json) {
    auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20) {
      escaped += c;
    } else {
      escaped += "\\u00";
      escaped += kHex[byte >> 4];
      escaped += kHex[byte & 0xF];
    }
  }
  json.swap(escaped);
}

std::string ToJson(flatbuffers::Parser& parser, std::span<const uint8_t> bytes) {
  std::string json;
  if (!flatbuffers::GenerateText(parser, bytes.data(), &json)) return kCannotPrint;
  while (!json.empty() && (json.back() == '\n' || json.back() == ' ')) json.pop_back();
  EscapeControlCharacters(json);
  return json;
}

// The printer of FlatBuffers 2.0.8 aborts (an assert, or a null dereference
// without asserts) on a union whose value is present but whose type is NONE or
// absent; the Verifier lets that through. Such a buffer is not printed.
bool PayloadPrintable(const Envelope* envelope) {
  return envelope == nullptr || envelope->payload_type() != Payload::NONE || envelope->payload() == nullptr;
}

bool NestedPrintable(const flatbuffers::Vector<uint8_t>* envelope) {
  return envelope == nullptr || PayloadPrintable(GetEnvelope(envelope->data()));
}

bool FramePrintable(const Frame* frame) {
  if (frame->body_type() == Body::NONE) return frame->body() == nullptr;
  if (const Publish* publish = frame->body_as_Publish()) return NestedPrintable(publish->envelope());
  if (const Event* event = frame->body_as_Event()) return NestedPrintable(event->envelope());
  return true;
}

}  // namespace

JsonCodec::JsonCodec()
    : envelope_parser_(MakeParser("opsroom.wire.Envelope")), frame_parser_(MakeParser("opsroom.wire.Frame")) {
  // The embedded text leaves file_identifier out; a Frame read from JSON carries it like any other.
  frame_parser_->file_identifier_ = FrameIdentifier();
}

JsonCodec::~JsonCodec() = default;

namespace {

Result<std::vector<uint8_t>> FromJson(flatbuffers::Parser& parser, std::string_view json) {
  std::string text(json);  // the parser needs a NUL-terminated string
  if (!parser.ParseJson(text.c_str())) {
    std::string error = parser.error_;
    return Reject(RejectReason::Malformed, "JSON: " + error);
  }
  const auto& builder = parser.builder_;
  return std::vector<uint8_t>(builder.GetBufferPointer(), builder.GetBufferPointer() + builder.GetSize());
}

}  // namespace

Result<std::vector<uint8_t>> JsonCodec::EnvelopeFromJson(std::string_view json) {
  return FromJson(*envelope_parser_, json);
}

Result<std::vector<uint8_t>> JsonCodec::FrameFromJson(std::string_view json) { return FromJson(*frame_parser_, json); }

std::string JsonCodec::EnvelopeToJson(std::span<const uint8_t> envelope) {
  if (!PayloadPrintable(GetEnvelope(envelope.data()))) return kCannotPrint;
  return ToJson(*envelope_parser_, envelope);
}

std::string JsonCodec::FrameToJson(std::span<const uint8_t> frame) {
  if (!FramePrintable(GetFrame(frame.data()))) return kCannotPrint;
  return ToJson(*frame_parser_, frame);
}

}  // namespace opsroom::wire
