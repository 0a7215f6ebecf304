# Writes the text file IN into a C++ string constant SYMBOL (for data files
# that programs need without the source tree).
file(READ ${IN} content)
file(WRITE ${OUT} "// Generated from ${IN} by embed_text.cmake. Do not edit.\n"
  "namespace opsroom::wire { extern const char* const ${SYMBOL}; const char* const ${SYMBOL} = R\"opsroomtxt(${content})opsroomtxt\"; }\n")
