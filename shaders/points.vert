#version 460
// Point clouds (laser scans) and line primitives: coloured by COLOR_0 and the material's base colour.
#include "common.glsl"

layout(location = 0) in vec3 in_position;
layout(location = 5) in vec4 in_color;

layout(location = 0) out vec4 out_color;

out float gl_ClipDistance[AXIS_MAX_SECTIONS];

void main() {
  InstanceGpu inst = instances[gl_InstanceIndex];
  out_color = in_color;
  vec3 p = instance_position(inst, in_position);
  AXIS_WRITE_SECTIONS(p)
  gl_Position = frame.view_proj[gl_ViewIndex] * vec4(p, 1.0);
  gl_PointSize = frame.params.z;
}
