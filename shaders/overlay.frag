#version 460
// Lines with soft edges; pins drawn procedurally: a round head on a pointed stem, white-rimmed.
#include "common.glsl"

layout(location = 0) in vec2 in_uv;
layout(location = 1) flat in vec4 in_color;
layout(location = 2) flat in uvec2 in_kind;
layout(location = 3) in float in_width;

layout(location = 0) out vec4 out_color;

void main() {
  if (in_kind.x == AXIS_OVERLAY_LINE) {
    float d = abs(in_uv.y - 0.5) * in_width;  // pixels from the centre line
    float a = clamp((in_width - 2.0) * 0.5 + 0.5 - d, 0.0, 1.0);
    if (a <= 0.0) discard;
    out_color = vec4(in_color.rgb, in_color.a * a);
    return;
  }
  // Pin: uv (0,0) top-left, the tip at (0.5, 1).
  vec2 p = vec2((in_uv.x - 0.5) * 0.7, in_uv.y);
  vec2 head = vec2(0.0, 0.3);
  float r = 0.22;
  float dh = length(p - head);
  // Stem: a triangle from the head's width down to the tip.
  float t = clamp((p.y - head.y) / (1.0 - head.y), 0.0, 1.0);
  float half_w = mix(r * 0.75, 0.0, t);
  bool in_stem = p.y > head.y && abs(p.x) < half_w;
  float px = 1.0 / in_width;  // one pixel in these units
  if (dh > r + px && !in_stem) discard;
  vec3 rim = vec3(1.0);
  bool inner = dh < r - 2.5 * px || (in_stem && abs(p.x) < half_w - 2.0 * px);
  vec3 c = inner ? in_color.rgb : rim;
  if (dh < r * 0.38) c = vec3(1.0);  // the pin's white dot
  out_color = vec4(c, 1.0);
}
