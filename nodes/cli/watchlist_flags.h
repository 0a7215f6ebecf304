// A watchlist entry from named values (the columns of `send --csv --kind
// watchlist`; docs/import.md lists them): checked like the other commands'
// flags, each error naming the value and what was expected. Pure.
#pragma once
#include <optional>
#include <string>

#include "nodes/cli/cli_args.h"
#include "nodes/client/envelope_builder.h"

namespace opsroom::nodes::cli {

// The names WatchlistFromFlags reads.
const std::vector<std::string>& WatchlistFlagNames();

std::optional<EnvelopeSpec> WatchlistFromFlags(const CliOptions& options, int64_t now_ms, std::string* error);

}  // namespace opsroom::nodes::cli
