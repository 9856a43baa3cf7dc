#version 460
// Alpha-tested shadow casters (MASK materials: leaves, lattice, railings) cut holes in the shadow.
#extension GL_GOOGLE_include_directive : require
#include "shared.h"

layout(std140, set = AXIS_SET_MATERIAL, binding = AXIS_BINDING_MATERIAL) uniform MaterialBlock { MaterialGpu mat; };
layout(set = AXIS_SET_MATERIAL, binding = AXIS_BINDING_BASE_COLOR) uniform sampler2D base_color_tex;

layout(location = 0) in vec4 in_uv;

void main() {
  float a = mat.base_color.a;
  if ((mat.flags.x & AXIS_MAT_BASE_COLOR_TEX) != 0u) {
    vec3 uv = vec3(mat.uv_sets.x == 1 ? in_uv.zw : in_uv.xy, 1.0);
    a *= texture(base_color_tex, vec2(dot(mat.uv_transform[0].xyz, uv), dot(mat.uv_transform[1].xyz, uv))).a;
  }
  if (a < mat.emissive.w) discard;
}
