#version 460
// Occlusion culling of the main pass's instances (render/occlusion.h), in two phases a frame.
// Early: instances seen last time are copied into this frame's draws at once. Late, after a depth
// pyramid of what the early draws covered: every instance's box is tested against the pyramid in each
// view; those seen now and not drawn early are added to the late draws, and what was seen is kept for
// the next frame. An instance is skipped only when its box lies wholly behind the farthest depth of the
// pixels it covers, so nothing that shows is ever left out (reversed-Z: larger is nearer).
#extension GL_GOOGLE_include_directive : require
#include "shared.h"

layout(local_size_x = AXIS_CULL_GROUP) in;

layout(push_constant) uniform Push { CullPushGpu push; };
layout(std140, set = 0, binding = AXIS_CULL_BINDING_FRAME) uniform FrameBlock { FrameGpu frame; };
layout(std430, set = 0, binding = AXIS_CULL_BINDING_INSTANCES) readonly buffer Source { InstanceGpu source[]; };
layout(std430, set = 0, binding = AXIS_CULL_BINDING_RECORDS) readonly buffer Records { CullRecordGpu records[]; };
struct DrawCommand {
  uint index_count;
  uint instance_count;
  uint first_index;
  int vertex_offset;
  uint first_instance;
};
layout(std430, set = 0, binding = AXIS_CULL_BINDING_COMMANDS) buffer Commands { DrawCommand commands[]; };
layout(std430, set = 0, binding = AXIS_CULL_BINDING_CULLED) writeonly buffer Culled { InstanceGpu culled[]; };
layout(std430, set = 0, binding = AXIS_CULL_BINDING_DRAWN_EARLY) buffer DrawnEarly { uint drawn_early[]; };
layout(std430, set = 0, binding = AXIS_CULL_BINDING_VISIBILITY) buffer Visibility { uint visibility[]; };
layout(set = 0, binding = AXIS_CULL_BINDING_HZB) uniform sampler2DArray hzb;

// Each instance is drawn once, early or late: a draw's late instances follow its early ones in the range
// the CPU gave it.
void append_early(uint draw, uint instance) {
  uint slot = atomicAdd(commands[draw].instance_count, 1u);
  culled[commands[draw].first_instance + slot] = source[instance];
}

void append_late(uint draw, uint instance) {
  const uint late = push.counts.y + draw;
  const uint first = commands[draw].first_instance + commands[draw].instance_count;  // the early phase is done
  commands[late].first_instance = first;  // every thread of this draw writes the same value
  uint slot = atomicAdd(commands[late].instance_count, 1u);
  culled[first + slot] = source[instance];
}

// Whether any part of the box may show in view `v`.
bool visible_in(uint v, vec3 lo, vec3 hi) {
  vec2 ndc_min = vec2(1e30), ndc_max = vec2(-1e30);
  float nearest = 0.0;
  for (int i = 0; i < 8; ++i) {
    vec3 corner = vec3((i & 1) != 0 ? hi.x : lo.x, (i & 2) != 0 ? hi.y : lo.y, (i & 4) != 0 ? hi.z : lo.z);
    vec4 clip = frame.view_proj[v] * vec4(corner, 1.0);
    if (clip.w <= 1e-6) return true;  // reaches behind the eye: no screen rectangle bounds it
    vec3 ndc = clip.xyz / clip.w;
    ndc_min = min(ndc_min, ndc.xy);
    ndc_max = max(ndc_max, ndc.xy);
    nearest = max(nearest, ndc.z);
  }
  if (any(lessThan(ndc_max, vec2(-1.0))) || any(greaterThan(ndc_min, vec2(1.0)))) return false;  // off this view
  if (nearest >= 1.0) return true;  // reaches the near plane
  // The pixels the box covers (widened by the margin), then the pyramid's texels over them: texel t of
  // level 0 holds pixels floor(t W / w) .. ceil((t + 1) W / w) - 1 (see hzb_depth.glsl).
  const vec2 size = frame.viewport.xy;
  ivec2 p0 = ivec2(clamp(floor((ndc_min * 0.5 + 0.5) * size - push.margin.x), vec2(0.0), size - 1.0));
  ivec2 p1 = ivec2(clamp(floor((ndc_max * 0.5 + 0.5) * size + push.margin.x), vec2(0.0), size - 1.0));
  const ivec2 w = ivec2(push.hzb.xy), W = ivec2(size);
  ivec2 t0 = (p0 * w) / W, t1 = (p1 * w) / W;
  // The finest level where the rectangle spans at most 4 x 4 texels.
  int level = 0;
  const int levels = int(push.hzb.z);
  while (level + 1 < levels && any(greaterThan((t1 >> level) - (t0 >> level), ivec2(3)))) ++level;
  ivec2 a = t0 >> level, b = t1 >> level;
  float farthest = 1.0;
  for (int y = a.y; y <= b.y; ++y)
    for (int x = a.x; x <= b.x; ++x) farthest = min(farthest, texelFetch(hzb, ivec3(x, y, int(v)), level).r);
  // A surface lying on the occluder (rounded a little differently from the rasteriser) still counts as seen.
  return nearest >= farthest * (1.0 - 1e-5);
}

void main() {
  const uint i = gl_GlobalInvocationID.x;
  if (i >= push.counts.x) return;
  const CullRecordGpu r = records[i];
  const uint drawable = floatBitsToUint(r.lo.w), draw = floatBitsToUint(r.hi.w) & ~AXIS_CULL_ALWAYS;
  const bool always = (floatBitsToUint(r.hi.w) & AXIS_CULL_ALWAYS) != 0u;
  if (push.counts.z == AXIS_CULL_EARLY) {
    const uint seen = always ? 1u : visibility[drawable];
    drawn_early[i] = seen;
    if (seen != 0u) append_early(draw, i);
    return;
  }
  bool visible = always;
  for (uint v = 0u; v < push.counts.w && !visible; ++v) visible = visible_in(v, r.lo.xyz, r.hi.xyz);
  // Records of one drawable share its box, so they agree on what they write here.
  visibility[drawable] = visible ? 1u : 0u;
  if (visible && drawn_early[i] == 0u) append_late(draw, i);
}
