// Broken glTF files: every one gives diagnostics.has_errors() (or, for a missing image, a warning and a
// placeholder) with a one-line message that names the file and the problem, and nothing crashes. The
// fixtures are made here from the Khronos samples: copied, edited with nlohmann::json, cut short.
#include "fixtures.h"

#include "scene/import.h"

#include <cstring>

namespace {

using namespace axis_test;
using axis::scene::Scene;

// A .glb of `doc` (its single buffer being the BIN chunk) and `bin`, as a glTF exporter writes it.
std::vector<uint8_t> pack_glb(json doc, std::vector<uint8_t> bin) {
  doc["buffers"] = json::array({{{"byteLength", bin.size()}}});
  std::string text = doc.dump();
  while (text.size() % 4) text += ' ';
  while (bin.size() % 4) bin.push_back(0);
  ByteWriter w;
  w.put<uint32_t>(0x46546C67).put<uint32_t>(2).put<uint32_t>(uint32_t(12 + 8 + text.size() + 8 + bin.size()));
  w.put<uint32_t>(uint32_t(text.size())).put<uint32_t>(0x4E4F534A);
  w.bytes.insert(w.bytes.end(), text.begin(), text.end());
  w.put<uint32_t>(uint32_t(bin.size())).put<uint32_t>(0x004E4942);
  w.bytes.insert(w.bytes.end(), bin.begin(), bin.end());
  return w.bytes;
}

// Box.gltf's JSON and its .bin packed as one .glb.
std::vector<uint8_t> make_box_glb() {
  return pack_glb(read_json(sample_gltf("Box")), read_raw_bytes(samples_dir() / "Box" / "glTF" / "Box0.bin"));
}

// BoxTextured as one .glb, its PNG stored in the BIN chunk behind a bufferView; returns the JSON too.
std::vector<uint8_t> make_textured_glb(json* out_doc = nullptr, int64_t image_view_extra = 0) {
  json doc = read_json(sample_gltf("BoxTextured"));
  std::vector<uint8_t> bin = read_raw_bytes(samples_dir() / "BoxTextured" / "glTF" / "BoxTextured0.bin");
  std::vector<uint8_t> png = read_raw_bytes(samples_dir() / "BoxTextured" / "glTF" / "CesiumLogoFlat.png");
  while (bin.size() % 4) bin.push_back(0);
  doc["bufferViews"].push_back({{"buffer", 0}, {"byteOffset", bin.size()}, {"byteLength", int64_t(png.size()) + image_view_extra}});
  bin.insert(bin.end(), png.begin(), png.end());
  doc["images"][0] = {{"bufferView", doc["bufferViews"].size() - 1}, {"mimeType", "image/png"}};
  if (out_doc) *out_doc = doc;
  return pack_glb(doc, bin);
}

// The file's first error names the file, and the problem (any of `words`, case-insensitive).
void expect_error_naming(const Scene& s, const fs::path& file, std::initializer_list<std::string> words) {
  ASSERT_TRUE(s.diagnostics.has_errors()) << "no error for " << file << "\n" << problems_text(s);
  std::string line = s.diagnostics.first_error();
  EXPECT_EQ(line.rfind(file.string(), 0), 0u) << "does not start with the file name: " << line;
  EXPECT_EQ(line.find('\n'), std::string::npos) << line;
  std::string lower = line;
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  bool named = false;
  for (const auto& w : words) {
    std::string lw = w;
    for (auto& c : lw) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    named = named || lower.find(lw) != std::string::npos;
  }
  EXPECT_TRUE(named) << "the error does not say what is wrong: " << line;
  // A file that cannot be shown has nothing a renderer would draw half of.
  EXPECT_EQ(axis::scene::compute_stats(s).triangles, 0u) << problems_text(s);
}

TEST(BadInput, GlbBuiltFromBoxLoads) {
  TempDir dir;
  fs::path glb = dir / "Box.glb";
  write_raw(glb, make_box_glb());
  Scene s = load_ok(glb);
  EXPECT_EQ(s.format, "glb");
  EXPECT_EQ(axis::scene::compute_stats(s).triangles, 12u);
}

TEST(BadInput, GlbWithEmbeddedImageLoadsAndDecodesIt) {
  TempDir dir;
  fs::path glb = dir / "BoxTextured.glb";
  write_raw(glb, make_textured_glb());
  Scene s = load_ok(glb);
  EXPECT_EQ(s.diagnostics.warning_count(), 0u) << problems_text(s);
  EXPECT_EQ(axis::scene::compute_stats(s).triangles, 12u);
  ASSERT_EQ(s.images.size(), 1u);
  EXPECT_FALSE(s.images[0].placeholder);
  // The same pixels as the sample's external PNG.
  Scene ref = load_ok(sample_gltf("BoxTextured"));
  EXPECT_EQ(s.images[0].width, ref.images.at(0).width);
  EXPECT_EQ(s.images[0].height, ref.images.at(0).height);
  EXPECT_EQ(s.images[0].rgba, ref.images.at(0).rgba);
}

TEST(BadInput, GlbImageBufferViewPastTheBufferIsAWarningWithAPlaceholder) {
  TempDir dir;
  fs::path glb = dir / "BoxTextured.glb";
  write_raw(glb, make_textured_glb(nullptr, /*image_view_extra=*/4096));
  Scene s = axis::scene::load_model(glb);
  // The geometry is fine; the image cannot be read without running off the buffer.
  EXPECT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  ASSERT_EQ(s.images.size(), 1u);
  EXPECT_TRUE(s.images[0].placeholder);
  EXPECT_TRUE(s.images[0].rgba.empty());
  EXPECT_TRUE(has_warning(s, {glb.string(), "image[0]", "bufferView"})) << problems_text(s);
  EXPECT_EQ(axis::scene::compute_stats(s).triangles, 12u);
}

TEST(BadInput, TruncatedGlb) {
  std::vector<uint8_t> glb = make_box_glb();
  uint32_t json_len;
  std::memcpy(&json_len, glb.data() + 12, 4);
  const size_t json_end = 20 + json_len;
  TempDir dir;
  for (size_t cut : {size_t(5), size_t(12), size_t(16), size_t(40), json_end - 10, json_end, json_end + 4,
                     json_end + 8 + 100, glb.size() - 1}) {
    SCOPED_TRACE("cut at " + std::to_string(cut) + " of " + std::to_string(glb.size()));
    fs::path path = dir / ("cut" + std::to_string(cut) + ".glb");
    write_raw(path, std::vector<uint8_t>(glb.begin(), glb.begin() + cut));
    Scene s = axis::scene::load_model(path);
    expect_error_naming(s, path, {"glb", "binary", "truncat", "length", "size", "chunk", "buffer", "json"});
  }
}

TEST(BadInput, GlbWithGarbageAfterTheMagic) {
  TempDir dir;
  fs::path path = dir / "garbage.glb";
  std::vector<uint8_t> bytes = {'g', 'l', 'T', 'F'};
  for (int i = 0; i < 500; ++i) bytes.push_back(static_cast<uint8_t>(i * 37 + 11));
  write_raw(path, bytes);
  expect_error_naming(axis::scene::load_model(path), path, {"glb", "binary", "version", "length", "size", "chunk"});
}

TEST(BadInput, InvalidJson) {
  TempDir dir;
  fs::path path = dir / "broken.gltf";
  std::string text = read_raw(sample_gltf("Box"));
  write_raw(path, text.substr(0, text.size() / 2));  // cut in the middle of the JSON
  expect_error_naming(axis::scene::load_model(path), path, {"json"});
  write_raw(path, std::string_view("this is not JSON at all"));
  expect_error_naming(axis::scene::load_model(path), path, {"json"});
}

TEST(BadInput, AccessorCountRunsPastItsBufferView) {
  TempDir dir;
  fs::path path = copy_sample("Box", dir.path());
  json doc = read_json(path);
  doc["accessors"][2]["count"] = 1000;  // POSITION: 24 elements in 288 bytes of a 576-byte view
  write_json(path, doc);
  Scene s = axis::scene::load_model(path);
  expect_error_naming(s, path, {"bufferView"});
  EXPECT_TRUE(has_error(s, {"accessor[2]", "POSITION", "mesh[0]"})) << problems_text(s);
}

TEST(BadInput, AccessorByteOffsetRunsPastItsBufferView) {
  TempDir dir;
  fs::path path = copy_sample("Box", dir.path());
  json doc = read_json(path);
  doc["accessors"][1]["byteOffset"] = 400;  // NORMAL: 24 x 12 bytes from 400 > 576
  write_json(path, doc);
  Scene s = axis::scene::load_model(path);
  expect_error_naming(s, path, {"bufferView"});
  EXPECT_TRUE(has_error(s, {"accessor[1]", "NORMAL"})) << problems_text(s);
}

TEST(BadInput, IndicesRunPastTheirBufferView) {
  TempDir dir;
  fs::path path = copy_sample("Box", dir.path());
  json doc = read_json(path);
  doc["accessors"][0]["count"] = 37;  // one index more than the 72-byte view holds
  write_json(path, doc);
  Scene s = axis::scene::load_model(path);
  expect_error_naming(s, path, {"bufferView"});
  EXPECT_TRUE(has_error(s, {"accessor[0]", "indices"})) << problems_text(s);
}

TEST(BadInput, BufferViewRunsPastItsBuffer) {
  TempDir dir;
  fs::path path = copy_sample("Box", dir.path());
  json doc = read_json(path);
  doc["bufferViews"][0]["byteLength"] = 4000;
  write_json(path, doc);
  expect_error_naming(axis::scene::load_model(path), path, {"buffer"});
}

TEST(BadInput, IndexRefersToAMissingVertex) {
  TempDir dir;
  GltfBuilder g;
  int pos = g.floats({0, 0, 0, 1, 0, 0, 0, 1, 0}, "VEC3");
  g.single({{"attributes", {{"POSITION", pos}}}, {"indices", g.indices({0, 1, 7})}});
  fs::path path = g.write(dir.path(), "badindex");
  Scene s = axis::scene::load_model(path);
  expect_error_naming(s, path, {"vertex 7"});
}

TEST(BadInput, MissingBinFile) {
  TempDir dir;
  fs::path path = dir / "Box.gltf";
  fs::copy_file(sample_gltf("Box"), path);  // without Box0.bin
  Scene s = axis::scene::load_model(path);
  expect_error_naming(s, path, {"Box0.bin"});
  EXPECT_TRUE(has_error(s, {"missing", "Box0.bin"})) << problems_text(s);
}

TEST(BadInput, TruncatedBinFile) {
  TempDir dir;
  fs::path path = copy_sample("Box", dir.path());
  auto bin = read_raw_bytes(dir / "Box0.bin");
  bin.resize(bin.size() / 2);
  write_raw(dir / "Box0.bin", bin);
  expect_error_naming(axis::scene::load_model(path), path, {"truncated", "size", "Box0.bin"});
}

TEST(BadInput, MissingImageIsAWarningWithAPlaceholder) {
  TempDir dir;
  fs::path path = copy_sample("BoxTextured", dir.path());
  fs::remove(dir / "CesiumLogoFlat.png");
  Scene s = axis::scene::load_model(path);
  EXPECT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  auto warnings = find_problems(s, axis::scene::Problem::Severity::Warning, {"CesiumLogoFlat.png"});
  ASSERT_EQ(warnings.size(), 1u) << problems_text(s);
  EXPECT_EQ(warnings[0].rfind(path.string(), 0), 0u) << warnings[0];
  EXPECT_NE(warnings[0].find("image[0]"), std::string::npos) << warnings[0];
  ASSERT_EQ(s.images.size(), 1u);
  EXPECT_TRUE(s.images[0].placeholder);
  EXPECT_TRUE(s.images[0].rgba.empty());
  EXPECT_EQ(s.images[0].uri, "CesiumLogoFlat.png");
  // Still shown: geometry and material are all there.
  EXPECT_EQ(axis::scene::compute_stats(s).triangles, 12u);
  EXPECT_EQ(s.materials.at(0).base_color_tex.texture, 0);
}

TEST(BadInput, UndecodableImageIsAWarningWithAPlaceholder) {
  TempDir dir;
  fs::path path = copy_sample("BoxTextured", dir.path());
  write_raw(dir / "CesiumLogoFlat.png", std::string_view("\x89PNG\r\n\x1a\n but then nothing sensible follows"));
  Scene s = axis::scene::load_model(path);
  EXPECT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  EXPECT_TRUE(has_warning(s, {path.string(), "CesiumLogoFlat.png"})) << problems_text(s);
  ASSERT_EQ(s.images.size(), 1u);
  EXPECT_TRUE(s.images[0].placeholder);
  EXPECT_EQ(axis::scene::compute_stats(s).triangles, 12u);
}

TEST(BadInput, EmptyFile) {
  TempDir dir;
  for (const char* name : {"empty.gltf", "empty.glb"}) {
    fs::path path = dir / name;
    write_raw(path, std::string_view(""));
    expect_error_naming(axis::scene::load_model(path), path, {"empty"});
  }
}

TEST(BadInput, Directory) {
  TempDir dir;
  fs::path path = dir / "folder.gltf";
  fs::create_directory(path);
  expect_error_naming(axis::scene::load_model(path), path, {"directory"});
  expect_error_naming(axis::scene::load_model(dir.path()), dir.path(), {"directory"});
  // The glTF loader called directly says the same.
  expect_error_naming(axis::scene::load_gltf(path, {}), path, {"directory"});
}

TEST(BadInput, MissingFile) {
  TempDir dir;
  for (const char* name : {"absent.gltf", "absent.glb", "absent.obj"}) {
    fs::path path = dir / name;
    expect_error_naming(axis::scene::load_model(path), path, {"not found"});
  }
}

TEST(BadInput, RequiredUnknownExtensionIsAnErrorNamingIt) {
  TempDir dir;
  fs::path path = copy_sample("Box", dir.path());
  json doc = read_json(path);
  doc["extensionsUsed"] = {"EXT_frobnicated_geometry", "KHR_materials_unlit"};
  doc["extensionsRequired"] = {"EXT_frobnicated_geometry", "KHR_materials_unlit"};
  write_json(path, doc);
  Scene s = axis::scene::load_model(path);
  expect_error_naming(s, path, {"EXT_frobnicated_geometry"});
  // The supported one is not blamed.
  EXPECT_TRUE(find_problems(s, axis::scene::Problem::Severity::Error, {"KHR_materials_unlit"}).empty())
      << problems_text(s);
}

TEST(BadInput, OptionalUnknownExtensionIsAWarningNamingIt) {
  TempDir dir;
  fs::path path = copy_sample("Box", dir.path());
  json doc = read_json(path);
  doc["extensionsUsed"] = {"EXT_frobnicated_geometry"};
  doc["meshes"][0]["extensions"] = {{"EXT_frobnicated_geometry", {{"level", 3}}}};
  write_json(path, doc);
  Scene s = axis::scene::load_model(path);
  EXPECT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  auto warnings = find_problems(s, axis::scene::Problem::Severity::Warning, {"EXT_frobnicated_geometry"});
  ASSERT_EQ(warnings.size(), 1u) << problems_text(s);
  EXPECT_EQ(warnings[0].rfind(path.string(), 0), 0u) << warnings[0];
  EXPECT_EQ(s.extensions_unsupported, std::vector<std::string>{"EXT_frobnicated_geometry"});
  EXPECT_EQ(s.extensions_used, std::vector<std::string>{"EXT_frobnicated_geometry"});
  EXPECT_EQ(axis::scene::compute_stats(s).triangles, 12u);
}

TEST(BadInput, NodeRefersToAMissingMesh) {
  TempDir dir;
  fs::path path = copy_sample("Box", dir.path());
  json doc = read_json(path);
  doc["nodes"][1]["mesh"] = 5;
  write_json(path, doc);
  Scene s = axis::scene::load_model(path);
  ASSERT_TRUE(s.diagnostics.has_errors()) << problems_text(s);
  EXPECT_EQ(s.diagnostics.first_error().rfind(path.string(), 0), 0u) << s.diagnostics.first_error();
  EXPECT_NE(s.diagnostics.first_error().find("5"), std::string::npos) << s.diagnostics.first_error();
}

TEST(BadInput, NodeCycleIsAnErrorNotAHang) {
  TempDir dir;
  fs::path path = copy_sample("Box", dir.path());
  json doc = read_json(path);
  doc["nodes"][1]["children"] = {0};  // 0 -> 1 -> 0
  write_json(path, doc);
  Scene s = axis::scene::load_model(path);
  ASSERT_TRUE(s.diagnostics.has_errors()) << problems_text(s);
  EXPECT_EQ(s.diagnostics.first_error().rfind(path.string(), 0), 0u) << s.diagnostics.first_error();
  EXPECT_NE(s.diagnostics.first_error().find("node["), std::string::npos) << s.diagnostics.first_error();
}

TEST(BadInput, NodeThatIsItsOwnChild) {
  TempDir dir;
  fs::path path = copy_sample("Box", dir.path());
  json doc = read_json(path);
  doc["nodes"][1]["children"] = {1};
  write_json(path, doc);
  Scene s = axis::scene::load_model(path);
  ASSERT_TRUE(s.diagnostics.has_errors()) << problems_text(s);
  EXPECT_TRUE(has_error(s, {path.string(), "node[1]"})) << problems_text(s);
}

TEST(BadInput, TextureSourceOutOfRange) {
  TempDir dir;
  fs::path path = copy_sample("BoxTextured", dir.path());
  json doc = read_json(path);
  doc["textures"][0]["source"] = 9;
  write_json(path, doc);
  Scene s = axis::scene::load_model(path);
  ASSERT_TRUE(s.diagnostics.has_errors()) << problems_text(s);
  EXPECT_TRUE(has_error(s, {path.string(), "texture[0]", "9"})) << problems_text(s);
}

TEST(BadInput, PrimitiveWithoutPosition) {
  TempDir dir;
  GltfBuilder g;
  int n = g.floats({0, 0, 1, 0, 0, 1, 0, 0, 1}, "VEC3");
  g.single({{"attributes", {{"NORMAL", n}}}});
  fs::path path = g.write(dir.path(), "nopos");
  expect_error_naming(axis::scene::load_model(path), path, {"POSITION"});
}

TEST(BadInput, AttributeCountsDisagree) {
  TempDir dir;
  GltfBuilder g;
  int pos = g.floats({0, 0, 0, 1, 0, 0, 0, 1, 0}, "VEC3");
  int uv = g.floats({0, 0, 1, 0}, "VEC2");
  g.single({{"attributes", {{"POSITION", pos}, {"TEXCOORD_0", uv}}}});
  fs::path path = g.write(dir.path(), "counts");
  expect_error_naming(axis::scene::load_model(path), path, {"TEXCOORD_0"});
}

}  // namespace
