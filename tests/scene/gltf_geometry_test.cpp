// Geometry the glTF importer derives: flat normals when NORMAL is absent (unit, perpendicular to the
// triangle, facing its counter-clockwise side), tangents when a normal map is used without TANGENT (unit,
// orthogonal to the normal, w = +-1, along the UV u direction, glTF handedness), and strips, fans, loops
// converted to lists with their winding kept.
#include "fixtures.h"

#include "core/image.h"
#include "scene/geometry.h"
#include "scene/import.h"

#include <glm/gtc/matrix_transform.hpp>

#include <cmath>
#include <map>
#include <set>

namespace {

using namespace axis_test;
using axis::scene::Primitive;
using axis::scene::Scene;
using axis::scene::Topology;

const Primitive& only_primitive(const Scene& s) {
  EXPECT_EQ(s.meshes.size(), 1u);
  EXPECT_EQ(s.meshes.at(0).primitives.size(), 1u);
  return s.meshes.at(0).primitives.at(0);
}

std::vector<uint8_t> tiny_png() {
  axis::Rgba8Image img;
  img.width = img.height = 2;
  img.pixels = {128, 128, 255, 255, 128, 128, 255, 255, 128, 128, 255, 255, 128, 128, 255, 255};
  return axis::encode_png(img);
}

// A material with a (flat) normal map; returns the material index.
int normal_mapped_material(GltfBuilder& g, int tex_coord = 0) {
  int tex = g.png_texture(tiny_png());
  json normal = {{"index", tex}};
  if (tex_coord) normal["texCoord"] = tex_coord;
  return g.material({{"normalTexture", normal}});
}

glm::vec3 face_normal(const Primitive& p, size_t tri) {
  glm::vec3 a = p.positions[p.indices[tri * 3]], b = p.positions[p.indices[tri * 3 + 1]],
            c = p.positions[p.indices[tri * 3 + 2]];
  return glm::normalize(glm::cross(b - a, c - a));
}

TEST(FlatNormals, GeneratedUnitPerpendicularAndFacingTheWinding) {
  // Two triangles folded 90 degrees along a shared edge, sharing two indexed vertices, with UVs and colours.
  GltfBuilder g;
  std::vector<float> pos = {0, 0, 0, 1, 0, 0, 1, 1, 0, 1, 0, -1};
  std::vector<float> uv = {0, 0, 1, 0, 1, 1, 0.5f, 0.5f};
  std::vector<float> col = {1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 0};
  g.single({{"attributes", {{"POSITION", g.floats(pos, "VEC3")}, {"TEXCOORD_0", g.floats(uv, "VEC2")},
                            {"COLOR_0", g.floats(col, "VEC3")}}},
            {"indices", g.indices({0, 1, 2, 0, 3, 1})}});
  Scene s = g.load();
  ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  const Primitive& p = only_primitive(s);
  EXPECT_TRUE(p.generated_normals);
  // Unwelded: the shared vertices are duplicated so each face has its own normal.
  ASSERT_EQ(p.positions.size(), 6u);
  ASSERT_EQ(p.normals.size(), 6u);
  ASSERT_EQ(p.triangle_count(), 2u);
  for (size_t t = 0; t < 2; ++t) {
    glm::vec3 a = p.positions[p.indices[t * 3]], b = p.positions[p.indices[t * 3 + 1]], c = p.positions[p.indices[t * 3 + 2]];
    glm::vec3 winding = glm::cross(b - a, c - a);
    for (int k = 0; k < 3; ++k) {
      glm::vec3 n = p.normals[p.indices[t * 3 + k]];
      EXPECT_NEAR(glm::length(n), 1.0f, 1e-6f);
      EXPECT_NEAR(glm::dot(n, b - a), 0.0f, 1e-6f);
      EXPECT_NEAR(glm::dot(n, c - a), 0.0f, 1e-6f);
      EXPECT_GT(glm::dot(n, winding), 0.0f);
    }
  }
  // The first face lies in z = 0 (normal +Z), the second in y = 0 facing -Y.
  EXPECT_NEAR(glm::distance(p.normals[p.indices[0]], glm::vec3(0, 0, 1)), 0.0f, 1e-6f);
  EXPECT_NEAR(glm::distance(p.normals[p.indices[3]], glm::vec3(0, -1, 0)), 0.0f, 1e-6f);
  // Every other attribute followed its vertex when unwelding.
  std::map<std::tuple<float, float, float>, size_t> original;
  for (size_t v = 0; v < 4; ++v) original[{pos[v * 3], pos[v * 3 + 1], pos[v * 3 + 2]}] = v;
  ASSERT_EQ(p.uv0.size(), 6u);
  ASSERT_EQ(p.colors.size(), 6u);
  for (size_t v = 0; v < 6; ++v) {
    auto it = original.find({p.positions[v].x, p.positions[v].y, p.positions[v].z});
    ASSERT_NE(it, original.end());
    size_t o = it->second;
    EXPECT_EQ(p.uv0[v], glm::vec2(uv[o * 2], uv[o * 2 + 1]));
    EXPECT_EQ(p.colors[v], glm::vec4(col[o * 3], col[o * 3 + 1], col[o * 3 + 2], 1.0f));
  }
}

TEST(FlatNormals, GivenNormalsAreKept) {
  GltfBuilder g;
  int pos = g.floats({0, 0, 0, 1, 0, 0, 0, 1, 0}, "VEC3");
  int nrm = g.floats({0, 0.6f, 0.8f, 0, 0.6f, 0.8f, 0, 0.6f, 0.8f}, "VEC3");
  g.single({{"attributes", {{"POSITION", pos}, {"NORMAL", nrm}}}});
  Scene s = g.load();
  ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  const Primitive& p = only_primitive(s);
  EXPECT_FALSE(p.generated_normals);
  for (const auto& n : p.normals) EXPECT_EQ(n, glm::vec3(0, 0.6f, 0.8f));
}

TEST(FlatNormals, DegenerateTriangleGetsAUnitNormal) {
  GltfBuilder g;
  int pos = g.floats({0, 0, 0, 1, 1, 1, 2, 2, 2}, "VEC3");  // collinear
  g.single({{"attributes", {{"POSITION", pos}}}});
  Scene s = g.load();
  ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  for (const auto& n : only_primitive(s).normals) {
    EXPECT_FALSE(std::isnan(n.x) || std::isnan(n.y) || std::isnan(n.z));
    EXPECT_NEAR(glm::length(n), 1.0f, 1e-6f);
  }
}

// A unit quad in the XY plane facing +Z, mapped as a glTF texture is shown upright: u grows along +X,
// v grows downwards in the image, i.e. along -Y. `mirror_u` flips u (a mirrored UV island).
Scene normal_mapped_quad(bool mirror_u, bool with_normals = true, int uv_set = 0) {
  GltfBuilder g;
  int mat = normal_mapped_material(g, uv_set);
  std::vector<float> pos = {0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0};
  std::vector<float> uv;
  for (int v = 0; v < 4; ++v) {
    float x = pos[v * 3], y = pos[v * 3 + 1];
    uv.insert(uv.end(), {mirror_u ? 1 - x : x, 1 - y});
  }
  json attrs = {{"POSITION", g.floats(pos, "VEC3")}};
  if (with_normals) attrs["NORMAL"] = g.floats({0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1}, "VEC3");
  if (uv_set == 0) {
    attrs["TEXCOORD_0"] = g.floats(uv, "VEC2");
  } else {
    // UV set 0 runs along Y instead, so a tangent from the wrong set would point along Y.
    std::vector<float> other;
    for (int v = 0; v < 4; ++v) other.insert(other.end(), {pos[v * 3 + 1], pos[v * 3]});
    attrs["TEXCOORD_0"] = g.floats(other, "VEC2");
    attrs["TEXCOORD_1"] = g.floats(uv, "VEC2");
  }
  g.single({{"attributes", attrs}, {"indices", g.indices({0, 1, 2, 0, 2, 3})}, {"material", mat}});
  return g.load();
}

void expect_valid_tangents(const Primitive& p) {
  ASSERT_EQ(p.tangents.size(), p.positions.size());
  for (size_t i = 0; i < p.tangents.size(); ++i) {
    glm::vec3 t(p.tangents[i]);
    EXPECT_NEAR(glm::length(t), 1.0f, 1e-5f) << "vertex " << i;
    EXPECT_NEAR(glm::dot(t, p.normals[i]), 0.0f, 1e-5f) << "vertex " << i;
    EXPECT_TRUE(p.tangents[i].w == 1.0f || p.tangents[i].w == -1.0f) << "vertex " << i << " w " << p.tangents[i].w;
  }
}

TEST(GeneratedTangents, UnitOrthogonalAndAlongTheUDirection) {
  Scene s = normal_mapped_quad(false);
  ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  const Primitive& p = only_primitive(s);
  EXPECT_TRUE(p.generated_tangents);
  EXPECT_FALSE(p.generated_normals);
  expect_valid_tangents(p);
  for (const auto& t : p.tangents) EXPECT_NEAR(glm::distance(glm::vec3(t), glm::vec3(1, 0, 0)), 0.0f, 1e-5f);
}

TEST(GeneratedTangents, MirroredUvsFlipTheTangentAndTheHandedness) {
  Scene a = normal_mapped_quad(false), b = normal_mapped_quad(true);
  ASSERT_FALSE(a.diagnostics.has_errors() || b.diagnostics.has_errors()) << problems_text(a) << problems_text(b);
  const Primitive& pa = only_primitive(a);
  const Primitive& pb = only_primitive(b);
  expect_valid_tangents(pb);
  for (size_t i = 0; i < pb.tangents.size(); ++i) {
    EXPECT_NEAR(glm::distance(glm::vec3(pb.tangents[i]), glm::vec3(-1, 0, 0)), 0.0f, 1e-5f);
    EXPECT_EQ(pb.tangents[i].w, -pa.tangents[i].w);
  }
}

TEST(GeneratedTangents, BitangentFollowsGltfConventionTowardsImageUp) {
  // glTF: bitangent = cross(normal, tangent.xyz) * tangent.w, and the normal texture's +Y (green) is
  // "up" in the image, i.e. towards decreasing v. On the upright quad, image up is +Y in the world, so
  // w must be +1 (three.js negates MikkTSpace's sign for exactly this reason; the Khronos reference
  // viewer's derivative tangents give cross(n, t) unflipped here). The renderer (shaders/pbr.frag) uses
  // b = cross(n, t) * sign(w) as the direction of the texture's green channel.
  for (bool mirror : {false, true}) {
    SCOPED_TRACE(mirror ? "mirrored u" : "upright");
    Scene s = normal_mapped_quad(mirror);
    ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
    const Primitive& p = only_primitive(s);
    ASSERT_EQ(p.tangents.size(), p.positions.size());
    for (size_t i = 0; i < p.tangents.size(); ++i) {
      glm::vec3 b = glm::cross(p.normals[i], glm::vec3(p.tangents[i])) * p.tangents[i].w;
      EXPECT_NEAR(glm::distance(b, glm::vec3(0, 1, 0)), 0.0f, 1e-5f)
          << "vertex " << i << ": bitangent (" << b.x << ", " << b.y << ", " << b.z << ") points to image "
          << (b.y < 0 ? "down" : "sideways") << "; w = " << p.tangents[i].w;
    }
  }
}

TEST(GeneratedTangents, UseTheNormalTexturesUvSet) {
  Scene s = normal_mapped_quad(false, true, /*uv_set=*/1);
  ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  const Primitive& p = only_primitive(s);
  EXPECT_EQ(s.materials.at(0).normal_tex.uv_set, 1);
  expect_valid_tangents(p);
  for (const auto& t : p.tangents) EXPECT_NEAR(glm::distance(glm::vec3(t), glm::vec3(1, 0, 0)), 0.0f, 1e-5f);
}

TEST(GeneratedTangents, WithGeneratedFlatNormals) {
  Scene s = normal_mapped_quad(false, /*with_normals=*/false);
  ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  const Primitive& p = only_primitive(s);
  EXPECT_TRUE(p.generated_normals);
  EXPECT_TRUE(p.generated_tangents);
  ASSERT_EQ(p.positions.size(), 6u);
  expect_valid_tangents(p);
  for (const auto& t : p.tangents) EXPECT_NEAR(glm::distance(glm::vec3(t), glm::vec3(1, 0, 0)), 0.0f, 1e-5f);
}

TEST(GeneratedTangents, CurvedSurfaceStaysOrthonormal) {
  // A bent strip (a quarter cylinder): normals vary per vertex, tangents must follow u around the bend.
  GltfBuilder g;
  int mat = normal_mapped_material(g);
  std::vector<float> pos, nrm, uv;
  std::vector<uint32_t> idx;
  const int segs = 8;
  for (int i = 0; i <= segs; ++i) {
    float a = static_cast<float>(i) / segs * 1.5707963f;
    for (int row = 0; row < 2; ++row) {
      pos.insert(pos.end(), {std::sin(a), float(row), std::cos(a)});
      nrm.insert(nrm.end(), {std::sin(a), 0, std::cos(a)});
      uv.insert(uv.end(), {float(i) / segs, 1.0f - row});
    }
    if (i < segs) {
      uint32_t b = i * 2;
      idx.insert(idx.end(), {b, b + 2, b + 3, b, b + 3, b + 1});
    }
  }
  g.single({{"attributes", {{"POSITION", g.floats(pos, "VEC3")}, {"NORMAL", g.floats(nrm, "VEC3")},
                            {"TEXCOORD_0", g.floats(uv, "VEC2")}}},
            {"indices", g.indices(idx)},
            {"material", mat}});
  Scene s = g.load();
  ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  const Primitive& p = only_primitive(s);
  expect_valid_tangents(p);
  for (size_t v = 0; v < p.positions.size(); ++v) {
    // dP/du at this vertex: along the circle, (cos a, 0, -sin a).
    glm::vec3 n = p.normals[v];
    glm::vec3 along(n.z, 0, -n.x);
    EXPECT_GT(glm::dot(glm::vec3(p.tangents[v]), along), 0.99f) << "vertex " << v;
  }
}

TEST(GeneratedTangents, GivenTangentsAreKeptAndNoneWithoutNormalMap) {
  {
    GltfBuilder g;
    int mat = normal_mapped_material(g);
    int pos = g.floats({0, 0, 0, 1, 0, 0, 0, 1, 0}, "VEC3");
    int nrm = g.floats({0, 0, 1, 0, 0, 1, 0, 0, 1}, "VEC3");
    int uv = g.floats({0, 1, 1, 1, 0, 0}, "VEC2");
    int tan = g.floats({0, 1, 0, -1, 0, 1, 0, -1, 0, 1, 0, -1}, "VEC4");
    g.single({{"attributes", {{"POSITION", pos}, {"NORMAL", nrm}, {"TEXCOORD_0", uv}, {"TANGENT", tan}}}, {"material", mat}});
    Scene s = g.load();
    ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
    const Primitive& p = only_primitive(s);
    EXPECT_FALSE(p.generated_tangents);
    for (const auto& t : p.tangents) EXPECT_EQ(t, glm::vec4(0, 1, 0, -1));
  }
  {
    GltfBuilder g;
    int mat = g.material({{"pbrMetallicRoughness", {{"baseColorFactor", {1, 1, 1, 1}}}}});
    int pos = g.floats({0, 0, 0, 1, 0, 0, 0, 1, 0}, "VEC3");
    int uv = g.floats({0, 1, 1, 1, 0, 0}, "VEC2");
    g.single({{"attributes", {{"POSITION", pos}, {"TEXCOORD_0", uv}}}, {"material", mat}});
    Scene s = g.load();
    ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
    EXPECT_TRUE(only_primitive(s).tangents.empty());
    EXPECT_FALSE(only_primitive(s).generated_tangents);
  }
}

TEST(GeneratedTangents, SampleModelsWithNormalMapsGetValidTangents) {
  for (const char* model : {"NormalTangentTest", "DamagedHelmet"}) {
    SCOPED_TRACE(model);
    axis::scene::LoadOptions lite;
    lite.decode_images = false;
    Scene s = load_ok(sample_gltf(model), lite);
    size_t checked = 0;
    for (const auto& m : s.meshes)
      for (const auto& p : m.primitives) {
        ASSERT_GE(p.material, 0);
        if (!s.materials[p.material].normal_tex.used()) continue;
        EXPECT_TRUE(p.generated_tangents);
        ASSERT_EQ(p.tangents.size(), p.positions.size());
        for (size_t i = 0; i < p.tangents.size(); ++i) {
          glm::vec3 t(p.tangents[i]);
          ASSERT_NEAR(glm::length(t), 1.0f, 1e-4f) << "vertex " << i;
          ASSERT_NEAR(glm::dot(t, glm::normalize(p.normals[i])), 0.0f, 1e-4f) << "vertex " << i;
          ASSERT_TRUE(std::abs(p.tangents[i].w) == 1.0f) << "vertex " << i;
        }
        ++checked;
      }
    EXPECT_GT(checked, 0u);
  }
}

// Loads one primitive of `mode` over `count` vertices laid out by `pos`, without NORMAL.
Scene load_mode(int mode, const std::vector<float>& pos, const std::vector<uint32_t>& indices = {}) {
  GltfBuilder g;
  json prim = {{"attributes", {{"POSITION", g.floats(pos, "VEC3")}}}, {"mode", mode}};
  if (!indices.empty()) prim["indices"] = g.indices(indices);
  g.single(prim);
  return g.load();
}

// A zig-zag strip up the Y axis: vertex i at (i % 2, i / 2); the first triangle (0,0) (1,0) (0,1) is
// counter-clockwise seen from +Z, and a strip keeps that facing for every triangle.
std::vector<float> strip_positions(int n) {
  std::vector<float> pos;
  for (int i = 0; i < n; ++i) pos.insert(pos.end(), {float(i % 2), float(i / 2), 0.0f});
  return pos;
}

TEST(PrimitiveModes, TriangleStripBecomesListKeepingWinding) {
  auto pos = strip_positions(6);
  for (bool indexed : {false, true}) {
    SCOPED_TRACE(indexed ? "indexed" : "not indexed");
    Scene s = indexed ? load_mode(kTriangleStrip, pos, {0, 1, 2, 3, 4, 5}) : load_mode(kTriangleStrip, pos);
    ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
    const Primitive& p = only_primitive(s);
    EXPECT_EQ(p.topology, Topology::Triangles);
    ASSERT_EQ(p.triangle_count(), 4u);  // n - 2
    for (size_t t = 0; t < 4; ++t) {
      // Triangle t covers strip vertices t, t+1, t+2 (any order), all facing +Z like the first.
      std::set<std::pair<float, float>> got, want;
      for (int k = 0; k < 3; ++k) {
        glm::vec3 v = p.positions[p.indices[t * 3 + k]];
        got.insert({v.x, v.y});
        want.insert({pos[(t + k) * 3], pos[(t + k) * 3 + 1]});
      }
      EXPECT_EQ(got, want) << "triangle " << t;
      EXPECT_NEAR(glm::distance(face_normal(p, t), glm::vec3(0, 0, 1)), 0.0f, 1e-6f) << "triangle " << t;
      EXPECT_NEAR(glm::distance(p.normals[p.indices[t * 3]], glm::vec3(0, 0, 1)), 0.0f, 1e-6f);
    }
    EXPECT_EQ(axis::scene::compute_stats(s).triangles, 4u);
  }
}

TEST(PrimitiveModes, TriangleFanBecomesListAroundTheFirstVertex) {
  // Centre, then a counter-clockwise arc (seen from +Z).
  std::vector<float> pos = {0, 0, 0};
  for (int i = 0; i < 5; ++i) {
    float a = i * 0.6f;
    pos.insert(pos.end(), {std::cos(a), std::sin(a), 0});
  }
  Scene s = load_mode(kTriangleFan, pos);
  ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  const Primitive& p = only_primitive(s);
  ASSERT_EQ(p.triangle_count(), 4u);
  for (size_t t = 0; t < 4; ++t) {
    std::set<std::pair<float, float>> got, want = {{0.0f, 0.0f},
                                                   {pos[(t + 1) * 3], pos[(t + 1) * 3 + 1]},
                                                   {pos[(t + 2) * 3], pos[(t + 2) * 3 + 1]}};
    for (int k = 0; k < 3; ++k) {
      glm::vec3 v = p.positions[p.indices[t * 3 + k]];
      got.insert({v.x, v.y});
    }
    EXPECT_EQ(got, want) << "triangle " << t;
    EXPECT_NEAR(glm::distance(face_normal(p, t), glm::vec3(0, 0, 1)), 0.0f, 1e-5f) << "triangle " << t;
  }
}

TEST(PrimitiveModes, LinesLoopsStripsAndPoints) {
  std::vector<float> pos = {0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0};
  struct Case {
    int mode;
    Topology topology;
    std::vector<uint32_t> indices;
  };
  for (const Case& c : {Case{kLines, Topology::Lines, {0, 1, 2, 3}}, Case{kLineStrip, Topology::Lines, {0, 1, 1, 2, 2, 3}},
                        Case{kLineLoop, Topology::Lines, {0, 1, 1, 2, 2, 3, 3, 0}},
                        Case{kPoints, Topology::Points, {0, 1, 2, 3}}}) {
    SCOPED_TRACE("mode " + std::to_string(c.mode));
    Scene s = load_mode(c.mode, pos);
    ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
    const Primitive& p = only_primitive(s);
    EXPECT_EQ(p.topology, c.topology);
    EXPECT_EQ(p.indices, c.indices);
    EXPECT_EQ(p.triangle_count(), 0u);
    EXPECT_FALSE(p.generated_normals);
    auto stats = axis::scene::compute_stats(s);
    EXPECT_EQ(stats.triangles, 0u);
    if (c.topology == Topology::Lines) {
      EXPECT_EQ(stats.lines, c.indices.size() / 2);
    } else {
      EXPECT_EQ(stats.points, 4u);
    }
  }
}

TEST(PrimitiveModes, UnknownModeIsAnError) {
  Scene s = load_mode(9, {0, 0, 0, 1, 0, 0, 0, 1, 0});
  EXPECT_TRUE(has_error(s, {"mode"})) << problems_text(s);
}

TEST(GeometryFunctions, ComputeBoundsCoversEveryPosition) {
  Primitive p;
  p.positions = {{1, 2, 3}, {-4, 5, 0}, {2, -1, 7}};
  axis::scene::compute_bounds(p);
  EXPECT_EQ(p.bounds.min, glm::dvec3(-4, -1, 0));
  EXPECT_EQ(p.bounds.max, glm::dvec3(2, 5, 7));
  p.positions.clear();
  axis::scene::compute_bounds(p);
  EXPECT_FALSE(p.bounds.valid());
}

}  // namespace
