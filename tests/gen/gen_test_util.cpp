// Helpers for the generator tests.
#include "gen_test_util.h"

#include "glb_writer.h"

#include <cmath>
#include <map>
#include <tuple>

namespace axis::gen::test {

std::filesystem::path scratch_dir() {
  std::filesystem::path dir = std::filesystem::path(AXISTWIN_BINARY_DIR) / "test-output" / "gen";
  std::filesystem::create_directories(dir);
  return dir;
}

Options small_options(const std::string& kind) {
  if (kind == "hall") return {{"bays-wide", 5}, {"bays-deep", 3}, {"double-eave", true}, {"railings", true}};
  if (kind == "gate-tower") return {{"arches", 3}, {"platform-width", 60}};
  if (kind == "courtyard") return {{"jin", 2}, {"trees", true}};
  if (kind == "opera-stage") return {};
  if (kind == "opera-performance") return {{"duration", 10}};
  if (kind == "hutong-block") return {{"rows", 1}, {"cols", 2}};
  if (kind == "city") return {{"count", 300}};
  if (kind == "ground") return {{"width", 80}, {"depth", 60}, {"surface", "court"}};
  if (kind == "enclosure") return {{"width", 60}, {"depth", 40}, {"opening-south", 8}};
  return {};
}

GeneratedAsset generate_to(const std::string& kind, uint64_t seed, const Options& options, const std::string& file) {
  GeneratedAsset g = generate_asset(kind, seed, options);
  save_file(scratch_dir() / file, g.glb);
  return g;
}

namespace {

using Key = std::tuple<long long, long long, long long>;

Key weld(const glm::vec3& p) {
  return {std::llround(double(p.x) * 1e4), std::llround(double(p.y) * 1e4), std::llround(double(p.z) * 1e4)};
}

}  // namespace

bool is_closed(const std::vector<glm::vec3>& positions, const std::vector<uint32_t>& indices) {
  std::map<Key, int> ids;
  std::vector<int> id(positions.size());
  for (size_t i = 0; i < positions.size(); ++i) id[i] = ids.emplace(weld(positions[i]), int(ids.size())).first->second;
  std::map<std::pair<int, int>, int> edges;  // directed edge -> count
  for (size_t t = 0; t + 2 < indices.size(); t += 3) {
    int a = id[indices[t]], b = id[indices[t + 1]], c = id[indices[t + 2]];
    if (a == b || b == c || a == c) continue;
    ++edges[{a, b}];
    ++edges[{b, c}];
    ++edges[{c, a}];
  }
  // Closed and consistently wound: every directed edge is matched by its reverse, equally often.
  for (const auto& [e, n] : edges) {
    auto it = edges.find({e.second, e.first});
    if (it == edges.end() || it->second != n) return false;
  }
  return !edges.empty();
}

double signed_volume(const std::vector<glm::vec3>& positions, const std::vector<uint32_t>& indices) {
  double v = 0.0;
  for (size_t t = 0; t + 2 < indices.size(); t += 3) {
    glm::dvec3 a(positions[indices[t]]), b(positions[indices[t + 1]]), c(positions[indices[t + 2]]);
    v += glm::dot(a, glm::cross(b, c)) / 6.0;
  }
  return v;
}

void merged(const scene::Mesh& mesh, std::vector<glm::vec3>& positions, std::vector<uint32_t>& indices) {
  for (const auto& p : mesh.primitives) {
    auto base = static_cast<uint32_t>(positions.size());
    positions.insert(positions.end(), p.positions.begin(), p.positions.end());
    for (uint32_t i : p.indices) indices.push_back(base + i);
  }
}

}  // namespace axis::gen::test
