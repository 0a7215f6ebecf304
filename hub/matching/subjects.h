// Wire subjects and watchlist entries as the matcher sees them (match::Subject),
// and the normalised identity of a seen subject that, with an entry revision,
// names the pair a rejected hit retires. Pure functions.
#pragma once
#include <string>

#include "envelope_generated.h"
#include "match/subject.h"

namespace opsroom::hub::matching {

match::Subject FromWire(const wire::Subject& seen);
match::Subject FromEntry(const wire::WatchlistEntry& entry);

// "person|marko scepanovic|1984-03-02|" + sorted "kind:value" identifiers:
// the same person or thing written in another script or order gives the same key.
std::string SubjectKey(const wire::Subject& seen);

}  // namespace opsroom::hub::matching
