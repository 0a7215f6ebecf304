// What `opsroom-hub export` writes, read from a hub's store (read-only, beside
// a running hub or without one): the current version of every alert with its
// status, every joint operation, every sitrep, each with its envelope header
// (origin, marking, grade) and where it sits in the log. Only what the named
// viewer is entitled to (docs/protocol.md section 10): an export obeys the
// same need-to-know rule as live fan-out, snapshot and replay. Main thread.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "wire/messages.h"
#include "wire/status.h"

namespace opsroom::hub {

struct ExportedItem {
  wire::msg::Header header;
  uint64_t hub_seq = 0;  // the event holding this version
  int64_t hub_time_ms = 0;
};

struct ExportedAlert : ExportedItem {
  wire::msg::Alert alert;
  wire::AlertStatus status = wire::AlertStatus::Open;  // after every action the hub applied
  std::string alert_key;                               // the effective id (docs/protocol.md 6.1)
};

struct ExportedOperation : ExportedItem {
  wire::msg::JointOperation operation;
};

struct ExportedSitRep : ExportedItem {
  wire::msg::SitRep sitrep;
};

// Alerts and sitreps in hub order; operations in code order.
struct ExportSet {
  std::vector<ExportedAlert> alerts;
  std::vector<ExportedOperation> operations;
  std::vector<ExportedSitRep> sitreps;
};

struct ExportFilter {
  std::string participant = "OPSROOM";  // who the export is for
  wire::ClientRole role = wire::ClientRole::Console;
  int64_t since_ms = 0;        // items whose current version the hub stored at or after this time
  std::string operation_code;  // non-empty: that operation, its sitreps and the alerts that name it
};

wire::Status ReadExportSet(const std::string& data_dir, const ExportFilter& filter, ExportSet* out);

}  // namespace opsroom::hub
