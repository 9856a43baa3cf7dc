// The Assimp path, on files written here: an OBJ cube with an MTL (Kd colour, a PNG texture written with
// axis::encode_png), ASCII and binary PLY point clouds with per-vertex uchar colours and no faces, ASCII
// and binary STL, and files Assimp cannot read.
#include "fixtures.h"

#include "core/image.h"
#include "scene/import.h"

#include <cmath>
#include <map>
#include <sstream>

namespace {

using namespace axis_test;
using axis::scene::Scene;
using axis::scene::Topology;

// The 8 corners of the cube [-1, 1]^3 and its 6 faces (outward, counter-clockwise), OBJ numbering.
const char* kCubeVertices =
    "v -1 -1 -1\nv 1 -1 -1\nv 1 1 -1\nv -1 1 -1\nv -1 -1 1\nv 1 -1 1\nv 1 1 1\nv -1 1 1\n";
const int kCubeFaces[6][4] = {{1, 4, 3, 2}, {5, 6, 7, 8}, {1, 2, 6, 5}, {4, 8, 7, 3}, {1, 5, 8, 4}, {2, 3, 7, 6}};

axis::Rgba8Image stone_image() {
  axis::Rgba8Image img;
  img.width = 4;
  img.height = 2;
  for (uint32_t i = 0; i < 8; ++i)
    img.pixels.insert(img.pixels.end(), {uint8_t(30 * i), uint8_t(255 - 20 * i), uint8_t(7 * i), 255});
  return img;
}

// cube.obj + cube.mtl (+ stone.png unless `with_texture` is false) in `dir`.
fs::path write_textured_cube(const fs::path& dir, bool with_texture = true) {
  std::ostringstream obj;
  obj << "# a textured cube\nmtllib cube.mtl\no cube\n" << kCubeVertices;
  // UVs with v away from the middle, so that flipping v (1 - v) is visible: 0.2 -> 0.8, 0.6 -> 0.4.
  obj << "vt 0.1 0.2\nvt 0.9 0.2\nvt 0.9 0.6\nvt 0.1 0.6\nusemtl stone\n";
  for (const auto& f : kCubeFaces) obj << "f " << f[0] << "/1 " << f[1] << "/2 " << f[2] << "/3 " << f[3] << "/4\n";
  write_raw(dir / "cube.obj", obj.str());
  write_raw(dir / "cube.mtl", std::string_view("newmtl stone\nKa 0 0 0\nKd 0.8 0.4 0.2\nKs 0 0 0\nNs 10\nd 1\nillum 2\n"
                                                "map_Kd stone.png\n"));
  if (with_texture) write_raw(dir / "stone.png", axis::encode_png(stone_image()));
  return dir / "cube.obj";
}

const axis::scene::Material* material_named(const Scene& s, const std::string& name) {
  for (const auto& m : s.materials)
    if (m.name == name) return &m;
  return nullptr;
}

TEST(AssimpObj, TexturedCubeWithMtl) {
  TempDir dir;
  fs::path path = write_textured_cube(dir.path());
  Scene s = load_ok(path);
  EXPECT_EQ(s.diagnostics.warning_count(), 0u) << problems_text(s);
  EXPECT_NE(s.format.find("OBJ"), std::string::npos) << s.format;
  auto stats = axis::scene::compute_stats(s);
  EXPECT_EQ(stats.triangles, 12u);
  EXPECT_EQ(stats.points, 0u);
  // Bounds of the cube.
  ASSERT_TRUE(s.bounds.valid());
  EXPECT_NEAR(glm::distance(s.bounds.min, glm::dvec3(-1)), 0.0, 1e-6);
  EXPECT_NEAR(glm::distance(s.bounds.max, glm::dvec3(1)), 0.0, 1e-6);

  // The material: Kd as the base colour, the texture found next to the file and decoded.
  const auto* m = material_named(s, "stone");
  ASSERT_NE(m, nullptr) << "no material 'stone'";
  EXPECT_NEAR(m->base_color.r, 0.8f, 1e-6f);
  EXPECT_NEAR(m->base_color.g, 0.4f, 1e-6f);
  EXPECT_NEAR(m->base_color.b, 0.2f, 1e-6f);
  EXPECT_FLOAT_EQ(m->base_color.a, 1.0f);
  EXPECT_EQ(m->alpha_mode, axis::scene::AlphaMode::Opaque);
  EXPECT_GE(m->roughness, 0.0f);
  EXPECT_LE(m->roughness, 1.0f);
  ASSERT_TRUE(m->base_color_tex.used());
  ASSERT_LT(static_cast<size_t>(m->base_color_tex.texture), s.textures.size());
  int image = s.textures[m->base_color_tex.texture].image;
  ASSERT_GE(image, 0);
  const auto& img = s.images.at(image);
  EXPECT_FALSE(img.placeholder);
  EXPECT_EQ(img.uri, "stone.png");
  EXPECT_EQ(img.width, 4u);
  EXPECT_EQ(img.height, 2u);
  EXPECT_EQ(img.rgba, stone_image().pixels);

  // Every primitive uses that material; UVs are flipped to glTF's convention (v down the image).
  size_t checked = 0;
  for (const auto& mesh : s.meshes)
    for (const auto& p : mesh.primitives) {
      if (p.triangle_count() == 0) continue;
      EXPECT_EQ(&s.materials.at(p.material), m);
      ASSERT_EQ(p.uv0.size(), p.positions.size());
      ASSERT_EQ(p.normals.size(), p.positions.size());
      for (const auto& uv : p.uv0) {
        EXPECT_TRUE(std::abs(uv.x - 0.1f) < 1e-6f || std::abs(uv.x - 0.9f) < 1e-6f) << uv.x;
        EXPECT_TRUE(std::abs(uv.y - 0.8f) < 1e-6f || std::abs(uv.y - 0.4f) < 1e-6f) << uv.y;
      }
      for (const auto& n : p.normals) EXPECT_NEAR(glm::length(n), 1.0f, 1e-4f);
      ++checked;
    }
  EXPECT_GT(checked, 0u);
}

TEST(AssimpObj, MissingTextureIsAWarningWithAPlaceholder) {
  TempDir dir;
  fs::path path = write_textured_cube(dir.path(), /*with_texture=*/false);
  Scene s = axis::scene::load_model(path);
  EXPECT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  EXPECT_TRUE(has_warning(s, {path.string(), "stone.png"})) << problems_text(s);
  const auto* m = material_named(s, "stone");
  ASSERT_NE(m, nullptr);
  ASSERT_TRUE(m->base_color_tex.used());
  const auto& img = s.images.at(s.textures.at(m->base_color_tex.texture).image);
  EXPECT_TRUE(img.placeholder);
  EXPECT_TRUE(img.rgba.empty());
  EXPECT_EQ(axis::scene::compute_stats(s).triangles, 12u);
}

struct ColoredPoint {
  float x, y, z;
  uint8_t r, g, b;
};
const std::vector<ColoredPoint> kPoints = {
    {0, 0, 0, 255, 0, 0}, {1, 0, 0, 0, 255, 0}, {0, 1, 0, 0, 0, 255}, {0, 0, 1, 128, 64, 10}, {2, 3, 4, 255, 255, 255},
    {-1, -2, -3, 0, 0, 0},
};

std::string ply_header(const char* format) {
  return std::string("ply\nformat ") + format + " 1.0\ncomment a scanned point cloud\nelement vertex " +
         std::to_string(kPoints.size()) +
         "\nproperty float x\nproperty float y\nproperty float z\nproperty uchar red\nproperty uchar green\n"
         "property uchar blue\nend_header\n";
}

// The IEC 61966-2-1 sRGB decoding of an 8-bit value.
float srgb_to_linear(uint8_t v) {
  double c = v / 255.0;
  return static_cast<float>(c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4));
}

void check_point_cloud(const fs::path& path) {
  Scene s = load_ok(path);
  auto stats = axis::scene::compute_stats(s);
  EXPECT_EQ(stats.points, kPoints.size());
  EXPECT_EQ(stats.triangles, 0u);
  size_t found = 0;
  for (const auto& mesh : s.meshes)
    for (const auto& p : mesh.primitives) {
      EXPECT_EQ(p.topology, Topology::Points);
      ASSERT_EQ(p.colors.size(), p.positions.size());
      EXPECT_EQ(p.indices.size(), p.positions.size());
      for (size_t v = 0; v < p.positions.size(); ++v) {
        for (const auto& want : kPoints) {
          if (glm::distance(p.positions[v], glm::vec3(want.x, want.y, want.z)) > 1e-6f) continue;
          ++found;
          EXPECT_NEAR(p.colors[v].r, srgb_to_linear(want.r), 1e-5f) << "point " << v;
          EXPECT_NEAR(p.colors[v].g, srgb_to_linear(want.g), 1e-5f) << "point " << v;
          EXPECT_NEAR(p.colors[v].b, srgb_to_linear(want.b), 1e-5f) << "point " << v;
          EXPECT_FLOAT_EQ(p.colors[v].a, 1.0f) << "point " << v;
        }
      }
    }
  EXPECT_EQ(found, kPoints.size());
  // 128 in sRGB is about 0.216 linear: the conversion is not a plain c / 255.
  EXPECT_NEAR(srgb_to_linear(128), 0.2158f, 1e-3f);
  ASSERT_TRUE(s.bounds.valid());
  EXPECT_NEAR(glm::distance(s.bounds.min, glm::dvec3(-1, -2, -3)), 0.0, 1e-6);
  EXPECT_NEAR(glm::distance(s.bounds.max, glm::dvec3(2, 3, 4)), 0.0, 1e-6);
}

TEST(AssimpPly, AsciiPointCloudWithColours) {
  TempDir dir;
  std::ostringstream ply;
  ply << ply_header("ascii");
  for (const auto& p : kPoints) ply << p.x << ' ' << p.y << ' ' << p.z << ' ' << +p.r << ' ' << +p.g << ' ' << +p.b << '\n';
  write_raw(dir / "scan.ply", ply.str());
  check_point_cloud(dir / "scan.ply");
}

TEST(AssimpPly, BinaryPointCloudWithColours) {
  TempDir dir;
  ByteWriter w;
  std::string header = ply_header("binary_little_endian");
  w.bytes.assign(header.begin(), header.end());
  for (const auto& p : kPoints) w.put(p.x).put(p.y).put(p.z).put(p.r).put(p.g).put(p.b);
  write_raw(dir / "scan.ply", w.bytes);
  check_point_cloud(dir / "scan.ply");
}

TEST(AssimpPly, TriangleMeshWithColours) {
  TempDir dir;
  std::ostringstream ply;
  ply << "ply\nformat ascii 1.0\nelement vertex 4\nproperty float x\nproperty float y\nproperty float z\n"
         "property uchar red\nproperty uchar green\nproperty uchar blue\nelement face 2\n"
         "property list uchar int vertex_indices\nend_header\n"
         "0 0 0 255 0 0\n1 0 0 0 255 0\n1 1 0 0 0 255\n0 1 0 128 128 128\n3 0 1 2\n3 0 2 3\n";
  write_raw(dir / "quad.ply", ply.str());
  Scene s = load_ok(dir / "quad.ply");
  EXPECT_EQ(axis::scene::compute_stats(s).triangles, 2u);
  size_t grey = 0;
  for (const auto& mesh : s.meshes)
    for (const auto& p : mesh.primitives) {
      EXPECT_EQ(p.topology, Topology::Triangles);
      ASSERT_EQ(p.colors.size(), p.positions.size());
      for (size_t v = 0; v < p.positions.size(); ++v) {
        if (glm::distance(p.positions[v], glm::vec3(0, 1, 0)) > 1e-6f) continue;
        ++grey;
        EXPECT_NEAR(p.colors[v].r, srgb_to_linear(128), 1e-5f);
        EXPECT_NEAR(p.colors[v].g, srgb_to_linear(128), 1e-5f);
      }
    }
  EXPECT_GT(grey, 0u);
}

const float kTetra[4][3][3] = {
    {{0, 0, 0}, {0, 1, 0}, {1, 0, 0}}, {{0, 0, 0}, {1, 0, 0}, {0, 0, 1}},
    {{0, 0, 0}, {0, 0, 1}, {0, 1, 0}}, {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}},
};

void check_tetrahedron(const fs::path& path) {
  Scene s = load_ok(path);
  EXPECT_EQ(axis::scene::compute_stats(s).triangles, 4u);
  ASSERT_TRUE(s.bounds.valid());
  EXPECT_NEAR(glm::distance(s.bounds.min, glm::dvec3(0)), 0.0, 1e-6);
  EXPECT_NEAR(glm::distance(s.bounds.max, glm::dvec3(1)), 0.0, 1e-6);
  for (const auto& mesh : s.meshes)
    for (const auto& p : mesh.primitives) {
      EXPECT_EQ(p.topology, Topology::Triangles);
      ASSERT_EQ(p.normals.size(), p.positions.size());
      for (const auto& n : p.normals) EXPECT_NEAR(glm::length(n), 1.0f, 1e-4f);
    }
}

TEST(AssimpStl, AsciiTetrahedron) {
  TempDir dir;
  std::ostringstream stl;
  stl << "solid tetra\n";
  for (const auto& f : kTetra) {
    stl << " facet normal 0 0 0\n  outer loop\n";
    for (const auto& v : f) stl << "   vertex " << v[0] << ' ' << v[1] << ' ' << v[2] << '\n';
    stl << "  endloop\n endfacet\n";
  }
  stl << "endsolid tetra\n";
  write_raw(dir / "tetra.stl", stl.str());
  check_tetrahedron(dir / "tetra.stl");
}

TEST(AssimpStl, BinaryTetrahedron) {
  TempDir dir;
  ByteWriter w;
  w.pad_to(80, ' ');  // header, not starting with "solid"
  std::string label = "binary tetrahedron";
  std::copy(label.begin(), label.end(), w.bytes.begin());
  w.put<uint32_t>(4);
  for (const auto& f : kTetra) {
    w.put(0.0f).put(0.0f).put(0.0f);
    for (const auto& v : f) w.put(v[0]).put(v[1]).put(v[2]);
    w.put<uint16_t>(0);
  }
  write_raw(dir / "tetra.stl", w.bytes);
  check_tetrahedron(dir / "tetra.stl");
}

TEST(AssimpBadInput, UnreadableFilesAreErrorsNamingTheFile) {
  TempDir dir;
  struct Case {
    const char* name;
    std::string content;
  };
  for (const Case& c : {Case{"garbage.ply", "ply\nformat nonsense 9.9\nelement vertex many\n"},
                        Case{"empty.stl", ""}, Case{"noise.fbx", std::string(300, '\x07')},
                        // A face that refers to a vertex the file does not have.
                        Case{"badindex.ply", "ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nproperty float y\n"
                                             "property float z\nelement face 1\nproperty list uchar int vertex_indices\n"
                                             "end_header\n0 0 0\n1 0 0\n0 1 0\n3 0 1 99\n"}}) {
    SCOPED_TRACE(c.name);
    fs::path path = dir / c.name;
    write_raw(path, c.content);
    Scene s = axis::scene::load_model(path);
    ASSERT_TRUE(s.diagnostics.has_errors()) << problems_text(s);
    EXPECT_EQ(s.diagnostics.first_error().rfind(path.string(), 0), 0u) << s.diagnostics.first_error();
    EXPECT_EQ(axis::scene::compute_stats(s).triangles + axis::scene::compute_stats(s).points, 0u);
  }
}

}  // namespace
