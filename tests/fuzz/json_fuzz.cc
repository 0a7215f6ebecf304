// libFuzzer target: one line of text through the JSON form's readers, as
// `opsroom-node send --json` and `opsroom-hub audit --verify --heads` take it:
// FlatBuffers' schemaless parse (send's first look at a line), the Envelope
// and Frame parsers of wire::JsonCodec, then the verifier and the checks on
// whatever they produce. Beyond "no crash, no sanitizer report": an envelope
// the checks accept prints as JSON that reads back into an accepted envelope,
// and an envelope read from JSON unpacks and packs again (what send does).
#include <span>
#include <string>

#include "flatbuffers/flexbuffers.h"
#include "flatbuffers/idl.h"
#include "fuzz/frame_fuzz.h"
#include "fuzz/fuzz_support.h"
#include "wire/audit_head.h"
#include "wire/frame_check.h"
#include "wire/json_codec.h"
#include "wire/places.h"
#include "wire/protocol_constants.h"

namespace opsroom::fuzz {
namespace {

constexpr const char* kTarget = "json_fuzz";
constexpr const char* kCannotPrint = "{\"error\":\"cannot print as JSON\"}";

const wire::ValidationContext& Context() {
  static const wire::ValidationContext ctx{&wire::PlaceCatalog::Embedded(), kFuzzNowMs};
  return ctx;
}

wire::JsonCodec& Codec() {
  static wire::JsonCodec* codec = new wire::JsonCodec();  // lives as long as the process
  return *codec;
}

bool VerifiesAsEnvelope(const std::vector<uint8_t>& bytes) {
  flatbuffers::Verifier verifier(bytes.data(), bytes.size(), wire::kVerifierMaxDepth, wire::kVerifierMaxTables);
  return wire::VerifyEnvelopeBuffer(verifier);
}

// send's first look at a line: a schemaless parse to see which header fields it names.
void SchemalessParse(const std::string& line) {
  flatbuffers::Parser parser;
  flexbuffers::Builder builder;
  if (!parser.ParseFlexBuffer(line.c_str(), nullptr, &builder)) return;
  auto root = flexbuffers::GetRoot(builder.GetBuffer());
  if (root.IsMap()) (void)root.AsMap()["origin"].IsNull();
}

void EnvelopePath(std::string_view text) {
  auto bytes = Codec().EnvelopeFromJson(text);
  if (!bytes) {
    Check(!bytes.rejection().text.empty(), kTarget, "a JSON error without a text");
    return;
  }
  // The parser built it from the schema: it is a well-formed Envelope.
  Check(VerifiesAsEnvelope(bytes.value()), kTarget, "the JSON parser built an envelope the verifier refuses", text);
  // What send does with it: unpack to the object API and pack again.
  std::unique_ptr<wire::EnvelopeT> object(wire::GetEnvelope(bytes->data())->UnPack());
  flatbuffers::FlatBufferBuilder builder;
  builder.Finish(wire::Envelope::Pack(builder, object.get()));
  std::vector<uint8_t> repacked(builder.GetBufferPointer(), builder.GetBufferPointer() + builder.GetSize());
  Check(VerifiesAsEnvelope(repacked), kTarget, "an unpacked and repacked envelope does not verify", text);

  auto checked = wire::CheckEnvelope(bytes.value(), Context());
  if (!checked) return;
  std::string json = Codec().EnvelopeToJson(bytes.value());
  Check(json != kCannotPrint, kTarget, "an accepted envelope does not print as JSON", text);
  auto again = Codec().EnvelopeFromJson(json);
  Check(again.ok(), kTarget, "the printed JSON of an accepted envelope does not parse back", json);
  Check(wire::CheckEnvelope(again.value(), Context()).ok(), kTarget,
        "the printed JSON of an accepted envelope reads back into a refused one", json);
}

void FramePath(std::string_view text) {
  auto bytes = Codec().FrameFromJson(text);
  if (!bytes) return;
  std::span<const uint8_t> frame(bytes->data(), bytes->size());
  auto head = wire::CheckSignedAuditHeadFrame(frame);
  if (head) (void)wire::CheckHeadSignature(head.value(), head->public_key);
  (void)wire::CheckHubFrame(frame);
  if (wire::CheckClientFrame(frame, Context()).ok()) {
    Check(Codec().FrameToJson(frame) != kCannotPrint, kTarget, "an accepted client frame does not print", text);
  }
}

}  // namespace
}  // namespace opsroom::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  std::string line(opsroom::fuzz::AsText(data, size));
  opsroom::fuzz::SchemalessParse(line);
  opsroom::fuzz::EnvelopePath(line);
  opsroom::fuzz::FramePath(line);
  return 0;
}
