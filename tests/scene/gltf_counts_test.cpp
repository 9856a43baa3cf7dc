// Every Khronos sample model loads without errors, and what the scene holds matches what the .gltf JSON
// says, read here independently with nlohmann::json: object counts, per-mesh primitives, triangle
// counts from the accessors' counts and the primitive modes, hierarchy, cameras, materials, textures.
#include "fixtures.h"

#include "core/image_headers.h"

#include "scene/import.h"

#include <glm/gtc/type_ptr.hpp>

#include <functional>

namespace {

using namespace axis_test;
using axis::scene::Scene;

size_t accessor_count(const json& doc, int index) { return doc["accessors"][index]["count"].get<size_t>(); }

// Triangles a primitive draws, from the JSON alone.
size_t json_triangles(const json& doc, const json& prim) {
  size_t n = prim.contains("indices") ? accessor_count(doc, prim["indices"].get<int>())
                                      : accessor_count(doc, prim["attributes"]["POSITION"].get<int>());
  switch (prim.value("mode", 4)) {
    case kTriangles: return n / 3;
    case kTriangleStrip:
    case kTriangleFan: return n >= 3 ? n - 2 : 0;
    default: return 0;
  }
}

size_t json_size(const json& doc, const char* key) { return doc.contains(key) ? doc[key].size() : 0; }

class SampleModel : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    path_ = sample_gltf(GetParam());
    doc_ = read_json(path_);
    // Structure only: decoding the large sample textures is left to the one test that checks pixels.
    axis::scene::LoadOptions lite;
    lite.decode_images = false;
    scene_ = axis::scene::load_model(path_, lite);
    ASSERT_FALSE(scene_.diagnostics.has_errors()) << problems_text(scene_);
  }
  fs::path path_;
  json doc_;
  Scene scene_;
};

TEST_P(SampleModel, LoadsWithoutErrorsAndDecodesEveryUsedImage) {
  Scene full = axis::scene::load_model(path_);
  EXPECT_FALSE(full.diagnostics.has_errors()) << problems_text(full);
  // The samples are complete: nothing is missing, nothing needs a placeholder.
  EXPECT_EQ(full.diagnostics.warning_count(), 0u) << problems_text(full);
  EXPECT_EQ(full.format, "glTF");
  EXPECT_EQ(full.source, path_);
  EXPECT_TRUE(full.bounds.valid());
  std::vector<bool> used(full.images.size(), false);
  for (const auto& t : full.textures)
    if (t.image >= 0) used[t.image] = true;
  ASSERT_EQ(full.images.size(), json_size(doc_, "images"));
  for (size_t i = 0; i < full.images.size(); ++i) {
    const auto& img = full.images[i];
    EXPECT_FALSE(img.placeholder) << "image " << i;
    if (!used[i]) continue;
    EXPECT_GT(img.width, 0u) << "image " << i;
    EXPECT_GT(img.height, 0u) << "image " << i;
    EXPECT_EQ(img.rgba.size(), size_t(img.width) * img.height * 4) << "image " << i;
    // The size the file's own header declares.
    auto declared = image_file_size(read_raw_bytes(path_.parent_path() / doc_["images"][i]["uri"].get<std::string>()));
    ASSERT_TRUE(declared.has_value()) << "image " << i;
    EXPECT_EQ(img.width, declared->first) << "image " << i;
    EXPECT_EQ(img.height, declared->second) << "image " << i;
  }
  // Skipping the pixels changes nothing else.
  for (const auto& img : scene_.images) EXPECT_TRUE(img.rgba.empty());
  auto a = axis::scene::compute_stats(scene_), b = axis::scene::compute_stats(full);
  EXPECT_EQ(a.triangles, b.triangles);
  EXPECT_EQ(a.vertices, b.vertices);
  EXPECT_EQ(scene_.diagnostics.problems.size(), full.diagnostics.problems.size()) << problems_text(scene_);
}

TEST_P(SampleModel, ObjectCountsMatchTheJson) {
  EXPECT_EQ(scene_.nodes.size(), json_size(doc_, "nodes"));
  EXPECT_EQ(scene_.meshes.size(), json_size(doc_, "meshes"));
  EXPECT_EQ(scene_.materials.size(), json_size(doc_, "materials"));
  EXPECT_EQ(scene_.textures.size(), json_size(doc_, "textures"));
  EXPECT_EQ(scene_.images.size(), json_size(doc_, "images"));
  EXPECT_EQ(scene_.cameras.size(), json_size(doc_, "cameras"));
  EXPECT_EQ(scene_.samplers.size(), json_size(doc_, "samplers"));
  EXPECT_EQ(static_cast<size_t>(scene_.scene_count), json_size(doc_, "scenes"));
  auto stats = axis::scene::compute_stats(scene_);
  EXPECT_EQ(stats.nodes, json_size(doc_, "nodes"));
  EXPECT_EQ(stats.meshes, json_size(doc_, "meshes"));
  EXPECT_EQ(stats.cameras, json_size(doc_, "cameras"));
}

TEST_P(SampleModel, PrimitivesAndTrianglesMatchTheAccessors) {
  ASSERT_EQ(scene_.meshes.size(), json_size(doc_, "meshes"));
  size_t primitives = 0;
  for (size_t m = 0; m < scene_.meshes.size(); ++m) {
    const json& jprims = doc_["meshes"][m]["primitives"];
    const auto& prims = scene_.meshes[m].primitives;
    ASSERT_EQ(prims.size(), jprims.size()) << "mesh " << m;
    primitives += prims.size();
    for (size_t p = 0; p < prims.size(); ++p) {
      const json& jp = jprims[p];
      EXPECT_EQ(prims[p].triangle_count(), json_triangles(doc_, jp)) << "mesh " << m << " primitive " << p;
      EXPECT_EQ(prims[p].material, jp.value("material", -1)) << "mesh " << m << " primitive " << p;
      size_t positions = accessor_count(doc_, jp["attributes"]["POSITION"].get<int>());
      if (jp["attributes"].contains("NORMAL")) {
        // Normals given: the vertices are the file's.
        EXPECT_EQ(prims[p].positions.size(), positions) << "mesh " << m << " primitive " << p;
        EXPECT_FALSE(prims[p].generated_normals);
      } else {
        // Flat normals generated: one vertex per triangle corner.
        EXPECT_EQ(prims[p].positions.size(), 3 * json_triangles(doc_, jp)) << "mesh " << m << " primitive " << p;
        EXPECT_TRUE(prims[p].generated_normals);
      }
      EXPECT_EQ(prims[p].normals.size(), prims[p].positions.size());
      if (jp["attributes"].contains("TEXCOORD_0")) {
        EXPECT_EQ(prims[p].uv0.size(), prims[p].positions.size());
      }
      if (jp["attributes"].contains("TEXCOORD_1")) {
        EXPECT_EQ(prims[p].uv1.size(), prims[p].positions.size());
      }
      if (jp["attributes"].contains("COLOR_0")) {
        EXPECT_EQ(prims[p].colors.size(), prims[p].positions.size());
      }
      for (uint32_t i : prims[p].indices) ASSERT_LT(i, prims[p].positions.size());
    }
  }
  auto stats = axis::scene::compute_stats(scene_);
  EXPECT_EQ(stats.primitives, primitives);

  // Triangles drawn by the shown scene: every node reachable from the default scene's roots counts
  // its mesh's triangles once.
  size_t drawn = 0, instances = 0;
  int s = doc_.value("scene", 0);
  std::function<void(int)> walk = [&](int n) {
    const json& node = doc_["nodes"][n];
    if (node.contains("mesh")) {
      ++instances;
      for (const auto& jp : doc_["meshes"][node["mesh"].get<int>()]["primitives"]) drawn += json_triangles(doc_, jp);
    }
    if (node.contains("children"))
      for (const auto& c : node["children"]) walk(c.get<int>());
  };
  for (const auto& r : doc_["scenes"][s]["nodes"]) walk(r.get<int>());
  EXPECT_EQ(stats.triangles, drawn);
  EXPECT_EQ(stats.mesh_instances, instances);
}

TEST_P(SampleModel, HierarchyMatchesTheJson) {
  ASSERT_EQ(scene_.nodes.size(), json_size(doc_, "nodes"));
  for (size_t n = 0; n < scene_.nodes.size(); ++n) {
    const json& jn = doc_["nodes"][n];
    const auto& node = scene_.nodes[n];
    EXPECT_EQ(node.name, jn.value("name", std::string()));
    EXPECT_EQ(node.mesh, jn.value("mesh", -1)) << "node " << n;
    EXPECT_EQ(node.camera, jn.value("camera", -1)) << "node " << n;
    EXPECT_EQ(node.children, jn.value("children", std::vector<int>())) << "node " << n;
    for (int c : node.children) EXPECT_EQ(scene_.nodes[c].parent, static_cast<int>(n));
    if (jn.contains("matrix")) {
      auto m = jn["matrix"].get<std::vector<double>>();
      for (int k = 0; k < 16; ++k) EXPECT_DOUBLE_EQ(glm::value_ptr(node.local)[k], m[k]) << "node " << n;
    } else if (jn.contains("translation")) {
      auto t = jn["translation"].get<std::vector<double>>();
      for (int k = 0; k < 3; ++k) EXPECT_DOUBLE_EQ(node.local[3][k], t[k]) << "node " << n;
    }
  }
  EXPECT_EQ(scene_.roots, doc_["scenes"][doc_.value("scene", 0)]["nodes"].get<std::vector<int>>());
}

TEST_P(SampleModel, MaterialsTexturesAndImagesMatchTheJson) {
  ASSERT_EQ(scene_.materials.size(), json_size(doc_, "materials"));
  for (size_t i = 0; i < scene_.materials.size(); ++i) {
    const json& jm = doc_["materials"][i];
    const auto& m = scene_.materials[i];
    json pbr = jm.value("pbrMetallicRoughness", json::object());
    auto bc = pbr.value("baseColorFactor", std::vector<double>{1, 1, 1, 1});
    for (int k = 0; k < 4; ++k) EXPECT_FLOAT_EQ(m.base_color[k], static_cast<float>(bc[k])) << "material " << i;
    EXPECT_FLOAT_EQ(m.metallic, static_cast<float>(pbr.value("metallicFactor", 1.0))) << "material " << i;
    EXPECT_FLOAT_EQ(m.roughness, static_cast<float>(pbr.value("roughnessFactor", 1.0))) << "material " << i;
    EXPECT_EQ(m.double_sided, jm.value("doubleSided", false)) << "material " << i;
    std::string mode = jm.value("alphaMode", std::string("OPAQUE"));
    EXPECT_EQ(static_cast<int>(m.alpha_mode),
              static_cast<int>(mode == "MASK"    ? axis::scene::AlphaMode::Mask
                               : mode == "BLEND" ? axis::scene::AlphaMode::Blend
                                                 : axis::scene::AlphaMode::Opaque))
        << "material " << i;
    if (mode == "MASK") {
      EXPECT_FLOAT_EQ(m.alpha_cutoff, static_cast<float>(jm.value("alphaCutoff", 0.5)));
    }
    auto tex = [](const json& parent, const char* key) {
      return parent.contains(key) ? parent[key]["index"].get<int>() : -1;
    };
    EXPECT_EQ(m.base_color_tex.texture, tex(pbr, "baseColorTexture")) << "material " << i;
    EXPECT_EQ(m.metallic_roughness_tex.texture, tex(pbr, "metallicRoughnessTexture")) << "material " << i;
    EXPECT_EQ(m.normal_tex.texture, tex(jm, "normalTexture")) << "material " << i;
    EXPECT_EQ(m.occlusion_tex.texture, tex(jm, "occlusionTexture")) << "material " << i;
    EXPECT_EQ(m.emissive_tex.texture, tex(jm, "emissiveTexture")) << "material " << i;
    bool unlit = jm.contains("extensions") && jm["extensions"].contains("KHR_materials_unlit");
    EXPECT_EQ(m.unlit, unlit) << "material " << i;
  }
  ASSERT_EQ(scene_.textures.size(), json_size(doc_, "textures"));
  for (size_t i = 0; i < scene_.textures.size(); ++i) {
    EXPECT_EQ(scene_.textures[i].image, doc_["textures"][i].value("source", -1)) << "texture " << i;
    EXPECT_EQ(scene_.textures[i].sampler, doc_["textures"][i].value("sampler", -1)) << "texture " << i;
  }
  ASSERT_EQ(scene_.images.size(), json_size(doc_, "images"));
  for (size_t i = 0; i < scene_.images.size(); ++i) {
    const auto& img = scene_.images[i];
    EXPECT_EQ(img.uri, doc_["images"][i].value("uri", std::string())) << "image " << i;
    EXPECT_EQ(img.name, doc_["images"][i].value("name", std::string())) << "image " << i;
  }
}

TEST_P(SampleModel, CamerasMatchTheJson) {
  ASSERT_EQ(scene_.cameras.size(), json_size(doc_, "cameras"));
  for (size_t i = 0; i < scene_.cameras.size(); ++i) {
    const json& jc = doc_["cameras"][i];
    const auto& c = scene_.cameras[i];
    if (jc["type"] == "orthographic") {
      const json& o = jc["orthographic"];
      EXPECT_EQ(c.type, axis::scene::Camera::Type::Orthographic);
      EXPECT_FLOAT_EQ(c.xmag, o["xmag"].get<float>());
      EXPECT_FLOAT_EQ(c.ymag, o["ymag"].get<float>());
      EXPECT_FLOAT_EQ(c.znear, o["znear"].get<float>());
      EXPECT_FLOAT_EQ(c.zfar, o["zfar"].get<float>());
    } else {
      const json& p = jc["perspective"];
      EXPECT_EQ(c.type, axis::scene::Camera::Type::Perspective);
      EXPECT_FLOAT_EQ(c.yfov, p["yfov"].get<float>());
      EXPECT_FLOAT_EQ(c.znear, p["znear"].get<float>());
      EXPECT_FLOAT_EQ(c.zfar, p.value("zfar", 0.0f));
      EXPECT_FLOAT_EQ(c.aspect, p.value("aspectRatio", 0.0f));
    }
    EXPECT_FALSE(c.name.empty());
  }
}

INSTANTIATE_TEST_SUITE_P(Khronos, SampleModel, ::testing::ValuesIn(sample_models()),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

TEST(SampleModels, TheSamplesDirectoryIsThere) {
  // Guards the parameterised suite above against silently running on an empty list.
  EXPECT_GE(sample_models().size(), 20u) << samples_dir();
}

}  // namespace
