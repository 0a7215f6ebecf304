#include "wire/catalogue_files.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace opsroom::wire {

namespace {

std::optional<std::string> ReadWhole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

LoadedCatalogues LoadCatalogueFiles(const CatalogueFiles& files) {
  LoadedCatalogues loaded;
  try {
    // Participants first: a place file is read against the participants in use.
    if (!files.participants.empty()) {
      auto text = ReadWhole(files.participants);
      if (!text) return {std::nullopt, std::nullopt, files.participants + ": cannot be read (participants file)"};
      loaded.participants.emplace(ParticipantCatalog::FromTsv(*text, files.participants));
    }
    const ParticipantCatalog& countries = loaded.participants ? *loaded.participants : ParticipantCatalog::InUse();
    if (!files.places.empty()) {
      auto text = ReadWhole(files.places);
      if (!text) return {std::nullopt, std::nullopt, files.places + ": cannot be read (places file)"};
      loaded.places.emplace(PlaceCatalog::FromTsv(*text, files.places, &countries));
    }
  } catch (const std::runtime_error& error) {
    return {std::nullopt, std::nullopt, error.what()};
  }
  return loaded;
}

std::string CheckCatalogueFiles(const CatalogueFiles& files) { return LoadCatalogueFiles(files).error; }

std::string UseCatalogueFiles(const CatalogueFiles& files) {
  LoadedCatalogues loaded = LoadCatalogueFiles(files);
  if (!loaded.error.empty()) return loaded.error;
  if (loaded.participants) UseParticipants(std::move(*loaded.participants));
  if (loaded.places) PlaceCatalog::Use(std::move(*loaded.places));
  return "";
}

}  // namespace opsroom::wire
