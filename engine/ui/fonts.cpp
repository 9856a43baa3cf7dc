#include "ui/fonts.h"

#include "core/log.h"
#include "ui/strings.h"

#include <imgui.h>

#include <system_error>

namespace axis::ui {

std::filesystem::path find_cjk_font() {
  const char* candidates[] = {
      "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
      "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
      "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
      "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
      "/usr/share/fonts/truetype/arphic/uming.ttc",
  };
  std::error_code ec;
  for (const char* c : candidates)
    if (std::filesystem::is_regular_file(c, ec)) return c;
  return {};
}

FontResult load_ui_font(float pixel_size, const std::vector<std::string>& extra_text) {
  ImGuiIO& io = ImGui::GetIO();
  FontResult result;
  result.path = find_cjk_font();
  if (result.path.empty()) {
    log::warn("{}", text_en(Str::FontMissing));
    ImFontConfig cfg;
    cfg.SizePixels = pixel_size;
    io.Fonts->AddFontDefault(&cfg);
    return result;
  }
  // Glyphs: Latin, the UI table in both languages, and whatever the scene's metadata says.
  ImFontGlyphRangesBuilder builder;
  builder.AddRanges(io.Fonts->GetGlyphRangesDefault());
  static const ImWchar kExtra[] = {0x2000, 0x206F, 0x00B0, 0x00B2, 0x3000, 0x30FF, 0xFF00, 0xFFEF, 0};  // punctuation, °, ², CJK symbols, full-width
  builder.AddRanges(kExtra);
  for (int i = 0; i < static_cast<int>(Str::kCount); ++i) {
    builder.AddText(text_zh(static_cast<Str>(i)));
    builder.AddText(text_en(static_cast<Str>(i)));
  }
  for (const auto& t : extra_text) builder.AddText(t.c_str());
  static ImVector<ImWchar> ranges;  // must outlive the atlas build
  ranges.clear();
  builder.BuildRanges(&ranges);
  ImFontConfig cfg;
  cfg.OversampleH = 1;  // a large CJK atlas: keep it compact
  cfg.OversampleV = 1;
  cfg.PixelSnapH = true;
  if (!io.Fonts->AddFontFromFileTTF(result.path.c_str(), pixel_size, &cfg, ranges.Data)) {
    log::warn("{}: cannot load the font; Chinese text cannot be shown", result.path.string());
    io.Fonts->AddFontDefault();
    result.path.clear();
    return result;
  }
  result.cjk = true;
  return result;
}

}  // namespace axis::ui
