// A tiny national system: builds an alert envelope with the node library and
// opens the durable outbox (RocksDB) in argv[1]. Prints "ok <version> <bytes>".
#include <cstdio>
#include <string>

#include "nodes/client/envelope_builder.h"
#include "nodes/client/outbox.h"
#include "nodes/client/software_version.h"

int main(int argc, char** argv) {
  if (argc != 2) return std::fprintf(stderr, "usage: consumer OUTBOX_DIR\n"), 2;
  opsroom::nodes::EnvelopeHeader header;
  header.origin = "ME-BP";
  header.country = "ME";
  header.node_seq = 1;
  opsroom::nodes::AlertSpec alert;
  alert.title = "Van near Sukobin";
  alert.place_code = "BCP-ME-AL-SUKOBIN";
  auto bytes = opsroom::nodes::BuildEnvelope(header, alert);
  std::string error;
  auto outbox = opsroom::nodes::Outbox::Open(argv[1], &error);
  if (!outbox) return std::fprintf(stderr, "outbox: %s\n", error.c_str()), 1;
  std::printf("ok %s %zu\n", opsroom::nodes::kSoftwareVersion, bytes.size());
  return bytes.empty() ? 1 : 0;
}
