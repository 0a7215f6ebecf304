# Protocol hardening: one test per malformed-frame class.

# One test per malformed-frame class, each with its own reason code.
opsroom_add_test(wire_malformed_test
  SOURCES unit/wire_malformed_test.cc unit/wire_sample_envelopes.cc
  LIBS opsroom::wire)
