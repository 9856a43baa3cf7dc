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
  if (texelFetch(selection_mask, ivec3(p, gl_ViewIndex), 0).r > 0.5) discard;
  // The nearest selected pixel within the band's reach (sqrt 5 pixels at the whole size).
  int nearest = 100;
  for (int y = -2; y <= 2; ++y)
    for (int x = -2; x <= 2; ++x) {
      int d2 = x * x + y * y;
      if (d2 > 5 || d2 >= nearest) continue;
      ivec2 q = clamp(p + ivec2(x, y), ivec2(0), size - 1);
      if (texelFetch(selection_mask, ivec3(q, gl_ViewIndex), 0).r > 0.5) nearest = d2;
    }
  if (nearest > 5) discard;
  // Solid out to sqrt(5) * scale pixels, fading over one more: at the whole size every pixel of the band
  // is solid (as above 0.9 or so: the band is at most its 2 pixels); a smaller part gets a narrower band,
  // with no step as the scale changes.
  float reach = sqrt(5.0) * frame.effects.z;
  float a = clamp(reach + 1.0 - sqrt(float(nearest)), 0.0, 1.0);
  if (a <= 0.0) discard;
  out_color = vec4(frame.highlight.rgb, a);
}
