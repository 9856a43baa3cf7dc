// MeshBuilder shapes. Every shape computes its own normals and winding; callers only give positions.
#include "mesh_builder.h"

#include "polygon.h"

#include <glm/gtc/matrix_inverse.hpp>

#include <algorithm>
#include <cmath>

namespace axis::gen {

namespace {

constexpr float kPi = 3.14159265358979f;

glm::vec3 safe_normalize(const glm::vec3& v, const glm::vec3& fallback = {0.0f, 1.0f, 0.0f}) {
  float len = glm::length(v);
  return len > 1e-12f ? v / len : fallback;
}

// Newell's method: the normal of a (possibly slightly non-planar) polygon, scaled by its area.
glm::vec3 newell(const std::vector<glm::vec3>& ring) {
  glm::vec3 n(0.0f);
  for (size_t i = 0; i < ring.size(); ++i) {
    const auto& a = ring[i];
    const auto& b = ring[(i + 1) % ring.size()];
    n.x += (a.y - b.y) * (a.z + b.z);
    n.y += (a.z - b.z) * (a.x + b.x);
    n.z += (a.x - b.x) * (a.y + b.y);
  }
  return n;
}

}  // namespace

glm::vec2 box_uv(const glm::vec3& p, const glm::vec3& n) {
  float ax = std::abs(n.x), ay = std::abs(n.y), az = std::abs(n.z);
  if (ay >= ax && ay >= az) return {p.x, n.y > 0 ? p.z : -p.z};
  if (ax >= az) return {n.x > 0 ? -p.z : p.z, -p.y};
  return {n.z > 0 ? p.x : -p.x, -p.y};
}

MeshBuilder& MeshBuilder::use(MaterialId material) {
  material_ = material;
  return *this;
}

void MeshBuilder::set_transform(const glm::mat4& m) {
  transform_ = m;
  normal_matrix_ = glm::inverseTranspose(glm::mat3(m));
  mirrored_ = glm::determinant(glm::mat3(m)) < 0.0f;
  identity_ = m == glm::mat4(1.0f);
}

Primitive& MeshBuilder::current() {
  for (auto& p : primitives_)
    if (p.material == material_) return p;
  primitives_.push_back(Primitive{material_, {}, {}});
  return primitives_.back();
}

uint32_t MeshBuilder::vertex(const glm::vec3& p, const glm::vec3& n, const glm::vec2& uv) {
  Primitive& prim = current();
  Vertex v;
  if (identity_) {
    v.position = p;
    v.normal = n;
  } else {
    v.position = glm::vec3(transform_ * glm::vec4(p, 1.0f));
    v.normal = safe_normalize(normal_matrix_ * n);
  }
  v.uv = uv;
  prim.vertices.push_back(v);
  return static_cast<uint32_t>(prim.vertices.size() - 1);
}

void MeshBuilder::triangle(uint32_t a, uint32_t b, uint32_t c) {
  auto& idx = current().indices;
  if (mirrored_) idx.insert(idx.end(), {a, c, b});
  else idx.insert(idx.end(), {a, b, c});
}

void MeshBuilder::quad_uv(const glm::vec3& p0, const glm::vec3& p1, const glm::vec3& p2, const glm::vec3& p3,
                          const glm::vec2& t0, const glm::vec2& t1, const glm::vec2& t2, const glm::vec2& t3) {
  glm::vec3 n = safe_normalize(newell({p0, p1, p2, p3}));
  uint32_t a = vertex(p0, n, t0), b = vertex(p1, n, t1), c = vertex(p2, n, t2), d = vertex(p3, n, t3);
  // Split along the shorter diagonal (better for slightly non-planar quads).
  if (glm::length(p2 - p0) <= glm::length(p3 - p1)) {
    triangle(a, b, c);
    triangle(a, c, d);
  } else {
    triangle(a, b, d);
    triangle(b, c, d);
  }
}

void MeshBuilder::quad(const glm::vec3& p0, const glm::vec3& p1, const glm::vec3& p2, const glm::vec3& p3) {
  glm::vec3 n = safe_normalize(newell({p0, p1, p2, p3}));
  quad_uv(p0, p1, p2, p3, box_uv(p0, n), box_uv(p1, n), box_uv(p2, n), box_uv(p3, n));
}

void MeshBuilder::quad_facing(const glm::vec3& p0, const glm::vec3& p1, const glm::vec3& p2, const glm::vec3& p3,
                              const glm::vec3& outward) {
  if (glm::dot(newell({p0, p1, p2, p3}), outward) >= 0.0f) quad(p0, p1, p2, p3);
  else quad(p3, p2, p1, p0);
}

void MeshBuilder::polygon(const std::vector<glm::vec3>& ring_in, const glm::vec3& outward) {
  if (ring_in.size() < 3) return;
  std::vector<glm::vec3> ring = ring_in;
  glm::vec3 n = newell(ring);
  if (glm::dot(n, outward) < 0.0f) {
    std::reverse(ring.begin(), ring.end());
    n = -n;
  }
  n = safe_normalize(n, outward);
  // Project onto the plane: axes u, v with u x v = n, so the projected polygon is counter-clockwise.
  glm::vec3 helper = std::abs(n.y) < 0.9f ? glm::vec3(0, 1, 0) : glm::vec3(1, 0, 0);
  glm::vec3 u = safe_normalize(glm::cross(helper, n));
  glm::vec3 v = glm::cross(n, u);
  std::vector<glm::dvec2> flat;
  flat.reserve(ring.size());
  for (const auto& p : ring) flat.emplace_back(glm::dot(p, u), glm::dot(p, v));
  auto tris = triangulate(flat);
  std::vector<uint32_t> ids;
  ids.reserve(ring.size());
  for (const auto& p : ring) ids.push_back(vertex(p, n, box_uv(p, n)));
  for (const auto& t : tris) triangle(ids[t[0]], ids[t[1]], ids[t[2]]);
}

void MeshBuilder::box(const glm::vec3& lo, const glm::vec3& hi) {
  glm::vec3 c[8] = {{lo.x, lo.y, lo.z}, {hi.x, lo.y, lo.z}, {hi.x, hi.y, lo.z}, {lo.x, hi.y, lo.z},
                    {lo.x, lo.y, hi.z}, {hi.x, lo.y, hi.z}, {hi.x, hi.y, hi.z}, {lo.x, hi.y, hi.z}};
  quad(c[4], c[5], c[6], c[7]);  // +z (south)
  quad(c[1], c[0], c[3], c[2]);  // -z
  quad(c[5], c[1], c[2], c[6]);  // +x
  quad(c[0], c[4], c[7], c[3]);  // -x
  quad(c[7], c[6], c[2], c[3]);  // +y
  quad(c[0], c[1], c[5], c[4]);  // -y
}

void MeshBuilder::box_unit_uv(const glm::vec3& lo, const glm::vec3& hi) {
  glm::vec3 c[8] = {{lo.x, lo.y, lo.z}, {hi.x, lo.y, lo.z}, {hi.x, hi.y, lo.z}, {lo.x, hi.y, lo.z},
                    {lo.x, lo.y, hi.z}, {hi.x, lo.y, hi.z}, {hi.x, hi.y, hi.z}, {lo.x, hi.y, hi.z}};
  const glm::vec2 t0(0, 1), t1(1, 1), t2(1, 0), t3(0, 0);
  quad_uv(c[4], c[5], c[6], c[7], t0, t1, t2, t3);
  quad_uv(c[1], c[0], c[3], c[2], t0, t1, t2, t3);
  quad_uv(c[5], c[1], c[2], c[6], t0, t1, t2, t3);
  quad_uv(c[0], c[4], c[7], c[3], t0, t1, t2, t3);
  quad_uv(c[7], c[6], c[2], c[3], t0, t1, t2, t3);
  quad_uv(c[0], c[1], c[5], c[4], t0, t1, t2, t3);
}

void MeshBuilder::prism(const std::vector<glm::vec2>& outline, float y0, float y1) {
  std::vector<glm::vec3> bottom, top;
  for (const auto& p : outline) {
    bottom.emplace_back(p.x, y0, p.y);
    top.emplace_back(p.x, y1, p.y);
  }
  loft_rings({bottom, top}, true, true);
}

void MeshBuilder::loft_rings(const std::vector<std::vector<glm::vec3>>& rings, bool cap_first, bool cap_last) {
  if (rings.size() < 2 || rings[0].size() < 3) return;
  size_t n = rings[0].size();
  for (size_t r = 0; r + 1 < rings.size(); ++r) {
    const auto& a = rings[r];
    const auto& b = rings[r + 1];
    glm::vec3 ca(0.0f), cb(0.0f);
    for (size_t i = 0; i < n; ++i) {
      ca += a[i];
      cb += b[i];
    }
    glm::vec3 centre = (ca + cb) / float(2 * n);
    for (size_t i = 0; i < n; ++i) {
      size_t j = (i + 1) % n;
      glm::vec3 mid = (a[i] + a[j] + b[i] + b[j]) * 0.25f;
      glm::vec3 out = mid - centre;
      out.y = 0.0f;  // bands face sideways; horizontal bands (ledges) are decided by their geometry
      glm::vec3 n4 = newell({a[i], a[j], b[j], b[i]});
      if (glm::length(n4) < 1e-10f) continue;  // degenerate band segment
      if (std::abs(glm::normalize(n4).y) > 0.99f) {
        // A horizontal ledge between rings at one height: faces up when the upper ring is smaller.
        float ra = glm::length(glm::vec2(a[i].x, a[i].z) - glm::vec2(ca.x, ca.z) / float(n));
        float rb = glm::length(glm::vec2(b[i].x, b[i].z) - glm::vec2(cb.x, cb.z) / float(n));
        out = glm::vec3(0.0f, rb < ra ? 1.0f : -1.0f, 0.0f);
        if (r + 1 < rings.size() && b[i].y < a[i].y) out = -out;
      }
      quad_facing(a[i], a[j], b[j], b[i], out);
    }
  }
  auto cap = [&](const std::vector<glm::vec3>& ring, bool first) {
    const auto& other = first ? rings[1] : rings[rings.size() - 2];
    float dy = ring[0].y - other[0].y;
    polygon(ring, glm::vec3(0.0f, dy >= 0.0f ? 1.0f : -1.0f, 0.0f));
  };
  if (cap_first) cap(rings.front(), true);
  if (cap_last) cap(rings.back(), false);
}

void MeshBuilder::cylinder(const glm::vec3& base, float r0, float r1, float height, int segments, bool caps) {
  segments = std::max(segments, 3);
  float slope = (r0 - r1) / std::max(height, 1e-6f);
  float circumference = 2.0f * kPi * 0.5f * (r0 + r1);
  std::vector<uint32_t> lo, hi;
  for (int i = 0; i <= segments; ++i) {
    float a = 2.0f * kPi * float(i) / float(segments);
    glm::vec3 dir(std::sin(a), 0.0f, std::cos(a));
    glm::vec3 n = safe_normalize(glm::vec3(dir.x, slope, dir.z));
    float u = circumference * float(i) / float(segments);
    lo.push_back(vertex(base + dir * r0, n, {u, -base.y}));
    hi.push_back(vertex(base + dir * r1 + glm::vec3(0, height, 0), n, {u, -(base.y + height)}));
  }
  for (int i = 0; i < segments; ++i) {
    triangle(lo[i], lo[i + 1], hi[i + 1]);
    triangle(lo[i], hi[i + 1], hi[i]);
  }
  if (!caps) return;
  std::vector<glm::vec3> bottom, top;
  for (int i = 0; i < segments; ++i) {
    float a = 2.0f * kPi * float(i) / float(segments);
    glm::vec3 dir(std::sin(a), 0.0f, std::cos(a));
    bottom.push_back(base + dir * r0);
    top.push_back(base + dir * r1 + glm::vec3(0, height, 0));
  }
  polygon(bottom, {0, -1, 0});
  if (r1 > 1e-5f) polygon(top, {0, 1, 0});
}

void MeshBuilder::extrude(const std::vector<glm::vec2>& profile, const glm::vec3& origin, const glm::vec3& axis_u,
                          const glm::vec3& axis_v, const glm::vec3& extrusion) {
  size_t n = profile.size();
  if (n < 3) return;
  std::vector<glm::dvec2> flat(profile.begin(), profile.end());
  bool ccw = signed_area(flat) >= 0.0;
  std::vector<glm::vec3> start, end;
  for (const auto& p : profile) {
    glm::vec3 q = origin + axis_u * p.x + axis_v * p.y;
    start.push_back(q);
    end.push_back(q + extrusion);
  }
  glm::vec3 dir = safe_normalize(extrusion);
  polygon(start, -dir);
  polygon(end, dir);
  for (size_t i = 0; i < n; ++i) {
    size_t j = (i + 1) % n;
    glm::vec2 e = profile[j] - profile[i];
    glm::vec2 out2 = ccw ? glm::vec2(e.y, -e.x) : glm::vec2(-e.y, e.x);  // right of a CCW walk is outside
    glm::vec3 out = axis_u * out2.x + axis_v * out2.y;
    if (glm::length(e) < 1e-7f) continue;
    quad_facing(start[i], start[j], end[j], end[i], out);
  }
}

void MeshBuilder::sweep(const std::vector<glm::vec3>& path, float width, float height, const glm::vec3& up_hint) {
  size_t n = path.size();
  if (n < 2) return;
  // Frames at each path point: tangent averaged over the neighbouring segments.
  std::vector<glm::vec3> side(n), up(n);
  std::vector<float> along(n, 0.0f);
  for (size_t i = 0; i < n; ++i) {
    glm::vec3 t = path[std::min(i + 1, n - 1)] - path[i > 0 ? i - 1 : 0];
    t = safe_normalize(t, {1, 0, 0});
    side[i] = safe_normalize(glm::cross(t, up_hint), {0, 0, 1});
    up[i] = safe_normalize(glm::cross(side[i], t), up_hint);
    if (i > 0) along[i] = along[i - 1] + glm::length(path[i] - path[i - 1]);
  }
  float hw = width * 0.5f;
  auto corner = [&](size_t i, int k) {
    // 0 bottom-left, 1 bottom-right, 2 top-right, 3 top-left (looking along the path, left = -side).
    float s = (k == 1 || k == 2) ? hw : -hw;
    float h = (k >= 2) ? height : 0.0f;
    return path[i] + side[i] * s + up[i] * h;
  };
  for (int face = 0; face < 4; ++face) {
    int k0 = face, k1 = (face + 1) % 4;
    float across = (face % 2 == 0) ? width : height;
    std::vector<uint32_t> a, b;
    for (size_t i = 0; i < n; ++i) {
      glm::vec3 p0 = corner(i, k0), p1 = corner(i, k1);
      glm::vec3 mid = (p0 + p1) * 0.5f;
      glm::vec3 centre = path[i] + up[i] * (height * 0.5f);
      glm::vec3 nrm = safe_normalize(mid - centre);
      a.push_back(vertex(p0, nrm, {along[i], 0.0f}));
      b.push_back(vertex(p1, nrm, {along[i], across}));
    }
    for (size_t i = 0; i + 1 < n; ++i) {
      // Winding: the quad (a_i, a_i+1, b_i+1, b_i) faces outward when k0 -> k1 turns counter-clockwise
      // seen from the path's end; check geometrically.
      glm::vec3 pa = corner(i, k0), pb = corner(i + 1, k0), pc = corner(i + 1, k1);
      glm::vec3 nrm = glm::cross(pb - pa, pc - pa);
      glm::vec3 out = (corner(i, k0) + corner(i, k1)) * 0.5f - (path[i] + up[i] * (height * 0.5f));
      if (glm::dot(nrm, out) >= 0.0f) {
        triangle(a[i], a[i + 1], b[i + 1]);
        triangle(a[i], b[i + 1], b[i]);
      } else {
        triangle(a[i], b[i + 1], a[i + 1]);
        triangle(a[i], b[i], b[i + 1]);
      }
    }
  }
  std::vector<glm::vec3> first, last;
  for (int k = 0; k < 4; ++k) {
    first.push_back(corner(0, k));
    last.push_back(corner(n - 1, k));
  }
  polygon(first, path[0] - path[1]);
  polygon(last, path[n - 1] - path[n - 2]);
}

void MeshBuilder::surface(const SurfaceGrid& g, bool flip) {
  if (g.rows < 2 || g.cols < 2) return;
  auto at = [&](int r, int c) { return g.p(std::clamp(r, 0, g.rows - 1), std::clamp(c, 0, g.cols - 1)); };
  std::vector<uint32_t> ids(static_cast<size_t>(g.rows * g.cols));
  for (int r = 0; r < g.rows; ++r) {
    for (int c = 0; c < g.cols; ++c) {
      glm::vec3 dc = at(r, c + 1) - at(r, c - 1);
      glm::vec3 dr = at(r + 1, c) - at(r - 1, c);
      // A collapsed row (the apex of a hip) has no extent along c: borrow the neighbouring row's.
      for (int k = 1; glm::length(dc) < 1e-6f && k < g.rows; ++k) {
        int rr = r - k >= 0 ? r - k : r + k;
        dc = at(rr, c + 1) - at(rr, c - 1);
      }
      glm::vec3 n = safe_normalize(glm::cross(dc, dr));
      if (flip) n = -n;
      ids[static_cast<size_t>(r * g.cols + c)] = vertex(g.p(r, c), n, g.uv(r, c));
    }
  }
  auto id = [&](int r, int c) { return ids[static_cast<size_t>(r * g.cols + c)]; };
  auto area = [&](int r0, int c0, int r1, int c1, int r2, int c2) {
    return glm::length(glm::cross(g.p(r1, c1) - g.p(r0, c0), g.p(r2, c2) - g.p(r0, c0)));
  };
  for (int r = 0; r + 1 < g.rows; ++r) {
    for (int c = 0; c + 1 < g.cols; ++c) {
      // Front = cross(d/dc, d/dr): (r,c) -> (r,c+1) -> (r+1,c+1) is counter-clockwise from the front.
      if (area(r, c, r, c + 1, r + 1, c + 1) > 1e-9f) {
        if (!flip) triangle(id(r, c), id(r, c + 1), id(r + 1, c + 1));
        else triangle(id(r, c), id(r + 1, c + 1), id(r, c + 1));
      }
      if (area(r, c, r + 1, c + 1, r + 1, c) > 1e-9f) {
        if (!flip) triangle(id(r, c), id(r + 1, c + 1), id(r + 1, c));
        else triangle(id(r, c), id(r + 1, c), id(r + 1, c + 1));
      }
    }
  }
}

void MeshBuilder::strip(const std::vector<glm::vec3>& a, const std::vector<glm::vec3>& b, const glm::vec3& outward) {
  size_t n = std::min(a.size(), b.size());
  float along = 0.0f;
  for (size_t i = 0; i + 1 < n; ++i) {
    float len = glm::length(a[i + 1] - a[i]);
    float w0 = glm::length(b[i] - a[i]), w1 = glm::length(b[i + 1] - a[i + 1]);
    glm::vec3 nrm = newell({a[i], a[i + 1], b[i + 1], b[i]});
    if (glm::length(nrm) < 1e-10f) {
      along += len;
      continue;
    }
    if (glm::dot(nrm, outward) >= 0.0f)
      quad_uv(a[i], a[i + 1], b[i + 1], b[i], {along, 0}, {along + len, 0}, {along + len, w1}, {along, w0});
    else
      quad_uv(b[i], b[i + 1], a[i + 1], a[i], {along, w0}, {along + len, w1}, {along + len, 0}, {along, 0});
    along += len;
  }
}

void MeshBuilder::ellipsoid(const glm::vec3& centre, const glm::vec3& radii, int rings, int segments) {
  rings = std::max(rings, 2);
  segments = std::max(segments, 3);
  SurfaceGrid g(rings + 1, segments + 1);
  float mean_r = (radii.x + radii.z) * 0.5f;
  for (int r = 0; r <= rings; ++r) {
    float lat = kPi * (float(r) / float(rings) - 0.5f);  // -pi/2 (bottom) .. pi/2 (top)
    for (int c = 0; c <= segments; ++c) {
      float lon = 2.0f * kPi * float(c) / float(segments);
      glm::vec3 d(std::cos(lat) * std::sin(lon), std::sin(lat), std::cos(lat) * std::cos(lon));
      g.p(r, c) = centre + d * radii;
      g.uv(r, c) = {mean_r * lon, -radii.y * lat};
    }
  }
  // cross(d/dlon, d/dlat) points outward for this parametrisation.
  surface(g, false);
}

bool MeshBuilder::empty() const {
  for (const auto& p : primitives_)
    if (!p.indices.empty()) return false;
  return true;
}

Mesh MeshBuilder::finish() {
  Mesh m;
  m.name = name_;
  for (auto& p : primitives_)
    if (!p.indices.empty()) m.primitives.push_back(std::move(p));
  primitives_.clear();
  return m;
}

}  // namespace axis::gen
