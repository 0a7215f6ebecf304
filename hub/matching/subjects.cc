#include "hub/matching/subjects.h"

#include <algorithm>
#include <vector>

#include "match/identifiers.h"
#include "match/name_normalize.h"

namespace opsroom::hub::matching {

namespace {

std::string Str(const flatbuffers::String* text) { return text == nullptr ? std::string() : text->str(); }

void AddId(match::Subject& subject, match::IdKind kind, const flatbuffers::String* value) {
  if (value != nullptr && value->size() > 0) subject.ids.push_back({kind, value->str(), {}});
}

void AddName(match::Subject& subject, const flatbuffers::String* name) {
  if (name != nullptr && name->size() > 0) subject.names.push_back(name->str());
}

}  // namespace

match::Subject FromWire(const wire::Subject& seen) {
  match::Subject subject;
  AddName(subject, seen.name());
  subject.dob = Str(seen.date_of_birth());
  subject.nationality = Str(seen.nationality());
  AddId(subject, match::IdKind::kPlate, seen.plate());
  AddId(subject, match::IdKind::kVin, seen.vin());
  AddId(subject, match::IdKind::kImo, seen.imo());
  AddId(subject, match::IdKind::kContainer, seen.container_number());
  AddId(subject, match::IdKind::kDocument, seen.document_number());
  AddId(subject, match::IdKind::kPhone, seen.phone());
  return subject;
}

match::Subject FromEntry(const wire::WatchlistEntry& entry) {
  match::Subject subject;
  AddName(subject, entry.name_original());
  AddName(subject, entry.name_latin());
  if (entry.aliases() != nullptr) {
    for (const flatbuffers::String* alias : *entry.aliases()) AddName(subject, alias);
  }
  subject.dob = Str(entry.date_of_birth());
  subject.nationality = Str(entry.nationality());
  if (entry.document_numbers() != nullptr) {
    for (const flatbuffers::String* number : *entry.document_numbers())
      AddId(subject, match::IdKind::kDocument, number);
  }
  AddId(subject, match::IdKind::kPlate, entry.plate());
  AddId(subject, match::IdKind::kVin, entry.vin());
  AddId(subject, match::IdKind::kImo, entry.imo());
  AddId(subject, match::IdKind::kContainer, entry.container_number());
  AddId(subject, match::IdKind::kPhone, entry.phone());
  return subject;
}

std::string SubjectKey(const wire::Subject& seen) {
  std::vector<std::string> tokens;
  if (seen.name() != nullptr) {
    for (const match::NameToken& token : match::NormalizeName(seen.name()->string_view()).tokens) {
      tokens.push_back(token.folded);
    }
  }
  std::sort(tokens.begin(), tokens.end());
  std::string key = wire::EnumNameWatchKind(seen.kind());
  key += '|';
  for (std::size_t i = 0; i < tokens.size(); ++i) key += (i ? " " : "") + tokens[i];
  key += '|' + Str(seen.date_of_birth()) + '|';
  std::vector<std::string> ids;
  for (const match::Identifier& id : FromWire(seen).ids) {
    ids.push_back(std::string(match::IdKindName(id.kind)) + ":" + match::NormalizeIdentifier(id.kind, id.value));
  }
  std::sort(ids.begin(), ids.end());
  for (const std::string& id : ids) key += id + ' ';
  return key;
}

}  // namespace opsroom::hub::matching
