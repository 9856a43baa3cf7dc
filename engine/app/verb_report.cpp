// `axistwin report SCENE -o DIR`: an inspection report of a scene and its sidecar of annotations,
// written into DIR as index.html, annotations.csv and images/*.png (an overview, and one view per
// annotation looking at its pin). Renders offscreen with one renderer and target for every image.
#include "app/cli.h"
#include "app/options.h"
#include "app/report.h"
#include "core/error.h"
#include "core/files.h"
#include "core/image.h"
#include "core/log.h"
#include "gpu/context.h"
#include "render/offscreen.h"
#include "scene/annotations.h"
#include "scene/picking.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace axis::app {

namespace fs = std::filesystem;

namespace {

// The world bounds of everything a node and its subtree draw (instances included).
Aabb subtree_bounds(const scene::Scene& scene, int node) {
  Aabb box;
  std::vector<int> stack = {node};
  size_t visited = 0;
  while (!stack.empty() && visited++ <= scene.nodes.size()) {
    int n = stack.back();
    stack.pop_back();
    const scene::Node& nd = scene.nodes[n];
    if (nd.mesh >= 0 && nd.mesh < static_cast<int>(scene.meshes.size())) {
      const Aabb& local = scene.meshes[nd.mesh].bounds;
      if (nd.instances.empty()) box.extend(local.transformed(scene.world[n]));
      for (const auto& instance : nd.instances) box.extend(local.transformed(scene.world[n] * glm::dmat4(instance)));
    }
    for (int c : nd.children) stack.push_back(c);
  }
  return box;
}

// The distance from `pin` along -`dir` at which every corner of `box` is in view (with a margin).
double framing_distance(const Aabb& box, const glm::dvec3& pin, const glm::dvec3& dir, double yfov, double aspect) {
  scene::CameraView v = scene::look_at(pin - dir, pin);
  double tan_y = std::tan(yfov * 0.5), tan_x = tan_y * aspect;
  double distance = 2.0;  // metres: close enough for a small element, with room around the pin
  for (int c = 0; c < 8; ++c) {
    glm::dvec3 p{(c & 1) ? box.max.x : box.min.x, (c & 2) ? box.max.y : box.min.y, (c & 4) ? box.max.z : box.min.z};
    glm::dvec3 q = p - pin;
    double x = glm::dot(q, v.right()), y = glm::dot(q, v.up()), z = glm::dot(q, dir);
    distance = std::max({distance, std::abs(x) / tan_x - z, std::abs(y) / tan_y - z});
  }
  return distance * 1.1;
}

// A view of an annotation's pin from the side its surface faces, far enough back that the whole element
// it sits on is in the picture. Directions are tried in turn (a little from above first, so the ground
// gives context; then level, from below, and turned to either side) until one sees the pin unblocked;
// when none does, the one that sees furthest is used, moved in front of what blocks it.
scene::CameraView annotation_view(const scene::Scene& scene, const scene::Picker& picker, const scene::Annotation& a,
                                  double aspect) {
  const double yfov = glm::radians(50.0);
  glm::dvec3 normal = a.normal;
  if (!(glm::length(normal) > 1e-9)) normal = {0, 1, 0};
  normal = glm::normalize(normal);

  int node = scene::resolve(scene, a.element);
  Aabb box = node >= 0 ? subtree_bounds(scene, node) : Aabb{};
  if (!box.valid()) box = {a.position - glm::dvec3(2.0), a.position + glm::dvec3(2.0)};
  box.extend(a.position);

  // Offsets added to the look direction -normal: walls first from a little above, floors and ceilings
  // first obliquely from the south-east (as the default view), then from the other sides.
  static const std::vector<glm::dvec3> kWallOffsets = {{0, -0.35, 0}, {0, 0, 0},      {0, 0.35, 0},
                                                       {0.8, -0.3, 0}, {-0.8, -0.3, 0}, {0, -0.3, 0.8},
                                                       {0, -0.3, -0.8}, {0.8, 0.3, 0},  {-0.8, 0.3, 0},
                                                       {0, 0.3, 0.8},   {0, 0.3, -0.8}};
  static const std::vector<glm::dvec3> kFloorOffsets = {{-0.35, 0, -0.6}, {0.35, 0, 0.6}, {-0.6, 0, 0.35},
                                                        {0.6, 0, -0.35},  {0, 0, 0}};
  const auto& offsets = std::abs(normal.y) > 0.7 ? kFloorOffsets : kWallOffsets;
  glm::dvec3 best_dir = -normal;
  double best_distance = -1.0, best_free = -1.0;
  for (const glm::dvec3& offset : offsets) {
    glm::dvec3 dir = glm::normalize(-normal + offset);  // where the camera looks
    if (glm::dot(dir, -normal) < 0.35) continue;        // not from the side the surface faces
    double distance = framing_distance(box, a.position, dir, yfov, aspect);
    // From just off the surface towards the eye: anything hit first blocks the view of the pin.
    auto hit = picker.pick({a.position + normal * 0.02, -dir});
    double free = hit ? hit->distance : std::numeric_limits<double>::infinity();
    if (free >= distance) {
      best_dir = dir, best_distance = distance;
      break;
    }
    if (free > best_free) best_dir = dir, best_free = free, best_distance = std::max(0.5, free * 0.9);
  }
  if (best_distance < 0) best_distance = framing_distance(box, a.position, best_dir, yfov, aspect);
  scene::CameraView v = scene::look_at(a.position - best_dir * best_distance, a.position);
  v.projection.yfov = yfov;
  v.projection.znear = scene::near_plane_for(scene.bounds, v.position, best_distance);
  return v;
}

glm::vec4 severity_color(int severity) {
  static const glm::vec4 kColors[] = {{0.95f, 0.77f, 0.06f, 1}, {0.90f, 0.62f, 0.07f, 1}, {0.90f, 0.45f, 0.10f, 1},
                                      {0.80f, 0.25f, 0.05f, 1}, {0.62f, 0.10f, 0.10f, 1}};
  return kColors[std::clamp(severity, 1, 5) - 1];
}

// Creates DIR and DIR/images; throws axis::Error naming the folder when it cannot be written.
void prepare_report_dir(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir / "images", ec);
  if (ec) fail("{}: cannot create the report folder: {}", dir.string(), ec.message());
  for (const fs::path& d : {dir, dir / "images"})
    if (::access(d.c_str(), W_OK) != 0) fail("{}: cannot write into the report folder: not writable", d.string());
}

struct Renders {
  std::string overview;
  std::vector<std::string> annotations;
};

// Renders the overview and one image per annotation into DIR/images (paths relative to DIR).
Renders render_images(HeadlessGpu& gpu, const scene::Scene& scene, const scene::InspectionSidecar& sidecar,
                      VkExtent2D extent, const fs::path& dir) {
  render::Renderer& renderer = *gpu.renderer;
  renderer.set_scene(scene);
  render::OffscreenTarget target(*gpu.ctx, extent);
  const double aspect = double(extent.width) / extent.height;

  auto& pins = renderer.overlay().pins;
  pins.clear();
  for (const auto& a : sidecar.annotations) {
    render::OverlayPin pin;
    pin.position = a.position;
    pin.color = severity_color(a.severity);
    pins.push_back(pin);
  }
  auto write = [&](const std::string& name, const scene::CameraView& view) {
    write_png(dir / name, target.render(renderer, view));
    return name;
  };
  Renders out;
  out.overview = write("images/overview.png", choose_camera(scene, {}, aspect));
  scene::Picker picker(scene, renderer.drawables());
  for (size_t i = 0; i < sidecar.annotations.size(); ++i) {
    for (size_t p = 0; p < pins.size(); ++p) pins[p].highlighted = p == i;
    scene::CameraView view = annotation_view(scene, picker, sidecar.annotations[i], aspect);
    out.annotations.push_back(write(fmt::format("images/annotation-{}.png", i + 1), view));
  }
  renderer.overlay().clear();
  return out;
}

}  // namespace

int verb_report(int argc, char** argv) {
  CLI::App app("Write an inspection report of a scene and its annotations: index.html, annotations.csv and images.",
               "axistwin report");
  std::string file, out_dir, size = "1280x720", language = "both";
  QualityOptions quality;
  app.add_option("SCENE", file, "Scene file (scenes/*.json) or model; its annotations are read from SCENE.annotations.json")
      ->required();
  app.add_option("-o,--output", out_dir, "Folder to write the report into (created if missing)")->required();
  app.add_option("--size", size, "Image size WIDTHxHEIGHT")->default_str("1280x720");
  app.add_option("--lang", language, "Language of the report: zh, en or both")
      ->default_str("both")
      ->check(CLI::IsMember({"zh", "en", "both"}));
  quality.add_to(app);
  if (int code = parse_or_exit(app, argc, argv); code >= 0) return code;

  VkExtent2D extent;
  try {
    extent = parse_size(size);
  } catch (const Error& e) {
    log::error("{}", e.what());
    return kExitUsage;
  }
  const fs::path dir = out_dir;
  try {
    prepare_report_dir(dir);
  } catch (const Error& e) {
    log::error("{}", e.what());
    return kExitFailure;
  }

  auto gpu_future = start_headless_gpu(quality);
  auto scene = load_for_display(file);
  HeadlessGpu gpu = gpu_future.get();
  if (!scene) return kExitFailure;

  ReportContent content;
  content.sidecar_file = scene::sidecar_path(file);
  scene::SidecarLoad sidecar = scene::load_sidecar(content.sidecar_file);
  if (!sidecar.problem.empty()) log::warn("{}", sidecar.problem);

  Renders renders = render_images(gpu, *scene, sidecar.sidecar, extent, dir);

  content.scene = &*scene;
  content.sidecar = &sidecar.sidecar;
  content.sidecar_problem = sidecar.problem;
  content.report_dir = dir;
  content.language = *report_language_from_string(language);
  content.generated_at = scene::utc_now();
  content.image_width = extent.width;
  content.image_height = extent.height;
  content.overview_image = renders.overview;
  content.annotation_images = renders.annotations;
  if (!scene->bookmarks.empty()) {
    content.overview_caption_zh = scene->bookmarks.front().name_zh;
    content.overview_caption_en = scene->bookmarks.front().name_en;
  } else {
    content.overview_caption_zh = "默认视角";
    content.overview_caption_en = "Default view";
  }
  try {
    files::write_file_atomic(dir / "annotations.csv", report_csv(content));
    files::write_file_atomic(dir / "index.html", report_html(content));
  } catch (const Error& e) {
    log::error("{}", e.what());
    return kExitFailure;
  }
  if (gpu.ctx->validation_messages() > 0) {
    log::error("{}: {} Vulkan validation message(s) while rendering the report", file, gpu.ctx->validation_messages());
    return kExitFailure;
  }
  std::puts((dir / "index.html").c_str());
  return kExitOk;
}

}  // namespace axis::app
