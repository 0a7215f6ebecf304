# Protocol hardening: the frame fuzz target (libFuzzer build in tests/fuzz/,
# replayed here with any compiler), one test per malformed-frame class, and a
# node written in Python from docs/protocol.md and the schemas alone.

# libFuzzer target, when asked for and not already added by the top level.
get_property(opsroom_fuzz_added GLOBAL PROPERTY OPSROOM_FUZZ_ADDED)
if(OPSROOM_BUILD_FUZZ AND NOT opsroom_fuzz_added)
  add_subdirectory(${CMAKE_CURRENT_SOURCE_DIR}/fuzz ${CMAKE_BINARY_DIR}/tests/fuzz)
endif()

# The fuzz target's function over the committed seeds plus seeded mutations.
add_executable(frame_fuzz_replay fuzz/frame_fuzz.cc fuzz/replay_main.cc)
target_include_directories(frame_fuzz_replay PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(frame_fuzz_replay PRIVATE opsroom::wire opsroom_warnings)
add_test(NAME frame_fuzz_replay
         COMMAND frame_fuzz_replay --mutations 200000 --seed 1 --max-seconds 120 --min-reasons 12
                 ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus)
set_tests_properties(frame_fuzz_replay PROPERTIES TIMEOUT 300)

# The seed generator; the test keeps the committed seeds equal to its output.
add_executable(frame_fuzz_make_corpus fuzz/make_corpus.cc unit/wire_sample_envelopes.cc)
target_include_directories(frame_fuzz_make_corpus PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(frame_fuzz_make_corpus PRIVATE opsroom::wire opsroom_warnings)
add_test(NAME frame_fuzz_corpus_fresh
         COMMAND frame_fuzz_make_corpus --check ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus)

# One test per malformed-frame class, each with its own reason code.
opsroom_add_test(wire_malformed_test
  SOURCES unit/wire_malformed_test.cc unit/wire_sample_envelopes.cc
  LIBS opsroom::wire)
