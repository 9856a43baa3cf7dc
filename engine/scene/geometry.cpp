#include "scene/geometry.h"

#include <cmath>

namespace axis::scene {

namespace {
template <typename T>
void expand(std::vector<T>& attr, const std::vector<uint32_t>& indices) {
  if (attr.empty()) return;
  std::vector<T> out;
  out.reserve(indices.size());
  for (uint32_t i : indices) out.push_back(attr[i]);
  attr = std::move(out);
}

glm::vec3 any_perpendicular(const glm::vec3& n) {
  glm::vec3 a = std::abs(n.x) < 0.9f ? glm::vec3(1, 0, 0) : glm::vec3(0, 1, 0);
  glm::vec3 t = glm::cross(a, n);
  float len = glm::length(t);
  return len > 0 ? t / len : glm::vec3(1, 0, 0);
}
}  // namespace

void unweld(Primitive& prim) {
  expand(prim.positions, prim.indices);
  expand(prim.normals, prim.indices);
  expand(prim.tangents, prim.indices);
  expand(prim.uv0, prim.indices);
  expand(prim.uv1, prim.indices);
  expand(prim.colors, prim.indices);
  for (uint32_t i = 0; i < prim.indices.size(); ++i) prim.indices[i] = i;
}

void generate_flat_normals(Primitive& prim) {
  prim.normals.assign(prim.positions.size(), glm::vec3(0, 0, 1));
  for (size_t t = 0; t + 2 < prim.indices.size(); t += 3) {
    uint32_t a = prim.indices[t], b = prim.indices[t + 1], c = prim.indices[t + 2];
    glm::vec3 n = glm::cross(prim.positions[b] - prim.positions[a], prim.positions[c] - prim.positions[a]);
    float len = glm::length(n);
    n = len > 0 ? n / len : glm::vec3(0, 0, 1);
    prim.normals[a] = prim.normals[b] = prim.normals[c] = n;
  }
  prim.generated_normals = true;
}

void generate_tangents(Primitive& prim, int uv_set) {
  const auto& uv = uv_set == 1 ? prim.uv1 : prim.uv0;
  size_t n = prim.positions.size();
  std::vector<glm::vec3> tan(n, glm::vec3(0)), bit(n, glm::vec3(0));
  if (uv.size() == n && prim.normals.size() == n) {
    for (size_t t = 0; t + 2 < prim.indices.size(); t += 3) {
      uint32_t idx[3] = {prim.indices[t], prim.indices[t + 1], prim.indices[t + 2]};
      glm::vec3 p0 = prim.positions[idx[0]], p1 = prim.positions[idx[1]], p2 = prim.positions[idx[2]];
      glm::vec2 w0 = uv[idx[0]], w1 = uv[idx[1]], w2 = uv[idx[2]];
      glm::vec3 e1 = p1 - p0, e2 = p2 - p0;
      glm::vec2 d1 = w1 - w0, d2 = w2 - w0;
      float det = d1.x * d2.y - d2.x * d1.y;
      if (std::abs(det) < 1e-20f) continue;
      float r = 1.0f / det;
      glm::vec3 sdir = (e1 * d2.y - e2 * d1.y) * r;
      glm::vec3 tdir = (e2 * d1.x - e1 * d2.x) * r;
      // Weight by the corner angle so that a vertex's tangent does not depend on how a face is split.
      glm::vec3 pos[3] = {p0, p1, p2};
      for (int k = 0; k < 3; ++k) {
        glm::vec3 a = pos[(k + 1) % 3] - pos[k], b = pos[(k + 2) % 3] - pos[k];
        float la = glm::length(a), lb = glm::length(b);
        if (la <= 0 || lb <= 0) continue;
        float angle = std::acos(glm::clamp(glm::dot(a, b) / (la * lb), -1.0f, 1.0f));
        tan[idx[k]] += sdir * angle;
        bit[idx[k]] += tdir * angle;
      }
    }
  }
  prim.tangents.resize(n);
  for (size_t i = 0; i < n; ++i) {
    glm::vec3 nrm = i < prim.normals.size() ? prim.normals[i] : glm::vec3(0, 0, 1);
    glm::vec3 t = tan[i] - nrm * glm::dot(nrm, tan[i]);
    float len = glm::length(t);
    t = len > 1e-12f ? t / len : any_perpendicular(nrm);
    // glTF normal maps have +Y pointing up the image, and glTF's v runs down the image: the bitangent
    // (cross(n, t) * w) must point along -dP/dv.
    float w = glm::dot(glm::cross(nrm, t), bit[i]) > 0.0f ? -1.0f : 1.0f;
    prim.tangents[i] = glm::vec4(t, w);
  }
  prim.generated_tangents = true;
}

void compute_bounds(Primitive& prim) {
  prim.bounds = {};
  for (const auto& p : prim.positions) prim.bounds.extend(glm::dvec3(p));
}

}  // namespace axis::scene
