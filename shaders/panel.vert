#version 460
// The world-space panel (VR captions and info cards): one quad in the world from the frame constants,
// six vertices, drawn over the scene in each view.
#include "common.glsl"

layout(location = 0) out vec2 out_uv;

const vec2 kCorners[6] = vec2[](vec2(0, 0), vec2(1, 0), vec2(1, 1), vec2(0, 0), vec2(1, 1), vec2(0, 1));

void main() {
  vec2 c = kCorners[gl_VertexIndex];
  out_uv = vec2(c.x, 1.0 - c.y);  // the picture's top row at the top edge
  vec3 p = frame.panel_center.xyz + frame.panel_right.xyz * (2.0 * c.x - 1.0) + frame.panel_up.xyz * (2.0 * c.y - 1.0);
  gl_Position = frame.view_proj[gl_ViewIndex] * vec4(p, 1.0);
}
