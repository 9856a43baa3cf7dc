// Manifest reading, staleness checks and parallel generation.
#include "manifest.h"

#include "core/error.h"
#include "core/files.h"
#include "core/parallel.h"
#include "generate.h"
#include "glb_writer.h"
#include "options.h"

#include <fmt/format.h>

#include <cctype>
#include <system_error>

namespace axis::gen {

namespace {

bool file_safe(const std::string& name) {
  if (name.empty() || name.size() > 100 || name[0] == '.') return false;
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) return false;
  return true;
}

}  // namespace

std::vector<ManifestEntry> read_manifest(const std::filesystem::path& path) {
  std::string text;
  try {
    text = files::read_text(path);
  } catch (const Error& e) {
    throw UsageError(e.what());
  }
  Json doc = Json::parse(text, nullptr, false);
  if (doc.is_discarded()) throw UsageError(fmt::format("{}: not valid JSON", path.string()));
  if (doc.is_object() && doc.contains("assets")) doc = doc["assets"];
  if (!doc.is_array()) throw UsageError(fmt::format("{}: expected an array of assets (or {{\"assets\": [...]}})", path.string()));
  std::vector<ManifestEntry> out;
  for (size_t i = 0; i < doc.size(); ++i) {
    const Json& a = doc[i];
    std::string who = fmt::format("{}: asset[{}]", path.string(), i);
    if (!a.is_object()) throw UsageError(who + ": expected an object");
    ManifestEntry e;
    if (!a.contains("name") || !a["name"].is_string()) throw UsageError(who + ": \"name\" (a string) is required");
    e.name = a["name"].get<std::string>();
    who += " '" + e.name + "'";
    if (!file_safe(e.name)) throw UsageError(who + ": name must be letters, digits, '-', '_' or '.'");
    for (const auto& prev : out)
      if (prev.name == e.name) throw UsageError(who + ": the name is used twice");
    if (!a.contains("kind") || !a["kind"].is_string()) throw UsageError(who + ": \"kind\" (a string) is required");
    e.kind = a["kind"].get<std::string>();
    if (!find_kind(e.kind)) throw UsageError(fmt::format("{}: unknown kind '{}'", who, e.kind));
    if (a.contains("seed")) {
      if (!a["seed"].is_number_unsigned()) throw UsageError(who + ": \"seed\" must be a non-negative integer");
      e.seed = a["seed"].get<uint64_t>();
    }
    if (a.contains("options")) {
      if (!a["options"].is_object()) throw UsageError(who + ": \"options\" must be an object");
      e.options = a["options"];
    }
    // Options are checked now, before anything is generated.
    auto kind = find_kind(e.kind)->make();
    OptionSet set;
    kind->declare(set);
    for (const auto& [key, value] : e.options.items()) {
      try {
        set.set_json(key, value);
      } catch (const UsageError& ex) {
        throw UsageError(fmt::format("{}: {}", who, ex.what()));
      }
    }
    for (const auto& [key, value] : a.items())
      if (key != "name" && key != "kind" && key != "seed" && key != "options" && key != "comment")
        throw UsageError(fmt::format("{}: unknown field \"{}\"", who, key));
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<ManifestItemResult> run_manifest(const std::filesystem::path& manifest, const std::filesystem::path& out_dir,
                                             bool force, const std::filesystem::path& generator) {
  auto entries = read_manifest(manifest);
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec || !std::filesystem::is_directory(out_dir))
    fail("{}: cannot create the output directory ({})", out_dir.string(), ec ? ec.message() : "not a directory");

  auto newest_input = std::filesystem::last_write_time(manifest, ec);
  if (!generator.empty()) {
    auto t = std::filesystem::last_write_time(generator, ec);
    if (!ec && t > newest_input) newest_input = t;
  }

  std::vector<ManifestItemResult> results(entries.size());
  std::vector<std::string> errors(entries.size());
  std::vector<bool> usage(entries.size(), false);
  parallel::parallel_for(entries.size(), [&](size_t i) {
    const auto& e = entries[i];
    auto& r = results[i];
    r.name = e.name;
    r.output = out_dir / (e.name + ".glb");
    std::error_code err;
    if (!force && std::filesystem::exists(r.output, err) && std::filesystem::last_write_time(r.output, err) > newest_input) {
      r.skipped = true;
      return;
    }
    try {
      std::vector<std::pair<std::string, Json>> options;
      for (const auto& [key, value] : e.options.items()) options.emplace_back(key, value);
      GeneratedAsset g = generate_asset(e.kind, e.seed, options, e.name);
      save_file(r.output, g.glb);
      r.stats = g.stats;
      r.bytes = g.glb.size();
      r.seconds = g.seconds;
    } catch (const UsageError& ex) {
      errors[i] = fmt::format("{}: asset '{}': {}", manifest.string(), e.name, ex.what());
      usage[i] = true;
    } catch (const std::exception& ex) {
      errors[i] = fmt::format("asset '{}': {}", e.name, ex.what());
    }
  });
  for (size_t i = 0; i < errors.size(); ++i) {
    if (errors[i].empty()) continue;
    if (usage[i]) throw UsageError(errors[i]);
    fail("{}", errors[i]);
  }
  return results;
}

}  // namespace axis::gen
