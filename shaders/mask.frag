#version 460
// Coverage of the selection.
layout(location = 0) out vec4 out_mask;

void main() { out_mask = vec4(1.0); }
