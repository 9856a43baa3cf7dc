#include "app/vr_decorations.h"

#include "core/log.h"
#include "render/tour_overlay.h"
#include "ui/inspection.h"
#include "ui/vr_panel.h"
#include "xr/panel.h"

namespace axis::app {

std::shared_ptr<ui::VrPanelUi> make_vr_panel(gpu::Context& ctx, const scene::Scene& scene,
                                             const std::vector<scene::Tour>& tours) {
  std::vector<std::string> text = xr::all_card_lines();
  for (const auto& node : scene.nodes) {
    text.push_back(node.name);
    text.push_back(node.extras_json);
  }
  return std::make_shared<ui::VrPanelUi>(ctx, scene, tours, text);
}

VrDecorations::VrDecorations(const scene::Scene& scene, const ViewerOptions& options, const scene::Tour* tour)
    : monitoring_(start_scene_monitor(scene, options.sensors, options.replay_speed, "view")) {
  scene::SidecarLoad loaded = scene::load_sidecar(scene::sidecar_path(scene.source));
  if (!loaded.problem.empty()) log::warn("{}", loaded.problem);
  if (monitoring_.view) monitoring_.view->show_heat = options.heat_map;
  sidecar_ = std::move(loaded.sidecar);
  if (tour) tour_.emplace(*tour);
  log::info("VR overlays: {} sensor(s), {} annotation(s), {} measurement(s){}",
            monitoring_.monitor ? monitoring_.monitor->sensors().size() : 0, sidecar_.annotations.size(),
            sidecar_.measurements.size(), tour_ ? ", the tour's ribbon" : "");
}

void VrDecorations::operator()(render::Renderer& renderer) {
  const double now = clock_.ms() / 1000.0;
  render::Overlay& overlay = renderer.overlay();
  ui::add_sidecar_overlay(sidecar_, overlay);
  if (tour_) render::add_tour_overlay(*tour_, overlay);
  if (monitoring_.view) {
    monitoring_.view->update(now);
    monitoring_.view->add_overlay(overlay, now);
    render::DrapedLayer heat;
    if (monitoring_.view->update_heat_map(heat, now)) renderer.set_drape(std::move(heat));
  }
}

}  // namespace axis::app
