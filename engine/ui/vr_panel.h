// The VR panel's face: an InfoCard (a tour stop's caption and point of interest, or a selected element's
// properties) drawn with ImGui into the world panel's picture (render::WorldPanel), in Chinese and
// English together (a headset has no language button), with the CJK font and the points of interest's
// pictures. There is no window: ImGui draws into the picture only.
#pragma once

#include "render/overlay.h"
#include "scene/tour.h"
#include "ui/imgui_layer.h"

#include <memory>
#include <string_view>

namespace axis::ui {

class VrPanelUi {
 public:
  // `tours`: every tour the headset may show (their text goes into the font, their pictures into the
  // atlas); `extra_text`: every other string the cards may hold (element names and metadata, the cards'
  // fixed lines: app::make_vr_panel gathers them).
  VrPanelUi(gpu::Context& ctx, const scene::Scene& scene, const std::vector<scene::Tour>& tours,
            const std::vector<std::string>& extra_text);

  // Pixels of the picture (2:1, text readable at arm's length on a headset).
  static constexpr uint32_t kWidth = 1024, kHeight = 512;

  // The recorder for this frame: it draws `card` (copied) when the renderer calls it, `dt` seconds after
  // the last frame, with the laser as ImGui's mouse (a menu's buttons light up under it and click when
  // the trigger is let go); a click goes to `choice`. The recorder keeps this UI alive.
  static render::PanelRecorder recorder(const std::shared_ptr<VrPanelUi>& self, const scene::InfoCard& card, double dt,
                                        const render::PanelPointer& pointer = {},
                                        std::shared_ptr<render::PanelChoice> choice = nullptr);
  // The same as the headset's painter (render::PanelPainter).
  static render::PanelPainter painter(const std::shared_ptr<VrPanelUi>& self);

  // Draws the card inside the current ImGui frame (over the whole `size`); returns the menu entry clicked
  // or -1.
  int draw(const scene::InfoCard& card, VkExtent2D size);
  // Whether the card's font has a glyph for every character of `utf8` (else ImGui shows '?').
  bool can_show(std::string_view utf8) const;
  ImguiLayer& layer() { return layer_; }

 private:
  ImguiLayer layer_;
};

}  // namespace axis::ui
