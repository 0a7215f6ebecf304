// A frame for one client (a Nack, Welcome, Ack or query answer), as plain
// bytes: whoever judges a frame returns these and the thread that owns the
// ROUTER sends them, so that no part of the hub's core touches a socket.
#pragma once
#include <string>

#include "wire/frame_builder.h"

namespace opsroom::hub {

struct Reply {
  std::string peer;
  wire::Bytes bytes;
};

}  // namespace opsroom::hub
