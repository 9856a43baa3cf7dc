// The depth pyramid's first level from the main pass's depth (render/occlusion.h): each texel holds the
// farthest depth (reversed-Z: the least) of every sample of the pixels it covers. Level 0 is the largest
// power of two no larger than half the part of the image drawn (W: push.size.zw), so texel t covers
// pixels floor(t W / w) .. ceil((t + 1) W / w) - 1 (two to five per side). Included by hzb_depth.comp (one sample) and hzb_depth_ms.comp (MSAA).
#extension GL_GOOGLE_include_directive : require
#include "shared.h"

layout(local_size_x = AXIS_HZB_GROUP, local_size_y = AXIS_HZB_GROUP) in;
layout(push_constant) uniform Push { HzbPushGpu push; };
#if AXIS_HZB_MULTISAMPLED
layout(set = 0, binding = 0) uniform sampler2DMSArray depth;
#else
layout(set = 0, binding = 0) uniform sampler2DArray depth;
#endif
layout(set = 0, binding = 1, r32f) uniform writeonly image2DArray level0;

void main() {
  const uvec2 t = gl_GlobalInvocationID.xy;
  const int layer = int(gl_GlobalInvocationID.z);
  if (any(greaterThanEqual(t, push.size.xy))) return;
  const uvec2 w = push.size.xy, W = push.size.zw;
  const uvec2 first = (t * W) / w, end = ((t + 1u) * W + w - 1u) / w;
  float farthest = 1.0;
  for (uint y = first.y; y < end.y; ++y)
    for (uint x = first.x; x < end.x; ++x) {
#if AXIS_HZB_MULTISAMPLED
      for (int s = 0; s < int(push.info.x); ++s)
        farthest = min(farthest, texelFetch(depth, ivec3(x, y, layer), s).r);
#else
      farthest = min(farthest, texelFetch(depth, ivec3(x, y, layer), 0).r);
#endif
    }
  imageStore(level0, ivec3(t, layer), vec4(farthest));
}
