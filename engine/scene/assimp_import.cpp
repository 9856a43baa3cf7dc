// Import of every non-glTF format through Assimp (OBJ+MTL, PLY meshes and point clouds, FBX, DAE, STL,
// ...) into the same scene model as glTF. Assimp's conventions are mapped to glTF's: UVs flipped so
// that v runs down the image, legacy Phong materials turned into metallic-roughness, vertex colours
// (stored as sRGB by scanners and DCC tools) made linear.
#include "core/error.h"
#include "core/files.h"
#include "core/image.h"
#include "core/parallel.h"
#include "scene/geometry.h"
#include "scene/import.h"

#include <assimp/Importer.hpp>
#include <assimp/postprocess.h>
#include <assimp/scene.h>
#include <fmt/format.h>

#include <cmath>
#include <map>

namespace axis::scene {

namespace {

glm::dmat4 to_dmat4(const aiMatrix4x4& m) {
  // aiMatrix4x4 is row-major; glm is column-major.
  glm::dmat4 out;
  for (int r = 0; r < 4; ++r)
    for (int c = 0; c < 4; ++c) out[c][r] = m[r][c];
  return out;
}

class AssimpImporter {
 public:
  AssimpImporter(const std::filesystem::path& path, const LoadOptions& options) : path_(path), options_(options) {
    scene_.source = path;
    scene_.diagnostics.file = path.string();
  }

  Scene run() {
    Assimp::Importer importer;
    // Point clouds (PLY without faces) must survive: do not drop point primitives. Assimp's own
    // validation step rejects meshes without faces, so indices are checked in import_mesh instead.
    importer.SetPropertyInteger(AI_CONFIG_PP_SBP_REMOVE, 0);
    unsigned flags = aiProcess_Triangulate | aiProcess_SortByPType | aiProcess_GenSmoothNormals |
                     aiProcess_JoinIdenticalVertices | aiProcess_FlipUVs | aiProcess_FindInvalidData;
    // Read without post-processing first: Assimp's own validation rejects meshes without faces (point
    // clouds), so face indices are checked here before any step reads vertices through them.
    const aiScene* ai = importer.ReadFile(path_.string(), 0);
    if (ai && ai->mRootNode && !(ai->mFlags & AI_SCENE_FLAGS_INCOMPLETE)) {
      for (unsigned m = 0; m < ai->mNumMeshes; ++m) {
        const aiMesh* mesh = ai->mMeshes[m];
        for (unsigned f = 0; f < mesh->mNumFaces; ++f)
          for (unsigned k = 0; k < mesh->mFaces[f].mNumIndices; ++k)
            if (mesh->mFaces[f].mIndices[k] >= mesh->mNumVertices) {
              diag().error(fmt::format("mesh[{}] '{}'", m, mesh->mName.C_Str()),
                           fmt::format("face {} refers to vertex {}, but there are {}", f, mesh->mFaces[f].mIndices[k],
                                       mesh->mNumVertices));
              return std::move(scene_);
            }
      }
      ai = importer.ApplyPostProcessing(flags);
    }
    if (!ai || !ai->mRootNode) {
      std::string why = importer.GetErrorString();
      if (why.empty()) why = "not a model file Assimp can read";
      diag().error("", why);
      return std::move(scene_);
    }
    if (ai->mFlags & AI_SCENE_FLAGS_INCOMPLETE) {
      diag().error("", "the file holds no complete scene (no meshes)");
      return std::move(scene_);
    }
    ai_ = ai;
    scene_.format = format_name(importer);
    import_materials();
    for (unsigned m = 0; m < ai->mNumMeshes; ++m) {
      try {
        import_mesh(m);
      } catch (const Error& e) {
        diag().error(fmt::format("mesh[{}] '{}'", m, ai->mMeshes[m]->mName.C_Str()), e.what());
        return std::move(scene_);
      }
    }
    import_node(ai->mRootNode, -1);
    scene_.roots = {0};
    import_images();
    scene_.update_world();
    if (scene_.meshes.empty()) diag().error("", "the file holds no meshes");
    return std::move(scene_);
  }

 private:
  Diagnostics& diag() { return scene_.diagnostics; }

  std::string format_name(const Assimp::Importer& importer) const {
    int index = importer.GetPropertyInteger("importerIndex", -1);
    (void)index;
    std::string ext = files::extension_lower(path_);
    for (auto& c : ext) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return ext + " (Assimp)";
  }

  // Texture slots refer to images by path; the same path is loaded once.
  int texture_for(const aiMaterial* mat, std::initializer_list<aiTextureType> types, int& uv_set) {
    for (aiTextureType type : types) {
      if (mat->GetTextureCount(type) == 0) continue;
      aiString file;
      unsigned uv = 0;
      if (mat->GetTexture(type, 0, &file, nullptr, &uv) != AI_SUCCESS) continue;
      uv_set = uv > 1 ? 0 : static_cast<int>(uv);
      std::string key = file.C_Str();
      auto it = texture_by_path_.find(key);
      if (it != texture_by_path_.end()) return it->second;
      Image img;
      img.uri = key;
      img.name = std::filesystem::path(key).filename().string();
      scene_.images.push_back(img);
      scene_.textures.push_back(Texture{img.name, static_cast<int>(scene_.images.size()) - 1, -1});
      int index = static_cast<int>(scene_.textures.size()) - 1;
      texture_by_path_[key] = index;
      return index;
    }
    return -1;
  }

  void import_materials() {
    for (unsigned i = 0; i < ai_->mNumMaterials; ++i) {
      const aiMaterial* mat = ai_->mMaterials[i];
      Material m;
      aiString name;
      if (mat->Get(AI_MATKEY_NAME, name) == AI_SUCCESS) m.name = name.C_Str();
      aiColor4D diffuse(1, 1, 1, 1);
      if (mat->Get(AI_MATKEY_BASE_COLOR, diffuse) != AI_SUCCESS) mat->Get(AI_MATKEY_COLOR_DIFFUSE, diffuse);
      float opacity = 1.0f;
      mat->Get(AI_MATKEY_OPACITY, opacity);
      m.base_color = glm::vec4(diffuse.r, diffuse.g, diffuse.b, std::clamp(diffuse.a * opacity, 0.0f, 1.0f));
      if (m.base_color.a < 0.999f) m.alpha_mode = AlphaMode::Blend;
      float metallic = 0.0f, roughness = -1.0f, shininess = 0.0f;
      mat->Get(AI_MATKEY_METALLIC_FACTOR, metallic);
      if (mat->Get(AI_MATKEY_ROUGHNESS_FACTOR, roughness) != AI_SUCCESS || roughness < 0.0f) {
        // Blinn-Phong exponent to GGX roughness (the usual sqrt(2 / (n + 2)) mapping).
        roughness = mat->Get(AI_MATKEY_SHININESS, shininess) == AI_SUCCESS && shininess > 0.0f
                        ? std::sqrt(2.0f / (shininess + 2.0f))
                        : 0.8f;
      }
      m.metallic = std::clamp(metallic, 0.0f, 1.0f);
      m.roughness = std::clamp(roughness, 0.04f, 1.0f);
      aiColor3D emissive(0, 0, 0);
      if (mat->Get(AI_MATKEY_COLOR_EMISSIVE, emissive) == AI_SUCCESS) m.emissive = {emissive.r, emissive.g, emissive.b};
      int two_sided = 0;
      if (mat->Get(AI_MATKEY_TWOSIDED, two_sided) == AI_SUCCESS) m.double_sided = two_sided != 0;
      int shading = 0;
      if (mat->Get(AI_MATKEY_SHADING_MODEL, shading) == AI_SUCCESS)
        m.unlit = shading == aiShadingMode_NoShading || shading == aiShadingMode_Unlit;
      int uv = 0;
      m.base_color_tex.texture = texture_for(mat, {aiTextureType_BASE_COLOR, aiTextureType_DIFFUSE}, uv);
      m.base_color_tex.uv_set = uv;
      m.normal_tex.texture = texture_for(mat, {aiTextureType_NORMAL_CAMERA, aiTextureType_NORMALS}, uv);
      m.normal_tex.uv_set = uv;
      m.emissive_tex.texture = texture_for(mat, {aiTextureType_EMISSION_COLOR, aiTextureType_EMISSIVE}, uv);
      m.emissive_tex.uv_set = uv;
      m.occlusion_tex.texture = texture_for(mat, {aiTextureType_AMBIENT_OCCLUSION, aiTextureType_LIGHTMAP}, uv);
      m.occlusion_tex.uv_set = uv;
      if (m.emissive_tex.used() && m.emissive == glm::vec3(0)) m.emissive = glm::vec3(1);
      scene_.materials.push_back(std::move(m));
    }
  }

  void import_mesh(unsigned index) {
    const aiMesh* src = ai_->mMeshes[index];
    Mesh mesh;
    mesh.name = src->mName.C_Str();
    Primitive prim;
    size_t n = src->mNumVertices;
    prim.positions.resize(n);
    for (size_t v = 0; v < n; ++v) prim.positions[v] = {src->mVertices[v].x, src->mVertices[v].y, src->mVertices[v].z};
    if (src->HasNormals()) {
      prim.normals.resize(n);
      for (size_t v = 0; v < n; ++v) prim.normals[v] = {src->mNormals[v].x, src->mNormals[v].y, src->mNormals[v].z};
    }
    for (int set = 0; set < 2; ++set) {
      if (!src->HasTextureCoords(set)) continue;
      auto& uv = set == 0 ? prim.uv0 : prim.uv1;
      uv.resize(n);
      for (size_t v = 0; v < n; ++v) uv[v] = {src->mTextureCoords[set][v].x, src->mTextureCoords[set][v].y};
    }
    if (src->HasVertexColors(0)) {
      prim.colors.resize(n);
      for (size_t v = 0; v < n; ++v) {
        const aiColor4D& c = src->mColors[0][v];
        prim.colors[v] = {srgb_to_linear(c.r), srgb_to_linear(c.g), srgb_to_linear(c.b), std::clamp(c.a, 0.0f, 1.0f)};
      }
    }
    if (src->mPrimitiveTypes & aiPrimitiveType_TRIANGLE) prim.topology = Topology::Triangles;
    else if (src->mPrimitiveTypes & aiPrimitiveType_LINE) prim.topology = Topology::Lines;
    else prim.topology = Topology::Points;
    unsigned want = prim.topology == Topology::Triangles ? 3 : prim.topology == Topology::Lines ? 2 : 1;
    prim.indices.reserve(static_cast<size_t>(src->mNumFaces) * want);
    for (unsigned f = 0; f < src->mNumFaces; ++f) {
      const aiFace& face = src->mFaces[f];
      if (face.mNumIndices != want) continue;
      for (unsigned k = 0; k < want; ++k) {
        if (face.mIndices[k] >= n)
          fail("face {} refers to vertex {}, but there are {}", f, face.mIndices[k], n);
        prim.indices.push_back(face.mIndices[k]);
      }
    }
    if (prim.indices.empty() && prim.topology == Topology::Points) {
      prim.indices.resize(n);
      for (uint32_t i = 0; i < n; ++i) prim.indices[i] = i;
    }
    prim.material = src->mMaterialIndex < scene_.materials.size() ? static_cast<int>(src->mMaterialIndex) : -1;
    if (prim.topology == Topology::Triangles && prim.normals.size() != n) {
      unweld(prim);
      generate_flat_normals(prim);
    }
    if (prim.topology != Topology::Triangles) prim.normals.clear();
    const Material* mat = prim.material >= 0 ? &scene_.materials[prim.material] : nullptr;
    if (prim.topology == Topology::Triangles && mat && mat->normal_tex.used())
      generate_tangents(prim, mat->normal_tex.uv_set);
    compute_bounds(prim);
    mesh.bounds = prim.bounds;
    mesh.primitives.push_back(std::move(prim));
    scene_.meshes.push_back(std::move(mesh));
  }

  // A node with several Assimp meshes draws one combined mesh (one primitive per Assimp mesh), shared by
  // every node that lists the same meshes.
  int mesh_for(const aiNode* node) {
    if (node->mNumMeshes == 0) return -1;
    if (node->mNumMeshes == 1) return static_cast<int>(node->mMeshes[0]);
    std::vector<unsigned> key(node->mMeshes, node->mMeshes + node->mNumMeshes);
    auto it = combined_.find(key);
    if (it != combined_.end()) return it->second;
    Mesh mesh;
    mesh.name = node->mName.C_Str();
    for (unsigned k : key) {
      mesh.primitives.push_back(scene_.meshes[k].primitives.front());
      mesh.bounds.extend(mesh.primitives.back().bounds);
    }
    scene_.meshes.push_back(std::move(mesh));
    int index = static_cast<int>(scene_.meshes.size()) - 1;
    combined_[key] = index;
    return index;
  }

  int import_node(const aiNode* src, int parent) {
    int index = static_cast<int>(scene_.nodes.size());
    scene_.nodes.emplace_back();
    {
      Node& node = scene_.nodes.back();
      node.name = src->mName.C_Str();
      node.local = to_dmat4(src->mTransformation);
      node.parent = parent;
    }
    int mesh = mesh_for(src);
    scene_.nodes[index].mesh = mesh;
    for (unsigned c = 0; c < src->mNumChildren; ++c) {
      int child = import_node(src->mChildren[c], index);
      scene_.nodes[index].children.push_back(child);
    }
    return index;
  }

  void import_images() {
    std::filesystem::path dir = path_.parent_path();
    std::vector<std::string> failures(scene_.images.size());
    parallel::parallel_for(scene_.images.size(), [&](size_t i) {
      Image& img = scene_.images[i];
      try {
        Rgba8Image decoded;
        if (const aiTexture* embedded = ai_->GetEmbeddedTexture(img.uri.c_str())) {
          if (embedded->mHeight != 0) {  // raw BGRA texels
            decoded.width = embedded->mWidth;
            decoded.height = embedded->mHeight;
            decoded.pixels.resize(static_cast<size_t>(decoded.width) * decoded.height * 4);
            for (size_t p = 0; p < static_cast<size_t>(decoded.width) * decoded.height; ++p) {
              const aiTexel& t = embedded->pcData[p];
              decoded.pixels[p * 4 + 0] = t.r;
              decoded.pixels[p * 4 + 1] = t.g;
              decoded.pixels[p * 4 + 2] = t.b;
              decoded.pixels[p * 4 + 3] = t.a;
            }
          } else if (options_.decode_images) {
            decoded = decode_image({reinterpret_cast<const uint8_t*>(embedded->pcData), embedded->mWidth});
          }
        } else {
          std::string rel = img.uri;
          std::replace(rel.begin(), rel.end(), '\\', '/');
          std::filesystem::path file = dir / rel;
          std::error_code ec;
          if (!std::filesystem::is_regular_file(file, ec)) {
            failures[i] = "file not found";
            return;
          }
          if (options_.decode_images) decoded = decode_image(files::read_bytes(file));
        }
        img.width = decoded.width;
        img.height = decoded.height;
        img.rgba = std::move(decoded.pixels);
      } catch (const Error& e) {
        failures[i] = e.what();
      }
    });
    for (size_t i = 0; i < failures.size(); ++i) {
      if (failures[i].empty()) continue;
      scene_.images[i].placeholder = true;
      diag().warn(fmt::format("image[{}] ({})", i, scene_.images[i].uri),
                  failures[i] + "; a neutral placeholder texture is shown");
    }
  }

  std::filesystem::path path_;
  LoadOptions options_;
  const aiScene* ai_ = nullptr;
  Scene scene_;
  std::map<std::string, int> texture_by_path_;
  std::map<std::vector<unsigned>, int> combined_;
};

}  // namespace

Scene load_with_assimp(const std::filesystem::path& path, const LoadOptions& options) {
  return AssimpImporter(path, options).run();
}

}  // namespace axis::scene
