// The material table: colours (linear factors over sRGB textures), roughness, textures and repeat sizes.
#include "materials.h"

#include <array>

namespace axis::gen {

namespace {

using T = TextureId;

// Indexed by MaterialId.
const std::array<MaterialDef, kMaterialCount> kMaterials = {{
    {"red_lacquer", {1, 1, 1, 1}, 0.0f, 0.45f, T::RedLacquer, T::None, 1.0f, {1.0f, 1.0f}},
    {"red_plaster", {1, 1, 1, 1}, 0.0f, 0.92f, T::RedPlaster, T::None, 1.0f, {2.0f, 2.0f}},
    {"grey_brick", {1, 1, 1, 1}, 0.0f, 0.9f, T::Brick, T::BrickNormal, 1.0f, {2.4f, 2.4f}},
    {"city_brick", {0.92f, 0.93f, 0.95f, 1}, 0.0f, 0.92f, T::Brick, T::BrickNormal, 1.0f, {4.8f, 4.8f}},
    {"tile_yellow", {1, 1, 1, 1}, 0.0f, 0.32f, T::TileYellow, T::TileNormal, 1.0f, {1.6f, 1.6f}},
    {"tile_green", {1, 1, 1, 1}, 0.0f, 0.35f, T::TileGreen, T::TileNormal, 1.0f, {1.6f, 1.6f}},
    {"tile_grey", {1, 1, 1, 1}, 0.0f, 0.85f, T::TileGrey, T::TileNormal, 1.0f, {1.6f, 1.6f}},
    {"ridge_yellow", {0.90f, 0.46f, 0.035f, 1}, 0.0f, 0.3f, T::Glaze, T::None, 1.0f, {1.0f, 1.0f}},
    {"ridge_green", {0.035f, 0.24f, 0.11f, 1}, 0.0f, 0.32f, T::Glaze, T::None, 1.0f, {1.0f, 1.0f}},
    {"ridge_grey", {0.15f, 0.16f, 0.17f, 1}, 0.0f, 0.85f, T::Glaze, T::None, 1.0f, {1.0f, 1.0f}},
    {"marble", {1, 1, 1, 1}, 0.0f, 0.55f, T::Marble, T::None, 1.0f, {2.0f, 2.0f}},
    {"stone", {1, 1, 1, 1}, 0.0f, 0.85f, T::Stone, T::None, 1.0f, {1.0f, 1.0f}},
    {"paving", {1, 1, 1, 1}, 0.0f, 0.9f, T::Paving, T::PavingNormal, 1.0f, {1.6f, 1.6f}},
    {"lane_paving", {0.82f, 0.82f, 0.8f, 1}, 0.0f, 0.95f, T::Paving, T::PavingNormal, 1.0f, {3.2f, 3.2f}},
    {"timber", {1, 1, 1, 1}, 0.0f, 0.7f, T::Timber, T::None, 1.0f, {1.0f, 1.0f}},
    {"white_plaster", {1, 1, 1, 1}, 0.0f, 0.9f, T::WhitePlaster, T::None, 1.0f, {2.0f, 2.0f}},
    {"caihua", {1, 1, 1, 1}, 0.0f, 0.6f, T::Caihua, T::None, 1.0f, {4.0f, 1.0f}},
    {"bracket_blue", {1, 1, 1, 1}, 0.0f, 0.6f, T::PaintBlue, T::None, 1.0f, {1.0f, 1.0f}},
    {"bracket_green", {1, 1, 1, 1}, 0.0f, 0.6f, T::PaintGreen, T::None, 1.0f, {1.0f, 1.0f}},
    {"lattice", {1, 1, 1, 1}, 0.0f, 0.55f, T::Lattice, T::None, 1.0f, {0.48f, 0.48f}},
    {"eave_rafters", {1, 1, 1, 1}, 0.0f, 0.7f, T::Rafters, T::None, 1.0f, {1.0f, 1.0f}},
    {"gold", {0.86f, 0.62f, 0.22f, 1}, 1.0f, 0.32f, T::None, T::None, 1.0f, {1.0f, 1.0f}},
    {"foliage", {1, 1, 1, 1}, 0.0f, 0.95f, T::Foliage, T::None, 1.0f, {3.0f, 3.0f}},
    {"bark", {1, 1, 1, 1}, 0.0f, 0.95f, T::Bark, T::None, 1.0f, {1.0f, 1.0f}},
    {"silk_red", {0.72f, 0.035f, 0.04f, 1}, 0.0f, 0.42f, T::Silk, T::None, 1.0f, {0.5f, 0.5f}},
    {"silk_blue", {0.035f, 0.12f, 0.52f, 1}, 0.0f, 0.42f, T::Silk, T::None, 1.0f, {0.5f, 0.5f}},
    {"silk_gold", {0.95f, 0.66f, 0.16f, 1}, 0.6f, 0.35f, T::Silk, T::None, 1.0f, {0.25f, 0.25f}},
    {"silk_white", {0.92f, 0.92f, 0.9f, 1}, 0.0f, 0.5f, T::Silk, T::None, 1.0f, {0.5f, 0.5f}, true},
    {"satin_black", {0.025f, 0.025f, 0.03f, 1}, 0.0f, 0.38f, T::Silk, T::None, 1.0f, {0.5f, 0.5f}},
    {"face_paint", {0.92f, 0.7f, 0.62f, 1}, 0.0f, 0.55f, T::None, T::None, 1.0f, {1.0f, 1.0f}},
    {"embroidery", {1, 1, 1, 1}, 0.0f, 0.6f, T::Embroidery, T::None, 1.0f, {1.0f, 1.0f}, true},
    {"curtain_red", {0.42f, 0.025f, 0.035f, 1}, 0.0f, 0.7f, T::Silk, T::None, 1.0f, {0.6f, 0.6f}, true},
}};

}  // namespace

const MaterialDef& material_def(MaterialId id) { return kMaterials.at(static_cast<size_t>(id)); }

TileScheme tile_scheme(TileColour colour) {
  switch (colour) {
    case TileColour::Yellow: return {MaterialId::TileYellow, MaterialId::TileYellow, MaterialId::RidgeYellow};
    case TileColour::Green: return {MaterialId::TileGreen, MaterialId::TileGreen, MaterialId::RidgeGreen};
    case TileColour::Grey: return {MaterialId::TileGrey, MaterialId::TileGrey, MaterialId::RidgeGrey};
    case TileColour::GreyGreenEdge: return {MaterialId::TileGrey, MaterialId::TileGreen, MaterialId::RidgeGreen};
    case TileColour::YellowGreenEdge: return {MaterialId::TileYellow, MaterialId::TileGreen, MaterialId::RidgeGreen};
  }
  return {MaterialId::TileGrey, MaterialId::TileGrey, MaterialId::RidgeGrey};
}

bool parse_tile_colour(std::string_view text, TileColour& out) {
  if (text == "yellow") out = TileColour::Yellow;
  else if (text == "green") out = TileColour::Green;
  else if (text == "grey" || text == "gray") out = TileColour::Grey;
  else if (text == "grey-green") out = TileColour::GreyGreenEdge;
  else if (text == "yellow-green") out = TileColour::YellowGreenEdge;
  else return false;
  return true;
}

std::string_view tile_colour_name(TileColour colour) {
  switch (colour) {
    case TileColour::Yellow: return "yellow";
    case TileColour::Green: return "green";
    case TileColour::Grey: return "grey";
    case TileColour::GreyGreenEdge: return "grey-green";
    case TileColour::YellowGreenEdge: return "yellow-green";
  }
  return "grey";
}

}  // namespace axis::gen
