// Flags shared by the commands that build a message (alert, check, decide):
// enums, times, a position, the handling code. Each returns false with
// `error` naming what was expected. Pure.
#pragma once
#include <optional>
#include <string>

#include "nodes/cli/cli_args.h"
#include "nodes/cli/cli_values.h"
#include "nodes/client/envelope_builder.h"

namespace opsroom::nodes::cli {

// Reads one optional enum flag into *out; false with an error on a bad value.
template <typename E, typename Parse>
bool EnumFlag(const CliOptions& options, const char* name, Parse parse, const char* const* names, E* out,
              std::string* error) {
  if (!options.Has(name)) return true;
  auto value = parse(options.Get(name));
  if (!value) {
    *error = std::string("--") + name + " '" + options.Get(name) + "': expected " +
             EnumChoices(names, static_cast<int>(E::MAX) + 1);
    return false;
  }
  *out = *value;
  return true;
}

bool TimeFlag(const CliOptions& options, const char* name, int64_t now_ms, int64_t* out, std::string* error);
// --lat and --lon, together or not at all.
bool PositionFlags(const CliOptions& options, std::optional<LatLon>* position, std::string* error);
// --distribution, --recipients, --reliability, --credibility.
bool HandlingFlags(const CliOptions& options, EnvelopeHeader* header, std::string* error);

}  // namespace opsroom::nodes::cli
