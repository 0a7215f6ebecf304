// A bare opsroom-hub's first start: when the key directory holds no hub.key,
// make the hub's CurveZMQ pair and an empty key registry there, so the hub
// runs secure from the first minute. Existing keys are never overwritten.
// Called by main before the hub starts, on its only thread.
#pragma once
#include <string>

#include "hub/config.h"
#include "wire/result.h"

namespace opsroom::hub {

struct KeySetup {
  bool made_pair = false;      // hub.key and hub.pub were written now
  bool made_registry = false;  // an empty registry was written now
  bool remade_public = false;  // hub.pub was missing and was written from hub.key now
};

// Makes what is missing of <keys>/hub.key, hub.pub and the default registry;
// a hub.pub lost beside its hub.key is written again from hub.key.
// A hub.pub without its hub.key is an error (a lost secret is not silently
// replaced: every node holds the old public key). An explicit --registry FILE
// that does not exist is left for the hub to refuse (a typo must not start a
// hub that admits nobody).
wire::Result<KeySetup> EnsureHubKeys(const HubConfig& config);

// The loud notice printed after a first start: where the files are and how to
// admit a node with opsroom-keys and opsroom-node.
std::string FirstStartNotice(const HubConfig& config, const KeySetup& setup);

}  // namespace opsroom::hub
