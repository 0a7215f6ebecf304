# Concatenates the .fbs files (in dependency order) into one C++ string so the
# FlatBuffers parser can read JSON at run time. include/root_type/file_identifier
# lines are dropped: one parse sees every type, the caller sets the root type.
set(text "")
foreach(file ${FILES})
  file(READ ${file} content)
  string(REGEX REPLACE "(^|\n)(include|root_type|file_identifier)[ \t][^\n]*" "\\1" content "${content}")
  string(APPEND text "${content}\n")
endforeach()
file(WRITE ${OUT} "// Generated from schemas/*.fbs by embed_schemas.cmake. Do not edit.\n"
  "namespace opsroom::wire { extern const char* const kSchemaText; const char* const kSchemaText = R\"opsroomfbs(\n"
  "${text})opsroomfbs\"; }\n")
