// Model: mesh deduplication by content hash, node tree bookkeeping, counts.
#include "model.h"

#include <glm/gtc/matrix_transform.hpp>

#include "core/error.h"

#include <algorithm>
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

namespace {

void add_vec3_track(Animation& a, int node, AnimationChannel::Path path, const std::vector<float>& times,
                    const std::vector<glm::dvec3>& values) {
  if (times.size() != values.size()) fail("internal error: animation track with {} times and {} values", times.size(), values.size());
  AnimationSampler s;
  s.times = times;
  s.width = 3;
  for (const auto& v : values) s.values.insert(s.values.end(), {float(v.x), float(v.y), float(v.z)});
  a.channels.push_back({static_cast<int>(a.samplers.size()), node, path});
  a.samplers.push_back(std::move(s));
}

}  // namespace

void Animation::add_translation(int node, const std::vector<float>& times, const std::vector<glm::dvec3>& values) {
  add_vec3_track(*this, node, AnimationChannel::Path::Translation, times, values);
}

void Animation::add_scale(int node, const std::vector<float>& times, const std::vector<glm::dvec3>& values) {
  add_vec3_track(*this, node, AnimationChannel::Path::Scale, times, values);
}

void Animation::add_rotation(int node, const std::vector<float>& times, const std::vector<glm::dquat>& values) {
  if (times.size() != values.size()) fail("internal error: animation track with {} times and {} values", times.size(), values.size());
  AnimationSampler s;
  s.times = times;
  s.width = 4;
  glm::dquat previous(1.0, 0.0, 0.0, 0.0);
  for (size_t i = 0; i < values.size(); ++i) {
    glm::dquat q = glm::normalize(values[i]);
    if (i > 0 && glm::dot(q, previous) < 0.0) q = -q;
    previous = q;
    s.values.insert(s.values.end(), {float(q.x), float(q.y), float(q.z), float(q.w)});
  }
  channels.push_back({static_cast<int>(samplers.size()), node, AnimationChannel::Path::Rotation});
  samplers.push_back(std::move(s));
}

double Animation::duration() const {
  double d = 0.0;
  for (const auto& s : samplers)
    if (!s.times.empty()) d = std::max(d, double(s.times.back()));
  return d;
}

int Model::add_animation(Animation animation) {
  for (const auto& c : animation.channels) {
    if (c.node < 0 || c.node >= static_cast<int>(nodes_.size()))
      fail("internal error: animation '{}' drives node {}, which does not exist", animation.name, c.node);
    if (c.sampler < 0 || c.sampler >= static_cast<int>(animation.samplers.size()))
      fail("internal error: animation '{}' uses sampler {}, which does not exist", animation.name, c.sampler);
  }
  for (const auto& s : animation.samplers) {
    if (s.times.empty() || s.values.size() != s.times.size() * static_cast<size_t>(s.width))
      fail("internal error: animation '{}' has a sampler with {} times and {} values", animation.name, s.times.size(), s.values.size());
    for (size_t k = 1; k < s.times.size(); ++k)
      if (!(s.times[k] > s.times[k - 1])) fail("internal error: animation '{}': times must increase", animation.name);
  }
  animations_.push_back(std::move(animation));
  return static_cast<int>(animations_.size() - 1);
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
