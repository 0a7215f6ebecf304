# The console's tests: the model (plain C++), a headless ImGui pass over every
# window, and a screenshot of the real program against a real hub.
if(NOT TARGET opsroom::console_model)
  return()
endif()

opsroom_add_test(console_model_tests
  SOURCES unit/console_text_fold_test.cc unit/console_alert_store_test.cc unit/console_filter_test.cc
          unit/console_projection_test.cc unit/console_glyphs_test.cc unit/console_flash_alarm_test.cc
          unit/console_link_health_test.cc unit/console_boards_test.cc unit/console_map_test.cc
          unit/console_model_test.cc unit/console_format_test.cc unit/console_rewind_test.cc
          unit/console_hits_test.cc unit/console_attention_test.cc unit/console_desk_test.cc
          unit/console_hit_deadline_test.cc unit/console_open_work_test.cc unit/console_sitrep_ledger_test.cc
          unit/console_handover_test.cc unit/console_operation_form_test.cc unit/console_replay_test.cc
          unit/console_replay_log.cc unit/console_replay_past_test.cc
  LIBS opsroom::console_model)

# The model must not compile with ImGui: building the probe has to fail with the guard's message.
add_test(NAME console_model_rejects_imgui
  COMMAND ${CMAKE_COMMAND} --build ${CMAKE_BINARY_DIR} --target opsroom_console_model_guard_probe)
set_tests_properties(console_model_rejects_imgui PROPERTIES
  PASS_REGULAR_EXPRESSION "console/model must not include ImGui")

if(TARGET opsroom::console_view)
  opsroom_add_test(console_view_tests SOURCES unit/console_view_test.cc unit/console_desk_view_test.cc
    unit/console_plan_replay_view_test.cc
    LIBS opsroom::console_view)
endif()

# The real console under Xvfb, a real hub (in-process fixture) and the real simulator;
# and its command line (console_cli_test.cc: no display needed).
if(TARGET opsroom-console AND TARGET opsroom-node AND TARGET opsroom::hub_fixture)
  opsroom_add_test(console_screenshot_tests
    SOURCES integration/console_screenshot_test.cc integration/console_cli_test.cc
    LIBS opsroom::console_model opsroom::nodes opsroom::hub_fixture PkgConfig::IMGUI)
  add_dependencies(console_screenshot_tests opsroom-console opsroom-node)
endif()

if(TARGET opsroom::console_net)
  opsroom_add_test(console_net_tests
    SOURCES unit/console_queue_test.cc unit/console_decode_test.cc unit/console_frame_pacer_test.cc
            unit/console_places_file_test.cc
    LIBS opsroom::console_net)
  if(TARGET opsroom::hub_fixture)
    opsroom_add_test(console_link_tests
      SOURCES integration/console_link_test.cc integration/handover_test.cc integration/console_plan_replay_test.cc
              integration/console_replay_as_of_test.cc integration/console_replay_links_test.cc
      LIBS opsroom::console_net opsroom::hub_fixture opsroom::hub_tools)
  endif()
endif()
