opsroom_add_test(wire_tests
  SOURCES unit/wire_envelope_check_test.cc unit/wire_frame_check_test.cc unit/wire_json_test.cc
          unit/wire_catalog_test.cc unit/wire_protocol_doc_test.cc unit/wire_sample_envelopes.cc
          unit/wire_text_check_test.cc unit/wire_aligned_bytes_test.cc unit/wire_item_id_test.cc
          unit/wire_alert_status_test.cc unit/wire_messages_test.cc unit/wire_utc_time_test.cc
  LIBS opsroom::wire)
