# The console's tests: the model (plain C++), a headless ImGui pass over every
# window, and a screenshot of the real program against a real hub.
if(NOT TARGET opsroom::console_model)
  return()
endif()

opsroom_add_test(console_model_tests
  SOURCES unit/console_text_fold_test.cc unit/console_alert_store_test.cc unit/console_filter_test.cc
          unit/console_projection_test.cc unit/console_glyphs_test.cc unit/console_flash_alarm_test.cc
          unit/console_link_health_test.cc unit/console_boards_test.cc unit/console_map_test.cc
          unit/console_model_test.cc
  LIBS opsroom::console_model)

# The model must not compile with ImGui: building the probe has to fail with the guard's message.
add_test(NAME console_model_rejects_imgui
  COMMAND ${CMAKE_COMMAND} --build ${CMAKE_BINARY_DIR} --target opsroom_console_model_guard_probe)
set_tests_properties(console_model_rejects_imgui PROPERTIES
  PASS_REGULAR_EXPRESSION "console/model must not include ImGui")

if(TARGET opsroom::console_view)
  opsroom_add_test(console_view_tests SOURCES unit/console_view_test.cc LIBS opsroom::console_view)
endif()
