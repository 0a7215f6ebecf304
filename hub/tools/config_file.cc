#include "hub/tools/config_file.h"

#include <algorithm>
#include <ostream>
#include <utility>
#include <toml++/toml.h>

#include "hub/tools/hub_settings.h"

namespace opsroom::hub {

namespace {

std::string At(const std::string& path, const toml::source_region& where) {
  return path + ":" + std::to_string(where.begin.line) + ": ";
}

bool IsSection(std::string_view name) {
  for (const Setting& setting : HubSettings()) {
    if (setting.key != nullptr && std::string_view(setting.key).rfind(std::string(name) + ".", 0) == 0) return true;
  }
  return false;
}

// The keys a section (or the top level, "") holds: what a typo should have been.
std::string KnownKeys(std::string_view section) {
  std::string known;
  for (const Setting& setting : HubSettings()) {
    if (setting.key == nullptr) continue;
    std::string_view key = setting.key;
    auto dot = key.rfind('.');
    std::string_view in = dot == std::string_view::npos ? std::string_view() : key.substr(0, dot);
    if (in != section) continue;
    known += (known.empty() ? "" : ", ") + std::string(key.substr(dot == std::string_view::npos ? 0 : dot + 1));
  }
  if (section.empty()) {
    for (const char* name : {"net", "security", "sessions", "queues", "deadlines", "retention", "catalogues"})
      known += std::string(", [") + name + "]";
  }
  return known;
}

// The value as the setting's text form, or nullopt when its TOML type is wrong.
std::optional<std::string> ValueText(const toml::node& node, SettingType type) {
  switch (type) {
    case SettingType::kText:
      if (auto text = node.value<std::string>(); node.is_string() && text) return *text;
      return std::nullopt;
    case SettingType::kWholeNumber:
      if (auto number = node.value<int64_t>(); node.is_integer() && number) return std::to_string(*number);
      return std::nullopt;
    case SettingType::kSwitch:
      if (auto on = node.value<bool>(); node.is_boolean() && on) return *on ? "true" : "false";
      return std::nullopt;
  }
  return std::nullopt;
}

void LoadTable(const std::string& path, const toml::table& table, const std::string& section, Command& command,
               std::vector<std::pair<int, std::string>>& problems) {
  for (auto&& [name, node] : table) {
    const std::string key = section.empty() ? std::string(name.str()) : section + "." + std::string(name.str());
    const Setting* setting = FindSettingByKey(key);
    if (setting == nullptr && node.is_table() && section.empty() && IsSection(key)) {
      LoadTable(path, *node.as_table(), key, command, problems);
      continue;
    }
    if (setting == nullptr) {
      problems.emplace_back(name.source().begin.line,
                            At(path, name.source()) + "unknown " +
                                (node.is_table() ? "section [" + key + "]" : "key \"" + key + "\"") +
                                " (expected one of: " + KnownKeys(section) + ")");
      continue;
    }
    std::optional<std::string> text = ValueText(node, setting->type);
    if (!text) {
      problems.emplace_back(node.source().begin.line, At(path, node.source()) + key + " must be " +
                                                          SettingTypeName(setting->type) + " (" + setting->value_name +
                                                          ")");
      continue;
    }
    if (std::string error = setting->apply(command, *text); !error.empty()) {
      problems.emplace_back(node.source().begin.line, At(path, node.source()) + key + " = " + *text + ": " + error);
    }
  }
}

}  // namespace

std::vector<std::string> LoadConfigFile(const std::string& path, Command& command) {
  toml::table table;
  try {
    table = toml::parse_file(path);
  } catch (const toml::parse_error& error) {
    const auto& where = error.source();
    if (where.begin.line == 0) return {path + ": " + std::string(error.description())};
    return {At(path, where) + std::string(error.description())};
  }
  std::vector<std::pair<int, std::string>> found;
  LoadTable(path, table, "", command, found);
  // toml++ keeps keys sorted by name: report in the file's order instead.
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> problems;
  for (auto& [line, text] : found) problems.push_back(std::move(text));
  return problems;
}

int CheckConfigFile(const std::string& path, std::ostream& out, std::ostream& err) {
  Command command;
  ApplyRunDefaults(command);
  std::vector<std::string> problems = LoadConfigFile(path, command);
  if (problems.empty()) {
    if (std::string whole = CheckRunSettings(command); !whole.empty()) problems.push_back(path + ": " + whole);
    if (std::string catalogues = wire::CheckCatalogueFiles(command.catalogue_files()); !catalogues.empty())
      problems.push_back(catalogues);
  }
  for (const std::string& problem : problems) err << problem << '\n';
  if (!problems.empty()) return 1;
  out << path << ": ok\n";
  return 0;
}

}  // namespace opsroom::hub
