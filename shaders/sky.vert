#version 460
// A full-screen triangle at the far plane (depth 0 with reversed-Z), drawn after the opaque geometry so
// that only uncovered pixels are shaded.
layout(location = 0) out vec2 out_ndc;

void main() {
  vec2 p = vec2((gl_VertexIndex << 1) & 2, gl_VertexIndex & 2);
  out_ndc = p * 2.0 - 1.0;
  gl_Position = vec4(out_ndc, 0.0, 1.0);
}
