// Mip chains built on the CPU, in parallel across images, before upload: a 2x2 box filter that averages
// sRGB textures in linear light (averaging the encoded values darkens detail such as tile joints).
#pragma once

#include <cstdint>
#include <vector>

namespace axis::render {

uint32_t mip_count(uint32_t width, uint32_t height);

// Levels 1..n-1 of an RGBA8 image (level 0 is the image itself), each tightly packed.
std::vector<std::vector<uint8_t>> build_mips(const uint8_t* rgba, uint32_t width, uint32_t height, bool srgb);

}  // namespace axis::render
