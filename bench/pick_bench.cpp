// Picking latency: loads a scene file or model (or makes a synthetic city of many meshes), builds its
// drawables, and times, from the scene's first bookmark and from its default view, the first pick (which
// builds the BVHs it needs) and then the median and 95th percentile of a grid of picks over the viewport.
//
//   axistwin_pick_bench <scene.json | model> [--size WxH] [--picks N]
//   axistwin_pick_bench --synthetic [--meshes M] [--triangles T] [--nodes N]
#include "core/clock.h"
#include "scene/drawables.h"
#include "scene/import.h"
#include "scene/picking.h"

#include <glm/gtc/matrix_transform.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

using namespace axis::scene;

namespace {

struct Options {
  std::string path;
  bool synthetic = false;
  glm::uvec2 viewport{1920, 1080};
  int picks = 1000;
  int meshes = 3000;
  long triangles = 10'000'000;
  int nodes = 0;  // 0: one node per mesh
};

// A city block of `meshes` terrain-like patches (random heights on a grid), `nodes` nodes sharing them.
Scene synthetic_city(const Options& o) {
  Scene s;
  const int per_mesh = static_cast<int>(o.triangles / o.meshes);
  const int g = std::max(1, static_cast<int>(std::lround(std::sqrt(per_mesh / 2.0))));
  std::mt19937 rng(42);
  std::uniform_real_distribution<float> height(0.0f, 8.0f);
  s.meshes.resize(o.meshes);
  for (auto& mesh : s.meshes) {
    Primitive p;
    for (int i = 0; i <= g; ++i)
      for (int j = 0; j <= g; ++j) p.positions.push_back({10.0f * i / g, height(rng), 10.0f * j / g});
    for (int i = 0; i < g; ++i)
      for (int j = 0; j < g; ++j) {
        uint32_t a = i * (g + 1) + j, b = a + g + 1;
        p.indices.insert(p.indices.end(), {a, b, a + 1, a + 1, b, b + 1});
      }
    for (const auto& v : p.positions) p.bounds.extend(glm::dvec3(v));
    mesh.bounds = p.bounds;
    mesh.primitives.push_back(std::move(p));
  }
  const int nodes = o.nodes > 0 ? o.nodes : o.meshes;
  const int side = static_cast<int>(std::ceil(std::sqrt(double(nodes))));
  for (int n = 0; n < nodes; ++n) {
    Node node;
    node.mesh = n % o.meshes;
    node.local = glm::translate(glm::dmat4(1.0), glm::dvec3((n % side) * 12.0, 0.0, (n / side) * 12.0));
    s.nodes.push_back(node);
    s.roots.push_back(n);
  }
  s.update_world();
  return s;
}

double percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0.0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(q * (v.size() - 1) + 0.5))];
}

void bench_view(const char* label, const Scene& scene, const DrawableSet& drawables, const CameraView& camera,
                const Options& o) {
  Picker picker(scene, drawables);  // fresh: the first pick builds what it needs
  const glm::dvec2 centre(o.viewport.x * 0.5, o.viewport.y * 0.5);
  axis::Stopwatch first_watch;
  auto first = picker.pick(ray_through_pixel(camera, centre, o.viewport));
  double first_ms = first_watch.ms();

  // A grid of about `picks` pixels over the viewport.
  const int cols = std::max(1, static_cast<int>(std::round(std::sqrt(o.picks * double(o.viewport.x) / o.viewport.y))));
  const int rows = std::max(1, (o.picks + cols - 1) / cols);
  std::vector<glm::dvec2> pixels;
  for (int k = 0; k < o.picks; ++k)
    pixels.push_back({(k % cols + 0.5) * o.viewport.x / cols, (k / cols % rows + 0.5) * o.viewport.y / rows});

  axis::Stopwatch warm_watch;  // the first pass still builds the BVHs of meshes not met yet
  for (const auto& px : pixels) picker.pick(ray_through_pixel(camera, px, o.viewport));
  double warm_ms = warm_watch.ms();

  std::vector<double> times;
  times.reserve(pixels.size());
  int hits = 0;
  for (const auto& px : pixels) {
    axis::Stopwatch w;
    auto hit = picker.pick(ray_through_pixel(camera, px, o.viewport));
    times.push_back(w.ms());
    hits += hit.has_value();
  }
  std::printf("%-10s first pick %8.3f ms (%s)  first grid pass %8.1f ms  |  %zu picks: median %.4f ms  p95 %.4f ms"
              "  max %.4f ms  hits %d\n",
              label, first_ms, first ? "hit" : "miss", warm_ms, times.size(), percentile(times, 0.5),
              percentile(times, 0.95), *std::max_element(times.begin(), times.end()), hits);
}

// Builds every mesh's BVH through the picker: one ray straight down through each drawable.
void bench_build_all(const Scene& scene, const DrawableSet& drawables) {
  Picker picker(scene, drawables);
  axis::Stopwatch watch;
  for (const auto& d : drawables.items) {
    glm::dvec3 c = d.bounds.center();
    picker.pick(Ray{{c.x, d.bounds.max.y + 1.0, c.z}, {0, -1, 0}});
  }
  std::printf("all BVHs   %zu rays down through every drawable (builds every mesh once): %.1f ms\n",
              drawables.items.size(), watch.ms());
}

bool parse(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> const char* { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--synthetic") o.synthetic = true;
    else if (a == "--size") {
      if (std::sscanf(next(), "%ux%u", &o.viewport.x, &o.viewport.y) != 2) return false;
    } else if (a == "--picks") o.picks = std::max(1, std::atoi(next()));
    else if (a == "--meshes") o.meshes = std::max(1, std::atoi(next()));
    else if (a == "--triangles") o.triangles = std::max(1L, std::atol(next()));
    else if (a == "--nodes") o.nodes = std::max(0, std::atoi(next()));
    else if (!a.empty() && a[0] != '-' && o.path.empty()) o.path = a;
    else return false;
  }
  return o.synthetic || !o.path.empty();
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!parse(argc, argv, o)) {
    std::fprintf(stderr,
                 "usage: axistwin_pick_bench <scene.json | model> [--size WxH] [--picks N]\n"
                 "       axistwin_pick_bench --synthetic [--meshes M] [--triangles T] [--nodes N]\n");
    return 2;
  }
  axis::Stopwatch load_watch;
  Scene scene = o.synthetic ? synthetic_city(o) : load_model(o.path, LoadOptions{false});
  if (scene.diagnostics.has_errors()) {
    std::fprintf(stderr, "%s: cannot be loaded\n", o.path.c_str());
    return 1;
  }
  if (scene.world.size() != scene.nodes.size()) scene.update_world();
  double load_ms = load_watch.ms();
  axis::Stopwatch drawables_watch;
  DrawableSet drawables = DrawableSet::build(scene);
  double drawables_ms = drawables_watch.ms();
  Stats stats = compute_stats(scene);
  std::printf("%s: %zu meshes, %zu triangles drawn, %zu drawables in %zu clusters; load %.0f ms, drawables %.1f ms,"
              " viewport %ux%u\n",
              o.synthetic ? "synthetic city" : o.path.c_str(), stats.meshes, stats.triangles, drawables.items.size(),
              drawables.clusters.size(), load_ms, drawables_ms, o.viewport.x, o.viewport.y);

  const double aspect = double(o.viewport.x) / o.viewport.y;
  if (!scene.bookmarks.empty()) {
    const Bookmark& b = scene.bookmarks[0];
    CameraView view = look_at(b.eye, b.target);
    view.projection.yfov = b.fov_degrees * M_PI / 180.0;
    bench_view("bookmark", scene, drawables, view, o);
  }
  bench_view("default", scene, drawables, default_view(scene, aspect), o);
  bench_build_all(scene, drawables);
  return 0;
}
