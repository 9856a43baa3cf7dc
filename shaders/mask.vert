#version 460
// The selection mask: selected instances drawn as plain coverage, for the outline pass.
#include "common.glsl"
#include "animation.glsl"

layout(location = 0) in vec3 in_position;

out float gl_ClipDistance[AXIS_MAX_SECTIONS];

void main() {
  InstanceGpu inst = instances[gl_InstanceIndex];
  vec3 local = in_position, n = vec3(0.0), tg = vec3(0.0);
  animate_vertex(inst, local, n, tg);
  vec3 p = instance_position(inst, local);
  AXIS_WRITE_SECTIONS(p)
  gl_Position = frame.view_proj[gl_ViewIndex] * vec4(p, 1.0);
}
