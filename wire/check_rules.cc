#include "wire/check_rules.h"

#include <cctype>
#include <string>

#include "match/identifiers.h"
#include "text_check.h"
#include "wire/protocol_constants.h"

namespace opsroom::wire {

namespace {

using Finding = std::optional<Rejection>;

bool Has(const flatbuffers::String* s) { return s != nullptr && s->size() > 0; }

std::string Field(const char* list, std::size_t index, const char* name) {
  return std::string(list) + "[" + std::to_string(index) + "]." + name;
}

// YYYY, YYYY-MM or YYYY-MM-DD with plausible numbers (a register's partial dates).
bool IsPartialDate(std::string_view d) {
  auto digits = [&](std::size_t at, std::size_t n) {
    for (std::size_t i = at; i < at + n; ++i) {
      if (i >= d.size() || !std::isdigit(static_cast<unsigned char>(d[i]))) return false;
    }
    return true;
  };
  if (d.size() != 4 && d.size() != 7 && d.size() != 10) return false;
  if (!digits(0, 4)) return false;
  if (d.size() >= 7 && (d[4] != '-' || !digits(5, 2) || std::stoi(std::string(d.substr(5, 2))) < 1 ||
                        std::stoi(std::string(d.substr(5, 2))) > 12)) {
    return false;
  }
  if (d.size() == 10 && (d[7] != '-' || !digits(8, 2) || std::stoi(std::string(d.substr(8, 2))) < 1 ||
                         std::stoi(std::string(d.substr(8, 2))) > 31)) {
    return false;
  }
  return true;
}

bool IsAlpha2(std::string_view code) {
  return code.size() == 2 && std::isupper(static_cast<unsigned char>(code[0])) &&
         std::isupper(static_cast<unsigned char>(code[1]));
}

// Identifiers are checked with the matcher's own rules, so that what the node
// accepts is what the hub can match.
Finding IdentifierDigits(const Subject& s, std::size_t index, const char* list) {
  struct Item {
    const flatbuffers::String* text;
    match::IdKind kind;
    const char* name;
    RejectReason code;
  };
  const Item items[] = {{s.vin(), match::IdKind::kVin, "vin", RejectReason::CheckDigit},
                        {s.imo(), match::IdKind::kImo, "imo", RejectReason::CheckDigit},
                        {s.container_number(), match::IdKind::kContainer, "container_number", RejectReason::CheckDigit},
                        {s.plate(), match::IdKind::kPlate, "plate", RejectReason::InvalidValue},
                        {s.document_number(), match::IdKind::kDocument, "document_number", RejectReason::InvalidValue},
                        {s.phone(), match::IdKind::kPhone, "phone", RejectReason::InvalidValue}};
  for (const Item& item : items) {
    if (!Has(item.text)) continue;
    match::IdCheck check = match::CheckIdentifier(item.kind, item.text->string_view(), {});
    if (!check.ok)
      return Reject(item.code, Field(list, index, item.name) + " '" + item.text->str() + "': " + check.error);
  }
  return std::nullopt;
}

Finding Identifier(const Subject& s, const std::string& where) {
  bool ok = true;
  switch (s.kind()) {
    case WatchKind::Person:
    case WatchKind::Organisation: ok = Has(s.name()); break;
    case WatchKind::Vehicle: ok = Has(s.plate()) || Has(s.vin()); break;
    case WatchKind::Vessel: ok = Has(s.imo()) || Has(s.name()); break;
    case WatchKind::Container: ok = Has(s.container_number()); break;
    case WatchKind::Document: ok = Has(s.document_number()); break;
    case WatchKind::Phone: ok = Has(s.phone()); break;
  }
  if (ok) return std::nullopt;
  return Reject(RejectReason::MissingField,
                where + " of kind " + EnumNameWatchKind(s.kind()) + " lacks its identifier");
}

Finding OneSubject(const Subject& s, const char* list, std::size_t index) {
  if (static_cast<unsigned>(s.kind()) > static_cast<unsigned>(WatchKind::MAX)) {
    return Reject(RejectReason::EnumOutOfRange, Field(list, index, "kind") + " is out of range");
  }
  const std::pair<const flatbuffers::String*, const char*> texts[] = {{s.name(), "name"},
                                                                      {s.date_of_birth(), "date_of_birth"},
                                                                      {s.nationality(), "nationality"},
                                                                      {s.document_number(), "document_number"},
                                                                      {s.plate(), "plate"},
                                                                      {s.vin(), "vin"},
                                                                      {s.imo(), "imo"},
                                                                      {s.container_number(), "container_number"},
                                                                      {s.phone(), "phone"}};
  for (const auto& [text, name] : texts) {
    std::string field = Field(list, index, name);
    if (auto bad = CheckText(text, field.c_str(), kMaxShortTextBytes, false)) return bad;
  }
  if (Has(s.date_of_birth()) && !IsPartialDate(s.date_of_birth()->string_view())) {
    return Reject(RejectReason::InvalidValue, Field(list, index, "date_of_birth") + " '" + s.date_of_birth()->str() +
                                                  "' is not YYYY, YYYY-MM or YYYY-MM-DD");
  }
  if (Has(s.nationality()) && !IsAlpha2(s.nationality()->string_view())) {
    return Reject(RejectReason::InvalidValue, Field(list, index, "nationality") + " is not an ISO 3166 alpha-2 code");
  }
  if (auto bad = IdentifierDigits(s, index, list)) return bad;
  return Identifier(s, std::string(list) + "[" + std::to_string(index) + "]");
}

}  // namespace

std::optional<Rejection> CheckSubjects(const SubjectList* subjects, const char* field, bool required) {
  if (subjects == nullptr || subjects->size() == 0) {
    if (!required) return std::nullopt;
    return Reject(RejectReason::MissingField, std::string(field) + " needs at least one subject");
  }
  if (subjects->size() > kMaxSubjects) {
    return Reject(RejectReason::TooManyItems,
                  std::string(field) + " has more than " + std::to_string(kMaxSubjects) + " subjects");
  }
  for (flatbuffers::uoffset_t i = 0; i < subjects->size(); ++i) {
    if (auto bad = OneSubject(*subjects->Get(i), field, i)) return bad;
  }
  return std::nullopt;
}

}  // namespace opsroom::wire
