# The deterministic simulator of the hub (tests/sim, docs/simulation.md): the
# real HubCore on a simulated store, network and clock, many seeds per run.
add_executable(opsroom-sim-test
  sim/sim_checks.cc sim/sim_console.cc sim/sim_hub.cc sim/sim_log.cc sim/sim_main.cc
  sim/sim_node.cc sim/sim_registry.cc sim/sim_store.cc sim/sim_world.cc)
target_include_directories(opsroom-sim-test PRIVATE ${PROJECT_SOURCE_DIR})
target_link_libraries(opsroom-sim-test PRIVATE opsroom::hub_core opsroom::cli opsroom_warnings)

# A few thousand seeds in CI (sized to stay within ~2 minutes on two quiet cores).
add_test(NAME sim_seeds COMMAND opsroom-sim-test --seeds 2000 --from 1)
# The same seed twice gives the same run, byte for byte (trace digests compared).
add_test(NAME sim_determinism COMMAND opsroom-sim-test --seeds 20 --from 5000 --twice)
set_tests_properties(sim_seeds sim_determinism PROPERTIES LABELS sim TIMEOUT 600)

# Regression seeds: each once failed, for the reason in docs/simulation.md ("What it found").
foreach(seed 122946 12386)
  add_test(NAME sim_seed_${seed} COMMAND opsroom-sim-test --seeds 1 --from ${seed})
  set_tests_properties(sim_seed_${seed} PROPERTIES LABELS sim TIMEOUT 60)
endforeach()
# The simulated store's old fault (a batch whose fsync failed read at once)
# must still fail digest at a regression seed, so that the seed keeps
# exercising what it found. Seed 122946 found it; since the hub logs node
# links, its run takes another path, and 12386 is the first seed that meets it.
add_test(NAME sim_seed_12386_control
         COMMAND opsroom-sim-test --seeds 1 --from 12386 --break read-failed-write --expect digest)
set_tests_properties(sim_seed_12386_control PROPERTIES LABELS sim TIMEOUT 60)

# Negative controls: each broken variant must be caught by its invariant.
foreach(control
    "ack-before-sync:ack-before-durable" "lose-acked:acked-lost" "hole:hole"
    "doubles:doubles" "drop-event:digest" "leak:forbidden")
  string(REPLACE ":" ";" parts ${control})
  list(GET parts 0 broken)
  list(GET parts 1 invariant)
  add_test(NAME sim_control_${broken} COMMAND opsroom-sim-test --seeds 500 --from 1 --break ${broken} --expect ${invariant})
  set_tests_properties(sim_control_${broken} PROPERTIES LABELS sim TIMEOUT 600)
endforeach()

# Pages and the commit pipeline, step by step on the simulator's hub: what a
# page shows between a batch's sync and the loop's finish.
opsroom_add_test(sim_hub_pages_test
  SOURCES sim/sim_hub_pages_test.cc sim/sim_console.cc sim/sim_hub.cc sim/sim_log.cc sim/sim_node.cc
          sim/sim_registry.cc sim/sim_store.cc
  LIBS opsroom::hub_core)
