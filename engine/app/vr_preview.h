// `axistwin view --xr-preview`: the VR experience without a headset. Both eyes, rendered as for a headset
// (the same multiview path, per-eye asymmetric projections from an XrFovf, the same VrExperience: tours,
// glide, teleports, turns, the planner's laser, the card panel), side by side in a desktop window, with
// the head and the controllers driven by mouse and keyboard:
//   mouse drag (left button)  look around (the head)          W A S D   step about (the head in the room)
//   T (hold, release)         aim a teleport where you look    Q / E     turn left / right (snap or smooth)
//   Space or M                the menu button (next stop, pause a glide; held 1.5 s: reset the eye height)
//   G                         the grip: select what you look at (--xr-planner)
//   arrow keys                the left stick: fly (--xr-planner)          Escape: leave
#pragma once

#include "render/renderer.h"
#include "scene/scene.h"
#include "xr/headset.h"

#include <filesystem>

namespace axis::app {

struct PreviewOptions {
  // What a headset session would be given: the experience, where to start, the eye height, the frames
  // to run (0: until closed), validation, the pipeline cache, the renderer's settings, the card's
  // painter and the overlays (the runtime-only fields are not used).
  xr::HeadsetOptions vr;
  VkExtent2D window{1600, 800};
  double ipd = 0.064;                // metres between the eyes
  std::filesystem::path screenshot;  // the last frame's stereo pair, written on leaving
};

// Returns the process exit code; throws axis::Error when no window or device can be had.
int run_vr_preview(const scene::Scene& scene, const PreviewOptions& options);

}  // namespace axis::app
