// The project version as the command lines print it. The one place it comes
// from: the OPSROOM_PROJECT_VERSION compile definition of cli/CMakeLists.txt
// (CMake's PROJECT_VERSION), as wire/version.h.
#pragma once

#ifndef OPSROOM_PROJECT_VERSION
#error "cli/project_version.h is read only by cli/command_line.cc, built with OPSROOM_PROJECT_VERSION"
#endif

namespace opsroom::cli {

inline constexpr char kProjectVersion[] = OPSROOM_PROJECT_VERSION;

}  // namespace opsroom::cli
