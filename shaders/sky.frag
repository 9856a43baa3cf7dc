#version 460
// The analytic sky behind the scene, with a soft sun disc.
#include "common.glsl"
#include "lighting.glsl"

layout(location = 0) in vec2 in_ndc;
layout(location = 0) out vec4 out_color;

void main() {
  vec4 p = frame.inv_view_proj[gl_ViewIndex] * vec4(in_ndc, 1.0, 1.0);  // a point on the near plane
  vec3 dir = normalize(p.xyz / p.w - frame.eye_offset[gl_ViewIndex].xyz);
  vec3 color = sky_radiance(dir);
  float sun = max(dot(dir, frame.sun_direction.xyz), 0.0);
  color += frame.sun_color.rgb * (pow(sun, 2000.0) * 8.0 + pow(sun, 64.0) * 0.08);
  out_color = vec4(tonemap_pbr_neutral(color * frame.params.x), 1.0);
}
