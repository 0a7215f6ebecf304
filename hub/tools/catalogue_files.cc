#include "hub/tools/catalogue_files.h"

#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "wire/participants.h"
#include "wire/places.h"

namespace opsroom::hub {

namespace {

std::optional<std::string> ReadWhole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Parses both named files; `use` then installs them. Participants first: a
// place file is read against the participants in use.
std::string LoadCatalogues(const Command& command, bool use) {
  try {
    std::optional<wire::ParticipantCatalog> participants;
    if (!command.participants_file.empty()) {
      auto text = ReadWhole(command.participants_file);
      if (!text) return command.participants_file + ": cannot be read (--participants)";
      participants.emplace(wire::ParticipantCatalog::FromTsv(*text, command.participants_file));
    }
    const wire::ParticipantCatalog& countries = participants ? *participants : wire::ParticipantCatalog::InUse();
    std::optional<wire::PlaceCatalog> places;
    if (!command.places_file.empty()) {
      auto text = ReadWhole(command.places_file);
      if (!text) return command.places_file + ": cannot be read (--places)";
      places.emplace(wire::PlaceCatalog::FromTsv(*text, command.places_file, &countries));
    }
    if (use && participants) wire::UseParticipants(std::move(*participants));
    if (use && places) wire::PlaceCatalog::Use(std::move(*places));
  } catch (const std::runtime_error& error) {
    return error.what();
  }
  return "";
}

}  // namespace

std::string CheckCatalogueFiles(const Command& command) { return LoadCatalogues(command, false); }

std::string UseCatalogueFiles(const Command& command) { return LoadCatalogues(command, true); }

}  // namespace opsroom::hub
