#version 460
// Measurement lines and annotation pins: screen-space quads of a constant size in pixels, built from one
// storage-buffer entry per primitive (six vertices each).
#include "common.glsl"

layout(std430, set = AXIS_SET_FRAME, binding = AXIS_BINDING_OVERLAY) readonly buffer OverlayBlock { OverlayGpu items[]; };

layout(location = 0) out vec2 out_uv;           // across the quad: (0..1, 0..1)
layout(location = 1) flat out vec4 out_color;
layout(location = 2) flat out uvec2 out_kind;   // kind, highlighted
layout(location = 3) out float out_width;       // line width in pixels

const vec2 kCorners[6] = vec2[](vec2(0, 0), vec2(1, 0), vec2(1, 1), vec2(0, 0), vec2(1, 1), vec2(0, 1));

void main() {
  OverlayGpu item = items[gl_VertexIndex / 6];
  vec2 corner = kCorners[gl_VertexIndex % 6];
  out_uv = corner;
  out_color = item.color;
  out_kind = item.kind.xy;
  vec2 px_to_ndc = 2.0 * frame.viewport.zw;
  if (item.kind.x == AXIS_OVERLAY_PIN) {
    // Anchored at its tip, standing up on screen.
    vec4 tip = frame.view_proj[gl_ViewIndex] * vec4(item.a.xyz, 1.0);
    float h = item.a.w * (item.kind.y != 0u ? 1.25 : 1.0);
    vec2 offset = vec2((corner.x - 0.5) * h * 0.7, -(1.0 - corner.y) * h) * px_to_ndc;
    gl_Position = vec4(tip.xy / tip.w + offset, 0.0, 1.0);
    out_width = h;
    return;
  }
  vec4 a = frame.view_proj[gl_ViewIndex] * vec4(item.a.xyz, 1.0);
  vec4 b = frame.view_proj[gl_ViewIndex] * vec4(item.b.xyz, 1.0);
  vec2 sa = a.xy / a.w, sb = b.xy / b.w;
  vec2 dir = (sb - sa) * frame.viewport.xy;
  dir = length(dir) > 1e-4 ? normalize(dir) : vec2(1, 0);
  vec2 normal = vec2(-dir.y, dir.x);
  float w = item.a.w + 2.0;  // room for the soft edge
  vec2 s = mix(sa, sb, corner.x) + normal * (corner.y - 0.5) * w * px_to_ndc;
  gl_Position = vec4(s, 0.0, 1.0);
  out_width = w;
}
