// Bindings shared by the scene shaders: the per-frame block and the instance array.
#extension GL_GOOGLE_include_directive : require
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
