# Writes data/map/countries_50m.txt into a C++ string constant for the day
# report's map (the tool needs it without the source tree). Raw string: the
# file contains no ")opsroommap".
file(READ ${MAP} map)
file(WRITE ${OUT} "// Generated from data/map by hub/tools/embed_report_map.cmake. Do not edit.\n"
  "namespace opsroom::hub {\n"
  "extern const char* const kReportMapText;\n"
  "const char* const kReportMapText = R\"opsroommap(${map})opsroommap\";\n"
  "}\n")
