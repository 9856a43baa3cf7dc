// What VR draws over the scene besides its own arcs, as the desktop does: the sensors' pins coloured by
// alarm level and the crowd heat map (live, from the scene's replay or --sensors), the saved annotations
// and measurements, and the ribbon of the tour being taken. One per VR session; called every frame.
#pragma once

#include "app/viewer.h"
#include "core/clock.h"
#include "render/renderer.h"
#include "scene/tour_player.h"

#include <memory>
#include <optional>
#include <vector>

namespace axis::ui {
class VrPanelUi;
}

namespace axis::app {

// The panel beside the visitor (ui::VrPanelUi): ImGui drawing the cards into its picture, with every one
// of `tours`' text and pictures, the scene's element names and metadata (a planner's selection) and the
// cards' fixed lines (xr::all_card_lines) in its font.
std::shared_ptr<ui::VrPanelUi> make_vr_panel(gpu::Context& ctx, const scene::Scene& scene,
                                             const std::vector<scene::Tour>& tours);

class VrDecorations {
 public:
  // `tour`: the one being taken (its ribbon is drawn), or null.
  VrDecorations(const scene::Scene& scene, const ViewerOptions& options, const scene::Tour* tour);
  // Fills the renderer's overlay (already cleared) and refreshes its heat map when the data changed.
  void operator()(render::Renderer& renderer);

 private:
  SceneMonitor monitoring_;
  scene::InspectionSidecar sidecar_;
  std::optional<scene::TourPlayer> tour_;
  Stopwatch clock_;
};

}  // namespace axis::app
