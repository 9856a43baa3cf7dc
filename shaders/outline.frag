#version 460
// The selection outline: pixels just outside the selection mask, in the highlight colour, over the
// finished image (a 2-pixel band with soft corners; narrower when only a part of the image is drawn,
// frame.effects.z, so that it looks as wide once the headset's compositor scales the part up).
#include "common.glsl"

layout(set = AXIS_SET_FRAME, binding = AXIS_BINDING_SELECTION_MASK) uniform sampler2DArray selection_mask;

layout(location = 0) out vec4 out_color;

void main() {
  ivec2 p = ivec2(gl_FragCoord.xy);
  ivec2 size = ivec2(frame.viewport.xy);  // the part drawn: the mask is clear beyond it
  float reach = max(1.0, 5.0 * frame.effects.z * frame.effects.z);
  if (texelFetch(selection_mask, ivec3(p, gl_ViewIndex), 0).r > 0.5) discard;
  float edge = 0.0;
  for (int y = -2; y <= 2; ++y)
    for (int x = -2; x <= 2; ++x) {
      if (float(x * x + y * y) > reach) continue;
      ivec2 q = clamp(p + ivec2(x, y), ivec2(0), size - 1);
      edge = max(edge, texelFetch(selection_mask, ivec3(q, gl_ViewIndex), 0).r);
    }
  if (edge < 0.5) discard;
  out_color = vec4(frame.highlight.rgb, 1.0);
}
