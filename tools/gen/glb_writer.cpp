// GLB layout: JSON chunk, then one BIN chunk holding, in order, positions, normals, UVs, indices,
// instance transforms, animation keyframes and images, each a bufferView; accessors point into them.
#include "glb_writer.h"

#include "core/error.h"
#include "core/files.h"
#include "core/parallel.h"
#include "textures.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <map>

namespace axis::gen {

namespace {

constexpr int kFloat = 5126, kByte = 5120, kUShort = 5123, kUInt = 5125;
constexpr int kArrayBuffer = 34962, kElementArrayBuffer = 34963;

// Numbers in the JSON: short and stable (0.1 mm for positions, 1e-7 for rotations).
double rounded(double v, double step) {
  double r = std::round(v / step) * step;
  return r == 0.0 ? 0.0 : r;  // no "-0.0"
}

class Bin {
 public:
  size_t append(const void* data, size_t size) {
    align(4);
    size_t offset = bytes_.size();
    const auto* p = static_cast<const uint8_t*>(data);
    bytes_.insert(bytes_.end(), p, p + size);
    return offset;
  }
  void align(size_t a) {
    while (bytes_.size() % a) bytes_.push_back(0);
  }
  size_t size() const { return bytes_.size(); }
  std::vector<uint8_t>& bytes() { return bytes_; }

 private:
  std::vector<uint8_t> bytes_;
};

// A bufferView being filled: the section of the BIN chunk for one kind of data.
struct Section {
  size_t start = 0;
  std::vector<uint8_t> data;

  size_t add(const void* p, size_t size) {
    while (data.size() % 4) data.push_back(0);
    size_t offset = data.size();
    const auto* b = static_cast<const uint8_t*>(p);
    data.insert(data.end(), b, b + size);
    return offset;
  }
};

Json vec_json(const glm::vec3& v) { return Json::array({double(v.x), double(v.y), double(v.z)}); }

}  // namespace

std::vector<uint8_t> write_glb(const Model& model, const GlbInfo& info) {
  Json doc;
  doc["asset"] = {{"version", "2.0"}, {"generator", info.generator}};
  if (!info.copyright.empty()) doc["asset"]["copyright"] = info.copyright;

  bool instancing = false;
  for (const auto& n : model.nodes())
    if (!n.instances.empty()) instancing = true;
  // Normals are stored as normalized bytes (KHR_mesh_quantization): a third of the size, 0.5 degree error.
  Json used = Json::array({"KHR_mesh_quantization", "KHR_texture_transform"});
  if (instancing) used.push_back("EXT_mesh_gpu_instancing");
  doc["extensionsUsed"] = used;
  doc["extensionsRequired"] = Json::array({"KHR_mesh_quantization"});

  // Materials used, in library order, and the textures they need.
  std::array<int, kMaterialCount> material_index;
  material_index.fill(-1);
  for (const auto& m : model.meshes())
    for (const auto& p : m.primitives) material_index[static_cast<size_t>(p.material)] = 0;
  std::array<int, kTextureCount> texture_index;
  texture_index.fill(-1);
  std::vector<TextureId> textures;
  auto use_texture = [&](TextureId t) {
    if (t == TextureId::None) return -1;
    auto& slot = texture_index[static_cast<size_t>(t)];
    if (slot < 0) {
      slot = static_cast<int>(textures.size());
      textures.push_back(t);
    }
    return slot;
  };
  Json materials = Json::array();
  for (size_t i = 0; i < kMaterialCount; ++i) {
    if (material_index[i] < 0) continue;
    material_index[i] = static_cast<int>(materials.size());
    const MaterialDef& def = material_def(static_cast<MaterialId>(i));
    Json transform = {{"KHR_texture_transform", {{"scale", {1.0 / def.repeat_m.x, 1.0 / def.repeat_m.y}}}}};
    Json pbr;
    pbr["baseColorFactor"] = {def.base_color.r, def.base_color.g, def.base_color.b, def.base_color.a};
    pbr["metallicFactor"] = def.metallic;
    pbr["roughnessFactor"] = def.roughness;
    if (int t = use_texture(def.base_texture); t >= 0) pbr["baseColorTexture"] = {{"index", t}, {"extensions", transform}};
    Json mat;
    mat["name"] = std::string(def.name);
    mat["pbrMetallicRoughness"] = pbr;
    if (int t = use_texture(def.normal_texture); t >= 0)
      mat["normalTexture"] = {{"index", t}, {"scale", def.normal_scale}, {"extensions", transform}};
    if (def.double_sided) mat["doubleSided"] = true;
    materials.push_back(mat);
  }

  Section positions, normals, uvs, indices, instances, keyframes;
  struct AccessorRef {
    Section* section;
    size_t offset;
    Json json;
  };
  std::vector<AccessorRef> accessors;
  auto add_accessor = [&](Section& s, const void* data, size_t size, Json json) {
    size_t offset = s.add(data, size);
    accessors.push_back({&s, offset, std::move(json)});
    return static_cast<int>(accessors.size() - 1);
  };

  Json meshes = Json::array();
  for (const auto& mesh : model.meshes()) {
    Json prims = Json::array();
    for (const auto& p : mesh.primitives) {
      size_t n = p.vertices.size();
      std::vector<glm::vec3> pos(n);
      std::vector<int8_t> nrm(n * 4, 0);  // x, y, z, padding: vertex attributes are 4-byte aligned
      std::vector<glm::vec2> uv(n);
      glm::vec3 lo(INFINITY), hi(-INFINITY);
      for (size_t i = 0; i < n; ++i) {
        pos[i] = p.vertices[i].position;
        for (int c = 0; c < 3; ++c)
          nrm[i * 4 + c] = static_cast<int8_t>(std::lround(std::clamp(p.vertices[i].normal[c], -1.0f, 1.0f) * 127.0f));
        uv[i] = p.vertices[i].uv;
        lo = glm::min(lo, pos[i]);
        hi = glm::max(hi, pos[i]);
      }
      Json attrs;
      attrs["POSITION"] = add_accessor(positions, pos.data(), n * 12,
                                       {{"componentType", kFloat}, {"count", n}, {"type", "VEC3"},
                                        {"min", vec_json(lo)}, {"max", vec_json(hi)}});
      attrs["NORMAL"] = add_accessor(normals, nrm.data(), n * 4,
                                     {{"componentType", kByte}, {"normalized", true}, {"count", n}, {"type", "VEC3"}});
      attrs["TEXCOORD_0"] = add_accessor(uvs, uv.data(), n * 8, {{"componentType", kFloat}, {"count", n}, {"type", "VEC2"}});
      int idx;
      if (n <= 65535) {
        std::vector<uint16_t> small(p.indices.begin(), p.indices.end());
        idx = add_accessor(indices, small.data(), small.size() * 2,
                           {{"componentType", kUShort}, {"count", small.size()}, {"type", "SCALAR"}});
      } else {
        idx = add_accessor(indices, p.indices.data(), p.indices.size() * 4,
                           {{"componentType", kUInt}, {"count", p.indices.size()}, {"type", "SCALAR"}});
      }
      prims.push_back({{"attributes", attrs},
                       {"indices", idx},
                       {"material", material_index[static_cast<size_t>(p.material)]},
                       {"mode", 4}});
    }
    meshes.push_back({{"name", mesh.name}, {"primitives", prims}});
  }

  Json nodes = Json::array();
  for (const auto& n : model.nodes()) {
    Json j;
    j["name"] = n.name;
    if (n.mesh >= 0) j["mesh"] = n.mesh;
    if (!n.children.empty()) j["children"] = n.children;
    const Transform& t = n.transform;
    if (t.translation != glm::dvec3(0.0))
      j["translation"] = {rounded(t.translation.x, 1e-4), rounded(t.translation.y, 1e-4), rounded(t.translation.z, 1e-4)};
    if (t.rotation != glm::dquat(1.0, 0.0, 0.0, 0.0)) {
      glm::dquat q = glm::normalize(t.rotation);
      j["rotation"] = {rounded(q.x, 1e-7), rounded(q.y, 1e-7), rounded(q.z, 1e-7), rounded(q.w, 1e-7)};
    }
    if (t.scale != glm::dvec3(1.0)) j["scale"] = {rounded(t.scale.x, 1e-6), rounded(t.scale.y, 1e-6), rounded(t.scale.z, 1e-6)};
    if (!n.instances.empty()) {
      size_t count = n.instances.size();
      Json attrs;
      attrs["TRANSLATION"] = add_accessor(instances, n.instances.translations.data(), count * 12,
                                          {{"componentType", kFloat}, {"count", count}, {"type", "VEC3"}});
      if (n.instances.rotations.size() == count) {
        // glTF wants x, y, z, w, whatever order glm stores them in.
        std::vector<float> xyzw;
        xyzw.reserve(count * 4);
        for (const auto& q : n.instances.rotations) xyzw.insert(xyzw.end(), {q.x, q.y, q.z, q.w});
        attrs["ROTATION"] = add_accessor(instances, xyzw.data(), xyzw.size() * 4,
                                         {{"componentType", kFloat}, {"count", count}, {"type", "VEC4"}});
      }
      if (n.instances.scales.size() == count)
        attrs["SCALE"] = add_accessor(instances, n.instances.scales.data(), count * 12,
                                      {{"componentType", kFloat}, {"count", count}, {"type", "VEC3"}});
      j["extensions"] = {{"EXT_mesh_gpu_instancing", {{"attributes", attrs}}}};
    }
    if (!n.extras.is_null()) j["extras"] = n.extras;
    nodes.push_back(std::move(j));
  }

  // Animations: samplers with identical key times share one input accessor (first use decides the
  // order, so the file stays a pure function of the model).
  Json animations = Json::array();
  std::map<std::vector<float>, int> input_accessor;
  for (const auto& anim : model.animations()) {
    Json samplers = Json::array(), channels = Json::array();
    for (const auto& s : anim.samplers) {
      auto [it, added] = input_accessor.try_emplace(s.times, -1);
      if (added)
        it->second = add_accessor(keyframes, s.times.data(), s.times.size() * 4,
                                  {{"componentType", kFloat}, {"count", s.times.size()}, {"type", "SCALAR"},
                                   {"min", Json::array({double(s.times.front())})},
                                   {"max", Json::array({double(s.times.back())})}});
      size_t keys = s.times.size();
      bool weights = false;
      for (const auto& c : anim.channels)
        if (&anim.samplers[static_cast<size_t>(c.sampler)] == &s && c.path == AnimationChannel::Path::Weights) weights = true;
      const char* type = weights ? "SCALAR" : s.width == 4 ? "VEC4" : "VEC3";
      size_t count = weights ? s.values.size() : keys;
      int out = add_accessor(keyframes, s.values.data(), s.values.size() * 4,
                             {{"componentType", kFloat}, {"count", count}, {"type", type}});
      samplers.push_back({{"input", it->second},
                          {"interpolation", s.interpolation == AnimationSampler::Interpolation::Step ? "STEP" : "LINEAR"},
                          {"output", out}});
    }
    for (const auto& c : anim.channels) {
      static constexpr const char* kPaths[] = {"translation", "rotation", "scale", "weights"};
      channels.push_back({{"sampler", c.sampler}, {"target", {{"node", c.node}, {"path", kPaths[static_cast<int>(c.path)]}}}});
    }
    Json a;
    if (!anim.name.empty()) a["name"] = anim.name;
    a["channels"] = channels;
    a["samplers"] = samplers;
    animations.push_back(std::move(a));
  }

  // Lay out the BIN chunk: the vertex/index sections, then images.
  Bin bin;
  Json views = Json::array();
  auto add_view = [&](Section& s, int target, int stride = 0) {
    if (s.data.empty()) return -1;
    s.start = bin.append(s.data.data(), s.data.size());
    Json v = {{"buffer", 0}, {"byteOffset", s.start}, {"byteLength", s.data.size()}};
    if (stride) v["byteStride"] = stride;
    if (target) v["target"] = target;
    views.push_back(v);
    return static_cast<int>(views.size() - 1);
  };
  int v_pos = add_view(positions, kArrayBuffer), v_nrm = add_view(normals, kArrayBuffer, 4);
  int v_uv = add_view(uvs, kArrayBuffer), v_idx = add_view(indices, kElementArrayBuffer);
  int v_inst = add_view(instances, 0), v_key = add_view(keyframes, 0);
  Json acc = Json::array();
  for (auto& a : accessors) {
    int view = a.section == &positions ? v_pos
               : a.section == &normals ? v_nrm
               : a.section == &uvs     ? v_uv
               : a.section == &indices ? v_idx
               : a.section == &keyframes ? v_key
                                       : v_inst;
    Json j = {{"bufferView", view}, {"byteOffset", a.offset}};
    for (auto& [k, v] : a.json.items()) j[k] = v;
    acc.push_back(std::move(j));
  }

  Json images = Json::array(), texs = Json::array();
  // Generate and encode the textures this file needs on every core (each is made once per process).
  parallel::parallel_for(textures.size(), [&](size_t i) { texture_png(textures[i]); });
  for (size_t i = 0; i < textures.size(); ++i) {
    const auto& png = texture_png(textures[i]);
    size_t offset = bin.append(png.data(), png.size());
    views.push_back({{"buffer", 0}, {"byteOffset", offset}, {"byteLength", png.size()}});
    images.push_back({{"name", std::string(texture_name(textures[i]))},
                      {"bufferView", static_cast<int>(views.size() - 1)},
                      {"mimeType", "image/png"}});
    texs.push_back({{"name", std::string(texture_name(textures[i]))}, {"sampler", 0}, {"source", static_cast<int>(i)}});
  }
  bin.align(4);

  doc["scene"] = 0;
  doc["scenes"] = Json::array({{{"name", model.nodes().empty() ? "scene" : model.nodes()[0].name}, {"nodes", model.roots()}}});
  doc["nodes"] = nodes;
  doc["meshes"] = meshes;
  doc["materials"] = materials;
  if (!texs.empty()) {
    doc["textures"] = texs;
    doc["images"] = images;
    doc["samplers"] = Json::array({{{"magFilter", 9729}, {"minFilter", 9987}, {"wrapS", 10497}, {"wrapT", 10497}}});
  }
  if (!animations.empty()) doc["animations"] = animations;
  doc["accessors"] = acc;
  doc["bufferViews"] = views;
  doc["buffers"] = Json::array({{{"byteLength", bin.size()}}});

  std::string json = doc.dump();
  while (json.size() % 4) json.push_back(' ');
  auto& body = bin.bytes();

  std::vector<uint8_t> out;
  auto u32 = [&](uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<uint8_t>(v >> (8 * i)));
  };
  size_t total = 12 + 8 + json.size() + 8 + body.size();
  if (total > 0xffffffffull) fail("the model is too large for one .glb file ({} bytes)", total);
  out.reserve(total);
  u32(0x46546C67);  // "glTF"
  u32(2);
  u32(static_cast<uint32_t>(total));
  u32(static_cast<uint32_t>(json.size()));
  u32(0x4E4F534A);  // "JSON"
  out.insert(out.end(), json.begin(), json.end());
  u32(static_cast<uint32_t>(body.size()));
  u32(0x004E4942);  // "BIN\0"
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

void save_file(const std::filesystem::path& path, const std::vector<uint8_t>& bytes) {
  files::write_file_atomic(path, std::span<const uint8_t>(bytes), /*durable=*/false);
}

}  // namespace axis::gen
