// Scene structure and materials from hand-made glTF files: node TRS vs matrix world transforms (checked
// on points worked out by hand), negative scale, multiple scenes, KHR_texture_transform (values, and the
// Khronos TextureTransformTest markers), KHR_materials_emissive_strength, KHR_materials_unlit, sampler
// mapping, EXT_mesh_gpu_instancing, node extras.
#include "fixtures.h"

#include "scene/import.h"

#include <glm/gtc/matrix_transform.hpp>

#include <cmath>

namespace {

using namespace axis_test;
using axis::scene::Scene;

constexpr float kS45 = 0.70710678f;  // sin 45 degrees: a 90 degree turn as a quaternion (x, y, z, w)

glm::dvec3 apply(const glm::dmat4& m, glm::dvec3 p) { return glm::dvec3(m * glm::dvec4(p, 1.0)); }

void expect_near(glm::dvec3 got, glm::dvec3 want, const std::string& what, double tol = 1e-6) {
  EXPECT_NEAR(glm::distance(got, want), 0.0, tol) << what << ": got (" << got.x << ", " << got.y << ", " << got.z
                                                  << "), want (" << want.x << ", " << want.y << ", " << want.z << ")";
}

// A builder with one small triangle mesh (mesh 0) at (0,0,0) (1,0,0) (0,1,0).
GltfBuilder with_triangle_mesh() {
  GltfBuilder g;
  g.mesh({{"attributes", {{"POSITION", g.floats({0, 0, 0, 1, 0, 0, 0, 1, 0}, "VEC3")}}}});
  return g;
}

TEST(Nodes, TrsAndMatrixGiveTheSameWorldTransform) {
  GltfBuilder g = with_triangle_mesh();
  // T (10,0,0), R 90 degrees about +Z, S (2,3,4): x -> (0,2,0), y -> (-3,0,0), z -> (0,0,4).
  int trs = g.node({{"mesh", 0}, {"translation", {10, 0, 0}}, {"rotation", {0, 0, kS45, kS45}}, {"scale", {2, 3, 4}}});
  int mat = g.node({{"mesh", 0}, {"matrix", {0, 2, 0, 0, -3, 0, 0, 0, 0, 0, 4, 0, 10, 0, 0, 1}}});
  int child = g.node({{"translation", {0, 0, 1}}, {"mesh", 0}});
  g.doc["nodes"][trs]["children"] = {child};
  g.scene({trs, mat});
  Scene s = g.load();
  ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  ASSERT_EQ(s.world.size(), 3u);
  for (int n : {trs, mat}) {
    SCOPED_TRACE("node " + std::to_string(n));
    expect_near(apply(s.world[n], {0, 0, 0}), {10, 0, 0}, "origin");
    expect_near(apply(s.world[n], {1, 0, 0}), {10, 2, 0}, "x");
    expect_near(apply(s.world[n], {0, 1, 0}), {7, 0, 0}, "y");
    expect_near(apply(s.world[n], {0, 0, 1}), {10, 0, 4}, "z");
  }
  // The child's world transform is its parent's times its own.
  EXPECT_EQ(s.nodes[child].parent, trs);
  expect_near(apply(s.world[child], {0, 0, 0}), {10, 0, 4}, "child origin");
  expect_near(apply(s.world[child], {1, 0, 0}), {10, 2, 4}, "child x");
  // Bounds: the triangle under the TRS node spans x 7..10, y 0..2 at z 0; the child's at z 4.
  EXPECT_TRUE(s.bounds.valid());
  expect_near(s.bounds.min, {7, 0, 0}, "bounds min");
  expect_near(s.bounds.max, {10, 2, 4}, "bounds max");
}

TEST(Nodes, DefaultsAreIdentity) {
  GltfBuilder g = with_triangle_mesh();
  g.scene({g.node({{"mesh", 0}})});
  Scene s = g.load();
  ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  EXPECT_EQ(s.world.at(0), glm::dmat4(1.0));
  EXPECT_EQ(s.nodes.at(0).local, glm::dmat4(1.0));
}

TEST(Nodes, NegativeScaleMirrors) {
  GltfBuilder g = with_triangle_mesh();
  int n = g.node({{"mesh", 0}, {"scale", {-1, 1, 1}}});
  g.scene({n});
  Scene s = g.load();
  ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  EXPECT_LT(glm::determinant(glm::dmat3(s.world[n])), 0.0);
  expect_near(apply(s.world[n], {1, 0, 0}), {-1, 0, 0}, "mirrored x");
  expect_near(s.bounds.min, {-1, 0, 0}, "bounds min");
  expect_near(s.bounds.max, {0, 1, 0}, "bounds max");
  // The mesh itself is untouched (the renderer flips the winding for mirrored nodes).
  EXPECT_EQ(s.meshes[0].bounds.min, glm::dvec3(0, 0, 0));
  EXPECT_EQ(s.meshes[0].bounds.max, glm::dvec3(1, 1, 0));
}

GltfBuilder three_nodes_two_scenes() {
  GltfBuilder g = with_triangle_mesh();
  g.node({{"mesh", 0}, {"name", "first"}, {"translation", {-100, 0, 0}}});
  g.node({{"mesh", 0}, {"name", "second"}, {"translation", {10, 0, 0}}});
  g.node({{"mesh", 0}, {"name", "third"}, {"translation", {20, 0, 0}}});
  g.scene({0});
  g.scene({1, 2});
  return g;
}

TEST(Scenes, DefaultSceneIsHonoured) {
  GltfBuilder g = three_nodes_two_scenes();
  g.doc["scene"] = 1;
  Scene s = g.load();
  ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  EXPECT_EQ(s.scene_count, 2);
  EXPECT_EQ(s.roots, (std::vector<int>{1, 2}));
  EXPECT_EQ(s.shown, (std::vector<bool>{false, true, true}));
  expect_near(s.bounds.min, {10, 0, 0}, "bounds min");
  expect_near(s.bounds.max, {21, 1, 0}, "bounds max");
  auto stats = axis::scene::compute_stats(s);
  EXPECT_EQ(stats.mesh_instances, 2u);
  EXPECT_EQ(stats.triangles, 2u);
}

TEST(Scenes, WithoutDefaultTheFirstSceneIsShown) {
  Scene s = three_nodes_two_scenes().load();
  ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  EXPECT_EQ(s.scene_count, 2);
  EXPECT_EQ(s.roots, (std::vector<int>{0}));
  EXPECT_EQ(s.shown, (std::vector<bool>{true, false, false}));
  expect_near(s.bounds.min, {-100, 0, 0}, "bounds min");
  EXPECT_EQ(axis::scene::compute_stats(s).mesh_instances, 1u);
}

TEST(Scenes, WithoutAnySceneEveryTopLevelNodeIsShown) {
  GltfBuilder g = with_triangle_mesh();
  int a = g.node({{"mesh", 0}});
  int b = g.node({{"mesh", 0}, {"translation", {5, 0, 0}}});
  int c = g.node({{"mesh", 0}, {"translation", {0, 5, 0}}});
  g.doc["nodes"][a]["children"] = {c};
  Scene s = g.load();
  ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  EXPECT_EQ(s.scene_count, 0);
  EXPECT_EQ(s.roots, (std::vector<int>{a, b}));
  EXPECT_EQ(s.shown, (std::vector<bool>{true, true, true}));
  EXPECT_EQ(axis::scene::compute_stats(s).mesh_instances, 3u);
}

TEST(Nodes, ExtrasAreKeptAsJson) {
  GltfBuilder g = with_triangle_mesh();
  json extras = {{"inventory", "A-17"}, {"period", "Ming"}, {"restored", {1987, 2004}}};
  g.scene({g.node({{"mesh", 0}, {"extras", extras}}), g.node({{"mesh", 0}})});
  Scene s = g.load();
  ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  ASSERT_FALSE(s.nodes[0].extras_json.empty());
  EXPECT_EQ(json::parse(s.nodes[0].extras_json), extras);
  EXPECT_TRUE(s.nodes[1].extras_json.empty());
}

TEST(Materials, TextureTransformValuesAreRead) {
  GltfBuilder g = with_triangle_mesh();
  g.use_extension("KHR_texture_transform");
  std::vector<uint8_t> png = {0x89, 'P', 'N', 'G'};  // never decoded: the texture is unused by any mesh
  int tex = g.png_texture(png);
  g.material({{"pbrMetallicRoughness",
               {{"baseColorTexture",
                 {{"index", tex},
                  {"extensions",
                   {{"KHR_texture_transform", {{"offset", {0.25, 0.5}}, {"rotation", 0.3}, {"scale", {2, 3}}, {"texCoord", 1}}}}}}}}},
              {"normalTexture", {{"index", tex}}},
              {"emissiveTexture",
               {{"index", tex}, {"texCoord", 1}, {"extensions", {{"KHR_texture_transform", {{"texCoord", 0}}}}}}},
              {"occlusionTexture", {{"index", tex}, {"extensions", {{"KHR_texture_transform", {{"offset", {-1, 2}}}}}}}}});
  g.scene({g.node({{"mesh", 0}})});
  Scene s = g.load(false, {.decode_images = false});
  ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  ASSERT_EQ(s.materials.size(), 1u);
  const auto& m = s.materials[0];
  EXPECT_EQ(m.base_color_tex.texture, tex);
  EXPECT_EQ(m.base_color_tex.offset, glm::vec2(0.25f, 0.5f));
  EXPECT_FLOAT_EQ(m.base_color_tex.rotation, 0.3f);
  EXPECT_EQ(m.base_color_tex.scale, glm::vec2(2, 3));
  EXPECT_EQ(m.base_color_tex.uv_set, 1);
  // Without the extension: the identity transform.
  EXPECT_EQ(m.normal_tex.offset, glm::vec2(0));
  EXPECT_EQ(m.normal_tex.scale, glm::vec2(1));
  EXPECT_EQ(m.normal_tex.rotation, 0.0f);
  EXPECT_EQ(m.normal_tex.uv_set, 0);
  EXPECT_EQ(m.normal_tex.uv_matrix(), glm::mat3(1.0f));
  // The extension's texCoord overrides the textureInfo's.
  EXPECT_EQ(m.emissive_tex.uv_set, 0);
  // Only what is given changes.
  EXPECT_EQ(m.occlusion_tex.offset, glm::vec2(-1, 2));
  EXPECT_EQ(m.occlusion_tex.scale, glm::vec2(1));
  EXPECT_EQ(m.occlusion_tex.rotation, 0.0f);
  EXPECT_TRUE(s.extensions_unsupported.empty());
}

TEST(Materials, TextureTransformSampleArrowPointsToTheCorrectMarker) {
  // TextureTransformTest: quads of side 1 centred on their node, u along +X and v along -Y. Untransformed,
  // the arrow texture points at the "Not Supported" marker; with the transform applied correctly it
  // points at the "Correct" marker. Follow the texel under the Not Supported marker: the surface point
  // that shows it after the transform (uv = M^-1 * texel) must be where the Correct marker is.
  axis::scene::LoadOptions lite;
  lite.decode_images = false;
  Scene s = load_ok(sample_gltf("TextureTransformTest"), lite);
  auto node_named = [&](const std::string& name) {
    for (size_t i = 0; i < s.nodes.size(); ++i)
      if (s.nodes[i].name == name) return static_cast<int>(i);
    ADD_FAILURE() << "no node " << name;
    return 0;
  };
  auto material_named = [&](const std::string& name) -> const axis::scene::Material& {
    for (const auto& m : s.materials)
      if (m.name == name) return m;
    ADD_FAILURE() << "no material " << name;
    return s.materials.at(0);
  };
  // The Not Supported marker of the Rotation quad, in the quad's own frame, and the texel under it.
  glm::dvec3 ns = glm::dvec3(s.nodes[node_named("Rotation - Not Supported")].local[3]);
  glm::vec2 texel(static_cast<float>(ns.x + 0.5), static_cast<float>(0.5 - ns.y));
  for (auto [quad, marker] : {std::pair{"Rotation", "Rotation - Correct"}, std::pair{"Scale", "Scale - Correct"},
                              std::pair{"All", "All - Correct"}}) {
    SCOPED_TRACE(quad);
    glm::mat3 m = material_named(quad).base_color_tex.uv_matrix();
    glm::vec3 uv = glm::inverse(m) * glm::vec3(texel, 1.0f);
    glm::dvec2 at(uv.x - 0.5, 0.5 - uv.y);
    glm::dvec3 want = glm::dvec3(s.nodes[node_named(marker)].local[3]);
    EXPECT_NEAR(at.x, want.x, 0.03) << "arrow tip lands at (" << at.x << ", " << at.y << ")";
    EXPECT_NEAR(at.y, want.y, 0.03) << "arrow tip lands at (" << at.x << ", " << at.y << ")";
  }
}

TEST(Materials, UvMatrixIsTranslationRotationScale) {
  axis::scene::TextureSlot slot;
  slot.offset = {0.5f, 0.25f};
  slot.scale = {2.0f, 4.0f};
  slot.rotation = 0.0f;
  glm::vec3 p = slot.uv_matrix() * glm::vec3(0.25f, 0.5f, 1.0f);
  EXPECT_FLOAT_EQ(p.x, 0.25f * 2 + 0.5f);
  EXPECT_FLOAT_EQ(p.y, 0.5f * 4 + 0.25f);
  // A quarter turn: (1, 0) -> (0, -1) and (0, 1) -> (1, 0) in UV space (v down), as the sample's markers show.
  slot = {};
  slot.rotation = 1.5707963f;
  glm::vec3 u = slot.uv_matrix() * glm::vec3(1, 0, 1), v = slot.uv_matrix() * glm::vec3(0, 1, 1);
  EXPECT_NEAR(u.x, 0.0f, 1e-6f);
  EXPECT_NEAR(u.y, -1.0f, 1e-6f);
  EXPECT_NEAR(v.x, 1.0f, 1e-6f);
  EXPECT_NEAR(v.y, 0.0f, 1e-6f);
}

TEST(Materials, EmissiveStrengthIsMultipliedIn) {
  GltfBuilder g = with_triangle_mesh();
  g.use_extension("KHR_materials_emissive_strength");
  g.material({{"emissiveFactor", {1, 0.5, 0.25}}, {"extensions", {{"KHR_materials_emissive_strength", {{"emissiveStrength", 4}}}}}});
  g.material({{"emissiveFactor", {1, 0.5, 0.25}}});
  g.material(json::object());
  g.scene({g.node({{"mesh", 0}})});
  Scene s = g.load();
  ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  ASSERT_EQ(s.materials.size(), 3u);
  EXPECT_EQ(s.materials[0].emissive, glm::vec3(4, 2, 1));
  EXPECT_EQ(s.materials[1].emissive, glm::vec3(1, 0.5f, 0.25f));
  EXPECT_EQ(s.materials[2].emissive, glm::vec3(0));
  EXPECT_TRUE(s.extensions_unsupported.empty());
}

TEST(Materials, UnlitFlag) {
  GltfBuilder g = with_triangle_mesh();
  g.use_extension("KHR_materials_unlit", true);
  g.material({{"extensions", {{"KHR_materials_unlit", json::object()}}}});
  g.material({{"pbrMetallicRoughness", {{"metallicFactor", 0.25}, {"roughnessFactor", 0.75}}}});
  g.scene({g.node({{"mesh", 0}})});
  Scene s = g.load();
  ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  EXPECT_TRUE(s.materials[0].unlit);
  EXPECT_FALSE(s.materials[1].unlit);
  EXPECT_FLOAT_EQ(s.materials[1].metallic, 0.25f);
  EXPECT_FLOAT_EQ(s.materials[1].roughness, 0.75f);
  // The sample: both of its materials are unlit.
  Scene sample = load_ok(sample_gltf("UnlitTest"));
  ASSERT_EQ(sample.materials.size(), 2u);
  for (const auto& m : sample.materials) EXPECT_TRUE(m.unlit) << m.name;
}

TEST(Materials, AlphaModesCutoffAndDoubleSided) {
  GltfBuilder g = with_triangle_mesh();
  g.material({{"alphaMode", "MASK"}, {"alphaCutoff", 0.3}, {"doubleSided", true}});
  g.material({{"alphaMode", "BLEND"}});
  g.material({{"alphaMode", "OPAQUE"}, {"pbrMetallicRoughness", {{"baseColorFactor", {0.1, 0.2, 0.3, 0.4}}}}});
  g.scene({g.node({{"mesh", 0}})});
  Scene s = g.load();
  ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  using axis::scene::AlphaMode;
  EXPECT_EQ(s.materials[0].alpha_mode, AlphaMode::Mask);
  EXPECT_FLOAT_EQ(s.materials[0].alpha_cutoff, 0.3f);
  EXPECT_TRUE(s.materials[0].double_sided);
  EXPECT_EQ(s.materials[1].alpha_mode, AlphaMode::Blend);
  EXPECT_FALSE(s.materials[1].double_sided);
  EXPECT_EQ(s.materials[2].alpha_mode, AlphaMode::Opaque);
  EXPECT_EQ(s.materials[2].base_color, glm::vec4(0.1f, 0.2f, 0.3f, 0.4f));
}

TEST(Samplers, WrapAndFilterMapping) {
  using axis::scene::Filter;
  using axis::scene::Wrap;
  GltfBuilder g = with_triangle_mesh();
  struct Case {
    json sampler;
    Filter mag, min, mip;
    bool mipmaps;
    Wrap s, t;
  };
  const std::vector<Case> cases = {
      {json::object(), Filter::Linear, Filter::Linear, Filter::Linear, true, Wrap::Repeat, Wrap::Repeat},
      {{{"magFilter", 9728}, {"minFilter", 9728}, {"wrapS", 33071}, {"wrapT", 33648}},
       Filter::Nearest, Filter::Nearest, Filter::Linear, false, Wrap::ClampToEdge, Wrap::MirroredRepeat},
      {{{"magFilter", 9729}, {"minFilter", 9729}, {"wrapS", 33648}, {"wrapT", 10497}},
       Filter::Linear, Filter::Linear, Filter::Linear, false, Wrap::MirroredRepeat, Wrap::Repeat},
      {{{"minFilter", 9984}}, Filter::Linear, Filter::Nearest, Filter::Nearest, true, Wrap::Repeat, Wrap::Repeat},
      {{{"minFilter", 9985}}, Filter::Linear, Filter::Linear, Filter::Nearest, true, Wrap::Repeat, Wrap::Repeat},
      {{{"minFilter", 9986}}, Filter::Linear, Filter::Nearest, Filter::Linear, true, Wrap::Repeat, Wrap::Repeat},
      {{{"minFilter", 9987}, {"wrapT", 33071}}, Filter::Linear, Filter::Linear, Filter::Linear, true, Wrap::Repeat,
       Wrap::ClampToEdge},
  };
  std::vector<uint8_t> png = {0x89, 'P', 'N', 'G'};
  for (const auto& c : cases) g.doc["samplers"].push_back(c.sampler);
  for (size_t i = 0; i < cases.size(); ++i) g.png_texture(png, static_cast<int>(i));
  g.png_texture(png);  // no sampler
  g.scene({g.node({{"mesh", 0}})});
  Scene s = g.load(false, {.decode_images = false});
  ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  ASSERT_EQ(s.samplers.size(), cases.size());
  for (size_t i = 0; i < cases.size(); ++i) {
    SCOPED_TRACE("sampler " + cases[i].sampler.dump());
    const auto& got = s.samplers[i];
    EXPECT_EQ(got.mag, cases[i].mag);
    EXPECT_EQ(got.min, cases[i].min);
    EXPECT_EQ(got.mipmaps, cases[i].mipmaps);
    if (cases[i].mipmaps) {
      EXPECT_EQ(got.mip, cases[i].mip);
    }
    EXPECT_EQ(got.wrap_s, cases[i].s);
    EXPECT_EQ(got.wrap_t, cases[i].t);
    EXPECT_EQ(s.textures[i].sampler, static_cast<int>(i));
  }
  EXPECT_EQ(s.textures.back().sampler, -1);
}

TEST(Samplers, TextureTransformSampleClampsWithoutMipmaps) {
  axis::scene::LoadOptions lite;
  lite.decode_images = false;
  Scene s = load_ok(sample_gltf("TextureTransformTest"), lite);
  ASSERT_EQ(s.samplers.size(), 1u);
  EXPECT_EQ(s.samplers[0].wrap_s, axis::scene::Wrap::ClampToEdge);
  EXPECT_EQ(s.samplers[0].wrap_t, axis::scene::Wrap::ClampToEdge);
  EXPECT_FALSE(s.samplers[0].mipmaps);
}

// Mesh 0 under node 0 (translated to x = 100), drawn three times by EXT_mesh_gpu_instancing.
GltfBuilder instanced(bool required) {
  GltfBuilder g = with_triangle_mesh();
  g.use_extension("EXT_mesh_gpu_instancing", required);
  int t = g.floats({0, 0, 0, 10, 0, 0, 0, 5, 0}, "VEC3");
  int r = g.floats({0, 0, 0, 1, 0, 0, kS45, kS45, 0, 0, 0, 1}, "VEC4");
  int sc = g.floats({1, 1, 1, 1, 1, 1, 2, 2, 2}, "VEC3");
  g.scene({g.node({{"mesh", 0},
                   {"translation", {100, 0, 0}},
                   {"extensions", {{"EXT_mesh_gpu_instancing", {{"attributes", {{"TRANSLATION", t}, {"ROTATION", r}, {"SCALE", sc}}}}}}}})});
  return g;
}

TEST(Instancing, InstancesAndTheirTransforms) {
  for (bool required : {false, true}) {
    SCOPED_TRACE(required ? "required" : "used");
    Scene s = instanced(required).load();
    ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
    EXPECT_TRUE(s.extensions_unsupported.empty());
    const auto& inst = s.nodes.at(0).instances;
    ASSERT_EQ(inst.size(), 3u);
    auto at = [&](size_t i, glm::dvec3 p) { return apply(glm::dmat4(inst[i]), p); };
    expect_near(at(0, {1, 0, 0}), {1, 0, 0}, "instance 0");
    expect_near(at(1, {1, 0, 0}), {10, 1, 0}, "instance 1 (turned, then moved)");
    expect_near(at(1, {0, 1, 0}), {9, 0, 0}, "instance 1 y");
    expect_near(at(2, {1, 0, 0}), {2, 5, 0}, "instance 2 (scaled, then moved)");
    // Instances are relative to the node: the scene bounds include the node's translation.
    expect_near(s.bounds.min, {100, 0, 0}, "bounds min");
    expect_near(s.bounds.max, {110, 7, 0}, "bounds max");
    auto stats = axis::scene::compute_stats(s);
    EXPECT_EQ(stats.mesh_instances, 3u);
    EXPECT_EQ(stats.triangles, 3u);
  }
}

TEST(Instancing, TranslationOnly) {
  GltfBuilder g = with_triangle_mesh();
  g.use_extension("EXT_mesh_gpu_instancing");
  std::vector<float> t;
  for (int i = 0; i < 5; ++i) t.insert(t.end(), {0, 0, float(i * 2)});
  int acc = g.floats(t, "VEC3");
  g.scene({g.node({{"mesh", 0}, {"extensions", {{"EXT_mesh_gpu_instancing", {{"attributes", {{"TRANSLATION", acc}}}}}}}})});
  Scene s = g.load();
  ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  ASSERT_EQ(s.nodes[0].instances.size(), 5u);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(glm::dmat4(s.nodes[0].instances[i]), glm::translate(glm::dmat4(1.0), glm::dvec3(0, 0, i * 2)));
  expect_near(s.bounds.max, {1, 1, 8}, "bounds max");
  EXPECT_EQ(axis::scene::compute_stats(s).triangles, 5u);
}

TEST(Instancing, MismatchedCountsAreAnError) {
  GltfBuilder g = with_triangle_mesh();
  g.use_extension("EXT_mesh_gpu_instancing");
  int t = g.floats({0, 0, 0, 1, 0, 0}, "VEC3");
  int sc = g.floats({1, 1, 1, 1, 1, 1, 1, 1, 1}, "VEC3");
  g.scene({g.node({{"mesh", 0}, {"extensions", {{"EXT_mesh_gpu_instancing", {{"attributes", {{"TRANSLATION", t}, {"SCALE", sc}}}}}}}})});
  Scene s = g.load();
  EXPECT_TRUE(has_error(s, {"node[0]", "EXT_mesh_gpu_instancing"})) << problems_text(s);
}

}  // namespace
