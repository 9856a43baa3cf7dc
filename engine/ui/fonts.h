// The UI font: a CJK font from the system (Debian's fonts-wqy-microhei or fonts-noto-cjk, found at run
// time) loaded with exactly the glyphs the UI and the scene's metadata need, so Chinese names render
// rather than '?', at the window's content scale (HiDPI).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace axis::ui {

// The first CJK font found, or empty.
std::filesystem::path find_cjk_font();

struct FontResult {
  bool cjk = false;           // a CJK font was loaded
  std::filesystem::path path; // which
};

// Builds the ImGui font atlas (call before the backend uploads it). `extra_text` holds every string the
// UI may show besides its own table (metadata, node names); their characters are added to the glyphs.
FontResult load_ui_font(float pixel_size, const std::vector<std::string>& extra_text);

}  // namespace axis::ui
