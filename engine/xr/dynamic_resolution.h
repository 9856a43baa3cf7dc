// Dynamic resolution for a headset: how much of each eye's swapchain image to draw, from the GPU time of
// the frames drawn so far against the headset's frame budget. A frame that misses the budget is a
// judder the visitor sees (the runtime reprojects an old frame); a slightly softer picture is not. So
// when the GPU falls behind, the eyes are drawn into a smaller rectangle of the same swapchain images
// (OpenXR's imageRect: the compositor scales it up; nothing is reallocated), and when the GPU has room
// again the rectangle grows back step by step to the whole image.
//
// The rule, measured in frames the GPU has finished (each timing arrives a few frames after the frame
// was recorded, so the frames recorded before a change are ignored until they have all come back):
//   - down: two frames in a row over `target` of the budget → the scale that would have brought the
//     faster of the two onto the target if its time were all pixels (scale * sqrt(target / time)), at
//     least `min_step` below, never below `min_scale`. One slow frame alone (a shadow redraw, a new
//     building coming into view) does not lower it.
//   - up, safely: `raise_after` frames in a row that would still be on target one `step_up` higher
//     even if all of their time grew with the pixels → that scale (at most `max_scale`).
//   - up, as a try: `probe_after` frames in a row within `probe_below` of the target → one step up. A
//     GPU bound by geometry gains little from fewer pixels and loses little from more, so its frame can
//     have room for a larger scale that the safe rule cannot see.
//   - a drop soon after a step up (within `raise_after` * 4 frames) goes back to the scale the step left.
//     If the first frame there is on target and as quick as before the step, the step was what did not
//     hold, and nothing higher is tried for `retry_after` frames (and then `raise_after` or
//     `probe_after` more): two or three frames over the target, which may miss the display, every twelve
//     seconds or so at worst, and no seesaw. Else the load rose meanwhile, and the scale follows it as
//     usual.
//
// At the least scale (`min_scale`), frames still over the target lower the distant detail instead
// (down to `min_detail`): levels of detail are chosen as for an image that much smaller again per side,
// so a GPU bound by geometry, which fewer pixels do not help, draws fewer triangles far away. A step
// down from a larger scale stops at the least one, so the detail goes only on frames measured there.
// The same rules move one level through both ranges: the scale comes back only once the detail is
// whole. Nothing checks that less detail helped: on a GPU bound by pixels it costs a little far-off
// detail and gains nothing, for as long as the frames stay over.
// Pure logic (no GPU): the headset feeds it xr's frame timings; tests feed it a model of the GPU.
#pragma once

#include <vulkan/vulkan.h>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace axis::xr {

struct DynamicResolutionOptions {
  double min_scale = 0.7;   // of the swapchain's size per side (0.49 of its pixels); 1: a fixed resolution
  double max_scale = 1.0;
  double target = 0.9;      // of the budget: the rest is the compositor's
  double target_margin = 0.97;  // a safe step up must be predicted within this share of the target
  int raise_after = 45;     // frames (half a second at 90 Hz)
  double probe_below = 0.9; // of the target
  int probe_after = 180;    // frames (two seconds)
  int retry_after = 900;    // frames (ten seconds) before a step up that did not hold is tried again
  double step_up = 0.05;
  double min_step = 0.02;   // the least step down
  int settle_frames = 1;    // frames in flight - 1: the timings still to come of frames recorded before a change
  // Below min_scale: levels of detail as for an image down to this share of the least scale per side (a
  // distant part's error up to 1 / min_detail as many pixels); 1: never coarser than the pixels drawn.
  double min_detail = 1.0;
};

class DynamicResolution {
 public:
  explicit DynamicResolution(const DynamicResolutionOptions& options = {});

  // Whether anything may change at all (the scale, or the detail below it).
  bool enabled() const { return floor_ < options_.max_scale; }
  // Of each eye's image per side: min_scale to max_scale.
  double scale() const { return std::max(level_, options_.min_scale); }
  // The levels of detail's share of the pixels drawn (their pixels per radian): 1 down to min_detail,
  // below 1 only at the least scale. The largest error of a level drawn grows as 1 / detail() pixels.
  double detail() const { return level_ < options_.min_scale ? level_ / options_.min_scale : 1.0; }
  // The rectangle of a `full`-sized image drawn at the current scale: the whole image at scale 1, else
  // each side scaled and rounded down to a multiple of 4 pixels (at least 16, never more than the side).
  VkExtent2D extent(VkExtent2D full) const;

  // One finished frame's GPU time in milliseconds, against the frame budget in milliseconds (the
  // headset's display period). Returns true when the scale changed (the next frame is drawn at the new
  // scale). Timings that are not positive and finite, and budgets that are not, are ignored.
  bool add(double gpu_ms, double budget_ms);

  uint64_t changes() const { return changes_; }

 private:
  DynamicResolutionOptions options_;
  // One level through both ranges: the scale above min_scale, scale * detail below it (down to floor_).
  double level_ = 1.0;
  double floor_ = 0.7;
  int settling_ = 0;       // timings still to ignore after a change
  int over_ = 0;           // frames in a row over the target
  int under_ = 0;          // frames in a row that a safe step up would keep on target
  int quiet_ = 0;          // frames in a row within probe_below of the target
  double fastest_over_ = 0.0;  // the faster of the frames over the target in this run
  uint64_t changes_ = 0;
  int since_raise_ = -1;   // frames timed since the last step up, up to just past the window (-1: the last change was down)
  double before_raise_ = 1.0;  // the level the last step up left
  double ceiling_ = 1.0;   // steps up go no higher than this while ceiling_frames_ > 0
  int ceiling_frames_ = 0;
  bool ceiling_pending_ = false;  // back from a step up: the next frame says whether it failed
  double recent_ms_ = 0.0;        // the frames' times at this scale, smoothed
  double ms_before_raise_ = 0.0;  // recent_ms_ when the last step up was taken
};

// What the headset's frames took on the GPU, for the session's closing log line and result: counted in
// bins 1% wide from 0.01 ms to 100 s (a kiosk runs for hours: no list of every frame), so the
// percentiles are within 1% (a bin's upper edge, at most the longest); max() is exact.
class FrameTimes {
 public:
  void add(double gpu_ms, double budget_ms);
  uint64_t timed() const { return timed_; }
  uint64_t over_budget() const { return over_budget_; }  // frames over the display period they were given
  double max_ms() const { return max_ms_; }
  // The time that `fraction` (0..1) of the frames took at most: 0.5 the median; 0 with no frames.
  double percentile(double fraction) const;
  void merge(const FrameTimes& other);

 private:
  static size_t bin_of(double ms);
  static double upper_edge(size_t bin);
  std::vector<uint32_t> bins_;
  uint64_t timed_ = 0, over_budget_ = 0;
  double max_ms_ = 0.0;
};

}  // namespace axis::xr
