#include "hub/tools/key_tool.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "hub/key_registry.h"
#include "wire/curve_keys.h"
#include "wire/identity_table.h"

namespace opsroom::hub {

namespace {

constexpr const char* kUsage =
    "usage:\n"
    "  opsroom-keys new --out DIR --name NAME [--force]\n"
    "      make a CurveZMQ key pair: DIR/NAME.key (secret, mode 0600) and DIR/NAME.pub.\n"
    "      The hub's pair is conventionally named hub (opsroom-hub --keys DIR reads DIR/hub.key).\n"
    "  opsroom-keys register --registry FILE (--key DIR/NAME.pub | --key-z85 KEY) --node ID --country CODE --role "
    "ROLE\n"
    "      append the key to the hub's registry (ROLE: national, partner, console, planner) and print\n"
    "      the key stored. --key is always a key file; --key-z85 gives the 40-character key itself.\n"
    "      Only the pairs of the identity table (docs/protocol.md section 10.2) are accepted:\n"
    "      national for AL BA HR XK ME MK RS and the neighbouring states, partner for partner\n"
    "      agencies, console and planner for OPSROOM.\n"
    "      A running hub picks the change up within a second (or at once on SIGHUP).\n"
    "  opsroom-keys revoke --registry FILE --node ID\n"
    "      remove the node's key; the hub refuses its next message after the reload.\n"
    "  opsroom-keys --help\n";

using Options = std::map<std::string, std::string>;

// "--name VALUE" pairs and bare flags ("--force").
bool ParseOptions(const std::vector<std::string>& args, Options& options, std::string& error) {
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.rfind("--", 0) != 0) return error = "unexpected \"" + arg + "\"", false;
    if (arg == "--force") {
      options[arg] = "1";
      continue;
    }
    if (i + 1 >= args.size()) return error = arg + " needs a value", false;
    options[arg] = args[++i];
  }
  return true;
}

// `names` must all be present; `optional` may be.
bool Need(const Options& options, std::initializer_list<const char*> names, std::string& error,
          std::initializer_list<const char*> optional = {}) {
  for (const char* name : names) {
    if (options.count(name) == 0) return error = std::string("missing ") + name, false;
  }
  for (const auto& [name, value] : options) {
    bool known = name == "--force";
    for (const char* wanted : names) known = known || name == wanted;
    for (const char* allowed : optional) known = known || name == allowed;
    if (!known) return error = "unknown option " + name, false;
  }
  return true;
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

const char* KeysUsageText() { return kUsage; }

int RunKeysTool(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    (args.empty() ? err : out) << kUsage;
    return args.empty() ? 2 : 0;
  }
  Options options;
  std::string error;
  bool parsed = ParseOptions(args, options, error);
  const std::string& verb = args[0];
  if (parsed && verb == "new" && Need(options, {"--out", "--name"}, error)) return New(options, out, err);
  if (parsed && verb == "register" &&
      Need(options, {"--registry", "--node", "--country", "--role"}, error, {"--key", "--key-z85"})) {
    return Register(options, out, err);
  }
  if (parsed && verb == "revoke" && Need(options, {"--registry", "--node"}, error)) return Revoke(options, out, err);
  if (error.empty()) error = "unknown command \"" + verb + "\"";
  err << "opsroom-keys: " << error << "\n\n" << kUsage;
  return 2;
}

}  // namespace opsroom::hub
