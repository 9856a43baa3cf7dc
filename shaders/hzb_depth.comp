#version 460
// The depth pyramid's first level from a single-sampled depth image (see hzb_depth.glsl).
#define AXIS_HZB_MULTISAMPLED 0
#include "hzb_depth.glsl"
