// A checked query frame from a client with a session, as the hub's core hands
// it to the server, which routes it to query.h: who asks (the session's
// identity, authenticated in secure mode) and the frame.
#pragma once
#include <string_view>

#include "frame_generated.h"
#include "hub/sessions.h"

namespace opsroom::hub {

struct QueryCall {
  std::string_view peer;
  const wire::Frame* frame = nullptr;
  const Session* session = nullptr;
};

}  // namespace opsroom::hub
