// Bindings shared by the scene shaders: the per-frame block and the instance array.
#extension GL_GOOGLE_include_directive : require
#extension GL_EXT_multiview : require
#include "shared.h"

layout(std140, set = AXIS_SET_FRAME, binding = AXIS_BINDING_FRAME) uniform FrameBlock { FrameGpu frame; };
layout(std430, set = AXIS_SET_FRAME, binding = AXIS_BINDING_INSTANCES) readonly buffer InstanceBlock {
  InstanceGpu instances[];
};

vec3 instance_position(InstanceGpu inst, vec3 p) {
  vec4 h = vec4(p, 1.0);
  return vec3(dot(inst.model_rows[0], h), dot(inst.model_rows[1], h), dot(inst.model_rows[2], h));
}

vec3 instance_direction(InstanceGpu inst, vec3 d) {
  return vec3(dot(inst.model_rows[0].xyz, d), dot(inst.model_rows[1].xyz, d), dot(inst.model_rows[2].xyz, d));
}

vec3 instance_normal(InstanceGpu inst, vec3 n) {
  return vec3(dot(inst.normal_rows[0].xyz, n), dot(inst.normal_rows[1].xyz, n), dot(inst.normal_rows[2].xyz, n));
}

// Section planes as clip distances (vertex shaders declare `out float gl_ClipDistance[AXIS_MAX_SECTIONS]`):
// the rasteriser cuts geometry exactly, in every pass, so a cut-away roof also stops casting its shadow.
#define AXIS_WRITE_SECTIONS(p)                                                                     \
  for (int s_ = 0; s_ < AXIS_MAX_SECTIONS; ++s_)                                                   \
    gl_ClipDistance[s_] = s_ < int(frame.section_info.x) ? frame.sections[s_].w - dot(frame.sections[s_].xyz, p) : 1.0;

vec4 unpack_rgba8(uint v) {
  return vec4(float(v & 255u), float((v >> 8) & 255u), float((v >> 16) & 255u), float(v >> 24)) / 255.0;
}
