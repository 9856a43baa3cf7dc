// core/image.h: PNG round trips (exact), JPEG and PNG sample textures decoded at the size their headers
// declare (read here by hand), the stb_image fallback (BMP), and garbage -> axis::Error.
#include "core/error.h"
#include "core/image.h"
#include "core/image_headers.h"
#include "core/test_temp_dir.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using axis::Rgba8Image;

const fs::path kSamples = AXISTWIN_SAMPLES_DIR;

Rgba8Image random_image(uint32_t w, uint32_t h, uint32_t seed) {
  std::mt19937 rng(seed);
  Rgba8Image img;
  img.width = w;
  img.height = h;
  img.pixels.resize(size_t(w) * h * 4);
  for (auto& p : img.pixels) p = static_cast<uint8_t>(rng());
  return img;
}

std::pair<uint32_t, uint32_t> png_size(const std::vector<uint8_t>& b) {
  auto s = axis_test::png_size(b);
  EXPECT_TRUE(s.has_value()) << "not a PNG header";
  return s.value_or(std::pair{0u, 0u});
}

std::pair<uint32_t, uint32_t> jpeg_size(const std::vector<uint8_t>& b) {
  auto s = axis_test::jpeg_size(b);
  EXPECT_TRUE(s.has_value()) << "no JPEG start-of-frame";
  return s.value_or(std::pair{0u, 0u});
}

TEST(Png, RoundTripIsExact) {
  for (bool fast : {true, false}) {
    for (auto [w, h] : {std::pair{1u, 1u}, std::pair{37u, 23u}, std::pair{256u, 3u}, std::pair{5u, 300u}}) {
      Rgba8Image img = random_image(w, h, w * 1000 + h);
      std::vector<uint8_t> png = axis::encode_png(img, fast);
      ASSERT_GT(png.size(), 8u);
      const uint8_t sig[8] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
      EXPECT_TRUE(std::equal(sig, sig + 8, png.begin()));
      EXPECT_EQ(png_size(png), std::pair(w, h));
      Rgba8Image back = axis::decode_image(png);
      EXPECT_EQ(back.width, w);
      EXPECT_EQ(back.height, h);
      EXPECT_EQ(back.pixels, img.pixels) << w << "x" << h << (fast ? " fast" : " small");
    }
  }
}

TEST(Png, WriteAndReadFileRoundTrip) {
  axis_test::TempDir dir;
  Rgba8Image img = random_image(64, 48, 99);
  fs::path path = dir / "frame.png";
  axis::write_png(path, img);
  EXPECT_EQ(axis_test::list_dir(dir.path()), std::vector<std::string>{"frame.png"});
  Rgba8Image back = axis::read_png(path);
  EXPECT_EQ(back.width, 64u);
  EXPECT_EQ(back.height, 48u);
  EXPECT_EQ(back.pixels, img.pixels);
}

TEST(Png, ReadPngErrorsNameThePath) {
  axis_test::TempDir dir;
  fs::path bad = dir / "broken.png";
  axis_test::write_raw(bad, std::string_view("definitely not a png file"));
  try {
    axis::read_png(bad);
    FAIL() << "no error for garbage";
  } catch (const axis::Error& e) {
    EXPECT_NE(std::string(e.what()).find(bad.string()), std::string::npos) << e.what();
  }
  fs::path missing = dir / "missing.png";
  try {
    axis::read_png(missing);
    FAIL() << "no error for a missing file";
  } catch (const axis::Error& e) {
    EXPECT_NE(std::string(e.what()).find(missing.string()), std::string::npos) << e.what();
  }
}

TEST(Png, EncodeRejectsMalformedImages) {
  Rgba8Image empty;
  EXPECT_THROW(axis::encode_png(empty), axis::Error);
  Rgba8Image short_pixels = random_image(4, 4, 1);
  short_pixels.pixels.resize(10);
  EXPECT_THROW(axis::encode_png(short_pixels), axis::Error);
}

TEST(Png, SampleTextureDecodesAtItsDeclaredSize) {
  for (const char* rel : {"CesiumMilkTruck/glTF/CesiumMilkTruck.png", "BoxTextured/glTF/CesiumLogoFlat.png",
                          "Duck/glTF/DuckCM.png"}) {
    auto bytes = axis_test::read_raw_bytes(kSamples / rel);
    auto [w, h] = png_size(bytes);
    Rgba8Image img = axis::decode_image(bytes);
    EXPECT_EQ(img.width, w) << rel;
    EXPECT_EQ(img.height, h) << rel;
    EXPECT_EQ(img.pixels.size(), size_t(w) * h * 4) << rel;
    // Re-encoding and decoding again gives the same pixels.
    EXPECT_EQ(axis::decode_image(axis::encode_png(img)).pixels, img.pixels) << rel;
  }
}

TEST(Jpeg, SampleTexturesDecodeAtTheirDeclaredSizeAndOpaque) {
  for (const char* rel : {"CesiumMan/glTF/CesiumMan.jpg", "DamagedHelmet/glTF/Default_emissive.jpg",
                          "DamagedHelmet/glTF/Default_AO.jpg"}) {
    auto bytes = axis_test::read_raw_bytes(kSamples / rel);
    ASSERT_GT(bytes.size(), 3u);
    auto [w, h] = jpeg_size(bytes);
    ASSERT_GT(w, 0u) << rel;
    Rgba8Image img = axis::decode_image(bytes);
    EXPECT_EQ(img.width, w) << rel;
    EXPECT_EQ(img.height, h) << rel;
    ASSERT_EQ(img.pixels.size(), size_t(w) * h * 4) << rel;
    size_t not_opaque = 0, non_black = 0;
    for (size_t i = 0; i < img.pixels.size(); i += 4) {
      not_opaque += img.pixels[i + 3] != 255;
      non_black += (img.pixels[i] | img.pixels[i + 1] | img.pixels[i + 2]) != 0;
    }
    EXPECT_EQ(not_opaque, 0u) << rel;
    EXPECT_GT(non_black, 0u) << rel << ": decoded to an all-black image";
  }
}

TEST(Bmp, DecodedThroughTheGenericFallback) {
  // A 2x2 24-bit BMP, rows bottom-up, BGR, each row padded to 4 bytes.
  std::vector<uint8_t> bmp = {'B', 'M'};
  auto le32 = [&](uint32_t v) {
    for (int i = 0; i < 4; ++i) bmp.push_back(static_cast<uint8_t>(v >> (8 * i)));
  };
  auto le16 = [&](uint16_t v) {
    bmp.push_back(static_cast<uint8_t>(v));
    bmp.push_back(static_cast<uint8_t>(v >> 8));
  };
  le32(14 + 40 + 16);
  le32(0);
  le32(14 + 40);
  le32(40);
  le32(2);
  le32(2);  // positive height: bottom-up
  le16(1);
  le16(24);
  le32(0);
  le32(16);
  le32(2835);
  le32(2835);
  le32(0);
  le32(0);
  // Bottom row: blue, green. Top row: red, white.
  const uint8_t rows[16] = {255, 0, 0, 0, 255, 0, 0, 0, 0, 0, 255, 255, 255, 255, 0, 0};
  bmp.insert(bmp.end(), rows, rows + 16);
  Rgba8Image img = axis::decode_image(bmp);
  ASSERT_EQ(img.width, 2u);
  ASSERT_EQ(img.height, 2u);
  const std::vector<uint8_t> expected = {255, 0, 0, 255, 255, 255, 255, 255,   // top: red, white
                                         0, 0, 255, 255, 0, 255, 0, 255};      // bottom: blue, green
  EXPECT_EQ(img.pixels, expected);
}

TEST(DecodeImage, GarbageThrowsAxisError) {
  std::mt19937 rng(5);
  std::vector<uint8_t> garbage(1000);
  for (auto& b : garbage) b = static_cast<uint8_t>(rng());
  garbage[0] = 'X';  // not a JPEG/PNG signature by accident
  EXPECT_THROW(axis::decode_image(garbage), axis::Error);
  EXPECT_THROW(axis::decode_image(std::vector<uint8_t>{}), axis::Error);
  EXPECT_THROW(axis::decode_image(std::vector<uint8_t>{1, 2, 3}), axis::Error);
}

TEST(DecodeImage, TruncatedOrCorruptHeadersThrowAxisError) {
  Rgba8Image img = random_image(16, 16, 3);
  std::vector<uint8_t> png = axis::encode_png(img);
  // Only the signature and part of IHDR.
  EXPECT_THROW(axis::decode_image(std::vector<uint8_t>(png.begin(), png.begin() + 20)), axis::Error);
  // Signature plus garbage.
  std::vector<uint8_t> bad_png(png.begin(), png.begin() + 8);
  bad_png.resize(200, 0xAB);
  EXPECT_THROW(axis::decode_image(bad_png), axis::Error);
  // JPEG signature plus garbage.
  std::vector<uint8_t> bad_jpeg = {0xFF, 0xD8, 0xFF};
  bad_jpeg.resize(200, 0x11);
  EXPECT_THROW(axis::decode_image(bad_jpeg), axis::Error);
}

}  // namespace
