#version 460
// The world-space panel's picture, opaque (its ImGui window fills it).
#include "common.glsl"

layout(set = AXIS_SET_FRAME, binding = AXIS_BINDING_PANEL) uniform sampler2D panel_picture;

layout(location = 0) in vec2 in_uv;
layout(location = 0) out vec4 out_color;

void main() { out_color = vec4(texture(panel_picture, in_uv).rgb, 1.0); }
