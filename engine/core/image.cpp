#include "core/image.h"

#include "core/error.h"
#include "core/files.h"

#include <spng.h>
#include <stb/stb_image.h>
#include <turbojpeg.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <memory>

namespace axis {

float srgb_to_linear(float c) {
  c = std::clamp(c, 0.0f, 1.0f);
  return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f);
}

float linear_to_srgb(float l) {
  l = std::clamp(l, 0.0f, 1.0f);
  return l <= 0.0031308f ? l * 12.92f : 1.055f * std::pow(l, 1.0f / 2.4f) - 0.055f;
}

namespace {

bool is_jpeg(std::span<const uint8_t> b) { return b.size() > 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF; }
bool is_png(std::span<const uint8_t> b) {
  static const uint8_t sig[8] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
  return b.size() > 8 && std::memcmp(b.data(), sig, 8) == 0;
}

// libjpeg-turbo: several times faster than a portable decoder on the 2k/4k textures of scanned models.
Rgba8Image decode_jpeg(std::span<const uint8_t> encoded) {
  tjhandle tj = tjInitDecompress();
  if (!tj) fail("cannot decode JPEG: {}", tjGetErrorStr());
  std::unique_ptr<void, int (*)(tjhandle)> owner(tj, tjDestroy);
  int w = 0, h = 0, subsamp = 0, colorspace = 0;
  if (tjDecompressHeader3(tj, encoded.data(), static_cast<unsigned long>(encoded.size()), &w, &h, &subsamp, &colorspace) != 0)
    fail("cannot decode JPEG: {}", tjGetErrorStr2(tj));
  if (w <= 0 || h <= 0 || w > 32768 || h > 32768) fail("cannot decode JPEG: bad size {}x{}", w, h);
  Rgba8Image image;
  image.width = static_cast<uint32_t>(w);
  image.height = static_cast<uint32_t>(h);
  image.pixels.resize(size_t(w) * h * 4);
  if (tjDecompress2(tj, encoded.data(), static_cast<unsigned long>(encoded.size()), image.pixels.data(), w, 0, h,
                    TJPF_RGBA, TJFLAG_ACCURATEDCT) != 0 &&
      tjGetErrorCode(tj) == TJERR_FATAL)
    fail("cannot decode JPEG: {}", tjGetErrorStr2(tj));
  return image;
}

Rgba8Image decode_png(std::span<const uint8_t> encoded) {
  std::unique_ptr<spng_ctx, void (*)(spng_ctx*)> ctx(spng_ctx_new(0), spng_ctx_free);
  if (!ctx) fail("cannot decode PNG: out of memory");
  spng_set_crc_action(ctx.get(), SPNG_CRC_USE, SPNG_CRC_USE);  // tolerate bad ancillary CRCs as browsers do
  spng_set_image_limits(ctx.get(), 32768, 32768);
  spng_set_png_buffer(ctx.get(), encoded.data(), encoded.size());
  spng_ihdr ihdr{};
  if (int r = spng_get_ihdr(ctx.get(), &ihdr)) fail("cannot decode PNG: {}", spng_strerror(r));
  size_t size = 0;
  if (int r = spng_decoded_image_size(ctx.get(), SPNG_FMT_RGBA8, &size)) fail("cannot decode PNG: {}", spng_strerror(r));
  Rgba8Image image;
  image.width = ihdr.width;
  image.height = ihdr.height;
  image.pixels.resize(size);
  if (int r = spng_decode_image(ctx.get(), image.pixels.data(), size, SPNG_FMT_RGBA8, SPNG_DECODE_TRNS))
    fail("cannot decode PNG: {}", spng_strerror(r));
  return image;
}

}  // namespace

Rgba8Image decode_image(std::span<const uint8_t> encoded) {
  if (encoded.empty()) fail("no image data");
  if (encoded.size() > static_cast<size_t>(INT_MAX)) fail("image data too large");
  if (is_jpeg(encoded)) return decode_jpeg(encoded);
  if (is_png(encoded)) return decode_png(encoded);
  // Everything else stb_image reads (BMP, TGA, GIF, PSD, HDR as 8-bit, ...).
  int w = 0, h = 0, channels = 0;
  stbi_uc* data = stbi_load_from_memory(encoded.data(), static_cast<int>(encoded.size()), &w, &h, &channels, 4);
  if (!data) fail("cannot decode image: {}", stbi_failure_reason() ? stbi_failure_reason() : "unknown format");
  std::unique_ptr<stbi_uc, void (*)(void*)> owner(data, stbi_image_free);
  Rgba8Image image;
  image.width = static_cast<uint32_t>(w);
  image.height = static_cast<uint32_t>(h);
  image.pixels.assign(data, data + static_cast<size_t>(w) * h * 4);
  return image;
}

std::vector<uint8_t> encode_png(const Rgba8Image& image, bool fast) {
  if (image.pixels.size() != static_cast<size_t>(image.width) * image.height * 4 || image.width == 0)
    fail("cannot encode an empty or malformed image as PNG");
  std::unique_ptr<spng_ctx, void (*)(spng_ctx*)> ctx(spng_ctx_new(SPNG_CTX_ENCODER), spng_ctx_free);
  if (!ctx) fail("PNG encoder: out of memory");
  spng_set_option(ctx.get(), SPNG_ENCODE_TO_BUFFER, 1);
  spng_set_option(ctx.get(), SPNG_IMG_COMPRESSION_LEVEL, fast ? 1 : 6);
  spng_set_option(ctx.get(), SPNG_FILTER_CHOICE, fast ? SPNG_FILTER_CHOICE_SUB : SPNG_FILTER_CHOICE_ALL);
  spng_ihdr ihdr{};
  ihdr.width = image.width;
  ihdr.height = image.height;
  ihdr.bit_depth = 8;
  ihdr.color_type = SPNG_COLOR_TYPE_TRUECOLOR_ALPHA;
  spng_set_ihdr(ctx.get(), &ihdr);
  if (int r = spng_encode_image(ctx.get(), image.pixels.data(), image.pixels.size(), SPNG_FMT_PNG, SPNG_ENCODE_FINALIZE))
    fail("PNG encoder failed: {}", spng_strerror(r));
  size_t size = 0;
  int error = 0;
  void* png = spng_get_png_buffer(ctx.get(), &size, &error);
  if (!png) fail("PNG encoder failed: {}", spng_strerror(error));
  std::vector<uint8_t> out(static_cast<uint8_t*>(png), static_cast<uint8_t*>(png) + size);
  std::free(png);
  return out;
}

void write_png(const std::filesystem::path& path, const Rgba8Image& image) {
  files::write_file_atomic(path, encode_png(image), /*durable=*/false);
}

std::vector<uint8_t> encode_jpeg(const Rgba8Image& image, int quality) {
  tjhandle tj = tjInitCompress();
  if (!tj) fail("cannot encode JPEG: {}", tjGetErrorStr());
  std::unique_ptr<void, int (*)(tjhandle)> owner(tj, tjDestroy);
  unsigned char* out = nullptr;
  unsigned long size = 0;
  if (tjCompress2(tj, image.pixels.data(), int(image.width), 0, int(image.height), TJPF_RGBA, &out, &size, TJSAMP_420,
                  std::clamp(quality, 1, 100), TJFLAG_ACCURATEDCT) != 0) {
    std::string why = tjGetErrorStr2(tj);
    tjFree(out);
    fail("cannot encode JPEG: {}", why);
  }
  std::vector<uint8_t> bytes(out, out + size);
  tjFree(out);
  return bytes;
}

void write_image(const std::filesystem::path& path, const Rgba8Image& image) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  if (ext == ".jpg" || ext == ".jpeg") files::write_file_atomic(path, encode_jpeg(image), /*durable=*/false);
  else write_png(path, image);
}

Rgba8Image read_png(const std::filesystem::path& path) {
  auto bytes = files::read_bytes(path);
  try {
    return decode_image(bytes);
  } catch (const Error& e) {
    fail("{}: {}", path.string(), e.what());
  }
}

}  // namespace axis
