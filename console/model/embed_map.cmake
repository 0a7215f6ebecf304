# Writes the two map files into C++ string constants (the console needs them
# without the source tree). Raw strings: the files contain no ")opsroommap".
file(READ ${COARSE} coarse)
file(READ ${FINE} fine)
file(WRITE ${OUT} "// Generated from data/map by console/model/embed_map.cmake. Do not edit.\n"
  "namespace opsroom::console {\n"
  "extern const char* const kEmbeddedMap50m;\nextern const char* const kEmbeddedMap10m;\n"
  "const char* const kEmbeddedMap50m = R\"opsroommap(${coarse})opsroommap\";\n"
  "const char* const kEmbeddedMap10m = R\"opsroommap(${fine})opsroommap\";\n"
  "}\n")
