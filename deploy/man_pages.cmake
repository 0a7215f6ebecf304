# Man pages generated at build time by help2man (Debian's help2man) from each
# binary's own CLI11 --help and --version, so they never disagree with the
# program; installed by the .deb under share/man/man1 (gzipped, as Debian wants).
find_program(OPSROOM_HELP2MAN help2man)
if(NOT OPSROOM_HELP2MAN)
  message(STATUS "help2man not found: no man pages (scripts/install-deps.sh installs it)")
  return()
endif()

set(opsroom_man_dir ${PROJECT_BINARY_DIR}/man)
set(opsroom_man_pages)
# opsroom_man_page(TARGET "one-line what" [extra help2man arguments]).
function(opsroom_man_page target what)
  if(NOT TARGET ${target})
    return()
  endif()
  set(page ${opsroom_man_dir}/${target}.1)
  add_custom_command(
    OUTPUT ${page}.gz
    COMMAND ${CMAKE_COMMAND} -E make_directory ${opsroom_man_dir}
    COMMAND ${OPSROOM_HELP2MAN} --no-info --section=1 --name=${what} ${ARGN} --output=${page} $<TARGET_FILE:${target}>
    COMMAND gzip -9nf ${page}
    DEPENDS ${target}
    COMMENT "help2man: ${target}.1"
    VERBATIM)
  set(opsroom_man_pages ${opsroom_man_pages} ${page}.gz PARENT_SCOPE)
endfunction()

# --help-all: every verb's flags in the one page.
opsroom_man_page(opsroom-node "publish to and tail an opsroom hub as a national node" --help-option=--help-all)
opsroom_man_page(opsroom-keys "make CurveZMQ key pairs and edit the opsroom hub's key registry" --help-option=--help-all)
opsroom_man_page(opsroom-match "the opsroom watchlist matcher, for the people who tune it" --help-option=--help-all)
opsroom_man_page(opsroom-console "the opsroom operator console")
opsroom_man_page(opsroom-hub "the opsroom operations-room hub")
add_custom_target(opsroom_man_pages ALL DEPENDS ${opsroom_man_pages})
install(FILES ${opsroom_man_pages} DESTINATION share/man/man1)
