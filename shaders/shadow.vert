#version 460
// Depth of shadow casters into one cascade of the sun's shadow map.
#include "common.glsl"
#include "animation.glsl"

layout(push_constant) uniform Push { uint cascade; } push;

layout(location = 0) in vec3 in_position;
layout(location = 3) in vec2 in_uv0;
layout(location = 4) in vec2 in_uv1;

layout(location = 0) out vec4 out_uv;

out float gl_ClipDistance[AXIS_MAX_SECTIONS];

void main() {
  InstanceGpu inst = instances[gl_InstanceIndex];
  out_uv = vec4(in_uv0, in_uv1);
  vec3 local = in_position, n = vec3(0.0), tg = vec3(0.0);
  animate_vertex(inst, local, n, tg);
  vec3 p = instance_position(inst, local);
  AXIS_WRITE_SECTIONS(p)
  gl_Position = frame.cascade_view_proj[push.cascade] * vec4(p, 1.0);
}
