#version 460
// The depth pyramid's first level from a multisampled depth image (see hzb_depth.glsl).
#define AXIS_HZB_MULTISAMPLED 1
#include "hzb_depth.glsl"
