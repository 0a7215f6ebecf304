// The hub's settings, each once: its key in hub.toml, its command-line flag,
// its type and how it lands in a Command. The TOML loader (config_file.h) and
// the CLI11 parser (command_line.h) both walk this one table, so the file and
// the flags cannot drift apart. Read-only; used on main's thread.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "hub/tools/command_line.h"

namespace opsroom::hub {

enum class SettingType {
  kText,         // a TOML string, a flag with a value
  kWholeNumber,  // a TOML integer, a flag with a value
  kSwitch,       // a TOML boolean, a flag without a value
};

struct Setting {
  const char* key;   // in hub.toml, "section.name" or "name"; nullptr: flag only
  const char* flag;  // "--data"
  SettingType type;
  const char* value_name;  // "DIR", "N" ... for the help text
  const char* help;
  // Applies `value` (a number in decimal, a switch as "true"/"false"); returns
  // what is wrong with it, or "" when it was taken.
  std::string (*apply)(Command& command, const std::string& value);
};

const std::vector<Setting>& HubSettings();
const Setting* FindSettingByKey(std::string_view key);
const char* SettingTypeName(SettingType type);  // "a string", "a whole number", "true or false"

// The run command's default values (the metrics endpoint on loopback).
void ApplyRunDefaults(Command& command);
// What no single setting can judge: a bind with a port, a metrics HOST:PORT.
std::string CheckRunSettings(const Command& command);

}  // namespace opsroom::hub
