// Model: mesh deduplication by content hash, node tree bookkeeping, counts.
#include "model.h"

#include <glm/gtc/matrix_transform.hpp>

#include <cstring>

namespace axis::gen {

size_t Mesh::triangle_count() const {
  size_t n = 0;
  for (const auto& p : primitives) n += p.indices.size() / 3;
  return n;
}

size_t Mesh::vertex_count() const {
  size_t n = 0;
  for (const auto& p : primitives) n += p.vertices.size();
  return n;
}

Transform Transform::at_turned(double x, double y, double z, double yaw) {
  Transform t = at(x, y, z);
  t.rotation = glm::angleAxis(yaw, glm::dvec3(0.0, 1.0, 0.0));
  return t;
}

glm::dmat4 Transform::matrix() const {
  glm::dmat4 m = glm::translate(glm::dmat4(1.0), translation);
  m *= glm::mat4_cast(rotation);
  return glm::scale(m, scale);
}

bool Transform::is_identity() const {
  return translation == glm::dvec3(0.0) && rotation == glm::dquat(1.0, 0.0, 0.0, 0.0) && scale == glm::dvec3(1.0);
}

namespace {

uint64_t hash_bytes(uint64_t h, const void* data, size_t size) {
  const auto* p = static_cast<const unsigned char*>(data);
  for (size_t i = 0; i < size; ++i) h = (h ^ p[i]) * 0x100000001b3ull;
  return h;
}

uint64_t hash_mesh(const Mesh& mesh) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (const auto& p : mesh.primitives) {
    auto material = static_cast<uint8_t>(p.material);
    h = hash_bytes(h, &material, 1);
    h = hash_bytes(h, p.vertices.data(), p.vertices.size() * sizeof(Vertex));
    h = hash_bytes(h, p.indices.data(), p.indices.size() * sizeof(uint32_t));
  }
  return h;
}

bool same_geometry(const Mesh& a, const Mesh& b) {
  if (a.primitives.size() != b.primitives.size()) return false;
  for (size_t i = 0; i < a.primitives.size(); ++i) {
    const auto& pa = a.primitives[i];
    const auto& pb = b.primitives[i];
    if (pa.material != pb.material || pa.vertices.size() != pb.vertices.size() || pa.indices != pb.indices) return false;
    if (std::memcmp(pa.vertices.data(), pb.vertices.data(), pa.vertices.size() * sizeof(Vertex)) != 0) return false;
  }
  return true;
}

}  // namespace

int Model::add_mesh(Mesh mesh) {
  if (mesh.triangle_count() == 0) return -1;
  uint64_t h = hash_mesh(mesh);
  auto [first, last] = mesh_by_hash_.equal_range(h);
  for (auto it = first; it != last; ++it)
    if (same_geometry(meshes_[static_cast<size_t>(it->second)], mesh)) return it->second;
  int index = static_cast<int>(meshes_.size());
  meshes_.push_back(std::move(mesh));
  mesh_by_hash_.emplace(h, index);
  return index;
}

int Model::add_node(int parent, std::string name, const Transform& transform, int mesh) {
  int index = static_cast<int>(nodes_.size());
  Node n;
  n.name = std::move(name);
  n.transform = transform;
  n.mesh = mesh;
  n.parent = parent;
  nodes_.push_back(std::move(n));
  if (parent < 0) roots_.push_back(index);
  else nodes_.at(static_cast<size_t>(parent)).children.push_back(index);
  return index;
}

ModelStats Model::stats() const {
  ModelStats s;
  s.nodes = nodes_.size();
  s.meshes = meshes_.size();
  for (const auto& m : meshes_) {
    s.primitives += m.primitives.size();
    s.vertices += m.vertex_count();
  }
  for (const auto& n : nodes_) {
    if (n.mesh < 0) continue;
    size_t copies = n.instances.empty() ? 1 : n.instances.size();
    s.mesh_instances += copies;
    s.triangles += meshes_[static_cast<size_t>(n.mesh)].triangle_count() * copies;
  }
  return s;
}

}  // namespace axis::gen
