// The generator's material library: every surface of a generated building is one of these PBR
// (metallic-roughness) materials, each with a procedurally generated base colour texture (some also a
// normal map) and the real-world size one texture repeat covers, so UVs stay in metres.
#pragma once

#include "textures.h"

#include <glm/glm.hpp>

#include <cstdint>
#include <string_view>

namespace axis::gen {

enum class MaterialId : uint8_t {
  RedLacquer,    // columns, door and window frames (朱红油饰)
  RedPlaster,    // palace walls (红墙)
  GreyBrick,     // vernacular walls, gables (青砖)
  CityBrick,     // city-wall bricks, twice the size (城砖)
  TileYellow,    // imperial yellow glazed tiles (黄琉璃瓦)
  TileGreen,     // green glazed tiles (绿琉璃瓦)
  TileGrey,      // grey vernacular tiles (灰筒瓦)
  RidgeYellow,   // glazed ridges and ornaments
  RidgeGreen,
  RidgeGrey,
  Marble,        // white marble (汉白玉): platforms, railings, stairs
  Stone,         // grey stone: column bases, steps, curbs
  Paving,        // square floor bricks (方砖)
  LanePaving,    // hutong lanes
  Timber,        // natural wood: stage floors, galleries
  WhitePlaster,
  Caihua,        // painted beams (旋子彩画, blue-green bands)
  BracketBlue,   // bracket-set blocks, painted blue with white outlines
  BracketGreen,
  Lattice,       // door and window lattice (菱花)
  EaveRafters,   // underside of the eaves: green rafters on red boards
  Gold,          // finials, door studs
  Foliage,
  Bark,
  SilkRed,       // opera costumes (戏服): red silk
  SilkBlue,      // blue silk
  SilkGold,      // gold brocade trim, crowns
  SilkWhite,     // the long white water sleeves (水袖), collars
  SatinBlack,    // boots (厚底靴), hats, hair, beards
  FacePaint,     // the performer's painted face
  Embroidery,    // embroidered stage hangings (守旧, valance)
  CurtainRed,    // the stage's front curtain (大幕)
  Count
};

constexpr size_t kMaterialCount = static_cast<size_t>(MaterialId::Count);

struct MaterialDef {
  std::string_view name;
  glm::vec4 base_color{1.0f};  // multiplies the texture (linear)
  float metallic = 0.0f;
  float roughness = 0.8f;
  TextureId base_texture = TextureId::None;
  TextureId normal_texture = TextureId::None;
  float normal_scale = 1.0f;
  glm::vec2 repeat_m{1.0f};  // metres one texture repeat covers (u, v)
  bool double_sided = false;
};

const MaterialDef& material_def(MaterialId id);

// Tile colour schemes of roofs: the field of the roof and its edges and ridges (剪边: a grey roof with
// green glazed edges).
enum class TileColour : uint8_t { Yellow, Green, Grey, GreyGreenEdge, YellowGreenEdge };

struct TileScheme {
  MaterialId field;
  MaterialId edge;   // eave band and ridges
  MaterialId ridge;
};

TileScheme tile_scheme(TileColour colour);
// "yellow" / "green" / "grey" / "grey-green" / "yellow-green"; false when unknown.
bool parse_tile_colour(std::string_view text, TileColour& out);
std::string_view tile_colour_name(TileColour colour);

}  // namespace axis::gen
