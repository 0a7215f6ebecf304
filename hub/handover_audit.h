// What the audit record of a stored Handover or HandoverAck adds to the
// common fields of a write (hub/log_stager.cc): which handover, who wrote or
// acknowledged it and how many open items it passed on, so the trail alone
// answers "who handed what to whom, and when was it taken".
#pragma once
#include "envelope_generated.h"
#include "hub/audit_trail.h"

namespace opsroom::hub {

// No-op for other payloads.
void AuditHandover(const wire::Envelope& envelope, AuditFields& fields);

}  // namespace opsroom::hub
