// glTF 2.0 import through tinygltf: structure, geometry (every accessor form), materials with the
// extensions AxisTwin supports, and images decoded in parallel after parsing (tinygltf only hands over the
// encoded bytes). Everything a file gets wrong is reported in the scene's diagnostics with the object it
// concerns; nothing here throws to the caller.
#include "core/error.h"
#include "core/files.h"
#include "core/image.h"
#include "core/parallel.h"
#include "scene/geometry.h"
#include "scene/gltf_accessor.h"
#include "scene/gltf_animation.h"
#include "scene/import.h"

#include <fmt/format.h>
#include <tiny_gltf.h>

#include <glm/gtc/quaternion.hpp>
#include <glm/gtc/type_ptr.hpp>

#include <algorithm>
#include <cstring>
#include <sstream>

namespace axis::scene {

const std::vector<std::string>& supported_gltf_extensions() {
  static const std::vector<std::string> k = {
      "KHR_materials_emissive_strength", "KHR_texture_transform", "KHR_materials_unlit",
      "KHR_mesh_quantization",          "EXT_mesh_gpu_instancing"};
  return k;
}

namespace {

using gltf::accessor_label;
using gltf::read_floats;
using gltf::read_uints;

// Encoded image bytes collected while tinygltf parses; decoded afterwards in parallel.
struct ImageBytes {
  const tinygltf::Model* model = nullptr;
  std::vector<std::vector<uint8_t>> encoded;
  std::vector<std::string> problems;  // per image, set when tinygltf handed over something unusable
};

bool collect_image(tinygltf::Image* image, const int index, std::string*, std::string*, int, int,
                   const unsigned char* bytes, int size, void* user) {
  auto* sink = static_cast<ImageBytes*>(user);
  size_t i = static_cast<size_t>(index);
  if (sink->encoded.size() <= i) {
    sink->encoded.resize(i + 1);
    sink->problems.resize(i + 1);
  }
  // tinygltf does not check an image's bufferView against its buffer; do it before touching the bytes.
  if (image->bufferView >= 0) {
    const auto& views = sink->model->bufferViews;
    const auto& buffers = sink->model->buffers;
    if (image->bufferView >= static_cast<int>(views.size())) {
      sink->problems[i] = "bufferView does not exist";
      return true;
    }
    const auto& bv = views[image->bufferView];
    if (bv.buffer < 0 || bv.buffer >= static_cast<int>(buffers.size()) ||
        bv.byteOffset + bv.byteLength > buffers[bv.buffer].data.size()) {
      sink->problems[i] = fmt::format("bufferView[{}] runs past the end of its buffer", image->bufferView);
      return true;
    }
  }
  if (size > 0) sink->encoded[i].assign(bytes, bytes + size);
  return true;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(line);
  return lines;
}

std::string label(const char* kind, size_t index, const std::string& name) {
  std::string s = fmt::format("{}[{}]", kind, index);
  if (!name.empty()) s += " '" + name + "'";
  return s;
}

Wrap to_wrap(int mode) {
  switch (mode) {
    case TINYGLTF_TEXTURE_WRAP_CLAMP_TO_EDGE: return Wrap::ClampToEdge;
    case TINYGLTF_TEXTURE_WRAP_MIRRORED_REPEAT: return Wrap::MirroredRepeat;
    default: return Wrap::Repeat;
  }
}

Sampler to_sampler(const tinygltf::Sampler& s) {
  Sampler out;
  out.mag = s.magFilter == TINYGLTF_TEXTURE_FILTER_NEAREST ? Filter::Nearest : Filter::Linear;
  switch (s.minFilter) {
    case TINYGLTF_TEXTURE_FILTER_NEAREST: out.min = Filter::Nearest; out.mipmaps = false; break;
    case TINYGLTF_TEXTURE_FILTER_LINEAR: out.min = Filter::Linear; out.mipmaps = false; break;
    case TINYGLTF_TEXTURE_FILTER_NEAREST_MIPMAP_NEAREST: out.min = Filter::Nearest; out.mip = Filter::Nearest; break;
    case TINYGLTF_TEXTURE_FILTER_LINEAR_MIPMAP_NEAREST: out.min = Filter::Linear; out.mip = Filter::Nearest; break;
    case TINYGLTF_TEXTURE_FILTER_NEAREST_MIPMAP_LINEAR: out.min = Filter::Nearest; out.mip = Filter::Linear; break;
    default: break;  // LINEAR_MIPMAP_LINEAR or unset: trilinear
  }
  out.wrap_s = to_wrap(s.wrapS);
  out.wrap_t = to_wrap(s.wrapT);
  return out;
}

double number(const tinygltf::Value& v, double fallback) {
  return v.IsNumber() ? v.GetNumberAsDouble() : fallback;
}

// A texture reference plus KHR_texture_transform (which may override the UV set).
TextureSlot to_slot(int texture, int tex_coord, const tinygltf::ExtensionMap& extensions) {
  TextureSlot slot;
  slot.texture = texture;
  slot.uv_set = tex_coord;
  auto it = extensions.find("KHR_texture_transform");
  if (it != extensions.end() && it->second.IsObject()) {
    const auto& t = it->second;
    if (t.Has("offset") && t.Get("offset").IsArray() && t.Get("offset").ArrayLen() == 2)
      slot.offset = {number(t.Get("offset").Get(0), 0), number(t.Get("offset").Get(1), 0)};
    if (t.Has("scale") && t.Get("scale").IsArray() && t.Get("scale").ArrayLen() == 2)
      slot.scale = {number(t.Get("scale").Get(0), 1), number(t.Get("scale").Get(1), 1)};
    if (t.Has("rotation")) slot.rotation = static_cast<float>(number(t.Get("rotation"), 0));
    if (t.Has("texCoord")) slot.uv_set = static_cast<int>(number(t.Get("texCoord"), tex_coord));
  }
  return slot;
}

Material to_material(const tinygltf::Material& m) {
  Material out;
  out.name = m.name;
  const auto& pbr = m.pbrMetallicRoughness;
  if (pbr.baseColorFactor.size() == 4)
    out.base_color = glm::vec4(pbr.baseColorFactor[0], pbr.baseColorFactor[1], pbr.baseColorFactor[2],
                               pbr.baseColorFactor[3]);
  out.metallic = static_cast<float>(pbr.metallicFactor);
  out.roughness = static_cast<float>(pbr.roughnessFactor);
  out.base_color_tex = to_slot(pbr.baseColorTexture.index, pbr.baseColorTexture.texCoord, pbr.baseColorTexture.extensions);
  out.metallic_roughness_tex = to_slot(pbr.metallicRoughnessTexture.index, pbr.metallicRoughnessTexture.texCoord,
                                       pbr.metallicRoughnessTexture.extensions);
  out.normal_tex = to_slot(m.normalTexture.index, m.normalTexture.texCoord, m.normalTexture.extensions);
  out.normal_scale = static_cast<float>(m.normalTexture.scale);
  out.occlusion_tex = to_slot(m.occlusionTexture.index, m.occlusionTexture.texCoord, m.occlusionTexture.extensions);
  out.occlusion_strength = static_cast<float>(m.occlusionTexture.strength);
  out.emissive_tex = to_slot(m.emissiveTexture.index, m.emissiveTexture.texCoord, m.emissiveTexture.extensions);
  if (m.emissiveFactor.size() == 3)
    out.emissive = glm::vec3(m.emissiveFactor[0], m.emissiveFactor[1], m.emissiveFactor[2]);
  auto strength = m.extensions.find("KHR_materials_emissive_strength");
  if (strength != m.extensions.end() && strength->second.Has("emissiveStrength"))
    out.emissive *= static_cast<float>(number(strength->second.Get("emissiveStrength"), 1.0));
  out.unlit = m.extensions.count("KHR_materials_unlit") > 0;
  if (m.alphaMode == "MASK") out.alpha_mode = AlphaMode::Mask;
  else if (m.alphaMode == "BLEND") out.alpha_mode = AlphaMode::Blend;
  out.alpha_cutoff = static_cast<float>(m.alphaCutoff);
  out.double_sided = m.doubleSided;
  return out;
}

glm::dmat4 node_transform(const tinygltf::Node& n) {
  if (n.matrix.size() == 16) {
    glm::dmat4 m;
    std::memcpy(glm::value_ptr(m), n.matrix.data(), sizeof(double) * 16);
    return m;
  }
  glm::dmat4 t(1.0), r(1.0), s(1.0);
  if (n.translation.size() == 3) t[3] = glm::dvec4(n.translation[0], n.translation[1], n.translation[2], 1.0);
  if (n.rotation.size() == 4)
    r = glm::mat4_cast(glm::normalize(glm::dquat(n.rotation[3], n.rotation[0], n.rotation[1], n.rotation[2])));
  if (n.scale.size() == 3) s = glm::scale(glm::dmat4(1.0), glm::dvec3(n.scale[0], n.scale[1], n.scale[2]));
  return t * r * s;
}

template <int N>
std::vector<glm::vec<N, float>> read_vecs(const tinygltf::Model& model, int accessor, bool widen = false) {
  std::vector<float> flat = read_floats(model, accessor, N, widen);
  std::vector<glm::vec<N, float>> out(flat.size() / N);
  std::memcpy(out.data(), flat.data(), out.size() * sizeof(glm::vec<N, float>));
  return out;
}

// Converts strips, fans and loops to lists so the renderer only sees three topologies.
void to_lists(Primitive& prim, int mode) {
  auto& idx = prim.indices;
  std::vector<uint32_t> out;
  switch (mode) {
    case TINYGLTF_MODE_TRIANGLE_STRIP:
      for (size_t i = 2; i < idx.size(); ++i) {
        if (i % 2 == 0) out.insert(out.end(), {idx[i - 2], idx[i - 1], idx[i]});
        else out.insert(out.end(), {idx[i - 1], idx[i - 2], idx[i]});
      }
      break;
    case TINYGLTF_MODE_TRIANGLE_FAN:
      for (size_t i = 2; i < idx.size(); ++i) out.insert(out.end(), {idx[0], idx[i - 1], idx[i]});
      break;
    case TINYGLTF_MODE_LINE_STRIP:
    case TINYGLTF_MODE_LINE_LOOP:
      for (size_t i = 1; i < idx.size(); ++i) out.insert(out.end(), {idx[i - 1], idx[i]});
      if (mode == TINYGLTF_MODE_LINE_LOOP && idx.size() > 2) out.insert(out.end(), {idx.back(), idx.front()});
      break;
    default: return;
  }
  idx = std::move(out);
}

class GltfImporter {
 public:
  GltfImporter(const std::filesystem::path& path, const LoadOptions& options) : path_(path), options_(options) {
    scene_.source = path;
    scene_.diagnostics.file = path.string();
  }

  Scene run() {
    if (!parse()) return std::move(scene_);
    check_extensions();
    if (diag().has_errors()) return std::move(scene_);
    scene_.samplers.reserve(model_.samplers.size());
    for (const auto& s : model_.samplers) scene_.samplers.push_back(to_sampler(s));
    import_textures();
    for (const auto& m : model_.materials) scene_.materials.push_back(to_material(m));
    check_material_textures();
    import_meshes();
    import_cameras();
    import_nodes();
    gltf::import_morph_weights_and_skin_refs(model_, scene_);
    gltf::import_skins(model_, scene_);
    gltf::import_animations(model_, scene_);
    if (diag().has_errors()) return std::move(scene_);
    import_images();
    scene_.update_world();
    return std::move(scene_);
  }

 private:
  Diagnostics& diag() { return scene_.diagnostics; }

  bool parse() {
    std::vector<uint8_t> bytes;
    try {
      bytes = files::read_bytes(path_);
    } catch (const Error& e) {
      diag().error("", without_path_prefix(e.what()));
      return false;
    }
    if (bytes.empty()) {
      diag().error("", "file is empty");
      return false;
    }
    tinygltf::TinyGLTF loader;
    images_.model = &model_;
    loader.SetImageLoader(collect_image, &images_);
    loader.SetStoreOriginalJSONForExtrasAndExtensions(true);
    std::string err, warn;
    std::string base = path_.parent_path().string();
    bool binary = bytes.size() >= 4 && std::memcmp(bytes.data(), "glTF", 4) == 0;
    scene_.format = binary ? "glb" : "glTF";
    bool ok = binary ? loader.LoadBinaryFromMemory(&model_, &err, &warn, bytes.data(),
                                                   static_cast<unsigned>(bytes.size()), base)
                     : loader.LoadASCIIFromString(&model_, &err, &warn, reinterpret_cast<const char*>(bytes.data()),
                                                  static_cast<unsigned>(bytes.size()), base);
    for (const auto& line : split_lines(warn)) {
      // Images are reported below, once each, with what is shown instead.
      if (line.find("image") != std::string::npos || line.find("File not found") != std::string::npos) continue;
      diag().warn("", line);
    }
    if (!ok || !err.empty()) {
      if (binary && bytes.size() >= 12) {
        // Say "truncated" when the header promises more bytes than the file has.
        uint32_t length = 0;
        std::memcpy(&length, bytes.data() + 8, 4);
        if (length > bytes.size()) {
          diag().error("", fmt::format("truncated glTF binary: the header says {} bytes, the file has {}", length, bytes.size()));
          return false;
        }
      }
      auto lines = split_lines(err);
      if (lines.empty()) lines.push_back(binary ? "not a valid glTF binary" : "not valid glTF JSON");
      for (const auto& line : lines) diag().error("", describe_tinygltf_error(line));
      return false;
    }
    scene_.scene_count = static_cast<int>(model_.scenes.size());
    return true;
  }

  // files:: errors start with the path, which the diagnostics already name.
  std::string without_path_prefix(const std::string& message) const {
    std::string prefix = path_.string() + ": ";
    return message.rfind(prefix, 0) == 0 ? message.substr(prefix.size()) : message;
  }

  // tinygltf's wording, made to say what a user can act on.
  static std::string describe_tinygltf_error(const std::string& line) {
    static const std::string kNotFound = "File not found : ";
    if (line.rfind(kNotFound, 0) == 0) return "missing buffer file '" + line.substr(kNotFound.size()) + "'";
    if (line.rfind("File size mismatch", 0) == 0) return "buffer file is truncated or too long (" + line + ")";
    if (line.find("JSON") != std::string::npos || line.find("json") != std::string::npos) return "invalid JSON: " + line;
    return line;
  }

  void check_extensions() {
    const auto& supported = supported_gltf_extensions();
    auto known = [&](const std::string& e) { return std::find(supported.begin(), supported.end(), e) != supported.end(); };
    std::vector<std::string> missing_required;
    for (const auto& e : model_.extensionsRequired)
      if (!known(e)) missing_required.push_back(e);
    scene_.extensions_used = model_.extensionsUsed;
    for (const auto& e : model_.extensionsUsed) {
      if (known(e)) continue;
      scene_.extensions_unsupported.push_back(e);
      if (std::find(missing_required.begin(), missing_required.end(), e) == missing_required.end())
        diag().warn("", fmt::format("optional extension {} is not supported; shown without it", e));
    }
    if (!missing_required.empty())
      diag().error("", fmt::format("requires unsupported extension{} {}", missing_required.size() > 1 ? "s" : "",
                                   fmt::join(missing_required, ", ")));
  }

  void import_textures() {
    for (size_t i = 0; i < model_.textures.size(); ++i) {
      const auto& t = model_.textures[i];
      Texture tex{t.name, t.source, t.sampler};
      if (tex.image >= static_cast<int>(model_.images.size()) || tex.image < -1) {
        diag().error(label("texture", i, t.name), fmt::format("source {} does not exist", tex.image));
        tex.image = -1;
      }
      if (tex.sampler >= static_cast<int>(model_.samplers.size())) {
        diag().warn(label("texture", i, t.name), fmt::format("sampler {} does not exist; default used", tex.sampler));
        tex.sampler = -1;
      }
      scene_.textures.push_back(std::move(tex));
    }
  }

  void check_material_textures() {
    for (size_t i = 0; i < scene_.materials.size(); ++i) {
      auto& m = scene_.materials[i];
      for (TextureSlot* slot : {&m.base_color_tex, &m.metallic_roughness_tex, &m.normal_tex, &m.occlusion_tex,
                                &m.emissive_tex}) {
        if (slot->texture >= static_cast<int>(scene_.textures.size())) {
          diag().error(label("material", i, m.name), fmt::format("texture {} does not exist", slot->texture));
          slot->texture = -1;
        }
        if (slot->uv_set < 0 || slot->uv_set > 1) {
          diag().warn(label("material", i, m.name),
                      fmt::format("TEXCOORD_{} is not supported (only 0 and 1); TEXCOORD_0 used", slot->uv_set));
          slot->uv_set = 0;
        }
      }
    }
  }

  void import_meshes() {
    scene_.meshes.resize(model_.meshes.size());
    // Meshes are independent: read and derive geometry in parallel, collect problems per mesh.
    std::vector<std::vector<std::string>> errors(model_.meshes.size());
    parallel::parallel_for(model_.meshes.size(), [&](size_t m) {
      const auto& src = model_.meshes[m];
      Mesh& mesh = scene_.meshes[m];
      mesh.name = src.name;
      for (size_t p = 0; p < src.primitives.size(); ++p) {
        std::string who = label("mesh", m, src.name) + fmt::format(" primitive[{}]", p);
        try {
          mesh.primitives.push_back(import_primitive(src.primitives[p]));
          mesh.bounds.extend(mesh.primitives.back().bounds);
        } catch (const Error& e) {
          errors[m].push_back(who + ": " + e.what());
        }
      }
    });
    for (const auto& list : errors)
      for (const auto& e : list) diag().error("", e);
  }

  Primitive import_primitive(const tinygltf::Primitive& src) {
    Primitive prim;
    auto attr = [&](const char* name) {
      auto it = src.attributes.find(name);
      return it == src.attributes.end() ? -1 : it->second;
    };
    int pos = attr("POSITION");
    if (pos < 0) fail("has no POSITION attribute");
    auto read_named = [&](auto& out, const char* name, auto reader) {
      int a = attr(name);
      if (a < 0) return;
      try {
        out = reader(a);
      } catch (const Error& e) {
        fail("{}: {}", name, e.what());
      }
    };
    read_named(prim.positions, "POSITION", [&](int a) { return read_vecs<3>(model_, a); });
    size_t n = prim.positions.size();
    read_named(prim.normals, "NORMAL", [&](int a) { return read_vecs<3>(model_, a); });
    read_named(prim.tangents, "TANGENT", [&](int a) { return read_vecs<4>(model_, a); });
    read_named(prim.uv0, "TEXCOORD_0", [&](int a) { return read_vecs<2>(model_, a); });
    read_named(prim.uv1, "TEXCOORD_1", [&](int a) { return read_vecs<2>(model_, a); });
    read_named(prim.colors, "COLOR_0", [&](int a) { return read_vecs<4>(model_, a, /*widen=*/true); });
    auto check_count = [&](const auto& v, const char* name) {
      if (!v.empty() && v.size() != n) fail("{} has {} elements but POSITION has {}", name, v.size(), n);
    };
    check_count(prim.normals, "NORMAL");
    check_count(prim.tangents, "TANGENT");
    check_count(prim.uv0, "TEXCOORD_0");
    check_count(prim.uv1, "TEXCOORD_1");
    check_count(prim.colors, "COLOR_0");
    gltf::read_skinning(model_, src, n, prim);
    gltf::read_morph_targets(model_, src, n, prim);

    if (src.indices >= 0) {
      try {
        prim.indices = read_uints(model_, src.indices);
      } catch (const Error& e) {
        fail("indices: {}", e.what());
      }
      for (uint32_t i : prim.indices)
        if (i >= n) fail("indices: {} refers to vertex {}, but there are {}", accessor_label(model_, src.indices), i, n);
    } else {
      prim.indices.resize(n);
      for (uint32_t i = 0; i < n; ++i) prim.indices[i] = i;
    }

    switch (src.mode) {
      case TINYGLTF_MODE_POINTS: prim.topology = Topology::Points; break;
      case TINYGLTF_MODE_LINE:
      case TINYGLTF_MODE_LINE_LOOP:
      case TINYGLTF_MODE_LINE_STRIP: prim.topology = Topology::Lines; break;
      case TINYGLTF_MODE_TRIANGLES:
      case TINYGLTF_MODE_TRIANGLE_STRIP:
      case TINYGLTF_MODE_TRIANGLE_FAN:
      case -1: prim.topology = Topology::Triangles; break;
      default: fail("mode {} is not a glTF primitive mode", src.mode);
    }
    to_lists(prim, src.mode);
    if (prim.topology == Topology::Triangles) prim.indices.resize(prim.indices.size() / 3 * 3);

    if (src.material >= static_cast<int>(model_.materials.size())) fail("material {} does not exist", src.material);
    prim.material = src.material;

    if (prim.topology == Topology::Triangles && prim.normals.empty()) {
      // The spec asks for flat normals when NORMAL is absent (and then tangents are ignored too).
      std::vector<uint32_t> welded = prim.indices;
      unweld(prim);
      gltf::unweld_animation_attributes(prim, welded);
      generate_flat_normals(prim);
      prim.tangents.clear();
      for (auto& target : prim.targets) {
        target.normals.clear();
        target.tangents.clear();
      }
    }
    const Material* mat = prim.material >= 0 ? &scene_.materials[prim.material] : nullptr;
    if (prim.topology == Topology::Triangles && mat && mat->normal_tex.used() && prim.tangents.empty())
      generate_tangents(prim, mat->normal_tex.uv_set);
    compute_bounds(prim);
    return prim;
  }

  void import_cameras() {
    for (size_t i = 0; i < model_.cameras.size(); ++i) {
      const auto& c = model_.cameras[i];
      Camera cam;
      cam.name = c.name.empty() ? label("camera", i, "") : c.name;
      if (c.type == "orthographic") {
        cam.type = Camera::Type::Orthographic;
        cam.xmag = static_cast<float>(c.orthographic.xmag);
        cam.ymag = static_cast<float>(c.orthographic.ymag);
        cam.znear = static_cast<float>(c.orthographic.znear);
        cam.zfar = static_cast<float>(c.orthographic.zfar);
      } else {
        cam.yfov = static_cast<float>(c.perspective.yfov);
        cam.aspect = static_cast<float>(c.perspective.aspectRatio);
        cam.znear = static_cast<float>(c.perspective.znear);
        cam.zfar = static_cast<float>(c.perspective.zfar);
        if (!(cam.yfov > 0.0f && cam.yfov < 3.1f)) {
          diag().warn(label("camera", i, c.name), "yfov out of range; 45 degrees used");
          cam.yfov = glm::radians(45.0f);
        }
      }
      scene_.cameras.push_back(cam);
    }
  }

  void import_instances(const tinygltf::Node& src, Node& node, const std::string& who) {
    auto it = src.extensions.find("EXT_mesh_gpu_instancing");
    if (it == src.extensions.end() || !it->second.Has("attributes")) return;
    const auto& attrs = it->second.Get("attributes");
    auto read = [&](const char* name, int width) -> std::vector<float> {
      if (!attrs.Has(name)) return {};
      return read_floats(model_, attrs.Get(name).GetNumberAsInt(), width);
    };
    try {
      auto t = read("TRANSLATION", 3), r = read("ROTATION", 4), s = read("SCALE", 3);
      size_t count = std::max({t.size() / 3, r.size() / 4, s.size() / 3});
      if ((!t.empty() && t.size() / 3 != count) || (!r.empty() && r.size() / 4 != count) ||
          (!s.empty() && s.size() / 3 != count))
        fail("EXT_mesh_gpu_instancing attributes have different counts");
      node.instances.resize(count);
      for (size_t i = 0; i < count; ++i) {
        glm::mat4 m(1.0f);
        if (!t.empty()) m = glm::translate(m, glm::vec3(t[i * 3], t[i * 3 + 1], t[i * 3 + 2]));
        if (!r.empty()) m *= glm::mat4_cast(glm::normalize(glm::quat(r[i * 4 + 3], r[i * 4], r[i * 4 + 1], r[i * 4 + 2])));
        if (!s.empty()) m = glm::scale(m, glm::vec3(s[i * 3], s[i * 3 + 1], s[i * 3 + 2]));
        node.instances[i] = m;
      }
    } catch (const Error& e) {
      diag().error(who, e.what());
    }
  }

  void import_nodes() {
    size_t count = model_.nodes.size();
    scene_.nodes.resize(count);
    for (size_t i = 0; i < count; ++i) {
      const auto& src = model_.nodes[i];
      Node& node = scene_.nodes[i];
      std::string who = label("node", i, src.name);
      node.name = src.name;
      node.local = node_transform(src);
      if (src.mesh >= static_cast<int>(model_.meshes.size())) diag().error(who, fmt::format("mesh {} does not exist", src.mesh));
      else node.mesh = src.mesh;
      if (src.camera >= static_cast<int>(model_.cameras.size())) diag().warn(who, fmt::format("camera {} does not exist", src.camera));
      else node.camera = src.camera;
      node.extras_json = src.extras_json_string;
      import_instances(src, node, who);
      for (int c : src.children) {
        if (c < 0 || c >= static_cast<int>(count)) {
          diag().error(who, fmt::format("child {} does not exist", c));
          continue;
        }
        node.children.push_back(c);
      }
    }
    // Every node has at most one parent, and the hierarchy has no cycles.
    for (size_t i = 0; i < count; ++i) {
      for (int c : scene_.nodes[i].children) {
        if (scene_.nodes[c].parent >= 0 || c == static_cast<int>(i)) {
          diag().error(label("node", c, scene_.nodes[c].name), "has more than one parent (or is its own child)");
          return;
        }
        scene_.nodes[c].parent = static_cast<int>(i);
      }
    }
    for (size_t i = 0; i < count; ++i) {
      // Walk up; a path longer than the node count means a cycle.
      int n = static_cast<int>(i);
      for (size_t steps = 0; n >= 0; ++steps, n = scene_.nodes[n].parent)
        if (steps > count) {
          diag().error(label("node", i, scene_.nodes[i].name), "is part of a cycle in the node hierarchy");
          return;
        }
    }
    if (!model_.scenes.empty()) {
      int s = model_.defaultScene >= 0 && model_.defaultScene < static_cast<int>(model_.scenes.size()) ? model_.defaultScene : 0;
      for (int r : model_.scenes[s].nodes) {
        if (r < 0 || r >= static_cast<int>(count)) {
          diag().error(label("scene", s, model_.scenes[s].name), fmt::format("node {} does not exist", r));
          continue;
        }
        if (scene_.nodes[r].parent >= 0) {
          diag().error(label("scene", s, model_.scenes[s].name), fmt::format("root node {} has a parent", r));
          continue;
        }
        scene_.roots.push_back(r);
      }
    } else {
      for (size_t i = 0; i < count; ++i)
        if (scene_.nodes[i].parent < 0) scene_.roots.push_back(static_cast<int>(i));
    }
  }

  void import_images() {
    size_t count = model_.images.size();
    scene_.images.resize(count);
    images_.encoded.resize(count);
    images_.problems.resize(count);
    // Only images some texture uses need decoding.
    std::vector<bool> used(count, false);
    for (const auto& t : scene_.textures)
      if (t.image >= 0) used[t.image] = true;
    std::vector<std::string> failures(count);
    parallel::parallel_for(count, [&](size_t i) {
      const auto& src = model_.images[i];
      Image& img = scene_.images[i];
      img.name = src.name;
      img.uri = src.uri;
      if (!images_.problems[i].empty()) {
        failures[i] = images_.problems[i];
      } else if (images_.encoded[i].empty()) {
        failures[i] = src.uri.empty() ? "has no data" : "file not found";
      } else if (options_.decode_images && used[i]) {
        try {
          Rgba8Image decoded = decode_image(images_.encoded[i]);
          img.width = decoded.width;
          img.height = decoded.height;
          img.rgba = std::move(decoded.pixels);
        } catch (const Error& e) {
          failures[i] = e.what();
        }
      }
      std::vector<uint8_t>().swap(images_.encoded[i]);
    });
    for (size_t i = 0; i < count; ++i) {
      if (failures[i].empty()) continue;
      scene_.images[i].placeholder = true;
      std::string who = label("image", i, model_.images[i].name);
      if (!model_.images[i].uri.empty() && model_.images[i].uri.rfind("data:", 0) != 0)
        who += " (" + model_.images[i].uri + ")";
      diag().warn(who, failures[i] + "; a neutral placeholder texture is shown");
    }
  }

  std::filesystem::path path_;
  LoadOptions options_;
  tinygltf::Model model_;
  ImageBytes images_;
  Scene scene_;
};

}  // namespace

Scene load_gltf(const std::filesystem::path& path, const LoadOptions& options) {
  return GltfImporter(path, options).run();
}

}  // namespace axis::scene
