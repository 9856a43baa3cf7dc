// Accessor forms, read end to end through load_model from tiny hand-made glTF files: every component
// type, normalized integers (byte c/127 clamped at -1, ubyte c/255, short c/32767, ushort c/65535),
// interleaved and strided views, sparse accessors with and without a bufferView, missing indices,
// TEXCOORD_1, COLOR_0 as vec3 and vec4, data URIs and external buffers.
#include "fixtures.h"

#include "scene/import.h"

#include <cmath>
#include <limits>

namespace {

using namespace axis_test;
using axis::scene::Primitive;
using axis::scene::Scene;

const Primitive& only_primitive(const Scene& s) {
  EXPECT_EQ(s.meshes.size(), 1u);
  EXPECT_EQ(s.meshes.at(0).primitives.size(), 1u);
  return s.meshes.at(0).primitives.at(0);
}

// A triangle's positions as float VEC3 (three vertices).
int triangle_positions(GltfBuilder& g) { return g.floats({0, 0, 0, 1, 0, 0, 0, 1, 0}, "VEC3"); }

// Values of type T laid out as VEC`comps` elements `stride` bytes apart.
template <typename T>
std::vector<uint8_t> strided(const std::vector<T>& v, size_t comps, size_t stride) {
  ByteWriter w;
  for (size_t e = 0; e < v.size() / comps; ++e) {
    for (size_t c = 0; c < comps; ++c) w.put<T>(v[e * comps + c]);
    w.pad_to((e + 1) * stride);
  }
  return w.bytes;
}

template <typename T>
void check_positions_of_type(int component_type, const std::vector<T>& raw) {
  SCOPED_TRACE("componentType " + std::to_string(component_type));
  GltfBuilder g;
  g.use_extension("KHR_mesh_quantization", true);
  // Vertex attribute elements are 4-byte aligned: 1- and 2-byte VEC3s need a byteStride.
  size_t stride = (3 * sizeof(T) + 3) / 4 * 4;
  auto bytes = strided(raw, 3, stride);
  int view = g.view(bytes.data(), bytes.size(), static_cast<int>(stride));
  int pos = g.accessor(view, component_type, raw.size() / 3, "VEC3");
  g.single({{"attributes", {{"POSITION", pos}}}});
  Scene s = g.load();
  ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  const Primitive& p = only_primitive(s);
  // No NORMAL: the triangle is unwelded for flat normals, so vertex i is still vertex i here.
  ASSERT_EQ(p.positions.size(), raw.size() / 3);
  for (size_t i = 0; i < raw.size(); ++i)
    EXPECT_EQ(p.positions[i / 3][i % 3], static_cast<float>(raw[i])) << "component " << i;
}

TEST(AccessorForms, EveryComponentTypeAsPlainIntegersOrFloats) {
  check_positions_of_type<int8_t>(kByte, {-128, 5, 127, 3, -7, 0, 0, 100, -1});
  check_positions_of_type<uint8_t>(kUByte, {0, 5, 255, 3, 200, 0, 0, 100, 1});
  check_positions_of_type<int16_t>(kShort, {-32768, 500, 32767, 3, -7000, 0, 0, 100, -1});
  check_positions_of_type<uint16_t>(kUShort, {0, 500, 65535, 3, 40000, 0, 0, 100, 1});
  check_positions_of_type<uint32_t>(kUInt, {0, 70000, 16777216, 3, 123456, 0, 0, 100, 1});
  check_positions_of_type<float>(kFloat, {-1.5f, 2.25f, 1e6f, 3.0f, -7.125f, 0.0f, 0.0f, 1e-6f, -1.0f});
}

// Normalized integers, per the glTF spec: signed values divide by the positive maximum and clamp at -1.
double expected_normalized(int component_type, double c) {
  switch (component_type) {
    case kByte: return std::max(c / 127.0, -1.0);
    case kUByte: return c / 255.0;
    case kShort: return std::max(c / 32767.0, -1.0);
    case kUShort: return c / 65535.0;
    default: return std::numeric_limits<double>::quiet_NaN();
  }
}

template <typename T>
void check_normalized_uvs(int component_type, const std::vector<T>& raw) {
  SCOPED_TRACE("componentType " + std::to_string(component_type));
  ASSERT_EQ(raw.size() % 6, 0u);  // whole triangles of VEC2s
  GltfBuilder g;
  g.use_extension("KHR_mesh_quantization", true);
  size_t n = raw.size() / 2;
  std::vector<float> pos;
  for (size_t i = 0; i < n; ++i) pos.insert(pos.end(), {float(i % 3 == 1), float(i % 3 == 2), float(i / 3)});
  int p = g.floats(pos, "VEC3");
  auto bytes = strided(raw, 2, 4);  // 4-byte aligned elements
  int view = g.view(bytes.data(), bytes.size(), 4);
  int uv = g.accessor(view, component_type, n, "VEC2", 0, /*normalized=*/true);
  g.single({{"attributes", {{"POSITION", p}, {"TEXCOORD_0", uv}}}});
  Scene s = g.load();
  ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  const Primitive& prim = only_primitive(s);
  ASSERT_EQ(prim.uv0.size(), n);
  for (size_t i = 0; i < raw.size(); ++i) {
    float got = prim.uv0[i / 2][i % 2];
    EXPECT_FLOAT_EQ(got, static_cast<float>(expected_normalized(component_type, raw[i]))) << "value " << +raw[i];
    EXPECT_GE(got, component_type == kByte || component_type == kShort ? -1.0f : 0.0f);
    EXPECT_LE(got, 1.0f);
  }
}

TEST(AccessorForms, NormalizedIntegersMapExactly) {
  check_normalized_uvs<int8_t>(kByte, {-128, -127, -64, -1, 0, 1, 64, 126, 127, 2, 3, 4});
  check_normalized_uvs<uint8_t>(kUByte, {0, 1, 2, 127, 128, 200, 254, 255, 17, 34, 51, 68});
  check_normalized_uvs<int16_t>(kShort, {-32768, -32767, -16384, -1, 0, 1, 16384, 32766, 32767, 2, 3, 4});
  check_normalized_uvs<uint16_t>(kUShort, {0, 1, 2, 32767, 32768, 40000, 65534, 65535, 17, 34, 51, 68});
}

TEST(AccessorForms, NormalizedExtremesAreExact) {
  // The ends of every range map exactly onto -1, 0 and 1.
  EXPECT_EQ(expected_normalized(kByte, -128), -1.0);
  GltfBuilder g;
  g.use_extension("KHR_mesh_quantization", true);
  int p = triangle_positions(g);
  std::vector<int8_t> b = {-128, 127, 0, 0, -127, 127, 0, 0, 0, -1, 0, 0};
  int uv = g.accessor(g.view(b.data(), b.size(), 4), kByte, 3, "VEC2", 0, true);
  g.single({{"attributes", {{"POSITION", p}, {"TEXCOORD_0", uv}}}});
  Scene s = g.load();
  ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  const auto& uv0 = only_primitive(s).uv0;
  ASSERT_EQ(uv0.size(), 3u);
  EXPECT_EQ(uv0[0], glm::vec2(-1.0f, 1.0f));
  EXPECT_EQ(uv0[1], glm::vec2(-1.0f, 1.0f));
  EXPECT_EQ(uv0[2].x, 0.0f);
}

TEST(AccessorForms, IndexComponentTypes) {
  for (int type : {kUByte, kUShort, kUInt}) {
    SCOPED_TRACE("index componentType " + std::to_string(type));
    GltfBuilder g;
    // A quad: 4 vertices with normals (so vertices are not unwelded), two triangles.
    int p = g.floats({0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0}, "VEC3");
    int n = g.floats({0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1}, "VEC3");
    std::vector<uint32_t> idx = {0, 1, 2, 0, 2, 3};
    int acc;
    if (type == kUByte) acc = g.values(std::vector<uint8_t>(idx.begin(), idx.end()), type, "SCALAR");
    else if (type == kUShort) acc = g.values(std::vector<uint16_t>(idx.begin(), idx.end()), type, "SCALAR");
    else acc = g.values(idx, type, "SCALAR");
    g.single({{"attributes", {{"POSITION", p}, {"NORMAL", n}}}, {"indices", acc}});
    Scene s = g.load();
    ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
    EXPECT_EQ(only_primitive(s).indices, idx);
    EXPECT_EQ(only_primitive(s).triangle_count(), 2u);
  }
}

TEST(AccessorForms, SignedIndicesAreAnError) {
  GltfBuilder g;
  int p = triangle_positions(g);
  int acc = g.values(std::vector<int16_t>{0, 1, 2}, kShort, "SCALAR");
  g.single({{"attributes", {{"POSITION", p}}}, {"indices", acc}});
  Scene s = g.load();
  EXPECT_TRUE(has_error(s, {"indices"})) << problems_text(s);
}

TEST(AccessorForms, InterleavedView) {
  // One view, 36-byte vertices: position (12), normal (12), uv (8), 4 bytes of padding.
  const float pos[3][3] = {{1, 2, 3}, {4, 5, 6}, {7, 8, 10}};
  const float nrm[3][3] = {{0, 0, 1}, {0, 1, 0}, {1, 0, 0}};
  const float uv[3][2] = {{0.1f, 0.2f}, {0.3f, 0.4f}, {0.5f, 0.6f}};
  ByteWriter w;
  for (int v = 0; v < 3; ++v) {
    for (float f : pos[v]) w.put(f);
    for (float f : nrm[v]) w.put(f);
    for (float f : uv[v]) w.put(f);
    w.pad_to(36 * (v + 1));
  }
  for (bool embed : {false, true}) {
    SCOPED_TRACE(embed ? "data URI buffer" : "external .bin");
    GltfBuilder g;
    int view = g.view(w.bytes.data(), w.bytes.size(), 36);
    int ap = g.accessor(view, kFloat, 3, "VEC3", 0);
    int an = g.accessor(view, kFloat, 3, "VEC3", 12);
    int au = g.accessor(view, kFloat, 3, "VEC2", 24);
    g.single({{"attributes", {{"POSITION", ap}, {"NORMAL", an}, {"TEXCOORD_0", au}}}});
    Scene s = g.load(embed);
    ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
    const Primitive& p = only_primitive(s);
    ASSERT_EQ(p.positions.size(), 3u);
    for (int v = 0; v < 3; ++v) {
      EXPECT_EQ(p.positions[v], glm::vec3(pos[v][0], pos[v][1], pos[v][2]));
      EXPECT_EQ(p.normals[v], glm::vec3(nrm[v][0], nrm[v][1], nrm[v][2]));
      EXPECT_EQ(p.uv0[v], glm::vec2(uv[v][0], uv[v][1]));
    }
    EXPECT_FALSE(p.generated_normals);
    EXPECT_EQ(p.indices, (std::vector<uint32_t>{0, 1, 2}));
  }
}

TEST(AccessorForms, StridedViewWithAccessorOffset) {
  // Positions 20 bytes apart in a view that starts with 8 bytes of something else.
  ByteWriter w;
  w.put<uint32_t>(0xDEADBEEF).put<uint32_t>(0xDEADBEEF);
  const float pos[4][3] = {{-1, -1, 0}, {1, -1, 0}, {1, 1, 0}, {-1, 1, 0.5f}};
  for (int v = 0; v < 4; ++v) {
    for (float f : pos[v]) w.put(f);
    w.pad_to(8 + 20 * (v + 1), 0xFF);  // NaN patterns in the gaps
  }
  GltfBuilder g;
  int view = g.view(w.bytes.data(), w.bytes.size(), 20);
  int ap = g.accessor(view, kFloat, 4, "VEC3", 8);
  g.single({{"attributes", {{"POSITION", ap}}}, {"indices", g.indices({0, 1, 2, 0, 2, 3})}});
  Scene s = g.load();
  ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  const Primitive& p = only_primitive(s);
  // Flat normals: unwelded into 6 corners, in index order.
  const int order[6] = {0, 1, 2, 0, 2, 3};
  ASSERT_EQ(p.positions.size(), 6u);
  for (int i = 0; i < 6; ++i) EXPECT_EQ(p.positions[i], glm::vec3(pos[order[i]][0], pos[order[i]][1], pos[order[i]][2]));
  EXPECT_TRUE(p.bounds.valid());
  EXPECT_EQ(p.bounds.min, glm::dvec3(-1, -1, 0));
  EXPECT_EQ(p.bounds.max, glm::dvec3(1, 1, 0.5));
}

TEST(AccessorForms, SparseWithBufferView) {
  for (int index_type : {kUByte, kUShort, kUInt}) {
    SCOPED_TRACE("sparse indices componentType " + std::to_string(index_type));
    GltfBuilder g;
    std::vector<float> base = {0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 2, 2, 2, 3, 3, 3};
    int acc = g.floats(base, "VEC3");
    int iv;
    if (index_type == kUByte) iv = g.view(std::vector<uint8_t>{1, 4});
    else if (index_type == kUShort) iv = g.view(std::vector<uint16_t>{1, 4});
    else iv = g.view(std::vector<uint32_t>{1, 4});
    int vv = g.view(std::vector<float>{9, 8, 7, -5, -6, -7});
    g.doc["accessors"][acc]["sparse"] = {{"count", 2},
                                         {"indices", {{"bufferView", iv}, {"componentType", index_type}}},
                                         {"values", {{"bufferView", vv}}}};
    int nrm = g.floats(std::vector<float>(18, 0.0f), "VEC3");
    g.single({{"attributes", {{"POSITION", acc}, {"NORMAL", nrm}}}});
    Scene s = g.load();
    ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
    const Primitive& p = only_primitive(s);
    ASSERT_EQ(p.positions.size(), 6u);
    std::vector<float> want = base;
    want[3] = 9, want[4] = 8, want[5] = 7;
    want[12] = -5, want[13] = -6, want[14] = -7;
    for (size_t i = 0; i < want.size(); ++i) EXPECT_EQ(p.positions[i / 3][i % 3], want[i]) << "component " << i;
  }
}

TEST(AccessorForms, SparseWithoutBufferViewStartsFromZeros) {
  GltfBuilder g;
  int iv = g.view(std::vector<uint16_t>{2, 0});
  int vv = g.view(std::vector<float>{5, 6, 7, 1, 2, 3});
  int acc = g.accessor(-1, kFloat, 4, "VEC3");
  g.doc["accessors"][acc]["sparse"] = {{"count", 2},
                                       {"indices", {{"bufferView", iv}, {"componentType", kUShort}}},
                                       {"values", {{"bufferView", vv}}}};
  int nrm = g.floats({0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1}, "VEC3");
  g.single({{"attributes", {{"POSITION", acc}, {"NORMAL", nrm}}}, {"mode", kPoints}});
  Scene s = g.load();
  ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  const Primitive& p = only_primitive(s);
  ASSERT_EQ(p.positions.size(), 4u);
  EXPECT_EQ(p.positions[0], glm::vec3(1, 2, 3));
  EXPECT_EQ(p.positions[1], glm::vec3(0, 0, 0));
  EXPECT_EQ(p.positions[2], glm::vec3(5, 6, 7));
  EXPECT_EQ(p.positions[3], glm::vec3(0, 0, 0));
}

TEST(AccessorForms, SparseSampleModel) {
  // SimpleSparseAccessor: a 14-vertex grid whose vertices 8, 10 and 12 are lifted by sparse values.
  json doc = read_json(sample_gltf("SimpleSparseAccessor"));
  Scene s = load_ok(sample_gltf("SimpleSparseAccessor"));
  const json& acc = doc["accessors"][doc["meshes"][0]["primitives"][0]["attributes"]["POSITION"].get<int>()];
  ASSERT_TRUE(acc.contains("sparse"));
  const Primitive& p = only_primitive(s);
  // The bounds of the positions read (sparse values applied) are the accessor's declared min/max.
  for (int k = 0; k < 3; ++k) {
    EXPECT_FLOAT_EQ(static_cast<float>(p.bounds.min[k]), acc["min"][k].get<float>()) << k;
    EXPECT_FLOAT_EQ(static_cast<float>(p.bounds.max[k]), acc["max"][k].get<float>()) << k;
  }
}

TEST(AccessorForms, SparseIndexOutOfRangeIsAnError) {
  GltfBuilder g;
  int acc = g.floats({0, 0, 0, 1, 0, 0, 0, 1, 0}, "VEC3");
  int iv = g.view(std::vector<uint8_t>{7});
  int vv = g.view(std::vector<float>{1, 1, 1});
  g.doc["accessors"][acc]["sparse"] = {{"count", 1},
                                       {"indices", {{"bufferView", iv}, {"componentType", kUByte}}},
                                       {"values", {{"bufferView", vv}}}};
  g.single({{"attributes", {{"POSITION", acc}}}});
  Scene s = g.load();
  EXPECT_TRUE(has_error(s, {"sparse", "7"})) << problems_text(s);
}

TEST(AccessorForms, SparseIndicesMustBeUnsignedIntegers) {
  // glTF: sparse.indices.componentType is UNSIGNED_BYTE, UNSIGNED_SHORT or UNSIGNED_INT. Anything else
  // cannot say which elements to replace, and must not be read as "element 0" for every value.
  for (int bad_type : {kFloat, kByte, kShort}) {
    SCOPED_TRACE("sparse indices componentType " + std::to_string(bad_type));
    for (bool as_indices : {false, true}) {
      SCOPED_TRACE(as_indices ? "sparse index buffer" : "sparse POSITION");
      GltfBuilder g;
      int pos = g.floats({0, 0, 0, 1, 0, 0, 0, 1, 0}, "VEC3");
      int iv = bad_type == kFloat ? g.view(std::vector<float>{1, 2}) : g.view(std::vector<int16_t>{1, 2});
      json prim = {{"attributes", {{"POSITION", pos}}}};
      if (as_indices) {
        int idx = g.values(std::vector<uint16_t>{0, 1, 2}, kUShort, "SCALAR");
        int vv = g.view(std::vector<uint16_t>{2, 1});
        g.doc["accessors"][idx]["sparse"] = {{"count", 2},
                                             {"indices", {{"bufferView", iv}, {"componentType", bad_type}}},
                                             {"values", {{"bufferView", vv}}}};
        prim["indices"] = idx;
      } else {
        int vv = g.view(std::vector<float>{5, 5, 5, 6, 6, 6});
        g.doc["accessors"][pos]["sparse"] = {{"count", 2},
                                             {"indices", {{"bufferView", iv}, {"componentType", bad_type}}},
                                             {"values", {{"bufferView", vv}}}};
      }
      g.single(prim);
      Scene s = g.load();
      EXPECT_TRUE(has_error(s, {"sparse"})) << problems_text(s);
    }
  }
}

TEST(AccessorForms, MissingIndicesDrawVerticesInOrder) {
  GltfBuilder g;
  std::vector<float> pos, nrm;
  for (int i = 0; i < 9; ++i) {
    pos.insert(pos.end(), {float(i), float(i % 3 == 1), float(i % 3 == 2)});
    nrm.insert(nrm.end(), {0, 0, 1});
  }
  g.single({{"attributes", {{"POSITION", g.floats(pos, "VEC3")}, {"NORMAL", g.floats(nrm, "VEC3")}}}});
  Scene s = g.load();
  ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  const Primitive& p = only_primitive(s);
  EXPECT_EQ(p.indices, (std::vector<uint32_t>{0, 1, 2, 3, 4, 5, 6, 7, 8}));
  EXPECT_EQ(p.triangle_count(), 3u);
  EXPECT_EQ(axis::scene::compute_stats(s).triangles, 3u);
}

TEST(AccessorForms, TexcoordOneIsReadSeparately) {
  GltfBuilder g;
  int p = triangle_positions(g);
  int uv0 = g.floats({0, 0, 1, 0, 0, 1}, "VEC2");
  int uv1 = g.floats({0.5f, 0.25f, 0.75f, 0.125f, 0.0625f, 1.0f}, "VEC2");
  g.single({{"attributes", {{"POSITION", p}, {"TEXCOORD_0", uv0}, {"TEXCOORD_1", uv1}}}});
  Scene s = g.load();
  ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  const Primitive& prim = only_primitive(s);
  ASSERT_EQ(prim.uv1.size(), 3u);
  EXPECT_EQ(prim.uv0[1], glm::vec2(1, 0));
  EXPECT_EQ(prim.uv1[0], glm::vec2(0.5f, 0.25f));
  EXPECT_EQ(prim.uv1[1], glm::vec2(0.75f, 0.125f));
  EXPECT_EQ(prim.uv1[2], glm::vec2(0.0625f, 1.0f));
}

TEST(AccessorForms, MultiUvSampleHasBothSets) {
  Scene s = load_ok(sample_gltf("MultiUVTest"));
  const Primitive& p = only_primitive(s);
  EXPECT_EQ(p.uv0.size(), p.positions.size());
  EXPECT_EQ(p.uv1.size(), p.positions.size());
  EXPECT_NE(p.uv0, p.uv1);
  // Its material samples the second texture with TEXCOORD_1.
  json doc = read_json(sample_gltf("MultiUVTest"));
  const auto& m = s.materials.at(0);
  const json& jm = doc["materials"][0];
  EXPECT_EQ(m.base_color_tex.uv_set, jm["pbrMetallicRoughness"]["baseColorTexture"].value("texCoord", 0));
  EXPECT_EQ(m.emissive_tex.uv_set, jm.contains("emissiveTexture") ? jm["emissiveTexture"].value("texCoord", 0) : 0);
}

TEST(AccessorForms, ColorVec3FloatGetsOpaqueAlpha) {
  GltfBuilder g;
  int p = triangle_positions(g);
  int c = g.floats({1, 0, 0, 0, 0.5f, 0, 0.25f, 0.125f, 1}, "VEC3");
  g.single({{"attributes", {{"POSITION", p}, {"COLOR_0", c}}}});
  Scene s = g.load();
  ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  const auto& col = only_primitive(s).colors;
  ASSERT_EQ(col.size(), 3u);
  EXPECT_EQ(col[0], glm::vec4(1, 0, 0, 1));
  EXPECT_EQ(col[1], glm::vec4(0, 0.5f, 0, 1));
  EXPECT_EQ(col[2], glm::vec4(0.25f, 0.125f, 1, 1));
}

TEST(AccessorForms, ColorVec4FloatKeepsAlpha) {
  GltfBuilder g;
  int p = triangle_positions(g);
  int c = g.floats({1, 0, 0, 0.5f, 0, 1, 0, 0.25f, 0, 0, 1, 0}, "VEC4");
  g.single({{"attributes", {{"POSITION", p}, {"COLOR_0", c}}}});
  Scene s = g.load();
  ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  const auto& col = only_primitive(s).colors;
  ASSERT_EQ(col.size(), 3u);
  EXPECT_EQ(col[0], glm::vec4(1, 0, 0, 0.5f));
  EXPECT_EQ(col[1], glm::vec4(0, 1, 0, 0.25f));
  EXPECT_EQ(col[2], glm::vec4(0, 0, 1, 0));
}

TEST(AccessorForms, ColorNormalizedUByteVec4AndUShortVec3) {
  {
    GltfBuilder g;
    int p = triangle_positions(g);
    std::vector<uint8_t> c = {255, 0, 128, 255, 0, 51, 255, 102, 1, 2, 3, 0};
    int acc = g.accessor(g.view(c), kUByte, 3, "VEC4", 0, true);
    g.single({{"attributes", {{"POSITION", p}, {"COLOR_0", acc}}}});
    Scene s = g.load();
    ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
    const auto& col = only_primitive(s).colors;
    ASSERT_EQ(col.size(), 3u);
    for (size_t i = 0; i < c.size(); ++i) EXPECT_FLOAT_EQ(col[i / 4][i % 4], c[i] / 255.0f) << i;
  }
  {
    GltfBuilder g;
    int p = triangle_positions(g);
    std::vector<uint16_t> c = {65535, 0, 32768, 0, 0, 0, 0, 0, 13107, 65535, 65535, 65535};  // VEC3, 8-byte stride
    int acc = g.accessor(g.view(c.data(), c.size() * 2, 8), kUShort, 3, "VEC3", 0, true);
    g.single({{"attributes", {{"POSITION", p}, {"COLOR_0", acc}}}});
    Scene s = g.load();
    ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
    const auto& col = only_primitive(s).colors;
    ASSERT_EQ(col.size(), 3u);
    EXPECT_FLOAT_EQ(col[0].r, 1.0f);
    EXPECT_FLOAT_EQ(col[0].b, 32768 / 65535.0f);
    EXPECT_FLOAT_EQ(col[1].r, 0.0f);
    EXPECT_FLOAT_EQ(col[2].r, 13107 / 65535.0f);
    EXPECT_FLOAT_EQ(col[2].g, 1.0f);
    for (const auto& c4 : col) EXPECT_EQ(c4.a, 1.0f);
  }
}

TEST(AccessorForms, VertexColorSamplesAreReadInRange) {
  for (const char* model : {"BoxVertexColors", "VertexColorTest"}) {
    Scene s = load_ok(sample_gltf(model));
    size_t with_colors = 0;
    for (const auto& m : s.meshes)
      for (const auto& p : m.primitives) {
        if (p.colors.empty()) continue;
        ++with_colors;
        EXPECT_EQ(p.colors.size(), p.positions.size()) << model;
        for (const auto& c : p.colors)
          for (int k = 0; k < 4; ++k) {
            EXPECT_GE(c[k], 0.0f) << model;
            EXPECT_LE(c[k], 1.0f) << model;
          }
      }
    EXPECT_GT(with_colors, 0u) << model;
  }
}

TEST(AccessorForms, WrongComponentCountIsAnError) {
  GltfBuilder g;
  int p = g.floats({0, 0, 0, 1, 0, 0}, "VEC2");  // POSITION must be VEC3
  g.single({{"attributes", {{"POSITION", p}}}});
  Scene s = g.load();
  EXPECT_TRUE(has_error(s, {"POSITION", "components"})) << problems_text(s);
}

TEST(AccessorForms, StrideSmallerThanElementIsAnError) {
  GltfBuilder g;
  std::vector<float> pos = {0, 0, 0, 1, 0, 0, 0, 1, 0};
  int view = g.view(pos.data(), pos.size() * 4, 8);  // 8 < 12 bytes of a float VEC3
  int acc = g.accessor(view, kFloat, 2, "VEC3");
  g.single({{"attributes", {{"POSITION", acc}}}});
  Scene s = g.load();
  EXPECT_TRUE(s.diagnostics.has_errors()) << problems_text(s);
}

}  // namespace
