// opsroom-console: parse the command line, run the console, map the result to
// an exit code (0 ok, 1 runtime failure, 2 usage).
#include <cstdio>

#include "console/app/app_options.h"
#include "console/app/console_app.h"

int main(int argc, char** argv) {
  using namespace opsroom::console;
  ParsedOptions parsed = ParseOptions(argc, argv);
  if (!parsed.options) {
    if (!parsed.error.empty()) std::fprintf(stderr, "opsroom-console: %s\n\n", parsed.error.c_str());
    std::fputs(parsed.text.c_str(), parsed.error.empty() ? stdout : stderr);
    return parsed.error.empty() ? 0 : 2;
  }
  return RunConsole(*parsed.options);
}
