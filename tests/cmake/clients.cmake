# Client libraries in other languages, against the real hub over CurveZMQ.

# The Python package `opsroom` (clients/python) with the classes flatc generates
# from schemas/ at build time (opsroom_python_wire, tests/cmake/security.cmake):
# a secure hub with keys registered by opsroom-keys, publish/ack/refusals, a
# reconnect, snapshot + replay + live beside a C++ opsroom-node, key-file checks.
if(TARGET opsroom-hub AND TARGET opsroom-keys AND TARGET opsroom-node AND TARGET opsroom_python_wire
   AND OPSROOM_SYSTEM_PYTHON)
  add_test(NAME python_client
           COMMAND ${OPSROOM_SYSTEM_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/python/python_client_test.py
                   --hub-binary $<TARGET_FILE:opsroom-hub> --keys-binary $<TARGET_FILE:opsroom-keys>
                   --node-binary $<TARGET_FILE:opsroom-node>
                   --pythonpath ${PROJECT_SOURCE_DIR}/clients/python:${opsroom_python_gen}
                   --example ${PROJECT_SOURCE_DIR}/clients/python/examples/tail_and_alert.py)
  set_tests_properties(python_client PROPERTIES TIMEOUT 300 SKIP_RETURN_CODE 77)
endif()

# `opsroom-hub export` read back by Python's own json, xml.etree and csv (and
# xmllint): GeoJSON, KML, CAP 1.2 and its Atom feed, CSV, need-to-know.
if(TARGET opsroom-hub AND TARGET opsroom-node AND OPSROOM_SYSTEM_PYTHON)
  add_test(NAME export_formats
           COMMAND ${OPSROOM_SYSTEM_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/python/export_formats_test.py
                   --hub-binary $<TARGET_FILE:opsroom-hub> --node-binary $<TARGET_FILE:opsroom-node>)
  set_tests_properties(export_formats PROPERTIES TIMEOUT 300)
endif()

# deploy/grafana/opsroom-hub.json read by Python's json: every metric its
# queries name is one a real hub's GET /metrics exports.
if(TARGET opsroom-hub AND OPSROOM_SYSTEM_PYTHON)
  add_test(NAME grafana_dashboard
           COMMAND ${OPSROOM_SYSTEM_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/python/grafana_dashboard_test.py
                   --hub-binary $<TARGET_FILE:opsroom-hub>
                   --dashboard ${PROJECT_SOURCE_DIR}/deploy/grafana/opsroom-hub.json)
  set_tests_properties(grafana_dashboard PROPERTIES TIMEOUT 120)
endif()
