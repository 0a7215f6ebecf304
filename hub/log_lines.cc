#include "hub/log_lines.h"

namespace opsroom::hub {

void LogLines(spdlog::level::level_enum level, std::string_view text) {
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (line.find_first_not_of(' ') != std::string_view::npos) spdlog::log(level, "{}", line);
    start = end + 1;
  }
}

}  // namespace opsroom::hub
