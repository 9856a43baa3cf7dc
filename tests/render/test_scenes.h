// Small scenes built in code for render tests: a ground plane with a box on it, point clouds.
#pragma once

#include "scene/geometry.h"
#include "scene/scene.h"

namespace axis::test {

// A quad of `size` metres centred at the origin in the XZ plane (y = 0), facing up.
inline scene::Primitive make_quad(float size, int material) {
  scene::Primitive p;
  float h = size * 0.5f;
  p.positions = {{-h, 0, -h}, {-h, 0, h}, {h, 0, h}, {h, 0, -h}};
  p.normals.assign(4, {0, 1, 0});
  p.uv0 = {{0, 0}, {0, size}, {size, size}, {size, 0}};
  p.indices = {0, 1, 2, 0, 2, 3};
  p.material = material;
  scene::compute_bounds(p);
  return p;
}

// An axis-aligned box from `lo` to `hi` with outward flat normals.
inline scene::Primitive make_box(glm::vec3 lo, glm::vec3 hi, int material) {
  scene::Primitive p;
  const glm::vec3 n[6] = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
  for (int f = 0; f < 6; ++f) {
    glm::vec3 a = n[f], u = std::abs(a.y) > 0.5f ? glm::vec3(1, 0, 0) : glm::vec3(0, 1, 0);
    glm::vec3 v = glm::cross(a, u);
    glm::vec3 c = (lo + hi) * 0.5f, e = (hi - lo) * 0.5f;
    uint32_t base = static_cast<uint32_t>(p.positions.size());
    for (int k = 0; k < 4; ++k) {
      float su = (k == 1 || k == 2) ? 1.f : -1.f, sv = (k >= 2) ? 1.f : -1.f;
      p.positions.push_back(c + (a + u * su + v * sv) * e);
      p.normals.push_back(a);
      p.uv0.push_back({su, sv});
    }
    // Counter-clockwise seen from outside.
    p.indices.insert(p.indices.end(), {base, base + 2, base + 1, base, base + 3, base + 2});
    if (glm::dot(glm::cross(p.positions[base + 2] - p.positions[base], p.positions[base + 1] - p.positions[base]), a) < 0)
      for (int k = 0; k < 6; k += 3) std::swap(p.indices[p.indices.size() - 6 + k + 1], p.indices[p.indices.size() - 6 + k + 2]);
  }
  p.material = material;
  scene::compute_bounds(p);
  return p;
}

// A UV sphere of `radius` with `rings` x 2 * `rings` quads and smooth normals.
inline scene::Primitive make_sphere(float radius, int rings, int material) {
  scene::Primitive p;
  const int segments = rings * 2;
  for (int r = 0; r <= rings; ++r)
    for (int s = 0; s <= segments; ++s) {
      float theta = 3.14159265f * float(r) / float(rings), phi = 6.2831853f * float(s) / float(segments);
      glm::vec3 n(std::sin(theta) * std::cos(phi), std::cos(theta), std::sin(theta) * std::sin(phi));
      p.positions.push_back(n * radius);
      p.normals.push_back(n);
    }
  for (int r = 0; r < rings; ++r)
    for (int s = 0; s < segments; ++s) {
      uint32_t a = uint32_t(r * (segments + 1) + s), b = a + 1, c = a + uint32_t(segments + 1), d = c + 1;
      p.indices.insert(p.indices.end(), {a, b, d, a, d, c});  // counter-clockwise seen from outside
    }
  p.material = material;
  scene::compute_bounds(p);
  return p;
}

inline int add_mesh(scene::Scene& s, scene::Primitive prim, const std::string& name) {
  scene::Mesh m;
  m.name = name;
  m.bounds = prim.bounds;
  m.primitives.push_back(std::move(prim));
  s.meshes.push_back(std::move(m));
  return static_cast<int>(s.meshes.size()) - 1;
}

inline int add_node(scene::Scene& s, int mesh, const glm::dmat4& local, const std::string& name) {
  scene::Node n;
  n.name = name;
  n.mesh = mesh;
  n.local = local;
  s.nodes.push_back(n);
  int index = static_cast<int>(s.nodes.size()) - 1;
  s.roots.push_back(index);
  return index;
}

inline scene::Material plain(glm::vec4 color, float roughness = 0.8f) {
  scene::Material m;
  m.base_color = color;
  m.metallic = 0.0f;
  m.roughness = roughness;
  return m;
}

}  // namespace axis::test
