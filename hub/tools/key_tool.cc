#include "hub/tools/key_tool.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include "cli/command_line.h"
#include "hub/key_registry.h"
#include "wire/curve_keys.h"
#include "wire/identity_table.h"

namespace opsroom::hub {

namespace {

constexpr const char* kDescription =
    "Makes CurveZMQ key pairs and edits the hub's key registry. A running hub picks a registry change\n"
    "up within a second (or at once on SIGHUP).";

constexpr const char* kFooter = "exit codes: 0 ok, 1 failed (a bad key, a refused identity, a file), 2 wrong usage";

// Flag name ("--out") to value; "--force" is "1" when given.
using Options = std::map<std::string, std::string>;

// The command line: the one place the usage text lives.
std::unique_ptr<CLI::App> BuildApp() {
  auto app = std::make_unique<CLI::App>(kDescription);
  cli::Prepare(*app, "opsroom-keys");
  app->footer(kFooter);
  CLI::App* make = app->add_subcommand(
      "new", "make a key pair: DIR/NAME.key (secret, mode 0600) and DIR/NAME.pub; the hub's pair is conventionally "
             "named hub (opsroom-hub --keys DIR reads DIR/hub.key)");
  cli::AddValue(*make, "--out", "DIR", "where the pair is written (made if missing)")->required();
  cli::AddValue(*make, "--name", "NAME", "the pair's name, usually the node id (ME-BP)")->required();
  make->add_flag("--force")->description("replace an existing pair");
  CLI::App* add = app->add_subcommand(
      "register", "append a key to the hub's registry and print the key stored; only the pairs of the identity "
                  "table (docs/protocol.md section 10.2) are accepted: national for AL BA HR XK ME MK RS and the "
                  "neighbouring states, partner for partner agencies, console and planner for OPSROOM");
  cli::AddValue(*add, "--registry", "FILE", "the hub's registry (var/hub/keys/registry)")->required();
  CLI::Option* key = cli::AddValue(*add, "--key", "DIR/NAME.pub", "the node's public key file");
  CLI::Option* z85 = cli::AddValue(*add, "--key-z85", "KEY", "the 40-character key itself, instead of --key");
  key->excludes(z85);
  cli::AddValue(*add, "--node", "ID", "the node id, e.g. ME-BP")->required();
  cli::AddValue(*add, "--country", "CODE", "its participant, e.g. ME")->required();
  cli::AddValue(*add, "--role", "ROLE", "national, partner, console or planner")->required();
  CLI::App* revoke =
      app->add_subcommand("revoke", "remove the node's key; the hub refuses its next message after the reload");
  cli::AddValue(*revoke, "--registry", "FILE", "the hub's registry")->required();
  cli::AddValue(*revoke, "--node", "ID", "the node id")->required();
  for (CLI::App* verb : {make, add, revoke}) verb->group("Commands")->footer(kFooter);
  return app;
}

// The last value of each option the verb was given ("--out" -> "keys").
Options OptionsOf(const CLI::App& verb) {
  Options options;
  for (const CLI::Option* option : verb.get_options()) {
    if (option->count() == 0 || option->get_lnames().empty()) continue;
    std::string name = "--" + option->get_lnames().front();
    if (name == "--help" || name == "--help-all") continue;
    options[name] = option->get_expected_min() == 0 ? "1" : option->results().back();
  }
  return options;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Writes the registry through a temporary file and a rename, so a hub that
// reloads meanwhile sees the old or the new file, never half of one.
bool WriteRegistry(const std::string& path, const std::string& text, std::ostream& err) {
  std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << text;
    if (!out.flush()) return err << "opsroom-keys: cannot write " << temporary << '\n', false;
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) return err << "opsroom-keys: cannot replace " << path << ": " << ec.message() << '\n', false;
  return true;
}

int New(const Options& options, std::ostream& out, std::ostream& err) {
  auto pair = wire::GenerateCurveKeyPair();
  if (!pair) return err << "opsroom-keys: " << pair.rejection().text << '\n', 1;
  std::error_code ec;
  std::filesystem::create_directories(options.at("--out"), ec);
  std::string base = options.at("--out") + "/" + options.at("--name");
  auto written = wire::WriteKeyFiles(base, pair.value(), options.count("--force") != 0);
  if (!written) return err << "opsroom-keys: " << written.rejection().text << '\n', 1;
  out << base << ".key (secret, mode 0600)\n" << base << ".pub " << pair->public_z85 << '\n';
  return 0;
}

// --key FILE or --key-z85 KEY, as the text PublicKeyFrom reads ("z85:KEY" for the latter).
std::string KeySource(const Options& options) {
  auto inline_key = options.find("--key-z85");
  if (inline_key != options.end()) return std::string(wire::kInlineKeyPrefix) + inline_key->second;
  return options.at("--key");
}

int Register(const Options& options, std::ostream& out, std::ostream& err) {
  if (options.count("--key") + options.count("--key-z85") != 1) {
    return err << "opsroom-keys: register takes one of --key FILE and --key-z85 KEY\n", 2;
  }
  std::string source = KeySource(options);
  auto key = wire::PublicKeyFrom(source);
  if (!key) return err << "opsroom-keys: " << key.rejection().text << '\n', 1;
  auto role = ParseRole(options.at("--role"));
  if (!role) return err << "opsroom-keys: --role must be national, partner, console or planner\n", 2;
  if (std::string why = wire::IdentityRefusal(options.at("--country"), *role); !why.empty()) {
    return err << "opsroom-keys: " << options.at("--node") << " not registered: " << why << '\n', 1;
  }
  KeyEntry entry{key.value(), options.at("--node"), options.at("--country"), *role};
  const std::string& path = options.at("--registry");
  std::string text =
      std::filesystem::exists(path) ? ReadAll(path) : "# opsroom key registry: <key> <node> <participant> <role>\n";
  if (!text.empty() && text.back() != '\n') text += '\n';
  text += FormatKeyLine(entry) + '\n';
  auto table = ParseKeyTable(text);  // refuse to write a registry the hub would refuse
  if (!table) return err << "opsroom-keys: " << table.rejection().text << '\n', 1;
  if (!WriteRegistry(path, text, err)) return 1;
  out << "registered " << entry.node_id << " (" << entry.country << ", " << RoleName(entry.role) << ") key "
      << entry.public_key << " from " << wire::PublicKeySource(source) << '\n';
  return 0;
}

int Revoke(const Options& options, std::ostream& out, std::ostream& err) {
  const std::string& path = options.at("--registry");
  std::istringstream in(ReadAll(path));
  std::string line, kept;
  bool found = false;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string key, node;
    fields >> key >> node;
    if (!key.empty() && key[0] != '#' && node == options.at("--node")) {
      found = true;
      continue;
    }
    kept += line + '\n';
  }
  if (!found) return err << "opsroom-keys: " << options.at("--node") << " is not in " << path << '\n', 1;
  if (!WriteRegistry(path, kept, err)) return 1;
  out << "revoked " << options.at("--node") << '\n';
  return 0;
}

}  // namespace

std::string KeysUsageText() { return BuildApp()->help(); }

int RunKeysTool(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::unique_ptr<CLI::App> app = BuildApp();
  cli::Parsed parsed = cli::Parse(*app, args);
  if (parsed.outcome == cli::ParseOutcome::kPrinted) return out << parsed.text, 0;
  std::vector<CLI::App*> chosen = app->get_subcommands();
  if (parsed.outcome == cli::ParseOutcome::kRun && chosen.empty()) {
    parsed = {cli::ParseOutcome::kUsage, app->help(), "a command is required: new, register or revoke"};
  }
  if (parsed.outcome == cli::ParseOutcome::kUsage) {
    err << "opsroom-keys: " << parsed.error << "\n\n" << parsed.text;
    return 2;
  }
  const std::string verb = chosen.front()->get_name();
  Options options = OptionsOf(*chosen.front());
  if (verb == "new") return New(options, out, err);
  if (verb == "register") return Register(options, out, err);
  return Revoke(options, out, err);
}

}  // namespace opsroom::hub
