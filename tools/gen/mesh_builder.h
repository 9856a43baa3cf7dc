// MeshBuilder: the geometric vocabulary of the generator. Shapes (quads, boxes, prisms, lofted rings,
// cylinders, extrusions, swept sections, grid surfaces, ellipsoids) are appended to the primitive of the
// current material. Normals point outward and front faces are counter-clockwise; hard edges get split
// vertices (flat normals), curved surfaces smooth normals. UVs are in metres: box-mapped from the
// shape's own coordinates unless a shape says otherwise.
#pragma once

#include "model.h"

#include <glm/glm.hpp>

#include <string>
#include <vector>

namespace axis::gen {

// A regular grid of points (rows x cols, row-major) with UVs: roof slopes, ridges, tree canopies.
struct SurfaceGrid {
  int rows = 0, cols = 0;
  std::vector<glm::vec3> points;
  std::vector<glm::vec2> uvs;

  SurfaceGrid(int r, int c) : rows(r), cols(c), points(static_cast<size_t>(r * c)), uvs(static_cast<size_t>(r * c)) {}
  glm::vec3& p(int r, int c) { return points[static_cast<size_t>(r * cols + c)]; }
  glm::vec2& uv(int r, int c) { return uvs[static_cast<size_t>(r * cols + c)]; }
  const glm::vec3& p(int r, int c) const { return points[static_cast<size_t>(r * cols + c)]; }
  const glm::vec2& uv(int r, int c) const { return uvs[static_cast<size_t>(r * cols + c)]; }
};

// Box-mapped UV (metres) of a point on a face with the given normal: walls read left to right from
// outside with v growing downwards, tops map x/z.
glm::vec2 box_uv(const glm::vec3& p, const glm::vec3& n);

class MeshBuilder {
 public:
  explicit MeshBuilder(std::string name = {}) : name_(std::move(name)) {}

  MeshBuilder& use(MaterialId material);
  MaterialId material() const { return material_; }
  // Applies to the shapes that follow (positions and normals; UVs stay in shape coordinates).
  void set_transform(const glm::mat4& m);
  void clear_transform() { set_transform(glm::mat4(1.0f)); }

  uint32_t vertex(const glm::vec3& p, const glm::vec3& n, const glm::vec2& uv);
  void triangle(uint32_t a, uint32_t b, uint32_t c);

  // Flat quad, counter-clockwise seen from its front, box-mapped UVs.
  void quad(const glm::vec3& p0, const glm::vec3& p1, const glm::vec3& p2, const glm::vec3& p3);
  void quad_uv(const glm::vec3& p0, const glm::vec3& p1, const glm::vec3& p2, const glm::vec3& p3,
               const glm::vec2& t0, const glm::vec2& t1, const glm::vec2& t2, const glm::vec2& t3);
  // The same quad wound so that its normal agrees with `outward`.
  void quad_facing(const glm::vec3& p0, const glm::vec3& p1, const glm::vec3& p2, const glm::vec3& p3,
                   const glm::vec3& outward);
  // Planar polygon facing `outward` (triangulated), box-mapped UVs.
  void polygon(const std::vector<glm::vec3>& ring, const glm::vec3& outward);

  void box(const glm::vec3& min, const glm::vec3& max);
  // Box whose side faces get UVs spanning 0..1 across each face (painted blocks with outlined edges).
  void box_unit_uv(const glm::vec3& min, const glm::vec3& max);
  // Vertical extrusion of an outline in the XZ plane (any orientation) from y0 to y1, with caps.
  void prism(const std::vector<glm::vec2>& outline_xz, float y0, float y1);
  // Closed rings of equal point count stacked into bands (profiled platforms, battered walls), flat
  // normals; caps close the first and last ring. Rings must be convex-ish around their centroid.
  void loft_rings(const std::vector<std::vector<glm::vec3>>& rings, bool cap_first, bool cap_last);
  // Tapered cylinder on the XZ plane at `base`, smooth sides.
  void cylinder(const glm::vec3& base, float r_bottom, float r_top, float height, int segments, bool caps);
  // A 2D profile (u, v) placed at origin + u*axis_u + v*axis_v, extruded by `extrusion`, closed.
  void extrude(const std::vector<glm::vec2>& profile, const glm::vec3& origin, const glm::vec3& axis_u,
               const glm::vec3& axis_v, const glm::vec3& extrusion);
  // A rectangular section (width across, height up from the path) swept along a polyline; `up` is the
  // section's up direction. Smooth along the path, hard between the four sides; ends closed.
  void sweep(const std::vector<glm::vec3>& path, float width, float height, const glm::vec3& up);
  // A grid surface with smooth normals; `flip` turns it to face the other way.
  void surface(const SurfaceGrid& grid, bool flip = false);
  // Quads between two polylines of equal length (the edges of thick surfaces), flat normals, each quad
  // wound to face `outward`; u runs along the polylines, v across.
  void strip(const std::vector<glm::vec3>& a, const std::vector<glm::vec3>& b, const glm::vec3& outward);
  void ellipsoid(const glm::vec3& center, const glm::vec3& radii, int rings, int segments);

  bool empty() const;
  Mesh finish();

 private:
  Primitive& current();

  std::string name_;
  MaterialId material_ = MaterialId::Stone;
  std::vector<Primitive> primitives_;
  glm::mat4 transform_{1.0f};
  glm::mat3 normal_matrix_{1.0f};
  bool mirrored_ = false;
  bool identity_ = true;
};

}  // namespace axis::gen
