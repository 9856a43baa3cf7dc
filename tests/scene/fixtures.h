// Helpers for the scene tests: the Khronos sample models, JSON files, problem lookups, and a small
// builder that writes hand-made glTF files (external .bin or data URIs) into a temporary directory.
#pragma once

#include "core/test_temp_dir.h"
#include "scene/import.h"
#include "scene/scene.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

namespace axis_test {

using json = nlohmann::json;
namespace fs = std::filesystem;

// glTF enums, spelled out so the tests read like the spec.
enum : int {
  kByte = 5120,
  kUByte = 5121,
  kShort = 5122,
  kUShort = 5123,
  kUInt = 5125,
  kFloat = 5126,
};
enum : int { kPoints = 0, kLines = 1, kLineLoop = 2, kLineStrip = 3, kTriangles = 4, kTriangleStrip = 5, kTriangleFan = 6 };

inline fs::path samples_dir() { return fs::path(AXISTWIN_SAMPLES_DIR); }
inline fs::path sample_gltf(const std::string& model) { return samples_dir() / model / "glTF" / (model + ".gltf"); }

// Every <Model> of the samples directory that has glTF/<Model>.gltf, sorted.
inline std::vector<std::string> sample_models() {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(samples_dir(), ec)) {
    if (!e.is_directory()) continue;
    std::string name = e.path().filename().string();
    if (fs::is_regular_file(sample_gltf(name))) out.push_back(name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

inline json read_json(const fs::path& path) { return json::parse(read_raw(path)); }
inline void write_json(const fs::path& path, const json& j) { write_raw(path, j.dump(1)); }

// Copies the files of a sample's glTF folder into `dir`; returns the copied .gltf.
inline fs::path copy_sample(const std::string& model, const fs::path& dir) {
  for (const auto& e : fs::directory_iterator(samples_dir() / model / "glTF"))
    fs::copy_file(e.path(), dir / e.path().filename(), fs::copy_options::overwrite_existing);
  return dir / (model + ".gltf");
}

// All problems of a scene, one per line, for failure messages.
inline std::string problems_text(const axis::scene::Scene& s) {
  std::string out;
  for (const auto& p : s.diagnostics.problems)
    out += (p.severity == axis::scene::Problem::Severity::Error ? "error: " : "warning: ") + s.diagnostics.format(p) + "\n";
  return out.empty() ? "(no problems)" : out;
}

// The formatted problems of one severity that contain every one of `needles`.
inline std::vector<std::string> find_problems(const axis::scene::Scene& s, axis::scene::Problem::Severity severity,
                                              std::initializer_list<std::string> needles) {
  std::vector<std::string> out;
  for (const auto& p : s.diagnostics.problems) {
    if (p.severity != severity) continue;
    std::string line = s.diagnostics.format(p);
    if (std::all_of(needles.begin(), needles.end(), [&](const std::string& n) { return line.find(n) != std::string::npos; }))
      out.push_back(line);
  }
  return out;
}
inline bool has_error(const axis::scene::Scene& s, std::initializer_list<std::string> needles) {
  return !find_problems(s, axis::scene::Problem::Severity::Error, needles).empty();
}
inline bool has_warning(const axis::scene::Scene& s, std::initializer_list<std::string> needles) {
  return !find_problems(s, axis::scene::Problem::Severity::Warning, needles).empty();
}

inline std::string base64(const std::vector<uint8_t>& bytes) {
  static const char* k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    uint32_t v = uint32_t(bytes[i]) << 16 | uint32_t(bytes[i + 1]) << 8 | bytes[i + 2];
    out += {k[v >> 18], k[(v >> 12) & 63], k[(v >> 6) & 63], k[v & 63]};
  }
  if (i + 1 == bytes.size()) {
    uint32_t v = uint32_t(bytes[i]) << 16;
    out += {k[v >> 18], k[(v >> 12) & 63], '=', '='};
  } else if (i + 2 == bytes.size()) {
    uint32_t v = uint32_t(bytes[i]) << 16 | uint32_t(bytes[i + 1]) << 8;
    out += {k[v >> 18], k[(v >> 12) & 63], k[(v >> 6) & 63], '='};
  }
  return out;
}

// Builds a glTF document and its single binary buffer.
class GltfBuilder {
 public:
  json doc = {{"asset", {{"version", "2.0"}, {"generator", "axistwin tests"}}}};
  std::vector<uint8_t> bin;

  // Appends bytes (4-byte aligned) as a new bufferView; returns its index.
  int view(const void* data, size_t size, int stride = 0) {
    while (bin.size() % 4) bin.push_back(0);
    json v = {{"buffer", 0}, {"byteOffset", bin.size()}, {"byteLength", size}};
    if (stride) v["byteStride"] = stride;
    const auto* p = static_cast<const uint8_t*>(data);
    bin.insert(bin.end(), p, p + size);
    return push("bufferViews", v);
  }
  template <typename T>
  int view(const std::vector<T>& values, int stride = 0) {
    return view(values.data(), values.size() * sizeof(T), stride);
  }

  int accessor(int view_index, int component_type, size_t count, const std::string& type, size_t byte_offset = 0,
               bool normalized = false) {
    json a = {{"componentType", component_type}, {"count", count}, {"type", type}};
    if (view_index >= 0) a["bufferView"] = view_index;
    if (byte_offset) a["byteOffset"] = byte_offset;
    if (normalized) a["normalized"] = true;
    return push("accessors", a);
  }

  // Tightly packed values in their own bufferView, and an accessor on them.
  template <typename T>
  int values(const std::vector<T>& v, int component_type, const std::string& type, bool normalized = false) {
    size_t comps = type == "SCALAR" ? 1 : type == "VEC2" ? 2 : type == "VEC3" ? 3 : type == "VEC4" ? 4 : 16;
    return accessor(view(v), component_type, v.size() / comps, type, 0, normalized);
  }
  int floats(const std::vector<float>& v, const std::string& type) { return values(v, kFloat, type); }
  int indices(const std::vector<uint32_t>& v) { return values(v, kUInt, "SCALAR"); }

  int mesh(const json& primitive) { return push("meshes", {{"primitives", json::array({primitive})}}); }
  int node(const json& n) { return push("nodes", n); }
  int material(const json& m) { return push("materials", m); }
  int scene(const std::vector<int>& roots) { return push("scenes", {{"nodes", roots}}); }

  // One mesh with `primitive`, one node showing it, one scene.
  void single(const json& primitive) {
    int m = mesh(primitive);
    scene({node({{"mesh", m}})});
  }

  // A data-URI PNG image, a texture on it (optionally with a sampler); returns the texture index.
  int png_texture(const std::vector<uint8_t>& png, int sampler = -1) {
    int image = push("images", {{"uri", "data:image/png;base64," + base64(png)}});
    json t = {{"source", image}};
    if (sampler >= 0) t["sampler"] = sampler;
    return push("textures", t);
  }

  void use_extension(const std::string& name, bool required = false) {
    add_unique(doc["extensionsUsed"], name);
    if (required) add_unique(doc["extensionsRequired"], name);
  }

  // Writes <name>.gltf into `dir` with the buffer as <name>.bin, or embedded as a data URI.
  fs::path write(const fs::path& dir, const std::string& name, bool embed = false) const {
    json d = doc;
    if (!bin.empty()) {
      json b = {{"byteLength", bin.size()}};
      if (embed) {
        b["uri"] = "data:application/octet-stream;base64," + base64(bin);
      } else {
        b["uri"] = name + ".bin";
        write_raw(dir / (name + ".bin"), bin);
      }
      d["buffers"] = json::array({b});
    }
    fs::path path = dir / (name + ".gltf");
    write_json(path, d);
    return path;
  }

  // Writes into a temporary directory and loads the result.
  axis::scene::Scene load(bool embed = false, const axis::scene::LoadOptions& options = {}) const {
    TempDir dir;
    return axis::scene::load_model(write(dir.path(), "model", embed), options);
  }

 private:
  int push(const char* key, const json& value) {
    if (!doc.contains(key)) doc[key] = json::array();
    doc[key].push_back(value);
    return static_cast<int>(doc[key].size()) - 1;
  }
  static void add_unique(json& list, const std::string& name) {
    if (!list.is_array()) list = json::array();
    for (const auto& e : list)
      if (e == name) return;
    list.push_back(name);
  }
};

// Raw little-endian bytes of a list of values, for hand-laid-out (interleaved, padded) buffer views.
class ByteWriter {
 public:
  std::vector<uint8_t> bytes;
  template <typename T>
  ByteWriter& put(T v) {
    uint8_t raw[sizeof(T)];
    std::memcpy(raw, &v, sizeof(T));
    bytes.insert(bytes.end(), raw, raw + sizeof(T));
    return *this;
  }
  ByteWriter& pad_to(size_t size, uint8_t fill = 0xEE) {
    while (bytes.size() < size) bytes.push_back(fill);
    return *this;
  }
};

// Loads a file and fails the test (with every problem listed) when it has errors.
inline axis::scene::Scene load_ok(const fs::path& path, const axis::scene::LoadOptions& options = {}) {
  axis::scene::Scene s = axis::scene::load_model(path, options);
  EXPECT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  return s;
}

}  // namespace axis_test
