// Procedural textures of the material library: grey brick, glazed and grey roof tiles, red lacquer and
// plaster, marble, stone, floor bricks, timber, painted beams (caihua), lattice, eave rafters, foliage.
// Each is a pure function of its id (no seeds, no clock), tiles seamlessly, and is generated and
// PNG-encoded at most once per process.
#pragma once

#include "core/image.h"

#include <cstdint>
#include <string_view>
#include <vector>

namespace axis::gen {

enum class TextureId : uint8_t {
  Brick,
  BrickNormal,
  TileYellow,
  TileGreen,
  TileGrey,
  TileNormal,
  Glaze,
  RedLacquer,
  RedPlaster,
  Marble,
  Stone,
  Paving,
  PavingNormal,
  Timber,
  WhitePlaster,
  Caihua,
  PaintBlue,
  PaintGreen,
  Lattice,
  Rafters,
  Foliage,
  Bark,
  Silk,         // pale silk with a faint damask of roundels: coloured by the material's factor
  Embroidery,   // red satin embroidered with gold roundels (团花) and cloud scrolls: stage hangings
  Count,
  None = 255
};

constexpr size_t kTextureCount = static_cast<size_t>(TextureId::Count);

std::string_view texture_name(TextureId id);
bool is_normal_map(TextureId id);

// The texture's pixels (RGBA8, sRGB colour or a tangent-space normal map).
Rgba8Image generate_texture(TextureId id);

// PNG bytes of the texture, generated and encoded once per process; safe to call from several threads.
const std::vector<uint8_t>& texture_png(TextureId id);

}  // namespace axis::gen
