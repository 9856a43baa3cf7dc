#version 460
// One level of the depth pyramid from the level above (render/occlusion.h): each texel holds the farthest
// depth (reversed-Z: the least) of the 2 x 2 texels it covers; a side of one texel stays one.
#extension GL_GOOGLE_include_directive : require
#include "shared.h"

layout(local_size_x = AXIS_HZB_GROUP, local_size_y = AXIS_HZB_GROUP) in;
layout(push_constant) uniform Push { HzbPushGpu push; };
layout(set = 0, binding = 0, r32f) uniform readonly image2DArray above;
layout(set = 0, binding = 1, r32f) uniform writeonly image2DArray below;

void main() {
  const ivec2 t = ivec2(gl_GlobalInvocationID.xy);
  const int layer = int(gl_GlobalInvocationID.z);
  if (any(greaterThanEqual(uvec2(t), push.size.xy))) return;
  const ivec2 last = ivec2(push.size.zw) - 1;
  const ivec2 a = min(t * 2, last), b = min(t * 2 + 1, last);
  float farthest = min(min(imageLoad(above, ivec3(a.x, a.y, layer)).r, imageLoad(above, ivec3(b.x, a.y, layer)).r),
                       min(imageLoad(above, ivec3(a.x, b.y, layer)).r, imageLoad(above, ivec3(b.x, b.y, layer)).r));
  imageStore(below, ivec3(t, layer), vec4(farthest));
}
