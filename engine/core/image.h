// 8-bit RGBA images in memory: decoding (JPEG with libjpeg-turbo, PNG with libspng, the other formats
// stb_image reads) and PNG encoding.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace axis {

struct Rgba8Image {
  uint32_t width = 0;
  uint32_t height = 0;
  std::vector<uint8_t> pixels;  // width * height * 4, rows top to bottom

  bool empty() const { return pixels.empty(); }
};

// The sRGB transfer function and its inverse, for one channel in 0..1 (clamped).
float srgb_to_linear(float c);
float linear_to_srgb(float l);

// Decodes an encoded image to RGBA8. Throws axis::Error with the decoder's reason (without a file name:
// the caller knows which file or glTF image it was).
Rgba8Image decode_image(std::span<const uint8_t> encoded);

// PNG bytes of an RGBA8 image (libspng). `fast` trades file size for speed (zlib level 1): renders are written
// often and read rarely.
std::vector<uint8_t> encode_png(const Rgba8Image& image, bool fast = true);

// JPEG bytes of an RGBA8 image (libjpeg-turbo; alpha is dropped), `quality` 1..100.
std::vector<uint8_t> encode_jpeg(const Rgba8Image& image, int quality = 85);

// Encodes and writes atomically; throws axis::Error naming the path if it cannot be written.
void write_png(const std::filesystem::path& path, const Rgba8Image& image);
// PNG, or JPEG when the path ends in .jpg or .jpeg.
void write_image(const std::filesystem::path& path, const Rgba8Image& image);
Rgba8Image read_png(const std::filesystem::path& path);

}  // namespace axis
