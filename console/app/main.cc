// opsroom-console: parse the command line, put the catalogue files in use, run
// the console, map the result to an exit code (0 ok, 1 runtime failure or a
// catalogue file that does not load, 2 usage).
#include <cstdio>
#include <string>

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
  if (std::string refused = opsroom::wire::UseCatalogueFiles(parsed.options->catalogues); !refused.empty()) {
    std::fprintf(stderr, "opsroom-console: %s\n", refused.c_str());
    return 1;
  }
  return RunConsole(*parsed.options);
}
