// The places and participants files a program may be given instead of the
// copies of data/ built in (opsroom-hub --places/--participants, opsroom-node
// --places-file/--participants-file, opsroom-console --places/--participants).
// Read and checked on main's thread at start, before any other thread runs.
#pragma once
#include <optional>
#include <string>

#include "wire/participants.h"
#include "wire/places.h"

namespace opsroom::wire {

struct CatalogueFiles {
  std::string places;        // empty: data/places.tsv as built in
  std::string participants;  // empty: data/participants.tsv as built in
};

// Both files read and checked, the places against the participants (the file's,
// else those in use). `error` is "" when they are good (or none is named),
// else "FILE line N: what is wrong" or "FILE: cannot be read".
struct LoadedCatalogues {
  std::optional<ParticipantCatalog> participants;  // set when a file named them
  std::optional<PlaceCatalog> places;
  std::string error;
};
LoadedCatalogues LoadCatalogueFiles(const CatalogueFiles& files);

// Reads and checks the files: the error, or "".
std::string CheckCatalogueFiles(const CatalogueFiles& files);
// The same, then makes them the catalogues every lookup uses from now on
// (PlaceCatalog::InUse, FindParticipant...); nothing changes on an error.
std::string UseCatalogueFiles(const CatalogueFiles& files);

}  // namespace opsroom::wire
