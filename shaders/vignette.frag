#version 460
// The comfort vignette: the edges of the view darken while the visitor moves artificially (teleport
// arcs, gliding tours), which narrows the field of view and eases motion sickness in VR; and the fade to
// black of a VR tour's jump from one stop to the next.
#include "common.glsl"

layout(location = 0) out vec4 out_color;

void main() {
  vec2 uv = gl_FragCoord.xy * frame.viewport.zw * 2.0 - 1.0;
  float r = length(uv);
  float a = max(frame.effects.x * smoothstep(0.45, 1.05, r), frame.effects.y);
  if (a <= 0.001) discard;
  out_color = vec4(0.0, 0.0, 0.0, a);
}
