#version 460
// Scene geometry for the forward PBR pass: camera-relative positions, world normals and tangents.
#include "common.glsl"
#include "animation.glsl"

layout(location = 0) in vec3 in_position;
layout(location = 1) in vec3 in_normal;
layout(location = 2) in vec4 in_tangent;
layout(location = 3) in vec2 in_uv0;
layout(location = 4) in vec2 in_uv1;
layout(location = 5) in vec4 in_color;

layout(location = 0) out vec3 out_position;  // camera-relative world position
layout(location = 1) out vec3 out_normal;
layout(location = 2) out vec4 out_tangent;
layout(location = 3) out vec4 out_uv;        // uv0, uv1
layout(location = 4) out vec4 out_color;
layout(location = 5) flat out vec4 out_tint;   // condition-map colour (alpha 0: none)

out float gl_ClipDistance[AXIS_MAX_SECTIONS];

void main() {
  InstanceGpu inst = instances[gl_InstanceIndex];
  vec3 local = in_position, normal = in_normal, tangent = in_tangent.xyz;
  animate_vertex(inst, local, normal, tangent);
  vec3 p = instance_position(inst, local);
  out_position = p;
  out_normal = instance_normal(inst, normal);
  out_tangent = vec4(instance_direction(inst, tangent), in_tangent.w);
  out_uv = vec4(in_uv0, in_uv1);
  out_color = in_color;
  out_tint = unpack_rgba8(floatBitsToUint(inst.normal_rows[1].w));
  AXIS_WRITE_SECTIONS(p)
  gl_Position = frame.view_proj[gl_ViewIndex] * vec4(p, 1.0);
}
