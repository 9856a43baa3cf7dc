// Command-line parsing with CLI11: one subcommand per kind (its options come from the kind's
// OptionSet, so `KIND --help` lists them with their defaults) plus `manifest`.
#include "cli.h"

#include "core/error.h"
#include "generate.h"
#include "glb_writer.h"
#include "kinds.h"
#include "manifest.h"
#include "sensors.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cstdio>
#include <filesystem>
#include <memory>

namespace axis::gen {

namespace {

std::string kind_list() {
  std::string s;
  for (const auto& k : kinds()) s += (s.empty() ? "" : ", ") + std::string(k.name);
  return s + ", manifest";
}

// A kind's subcommand: the CLI11 options bound to text, applied through the kind's OptionSet afterwards.
struct KindCommand {
  const KindInfo* info = nullptr;
  CLI::App* app = nullptr;
  std::unique_ptr<Kind> kind;
  OptionSet options;
  std::vector<std::string> text;  // one per option spec
  std::vector<bool> flags;
  std::vector<CLI::Option*> cli_options;
  std::string out;
  uint64_t seed = 1;
};

std::string default_text(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_float()) return fmt::format("{}", v.get<double>());
  return v.dump();
}

void check_output_path(const std::filesystem::path& out) {
  std::error_code ec;
  if (std::filesystem::is_directory(out, ec)) fail("{}: is a directory", out.string());
  auto dir = out.parent_path().empty() ? std::filesystem::path(".") : out.parent_path();
  if (!std::filesystem::is_directory(dir, ec))
    fail("{}: cannot write: directory {} does not exist", out.string(), dir.string());
}

int generate_kind(KindCommand& cmd) {
  std::vector<std::pair<std::string, Json>> given;
  for (size_t i = 0; i < cmd.options.specs().size(); ++i) {
    const auto& spec = cmd.options.specs()[i];
    if (cmd.cli_options[i]->count() == 0) continue;
    if (spec.type == OptionSpec::Type::Flag) given.emplace_back(spec.name, cmd.flags[i] ? "true" : "false");
    else given.emplace_back(spec.name, cmd.text[i]);
  }
  check_output_path(cmd.out);
  GeneratedAsset g = generate_asset(cmd.info->name, cmd.seed, given);
  save_file(cmd.out, g.glb);
  fmt::print("wrote {}: {} seed {}, {} nodes, {} meshes, {} triangles, {} bytes, {:.2f} s\n", cmd.out, cmd.info->name,
             cmd.seed, g.stats.nodes, g.stats.meshes, g.stats.triangles, g.glb.size(), g.seconds);
  return kExitOk;
}

int manifest_command(const std::string& file, const std::string& out_dir, bool force, bool quiet) {
  std::error_code ec;
  auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  auto results = run_manifest(file, out_dir, force, ec ? std::filesystem::path() : self);
  size_t made = 0, skipped = 0;
  for (const auto& r : results) {
    if (r.skipped) {
      ++skipped;
      continue;
    }
    ++made;
    if (!quiet)
      fmt::print("wrote {}: {} nodes, {} triangles, {} bytes, {:.2f} s\n", r.output.string(), r.stats.nodes,
                 r.stats.triangles, r.bytes, r.seconds);
  }
  fmt::print("{}: {} generated, {} up to date\n", file, made, skipped);
  return kExitOk;
}

}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App app("Procedural Beijing heritage architecture as glTF 2.0 binary (.glb): deterministic, one node "
               "per element, heritage metadata in every node's extras.",
               "axistwin-gen");
  app.require_subcommand(0, 1);
  app.set_help_flag("-h,--help", "Print this help (KIND --help: the kind's options)");
  app.footer("Usage: axistwin-gen KIND --out FILE.glb [--seed S] [options]\n"
             "       axistwin-gen manifest FILE.json --out-dir DIR [--force]\n"
             "       axistwin-gen sensors SCENE.json --out FILE.csv [--seed S] [--date YYYY-MM-DD] [--interval SECONDS]\n"
             "Kinds: " + kind_list());

  std::vector<std::unique_ptr<KindCommand>> commands;
  for (const auto& info : kinds()) {
    auto cmd = std::make_unique<KindCommand>();
    cmd->info = &info;
    cmd->kind = info.make();
    cmd->kind->declare(cmd->options);
    cmd->app = app.add_subcommand(std::string(info.name), std::string(info.summary));
    cmd->app->add_option("-o,--out", cmd->out, "Output .glb file")->required();
    cmd->app->add_option("--seed", cmd->seed, "Seed of the variation (same seed and options: identical file)")
        ->default_str("1");
    Json defaults = cmd->options.values();
    const auto& specs = cmd->options.specs();
    cmd->text.resize(specs.size());
    cmd->flags.assign(specs.size(), false);
    for (size_t i = 0; i < specs.size(); ++i) {
      const auto& s = specs[i];
      CLI::Option* o;
      if (s.type == OptionSpec::Type::Flag) {
        // std::vector<bool> has no addressable elements: bind through a callback.
        auto* c = cmd.get();
        o = cmd->app->add_flag_callback("--" + s.name, [c, i] { c->flags[i] = true; }, s.help);
      } else {
        o = cmd->app->add_option("--" + s.name, cmd->text[i], s.help);
        std::string def = default_text(defaults[s.name]);
        if (!def.empty()) o->default_str(def);
        if (s.type == OptionSpec::Type::Choice) o->type_name(fmt::format("{{{}}}", fmt::join(s.choices, ",")));
        else if (s.type == OptionSpec::Type::Int) o->type_name(fmt::format("INT {}..{}", s.min, s.max));
        else if (s.type == OptionSpec::Type::Real) o->type_name(fmt::format("NUM {}..{}", s.min, s.max));
        else o->type_name("TEXT");
      }
      cmd->cli_options.push_back(o);
    }
    commands.push_back(std::move(cmd));
  }
  std::string manifest_file, out_dir;
  bool force = false, quiet = false;
  CLI::App* manifest = app.add_subcommand("manifest", "Generate every asset a manifest names into DIR/<name>.glb");
  manifest->add_option("FILE", manifest_file, "Manifest: [{\"name\", \"kind\", \"seed\", \"options\": {...}}, ...]")->required();
  manifest->add_option("--out-dir", out_dir, "Directory for the .glb files (created if missing)")->required();
  manifest->add_flag("--force", force, "Regenerate even outputs newer than the manifest and the generator");
  manifest->add_flag("-q,--quiet", quiet, "Print only the summary line");

  // Not an asset kind: a day of observations for the sensors a scene declares (a replay file).
  std::string sensors_scene, sensors_out;
  SensorDayOptions sensor_day;
  CLI::App* sensors = app.add_subcommand("sensors", "Write a day of realistic observations for a scene's sensors (CSV replay file)");
  sensors->add_option("SCENE", sensors_scene, "Scene file with a \"sensors\" section")->required();
  sensors->add_option("-o,--out", sensors_out, "Output .csv file")->required();
  sensors->add_option("--seed", sensor_day.seed, "Seed of the noise and events (same seed: identical file)")->default_str("1");
  sensors->add_option("--date", sensor_day.date, "The day, Beijing time")->default_str(sensor_day.date);
  sensors->add_option("--interval", sensor_day.interval_seconds, "Seconds between samples")->default_str("60");

  // An unknown kind gets a clearer message than CLI11's "arguments were not expected".
  if (argc > 1 && argv[1][0] != '-') {
    std::string first = argv[1];
    if (first != "manifest" && first != "sensors" && !find_kind(first)) {
      fmt::print(stderr, "axistwin-gen: unknown kind '{}' (kinds: {})\n", first, kind_list());
      return kExitUsage;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    // The kind's help if a kind was named, else the tool's.
    for (const auto& c : commands)
      if (c->app->parsed()) {
        std::fputs(c->app->help().c_str(), stdout);
        return kExitOk;
      }
    for (CLI::App* sub : {manifest, sensors})
      if (sub->parsed()) {
        std::fputs(sub->help().c_str(), stdout);
        return kExitOk;
      }
    std::fputs(app.help().c_str(), stdout);
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    fmt::print(stderr, "axistwin-gen: {} (see axistwin-gen --help)\n", e.what());
    return kExitUsage;
  }

  try {
    for (auto& c : commands)
      if (c->app->parsed()) return generate_kind(*c);
    if (manifest->parsed()) return manifest_command(manifest_file, out_dir, force, quiet);
    if (sensors->parsed()) {
      check_output_path(sensors_out);
      return sensors_command(sensors_scene, sensors_out, sensor_day);
    }
    fmt::print(stderr, "axistwin-gen: a kind is required (kinds: {}; see axistwin-gen --help)\n", kind_list());
    return kExitUsage;
  } catch (const UsageError& e) {
    fmt::print(stderr, "axistwin-gen: {}\n", e.what());
    return kExitUsage;
  } catch (const std::exception& e) {
    fmt::print(stderr, "axistwin-gen: {}\n", e.what());
    return kExitFailure;
  }
}

}  // namespace axis::gen
