// `axistwin view --xr`: the scene on a headset through OpenXR. The same gpu::Context (its Vulkan instance
// and device created through the runtime) and the same render::Renderer as on the desktop draw both eyes
// into one array swapchain, in one multiview pass (or one pass per eye where the driver needs it), each
// eye with the asymmetric frustum the runtime gives for the predicted display time.
//
// The user starts standing on the ground below the scene's first bookmark (or the place given), facing
// its target, in STAGE space when the runtime has one (poses above the real floor), else (and when
// seated) LOCAL with a configured eye height. What they do there, the tours, the card beside them and
// the exhibition's menu are xr::VrExperience's (shared with the desktop preview); the overlays the
// desktop draws come from the caller (HeadsetOptions::decorate); a mirror window may show the left eye.
//
// Shutdown, in order: end the session (through the state machine), wait for the GPU, destroy the
// swapchain, the space and the session, then the renderer and the Vulkan device; the caller destroys
// the Runtime (the XrInstance) last.
#pragma once

#include "render/renderer.h"
#include "scene/scene.h"
#include "scene/tour.h"
#include "xr/dynamic_resolution.h"
#include "xr/runtime.h"
#include "xr/session_state.h"
#include "xr/vr_experience.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>

namespace axis::xr {

// A desktop window showing what the headset shows (see app::VrWindow). run_headset calls configure
// before the Vulkan device is made, attach once it is, capture inside each frame's commands before the
// image goes back to the runtime, show after each frame's submit, and detach before the device goes.
// capture's `eyes.extent` is the part of each eye drawn (dynamic resolution), the top-left of images of
// `eyes.full_extent()`.
class HeadsetMirror {
 public:
  virtual ~HeadsetMirror() = default;
  virtual void configure(gpu::ContextOptions& options) = 0;
  virtual void attach(gpu::Context& ctx) = 0;
  virtual void detach() = 0;
  virtual void capture(VkCommandBuffer cmd, const render::RenderTarget& eyes) = 0;
  virtual bool show() = 0;  // false: the window was closed (the session ends)
  // Handles the window's events when there is no new picture to show (the session idle, the headset off,
  // tracking lost), so that the window stays responsive and can be closed; false: it was closed.
  virtual bool poll() = 0;
};

struct HeadsetOptions {
  uint64_t max_frames = 0;   // leave after this many frames submitted with the scene (0: until the runtime or Ctrl-C ends it)
  // Tests of the recovery (a real loss cannot be caused on purpose): the submit of this frame (counting
  // from 1) reports VK_ERROR_DEVICE_LOST, once; `view --xr` takes it from AXISTWIN_SIMULATE_DEVICE_LOST.
  uint64_t simulate_device_lost_at = 0;
  double eye_height = 1.6;   // metres above the ground in LOCAL space (STAGE poses carry their own height)
  bool seated = false;       // a seated kiosk: LOCAL space even where STAGE exists, the eyes at eye_height
                             // above the ground whatever the visitor's real height (holding the menu
                             // button resets it)
  double render_scale = 1.0; // of the runtime's recommended size, clamped to its maximum
  // Dynamic resolution (xr/dynamic_resolution.h): when the GPU falls behind the headset's display, each
  // eye is drawn into a smaller part of its swapchain image, down to resolution.min_scale per side (1:
  // always the whole image), and grows back when the GPU has room; still behind there, distant parts
  // are drawn coarser, down to resolution.min_detail (1: never coarser than the pixels drawn).
  DynamicResolutionOptions resolution{.min_detail = 0.5};
  // The GPU's budget per frame in milliseconds; 0: the display period the runtime predicts (tests set it
  // to force the resolution down or keep it whole whatever the machine).
  double gpu_budget_ms = 0.0;
  bool validate = false;     // Vulkan validation layers
  std::filesystem::path pipeline_cache_file;
  std::optional<scene::Bookmark> start;  // where to stand and which way to face; the scene's first bookmark when unset
  // Turns, the planner's mode, a tour (stop to stop or gliding), the exhibition (its eye_height is
  // set from the one above).
  ExperienceOptions experience;
  // Makes the painter of the panel beside the visitor (captions, info cards, a selected element's
  // properties) on the device the runtime chose; none: the cards are only logged.
  std::function<PanelPainter(gpu::Context&)> panel;
  HeadsetMirror* mirror = nullptr;  // optional; must outlive run_headset
  // Per frame, before the VR's own arcs: fills the renderer's (cleared) overlay with what the desktop
  // draws over the scene (sensor pins, annotations, a tour's ribbon) and may set its draped layer (the
  // crowd heat map).
  std::function<void(render::Renderer&)> decorate;
  // Renderer settings for the device the runtime chose (the app's quality options).
  std::function<render::RenderSettings(const gpu::Context&)> settings;
};

struct HeadsetResult {
  SessionEnding ending = SessionEnding::None;
  bool reached_focused = false;
  uint64_t frames_submitted = 0;  // frames whose projection layer reached xrEndFrame
  uint64_t frames_ended = 0;      // every xrEndFrame, with or without layers
  bool validation = false;          // the Vulkan validation layers were on
  uint64_t validation_messages = 0;
  std::vector<XrSessionState> states;
  VkExtent2D eye_extent{};
  bool multiview = false;
  bool stage_space = false;
  bool depth_layer = false;  // each projection view carried the scene's depth (XR_KHR_composition_layer_depth)
  std::vector<std::string> controller_profiles;  // interaction profiles whose bindings the runtime took
  uint64_t teleports = 0;
  int tour_stops_reached = 0;  // with a tour: the stops shown (the first counts)
  int visitors = 0;            // exhibit: visitors the tour menu greeted (the first included)
  uint64_t panel_frames = 0;   // frames that showed the panel
  int devices_lost = 0;        // Vulkan devices lost (each time a new device and session were made)
  FrameTimes gpu_times;        // the GPU time of each frame (none where the queue writes no timestamps)
  double min_resolution_scale = 1.0;  // the smallest part of the eye images drawn (per side)
  double min_detail = 1.0;            // the least detail drawn (DynamicResolution::detail)
  uint64_t resolution_changes = 0;
  VkExtent2D last_drawn_extent{};     // the part of each eye image the last frame drew (its imageRect)
};

// Runs the session until it ends; throws axis::Error when it cannot start (no Vulkan device the
// runtime accepts, no stereo view configuration, no usable swapchain format). A lost Vulkan device ends
// the session and a new device and session are made (the counts in the result are over all of them);
// more than three losses within a minute of each other give up with an axis::Error.
HeadsetResult run_headset(Runtime& runtime, const scene::Scene& scene, const HeadsetOptions& options);

}  // namespace axis::xr
