#include "xr/headset.h"

#include "core/clock.h"
#include "core/error.h"
#include "core/log.h"
#include "gpu/context.h"
#include "gpu/resources.h"
#include "gpu/timer.h"
#include "xr/actions.h"
#include "xr/eye_views.h"
#include "xr/vr_experience.h"
#include "xr/swapchain.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <csignal>
#include <limits>
#include <thread>

namespace axis::xr {

namespace {

constexpr XrViewConfigurationType kStereo = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
constexpr double kNear = 0.05;  // metres: a hand's length in front of the eyes is still drawn

std::atomic<bool> g_interrupted{false};

// Ctrl-C and SIGTERM end the session properly (the runtime must see xrEndSession) instead of killing it.
class SignalGuard {
 public:
  SignalGuard() {
    g_interrupted = false;
    struct sigaction sa {};
    sa.sa_handler = [](int) { g_interrupted = true; };
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int_);
    sigaction(SIGTERM, &sa, &old_term_);
  }
  ~SignalGuard() {
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGTERM, &old_term_, nullptr);
  }

 private:
  struct sigaction old_int_ {}, old_term_ {};
};

template <typename T, XrResult (*Destroy)(T)>
class XrHandle {
 public:
  XrHandle() = default;
  explicit XrHandle(T h) : handle_(h) {}
  ~XrHandle() {
    if (handle_ != XR_NULL_HANDLE) Destroy(handle_);
  }
  XrHandle(const XrHandle&) = delete;
  XrHandle& operator=(const XrHandle&) = delete;
  operator T() const { return handle_; }

 private:
  T handle_ = XR_NULL_HANDLE;
};
using SessionHandle = XrHandle<XrSession, xrDestroySession>;
using SpaceHandle = XrHandle<XrSpace, xrDestroySpace>;

// Waits for the GPU before anything it may still use is destroyed (declared last, destroyed first).
struct IdleOnExit {
  gpu::Context& ctx;
  ~IdleOnExit() { vkDeviceWaitIdle(ctx.device()); }
};

// The two-call idiom of xrEnumerate*: the count, then the items.
template <typename T, typename F>
std::vector<T> enumerate(const char* what, F&& call, T init) {
  uint32_t count = 0;
  XrResult r = call(0u, &count, nullptr);
  if (XR_FAILED(r)) xr_failed(r, what);
  std::vector<T> out(count, init);
  r = call(count, &count, out.data());
  if (XR_FAILED(r)) xr_failed(r, what);
  out.resize(count);
  return out;
}

}  // namespace

namespace {

// One session on one Vulkan device, until it ends (true) or the device is lost (false: every object of
// the device and the session is gone when it returns). Adds what it did to `result`.
bool run_session(Runtime& runtime, const scene::Scene& scene, const HeadsetOptions& options, HeadsetResult& result) {
  gpu::ContextOptions copt;
  copt.validation = options.validate;
  copt.pipeline_cache_file = options.pipeline_cache_file;
  runtime.configure_vulkan(copt);
  if (options.mirror) options.mirror->configure(copt);
  gpu::Context ctx(copt);
  // The mirror's Vulkan objects go before the device (declared after it, destroyed before it).
  struct MirrorAttachment {
    HeadsetMirror* mirror;
    ~MirrorAttachment() {
      if (mirror) mirror->detach();
    }
  } mirror_attachment{options.mirror};
  if (options.mirror) options.mirror->attach(ctx);
  log::info("OpenXR: rendering on {}", ctx.device_name());
  render::Renderer renderer(ctx, options.settings ? options.settings(ctx) : render::RenderSettings{}, 2);
  renderer.set_scene(scene);
  result.multiview = !renderer.settings().two_pass_stereo;

  // The session, on the queue the renderer uses.
  XrGraphicsBindingVulkanKHR binding{XR_TYPE_GRAPHICS_BINDING_VULKAN_KHR};
  binding.instance = ctx.instance();
  binding.physicalDevice = ctx.physical_device();
  binding.device = ctx.device();
  binding.queueFamilyIndex = ctx.queue_family();
  binding.queueIndex = 0;
  XrSessionCreateInfo session_info{XR_TYPE_SESSION_CREATE_INFO};
  session_info.next = &binding;
  session_info.systemId = runtime.system();
  XrSession raw_session = XR_NULL_HANDLE;
  if (XrResult r = xrCreateSession(runtime.instance(), &session_info, &raw_session); XR_FAILED(r))
    fail("the OpenXR runtime {} cannot start a session: {}", runtime.name(), result_name(r));
  SessionHandle session(raw_session);

  // Stereo views at the recommended size (times the render scale), both eyes in one array swapchain.
  auto configs = enumerate<XrViewConfigurationType>(
      "xrEnumerateViewConfigurations",
      [&](uint32_t n, uint32_t* c, XrViewConfigurationType* out) {
        return xrEnumerateViewConfigurations(runtime.instance(), runtime.system(), n, c, out);
      },
      XrViewConfigurationType{});
  if (std::find(configs.begin(), configs.end(), kStereo) == configs.end())
    fail("the OpenXR runtime {} has no stereo view configuration (PRIMARY_STEREO)", runtime.name());
  auto config_views = enumerate<XrViewConfigurationView>(
      "xrEnumerateViewConfigurationViews",
      [&](uint32_t n, uint32_t* c, XrViewConfigurationView* out) {
        return xrEnumerateViewConfigurationViews(runtime.instance(), runtime.system(), kStereo, n, c, out);
      },
      XrViewConfigurationView{XR_TYPE_VIEW_CONFIGURATION_VIEW});
  if (config_views.size() != 2) fail("the OpenXR runtime {} reports {} stereo views, not 2", runtime.name(), config_views.size());
  const double scale = std::clamp(options.render_scale, 0.1, 4.0);
  VkExtent2D extent{};
  for (const auto& v : config_views) {
    extent.width = std::max(extent.width, std::min<uint32_t>(uint32_t(v.recommendedImageRectWidth * scale), v.maxImageRectWidth));
    extent.height = std::max(extent.height, std::min<uint32_t>(uint32_t(v.recommendedImageRectHeight * scale), v.maxImageRectHeight));
  }
  extent.width = std::max(extent.width, 16u);
  extent.height = std::max(extent.height, 16u);
  result.eye_extent = extent;
  auto blend_modes = enumerate<XrEnvironmentBlendMode>(
      "xrEnumerateEnvironmentBlendModes",
      [&](uint32_t n, uint32_t* c, XrEnvironmentBlendMode* out) {
        return xrEnumerateEnvironmentBlendModes(runtime.instance(), runtime.system(), kStereo, n, c, out);
      },
      XrEnvironmentBlendMode{});
  const XrEnvironmentBlendMode blend = blend_modes.empty() ? XR_ENVIRONMENT_BLEND_MODE_OPAQUE : blend_modes.front();

  // STAGE when the runtime has one (the user's real floor), else LOCAL at the configured eye height.
  auto spaces = enumerate<XrReferenceSpaceType>(
      "xrEnumerateReferenceSpaces",
      [&](uint32_t n, uint32_t* c, XrReferenceSpaceType* out) { return xrEnumerateReferenceSpaces(session, n, c, out); },
      XrReferenceSpaceType{});
  result.stage_space =
      !options.seated && std::find(spaces.begin(), spaces.end(), XR_REFERENCE_SPACE_TYPE_STAGE) != spaces.end();
  XrReferenceSpaceCreateInfo space_info{XR_TYPE_REFERENCE_SPACE_CREATE_INFO};
  space_info.referenceSpaceType = result.stage_space ? XR_REFERENCE_SPACE_TYPE_STAGE : XR_REFERENCE_SPACE_TYPE_LOCAL;
  space_info.poseInReferenceSpace.orientation.w = 1.0f;
  XrSpace raw_space = XR_NULL_HANDLE;
  XR_CHECK(xrCreateReferenceSpace(session, &space_info, &raw_space));
  SpaceHandle space(raw_space);

  // Controllers and moving about (the teleport arc is cast against the same picking as inspection),
  // tours, and the card panel beside the visitor.
  Actions actions(runtime.instance(), session);
  result.controller_profiles = actions.profiles();
  ExperienceOptions experience_options = options.experience;
  experience_options.eye_height = options.eye_height;
  VrExperience experience(scene, renderer.drawables(), experience_options);
  TrackingOrigin origin = experience.start(options.start, result.stage_space ? 0.0 : options.eye_height);
  PanelPainter painter = options.panel ? options.panel(ctx) : PanelPainter{};
  bool was_visible = false;
  bool mirror_closed = false;
  bool mirror_shown = false;  // the last pass of the loop showed the mirror a new picture
  auto mirror_gone = [&] {
    log::info("OpenXR: the mirror window was closed; ending the session");
    mirror_closed = true;
  };
  XrTime last_display_time = 0;

  Swapchain swapchain(ctx, session, extent, 2);
  // The scene's depth beside its colour (XR_KHR_composition_layer_depth), for the compositor's reprojection.
  std::optional<Swapchain> depth_swapchain;
  if (runtime.depth_layer() && Swapchain::offers_depth(session)) {
    if (renderer.depth_reaches_every_layer())
      depth_swapchain.emplace(ctx, session, extent, 2, Swapchain::Depth{});
    else  // lavapipe with MSAA and one pass per eye: the second eye's depth would be wrong
      log::warn("OpenXR: no depth layer: this driver's multisampled depth does not reach the second eye's layer");
  }
  result.depth_layer = depth_swapchain.has_value();
  log::info("OpenXR: {}x{} per eye, {}, {} space, {}", extent.width, extent.height,
            result.multiview ? "one multiview pass" : "one pass per eye", result.stage_space ? "STAGE" : "LOCAL",
            result.depth_layer ? "with the depth layer" : "no depth layer");

  // Two frames in flight, each with its command buffer and fence, and the GPU time of each.
  gpu::FrameCommands commands(ctx, 2);
  gpu::GpuTimer timer(ctx, 2);
  DynamicResolutionOptions resolution_options = options.resolution;  // its settle_frames: the other frame in flight
  if (!renderer.settings().levels_of_detail || !(renderer.settings().lod_pixels > 0.0f))
    resolution_options.min_detail = 1.0;  // no levels of detail to coarsen
  DynamicResolution resolution(resolution_options);
  FrameTimes times;
  double least_scale = resolution.scale(), least_detail = resolution.detail();
  const float lod_pixels = renderer.settings().lod_pixels;  // at detail 1
  IdleOnExit idle{ctx};

  SessionStateMachine machine;
  auto act = [&](SessionAction action) {
    switch (action) {
      case SessionAction::BeginSession: {
        XrSessionBeginInfo begin{XR_TYPE_SESSION_BEGIN_INFO};
        begin.primaryViewConfigurationType = kStereo;
        XR_CHECK(xrBeginSession(session, &begin));
        break;
      }
      case SessionAction::EndSession:
        vkDeviceWaitIdle(ctx.device());
        XR_CHECK(xrEndSession(session));
        break;
      case SessionAction::RequestExit: XR_CHECK(xrRequestExitSession(session)); break;
      case SessionAction::None:
      case SessionAction::Leave: break;
    }
  };

  std::array<XrView, 2> views{{{XR_TYPE_VIEW}, {XR_TYPE_VIEW}}};
  std::array<XrCompositionLayerProjectionView, 2> layer_views{
      {{XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW}, {XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW}}};
  std::array<XrCompositionLayerDepthInfoKHR, 2> depth_infos{
      {{XR_TYPE_COMPOSITION_LAYER_DEPTH_INFO_KHR}, {XR_TYPE_COMPOSITION_LAYER_DEPTH_INFO_KHR}}};
  std::array<scene::CameraView, 2> cameras;
  uint64_t frame_index = 0;


  // What the session did, into the result (also when its device is lost).
  auto collect = [&] {
    result.teleports += experience.teleports();
    result.tour_stops_reached += experience.tour_stops_reached();
    result.visitors += experience.visitors();
    result.panel_frames += experience.panel_frames();
    result.ending = machine.ending();
    result.reached_focused = result.reached_focused || machine.reached_focused();
    const auto& states = machine.history();
    result.states.insert(result.states.end(), states.begin(), states.end());
    result.validation = ctx.validation_enabled();
    result.validation_messages += ctx.validation_messages();
    result.gpu_times.merge(times);
    result.resolution_changes += resolution.changes();
    if (times.timed() > 0)
      log::info("OpenXR: {} frames timed on the GPU: median {:.1f} ms, 95% within {:.1f} ms, longest {:.1f} ms; {} over the "
                "display period; each eye drawn at {:.2f} to 1 of {}x{}{} ({} changes)",
                times.timed(), times.percentile(0.5), times.percentile(0.95), times.max_ms(), times.over_budget(),
                least_scale, extent.width, extent.height,
                least_detail < 1.0 ? fmt::format(", distant detail down to {:.2f}", least_detail) : std::string(),
                resolution.changes());
  };

  try {
    while (!machine.done()) {
      try {
        // Every pending event, every frame.
        for (;;) {
          XrEventDataBuffer event{XR_TYPE_EVENT_DATA_BUFFER};
          XrResult r = xrPollEvent(runtime.instance(), &event);
          if (r == XR_EVENT_UNAVAILABLE) break;
          if (XR_FAILED(r)) xr_failed(r, "xrPollEvent");
          if (event.type == XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED)
            log::info("OpenXR session: {}", state_name(reinterpret_cast<const XrEventDataSessionStateChanged&>(event).state));
          else if (event.type == XR_TYPE_EVENT_DATA_INSTANCE_LOSS_PENDING)
            log::warn("OpenXR: the runtime is going away");
          act(machine.on_event(event));
          if (machine.done()) break;
        }
        if (machine.done()) break;
        // The mirror's events, when the last pass showed it no new picture (idle, headset off, tracking lost).
        if (options.mirror && !mirror_shown && !mirror_closed && !options.mirror->poll()) mirror_gone();
        mirror_shown = false;
        if (g_interrupted || mirror_closed || (options.max_frames && result.frames_submitted >= options.max_frames))
          act(machine.request_exit());
        if (machine.done()) break;
        // The headset taken off (no longer visible): the exhibition starts again for the next visitor.
        if (was_visible && !machine.visible() && options.experience.exhibit && !machine.exit_requested()) experience.visitor_left();
        was_visible = machine.visible();
        if (!machine.running()) {
          std::this_thread::sleep_for(std::chrono::milliseconds(10));  // IDLE: wait for READY without spinning
          continue;
        }

        XrFrameWaitInfo wait_info{XR_TYPE_FRAME_WAIT_INFO};
        XrFrameState frame{XR_TYPE_FRAME_STATE};
        XR_CHECK(xrWaitFrame(session, &wait_info, &frame));
        XrFrameBeginInfo begin_info{XR_TYPE_FRAME_BEGIN_INFO};
        XR_CHECK(xrBeginFrame(session, &begin_info));

        XrCompositionLayerProjection layer{XR_TYPE_COMPOSITION_LAYER_PROJECTION};
        const XrCompositionLayerBaseHeader* layers[] = {reinterpret_cast<XrCompositionLayerBaseHeader*>(&layer)};
        bool rendered = false;
        // Once the user asked to leave, frames go on (the runtime stops the session through them) but empty.
        if (frame.shouldRender && machine.visible() && !machine.exit_requested()) {
          XrViewLocateInfo locate{XR_TYPE_VIEW_LOCATE_INFO};
          locate.viewConfigurationType = kStereo;
          locate.displayTime = frame.predictedDisplayTime;
          locate.space = space;
          XrViewState view_state{XR_TYPE_VIEW_STATE};
          uint32_t located = 0;
          XR_CHECK(xrLocateViews(session, &locate, &view_state, 2, &located, views.data()));
          // Without a known orientation nothing sensible can be shown: submit no layer (the runtime shows
          // its own tracking-lost view).
          if (located == 2 && (view_state.viewStateFlags & XR_VIEW_STATE_ORIENTATION_VALID_BIT)) {
            XrPosef head = views[0].pose;  // the middle of the eyes, looking as they do
            head.position = {(views[0].pose.position.x + views[1].pose.position.x) * 0.5f,
                             (views[0].pose.position.y + views[1].pose.position.y) * 0.5f,
                             (views[0].pose.position.z + views[1].pose.position.z) * 0.5f};
            const ControllerState input = actions.sync(space, frame.predictedDisplayTime, machine.focused());
            // Seconds since the last frame shown, by the runtime's display clock (a slow frame counts whole).
            const double dt = last_display_time ? std::clamp((frame.predictedDisplayTime - last_display_time) * 1e-9, 0.0, 0.5)
                                                : frame.predictedDisplayPeriod * 1e-9;
            last_display_time = frame.predictedDisplayTime;
            renderer.overlay().clear();
            if (options.decorate) options.decorate(renderer);
            experience.update(input, head, views[0].fov, dt, origin, renderer, painter);
            const uint32_t slot = uint32_t(frame_index++ % 2);
            VkCommandBuffer cmd = commands.begin(slot);  // once this slot's last frame is done
            // That frame's GPU time against the display period: the part of the eye images this one draws.
            if (const std::optional<double> ms = timer.read(slot)) {
              const double budget = options.gpu_budget_ms > 0.0 ? options.gpu_budget_ms : frame.predictedDisplayPeriod * 1e-6;
              times.add(*ms, budget);
              if (resolution.add(*ms, budget))
                log::debug("OpenXR: GPU {:.2f} ms against {:.2f} ms: eyes drawn at {:.2f} of their size, detail {:.2f}", *ms,
                           budget, resolution.scale(), resolution.detail());
            }
            const VkExtent2D drawn = resolution.extent(extent);
            least_scale = std::min(least_scale, resolution.scale());
            least_detail = std::min(least_detail, resolution.detail());
            result.min_resolution_scale = std::min(result.min_resolution_scale, least_scale);
            result.min_detail = std::min(result.min_detail, least_detail);
            // Below the least scale, levels of detail as for fewer pixels still (a larger error allowed).
            renderer.settings().lod_pixels = float(lod_pixels / resolution.detail());
            result.last_drawn_extent = drawn;
            timer.begin(cmd, slot);
            for (uint32_t i = 0; i < 2; ++i) cameras[i] = eye_view(origin, views[i].pose, views[i].fov, kNear);
            render::RenderTarget target = swapchain.acquire();
            if (depth_swapchain) depth_swapchain->acquire_depth(target);
            target.image_extent = extent;
            target.extent = drawn;  // the top-left part; the compositor scales it to the view (imageRect)
            renderer.render(cmd, slot, target, std::span<const scene::CameraView>(cameras));
            timer.end(cmd, slot);
            if (options.mirror) options.mirror->capture(cmd, target);
            VK_CHECK(vkEndCommandBuffer(cmd));
            if (options.simulate_device_lost_at && result.devices_lost == 0 &&
                result.frames_submitted + 1 == options.simulate_device_lost_at)
              gpu::vk_failed(VK_ERROR_DEVICE_LOST, "vkQueueSubmit2 (simulated: AXISTWIN_SIMULATE_DEVICE_LOST)", __FILE__, __LINE__);
            ctx.submit(cmd, commands.fence(slot));
            swapchain.release();  // the runtime orders its own use after this queue's work
            if (depth_swapchain) depth_swapchain->release();
            if (options.mirror && !options.mirror->show() && !machine.exit_requested()) mirror_gone();
            mirror_shown = true;

            for (uint32_t i = 0; i < 2; ++i) {
              layer_views[i].pose = views[i].pose;
              layer_views[i].fov = views[i].fov;
              layer_views[i].subImage.swapchain = swapchain.handle();
              layer_views[i].subImage.imageRect = {{0, 0}, {int32_t(drawn.width), int32_t(drawn.height)}};
              layer_views[i].subImage.imageArrayIndex = i;
              if (depth_swapchain) {
                // Reversed-Z with an infinite far plane: depth 0 is infinitely far, 1 is at the near plane.
                depth_infos[i].subImage = layer_views[i].subImage;
                depth_infos[i].subImage.swapchain = depth_swapchain->handle();
                depth_infos[i].minDepth = 0.0f;
                depth_infos[i].maxDepth = 1.0f;
                depth_infos[i].nearZ = std::numeric_limits<float>::infinity();
                depth_infos[i].farZ = float(kNear);
                layer_views[i].next = &depth_infos[i];
              }
            }
            layer.space = space;
            layer.viewCount = 2;
            layer.views = layer_views.data();
            rendered = true;
          }
        }
        XrFrameEndInfo end_info{XR_TYPE_FRAME_END_INFO};
        end_info.displayTime = frame.predictedDisplayTime;
        end_info.environmentBlendMode = blend;
        end_info.layerCount = rendered ? 1 : 0;
        end_info.layers = rendered ? layers : nullptr;
        XR_CHECK(xrEndFrame(session, &end_info));
        ++result.frames_ended;
        if (rendered) ++result.frames_submitted;
      } catch (const CallError& e) {
        if (e.result == XR_ERROR_SESSION_LOST) {
          log::warn("OpenXR: the session was lost ({})", e.what());
          machine.on_lost(false);
        } else if (e.result == XR_ERROR_INSTANCE_LOST) {
          log::warn("OpenXR: the runtime went away ({})", e.what());
          machine.on_lost(true);
        } else {
          throw;
        }
      }
    }
  } catch (const gpu::DeviceLost& e) {
    // The session goes with the device (OpenXR: destroy it, make a new device and a new session); the
    // objects are destroyed in order as this returns.
    log::error("OpenXR: {}; ending the session to make a new device and session", e.what());
    ++result.devices_lost;
    collect();
    return false;
  }
  vkDeviceWaitIdle(ctx.device());
  collect();
  return true;
}

}  // namespace

HeadsetResult run_headset(Runtime& runtime, const scene::Scene& scene, const HeadsetOptions& options) {
  HeadsetResult result;
  SignalGuard signals;
  Stopwatch since_loss;
  int losses = 0;  // within a minute of each other
  while (!run_session(runtime, scene, options, result)) {
    // A device lost again and again is given up on (a kiosk's service manager restarts the process).
    losses = since_loss.ms() < 60000.0 ? losses + 1 : 1;
    if (losses > 3) fail("the GPU device was lost {} times, each within a minute of the last; giving up", losses);
    since_loss.reset();
    log::info("OpenXR: a new Vulkan device and session (the visitor starts again where the headset starts)");
  }
  return result;
}

}  // namespace axis::xr
