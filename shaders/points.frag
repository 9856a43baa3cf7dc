#version 460
// Round points (square ones when small) in the vertex colour times the material's base colour.
#include "common.glsl"

layout(constant_id = 0) const bool ROUND = true;

layout(std140, set = AXIS_SET_MATERIAL, binding = AXIS_BINDING_MATERIAL) uniform MaterialBlock { MaterialGpu mat; };

layout(location = 0) in vec4 in_color;
layout(location = 0) out vec4 out_color;

void main() {
  if (ROUND && frame.params.z > 2.5) {
    vec2 d = gl_PointCoord * 2.0 - 1.0;
    if (dot(d, d) > 1.0) discard;
  }
  vec4 c = mat.base_color;
  c *= in_color;  // COLOR_0, white when the primitive has none
  out_color = vec4(c.rgb, 1.0);
}
