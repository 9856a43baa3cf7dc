#include "render/gpu_scene.h"

#include "core/clock.h"
#include "core/log.h"
#include "core/parallel.h"
#include "gpu/upload.h"
#include "render/mipmaps.h"
#include "shared.h"

#include <algorithm>
#include <cstring>
#include <numeric>

namespace axis::render {

namespace {

using gpu_layout::MaterialGpu;

VkSamplerAddressMode to_vk(scene::Wrap w) {
  switch (w) {
    case scene::Wrap::ClampToEdge: return VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
    case scene::Wrap::MirroredRepeat: return VK_SAMPLER_ADDRESS_MODE_MIRRORED_REPEAT;
    default: return VK_SAMPLER_ADDRESS_MODE_REPEAT;
  }
}

VkFilter to_vk(scene::Filter f) { return f == scene::Filter::Nearest ? VK_FILTER_NEAREST : VK_FILTER_LINEAR; }

Pass pass_of(const scene::Primitive& p, const scene::Material* m) {
  if (p.topology == scene::Topology::Points) return Pass::Points;
  if (p.topology == scene::Topology::Lines) return Pass::Lines;
  if (!m) return Pass::Opaque;
  switch (m->alpha_mode) {
    case scene::AlphaMode::Mask: return Pass::Mask;
    case scene::AlphaMode::Blend: return Pass::Blend;
    default: return Pass::Opaque;
  }
}

uint16_t unorm16(float v) { return static_cast<uint16_t>(std::clamp(v, 0.0f, 1.0f) * 65535.0f + 0.5f); }

void write_uv_transform(MaterialGpu& g, int slot, const scene::TextureSlot& t) {
  glm::mat3 m = t.uv_matrix();
  // Rows of the affine 2x3 part: u' = row0 . (u, v, 1), v' = row1 . (u, v, 1).
  g.uv_transform[slot * 2] = glm::vec4(m[0][0], m[1][0], m[2][0], 0.0f);
  g.uv_transform[slot * 2 + 1] = glm::vec4(m[0][1], m[1][1], m[2][1], 0.0f);
}

}  // namespace

GpuScene::GpuScene(gpu::Context& ctx, const SceneLayouts& layouts, const scene::Scene& scene,
                   const UploadOptions& options)
    : ctx_(ctx), options_(options) {
  gpu::UploadBatch batch(ctx);

  // Geometry.
  std::vector<uint8_t> vertex_bytes, index_bytes;
  upload_geometry(scene, vertex_bytes, index_bytes);
  vertices_ = gpu::Buffer(ctx, vertex_bytes.size(), VK_BUFFER_USAGE_VERTEX_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                          gpu::MemoryUse::GpuOnly);
  indices_ = gpu::Buffer(ctx, index_bytes.size(), VK_BUFFER_USAGE_INDEX_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                         gpu::MemoryUse::GpuOnly);
  batch.buffer(vertices_.handle(), 0, vertex_bytes);
  batch.buffer(indices_.handle(), 0, index_bytes);
  upload_animation_data(scene, batch);
  std::vector<uint8_t>().swap(vertex_bytes);
  std::vector<uint8_t>().swap(index_bytes);

  // Which images are needed, and in which colour space (base colour and emissive are sRGB).
  const size_t material_count = scene.materials.size();
  auto image_of = [&](const scene::TextureSlot& slot) -> int {
    if (!slot.used()) return -1;
    int img = scene.textures[slot.texture].image;
    if (img < 0 || scene.images[img].placeholder || scene.images[img].rgba.empty()) return -1;
    return img;
  };
  std::vector<std::pair<int, bool>> wanted;
  for (const auto& m : scene.materials) {
    for (auto [slot, srgb] : {std::pair{&m.base_color_tex, true}, {&m.emissive_tex, true},
                              {&m.metallic_roughness_tex, false}, {&m.normal_tex, false}, {&m.occlusion_tex, false}}) {
      int img = image_of(*slot);
      if (img >= 0) wanted.emplace_back(img, srgb);
    }
  }
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());

  // Mip chains in parallel, then one batched upload.
  Stopwatch sw;
  std::vector<std::vector<std::vector<uint8_t>>> mips(wanted.size());
  parallel::parallel_for(wanted.size(), [&](size_t i) {
    const scene::Image& img = scene.images[wanted[i].first];
    mips[i] = build_mips(img.rgba.data(), img.width, img.height, wanted[i].second);
  });
  log::debug("  mips: {:.1f} ms", sw.ms());
  sw.reset();
  create_placeholders(batch);
  std::vector<std::vector<std::span<uint8_t>>> staging(wanted.size());
  for (size_t i = 0; i < wanted.size(); ++i) {
    const scene::Image& img = scene.images[wanted[i].first];
    gpu::ImageDesc desc;
    desc.format = wanted[i].second ? VK_FORMAT_R8G8B8A8_SRGB : VK_FORMAT_R8G8B8A8_UNORM;
    desc.extent = {img.width, img.height};
    desc.mip_levels = static_cast<uint32_t>(mips[i].size() + 1);
    desc.usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
    images_.emplace_back(ctx, desc);
    std::vector<size_t> sizes{img.rgba.size()};
    for (const auto& l : mips[i]) sizes.push_back(l.size());
    staging[i] = batch.image_staging(images_.back(), sizes);
    for (size_t s : sizes) texture_bytes_ += s;
    image_index_[wanted[i]] = images_.size() - 1;
  }
  // Filling the staging memory is a large copy: spread it over the workers, level by level.
  std::vector<std::pair<size_t, size_t>> levels;
  for (size_t i = 0; i < staging.size(); ++i)
    for (size_t l = 0; l < staging[i].size(); ++l) levels.emplace_back(i, l);
  parallel::parallel_for(levels.size(), [&](size_t k) {
    auto [i, l] = levels[k];
    const uint8_t* src = l == 0 ? scene.images[wanted[i].first].rgba.data() : mips[i][l - 1].data();
    std::memcpy(staging[i][l].data(), src, staging[i][l].size());
  });

  // Materials: the scene's plus the glTF default material at the end.
  std::vector<scene::Material> materials = scene.materials;
  materials.emplace_back();
  VkDeviceSize stride = std::max<VkDeviceSize>(sizeof(MaterialGpu), ctx.properties().limits.minUniformBufferOffsetAlignment);
  std::vector<uint8_t> material_bytes(stride * materials.size(), 0);
  for (size_t i = 0; i < materials.size(); ++i) {
    const auto& m = materials[i];
    MaterialGpu g{};
    g.base_color = m.base_color;
    g.emissive = glm::vec4(m.emissive, m.alpha_cutoff);
    g.params = glm::vec4(m.metallic, m.roughness, m.normal_scale, m.occlusion_strength);
    uint32_t flags = 0;
    if (m.base_color_tex.used()) flags |= AXIS_MAT_BASE_COLOR_TEX;
    if (m.metallic_roughness_tex.used()) flags |= AXIS_MAT_METAL_ROUGH_TEX;
    if (m.normal_tex.used()) flags |= AXIS_MAT_NORMAL_TEX;
    if (m.occlusion_tex.used()) flags |= AXIS_MAT_OCCLUSION_TEX;
    if (m.emissive_tex.used()) flags |= AXIS_MAT_EMISSIVE_TEX;
    if (m.unlit) flags |= AXIS_MAT_UNLIT;
    if (m.double_sided) flags |= AXIS_MAT_DOUBLE_SIDED;
    g.flags = glm::uvec4(flags, 0, 0, 0);
    g.uv_sets = glm::ivec4(m.base_color_tex.uv_set, m.metallic_roughness_tex.uv_set, m.normal_tex.uv_set,
                           m.occlusion_tex.uv_set);
    g.uv_sets2 = glm::ivec4(m.emissive_tex.uv_set, 0, 0, 0);
    write_uv_transform(g, 0, m.base_color_tex);
    write_uv_transform(g, 1, m.metallic_roughness_tex);
    write_uv_transform(g, 2, m.normal_tex);
    write_uv_transform(g, 3, m.occlusion_tex);
    write_uv_transform(g, 4, m.emissive_tex);
    std::memcpy(material_bytes.data() + i * stride, &g, sizeof(g));
  }
  material_buffer_ = gpu::Buffer(ctx, material_bytes.size(),
                                 VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT, gpu::MemoryUse::GpuOnly);
  batch.buffer(material_buffer_.handle(), 0, material_bytes);
  log::debug("  staging: {:.1f} ms", sw.ms());
  sw.reset();
  batch.submit();
  log::debug("  submit: {:.1f} ms", sw.ms());

  // Descriptor sets.
  VkDescriptorPoolSize sizes[] = {{VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, static_cast<uint32_t>(materials.size())},
                                  {VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, static_cast<uint32_t>(materials.size() * 5)}};
  VkDescriptorPoolCreateInfo pool_info{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
  pool_info.maxSets = static_cast<uint32_t>(materials.size());
  pool_info.poolSizeCount = 2;
  pool_info.pPoolSizes = sizes;
  VkDescriptorPool pool;
  VK_CHECK(vkCreateDescriptorPool(ctx.device(), &pool_info, nullptr, &pool));
  pool_ = gpu::UniqueDescriptorPool(ctx.device(), pool);
  std::vector<VkDescriptorSetLayout> set_layouts(materials.size(), layouts.material);
  material_sets_.resize(materials.size());
  VkDescriptorSetAllocateInfo alloc{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
  alloc.descriptorPool = pool_;
  alloc.descriptorSetCount = static_cast<uint32_t>(set_layouts.size());
  alloc.pSetLayouts = set_layouts.data();
  VK_CHECK(vkAllocateDescriptorSets(ctx.device(), &alloc, material_sets_.data()));

  scene::Sampler default_sampler;
  std::vector<VkDescriptorBufferInfo> buffer_infos(materials.size());
  std::vector<VkDescriptorImageInfo> image_infos(materials.size() * 5);
  std::vector<VkWriteDescriptorSet> writes;
  for (size_t i = 0; i < materials.size(); ++i) {
    const auto& m = materials[i];
    buffer_infos[i] = {material_buffer_.handle(), i * stride, sizeof(MaterialGpu)};
    VkWriteDescriptorSet w{VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
    w.dstSet = material_sets_[i];
    w.dstBinding = AXIS_BINDING_MATERIAL;
    w.descriptorCount = 1;
    w.descriptorType = VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER;
    w.pBufferInfo = &buffer_infos[i];
    writes.push_back(w);
    struct SlotUse {
      const scene::TextureSlot* slot;
      bool srgb;
      Placeholder unused, missing;
    };
    const SlotUse slots[5] = {{&m.base_color_tex, true, kWhiteSrgb, kNeutralSrgb},
                              {&m.metallic_roughness_tex, false, kWhiteLinear, kWhiteLinear},
                              {&m.normal_tex, false, kFlatNormal, kFlatNormal},
                              {&m.occlusion_tex, false, kWhiteLinear, kWhiteLinear},
                              {&m.emissive_tex, true, kWhiteSrgb, kBlackSrgb}};
    for (int s = 0; s < 5; ++s) {
      const SlotUse& use = slots[s];
      size_t image = placeholder_[use.unused];
      VkSampler sampler = sampler_for(default_sampler);
      if (use.slot->used()) {
        const scene::Texture& tex = scene.textures[use.slot->texture];
        int img = image_of(*use.slot);
        image = img >= 0 ? image_index_.at({img, use.srgb}) : placeholder_[use.missing];
        sampler = sampler_for(tex.sampler >= 0 ? scene.samplers[tex.sampler] : default_sampler);
      }
      image_infos[i * 5 + s] = {sampler, images_[image].view(), VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
      VkWriteDescriptorSet t{VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
      t.dstSet = material_sets_[i];
      t.dstBinding = AXIS_BINDING_BASE_COLOR + s;
      t.descriptorCount = 1;
      t.descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
      t.pImageInfo = &image_infos[i * 5 + s];
      writes.push_back(t);
    }
  }
  vkUpdateDescriptorSets(ctx.device(), static_cast<uint32_t>(writes.size()), writes.data(), 0, nullptr);

  // Primitives that use no material get the default one (the last set).
  for (auto& p : primitives_)
    if (p.material == UINT32_MAX) p.material = static_cast<uint32_t>(material_count);
  std::vector<uint32_t> order(primitives_.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    const auto &pa = primitives_[a], &pb = primitives_[b];
    return std::tie(pa.pass, pa.material, a) < std::tie(pb.pass, pb.material, b);
  });
  for (uint32_t rank = 0; rank < order.size(); ++rank) primitives_[order[rank]].order = rank;
  by_order_ = std::move(order);
}

void GpuScene::upload_geometry(const scene::Scene& scene, std::vector<uint8_t>& vertex_bytes,
                               std::vector<uint8_t>& index_bytes) {
  // Levels of detail first (in parallel): static triangle lists only (animated meshes deform away from
  // the rest pose that a level's error is measured on).
  std::vector<const scene::Primitive*> all;
  for (const auto& m : scene.meshes)
    for (const auto& p : m.primitives) all.push_back(&p);
  std::vector<std::vector<scene::LodLevel>> lods(all.size());
  if (options_.levels_of_detail) {
    Stopwatch sw;
    parallel::parallel_for(all.size(), [&](size_t k) {
      const scene::Primitive& p = *all[k];
      if (p.topology == scene::Topology::Triangles && p.joints.empty() && p.targets.empty())
        lods[k] = scene::build_lod_levels(p.positions, p.indices);
    });
    log::debug("  levels of detail: {:.1f} ms", sw.ms());
  }

  size_t vertex_count = 0, index_count = 0;
  for (size_t k = 0; k < all.size(); ++k) {
    vertex_count += all[k]->positions.size();
    index_count += all[k]->indices.size();
    for (const auto& level : lods[k]) index_count += level.indices.size();
  }
  vertex_bytes.resize(vertex_count * sizeof(Vertex));
  index_bytes.resize(index_count * sizeof(uint32_t));
  auto* vout = reinterpret_cast<Vertex*>(vertex_bytes.data());
  auto* iout = reinterpret_cast<uint32_t*>(index_bytes.data());

  // Offsets first, then fill every mesh in parallel.
  struct Range {
    const scene::Primitive* prim;
    size_t first_vertex, first_index;
  };
  std::vector<Range> ranges;
  size_t v = 0, i = 0;
  for (size_t mi = 0; mi < scene.meshes.size(); ++mi) {
    const auto& mesh = scene.meshes[mi];
    meshes_.push_back({static_cast<uint32_t>(primitives_.size()), static_cast<uint32_t>(mesh.primitives.size())});
    for (const auto& p : mesh.primitives) {
      GpuPrimitive g;
      g.first_index = static_cast<uint32_t>(i);
      g.index_count = static_cast<uint32_t>(p.indices.size());
      g.vertex_offset = static_cast<int32_t>(v);
      const scene::Material* mat = p.material >= 0 ? &scene.materials[p.material] : nullptr;
      g.material = p.material >= 0 ? static_cast<uint32_t>(p.material) : UINT32_MAX;
      g.pass = pass_of(p, mat);
      g.double_sided = mat && mat->double_sided;
      g.bounds = p.bounds;
      primitives_.push_back(g);
      ranges.push_back({&p, v, i});
      v += p.positions.size();
      i += p.indices.size();
    }
  }
  // The levels: primitives after all the meshes' own, their indices after all the meshes' own.
  const size_t base_count = primitives_.size();
  for (size_t k = 0; k < base_count; ++k) {
    if (lods[k].empty()) continue;
    primitives_[k].lod_first = static_cast<uint32_t>(primitives_.size());
    primitives_[k].lod_count = static_cast<uint32_t>(lods[k].size());
    for (size_t l = 0; l < lods[k].size(); ++l) {
      GpuPrimitive g = primitives_[k];
      g.lod_first = g.lod_count = 0;
      g.first_index = static_cast<uint32_t>(i);
      g.index_count = static_cast<uint32_t>(lods[k][l].indices.size());
      primitives_[k].lod_error[l] = lods[k][l].error;
      std::memcpy(iout + i, lods[k][l].indices.data(), lods[k][l].indices.size() * sizeof(uint32_t));
      i += lods[k][l].indices.size();
      primitives_.push_back(g);
    }
  }
  parallel::parallel_for(ranges.size(), [&](size_t r) {
    const scene::Primitive& p = *ranges[r].prim;
    Vertex* out = vout + ranges[r].first_vertex;
    for (size_t k = 0; k < p.positions.size(); ++k) {
      Vertex& vx = out[k];
      std::memcpy(vx.position, &p.positions[k], 12);
      glm::vec3 n = k < p.normals.size() ? p.normals[k] : glm::vec3(0, 1, 0);
      std::memcpy(vx.normal, &n, 12);
      glm::vec4 t = k < p.tangents.size() ? p.tangents[k] : glm::vec4(1, 0, 0, 1);
      std::memcpy(vx.tangent, &t, 16);
      glm::vec2 a = k < p.uv0.size() ? p.uv0[k] : glm::vec2(0), b = k < p.uv1.size() ? p.uv1[k] : glm::vec2(0);
      std::memcpy(vx.uv0, &a, 8);
      std::memcpy(vx.uv1, &b, 8);
      glm::vec4 c = k < p.colors.size() ? p.colors[k] : glm::vec4(1);
      for (int j = 0; j < 4; ++j) vx.color[j] = unorm16(c[j]);
    }
    std::memcpy(iout + ranges[r].first_index, p.indices.data(), p.indices.size() * sizeof(uint32_t));
  });
}

void GpuScene::upload_animation_data(const scene::Scene& scene, gpu::UploadBatch& batch) {
  // Skinning attributes for every vertex (indexed by gl_VertexIndex like the vertex buffer), and morph
  // deltas per primitive laid out [vertex][target]. Stand-ins of one element when nothing animates.
  size_t vertex_count = vertices_.size() / sizeof(Vertex);
  bool any_skin = false, any_morph = false;
  size_t delta_count = 0;
  for (const auto& m : scene.meshes)
    for (const auto& p : m.primitives) {
      any_skin |= !p.joints.empty();
      any_morph |= !p.targets.empty();
      delta_count += p.targets.size() * p.positions.size();
    }
  animated_ = any_skin || any_morph;
  std::vector<gpu_layout::SkinVertexGpu> skin(any_skin ? vertex_count : 1);
  std::vector<gpu_layout::MorphDeltaGpu> deltas(std::max<size_t>(delta_count, 1));
  size_t prim_index = 0, delta_at = 0;
  for (const auto& m : scene.meshes)
    for (const auto& p : m.primitives) {
      GpuPrimitive& g = primitives_[prim_index++];
      if (!p.joints.empty() && p.weights.size() == p.joints.size()) {
        g.skinned = true;
        for (size_t v = 0; v < p.joints.size(); ++v)
          skin[g.vertex_offset + v] = {glm::uvec4(p.joints[v]), p.weights[v]};
      }
      if (!p.targets.empty()) {
        const size_t n = p.positions.size(), tc = p.targets.size();
        g.morph_targets = static_cast<uint32_t>(tc);
        g.morph_base = static_cast<int32_t>(delta_at) - g.vertex_offset * static_cast<int32_t>(tc);
        for (size_t v = 0; v < n; ++v)
          for (size_t t = 0; t < tc; ++t) {
            const auto& target = p.targets[t];
            auto& d = deltas[delta_at + v * tc + t];
            d.position = glm::vec4(v < target.positions.size() ? target.positions[v] : glm::vec3(0), 0.0f);
            d.normal = glm::vec4(v < target.normals.size() ? target.normals[v] : glm::vec3(0), 0.0f);
          }
        delta_at += n * tc;
      }
    }
  auto upload = [&](gpu::Buffer& buffer, const void* data, size_t bytes) {
    buffer = gpu::Buffer(ctx_, bytes, VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                         gpu::MemoryUse::GpuOnly);
    batch.buffer(buffer.handle(), 0, std::span(static_cast<const uint8_t*>(data), bytes));
  };
  upload(skin_, skin.data(), skin.size() * sizeof(skin[0]));
  upload(morph_, deltas.data(), deltas.size() * sizeof(deltas[0]));
}

VkSampler GpuScene::sampler_for(const scene::Sampler& s) {
  for (const auto& [key, sampler] : samplers_)
    if (key == s) return sampler;
  VkSamplerCreateInfo info{VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO};
  info.magFilter = to_vk(s.mag);
  info.minFilter = to_vk(s.min);
  info.mipmapMode = s.mip == scene::Filter::Nearest ? VK_SAMPLER_MIPMAP_MODE_NEAREST : VK_SAMPLER_MIPMAP_MODE_LINEAR;
  info.addressModeU = to_vk(s.wrap_s);
  info.addressModeV = to_vk(s.wrap_t);
  info.addressModeW = VK_SAMPLER_ADDRESS_MODE_REPEAT;
  info.minLod = 0.0f;
  info.maxLod = s.mipmaps ? VK_LOD_CLAMP_NONE : 0.25f;  // 0.25: no mip sampling (the spec's mipmap-less filters)
  float aniso = std::min(options_.max_anisotropy, ctx_.properties().limits.maxSamplerAnisotropy);
  if (ctx_.features().samplerAnisotropy && aniso > 1.0f && s.mipmaps && s.min == scene::Filter::Linear) {
    info.anisotropyEnable = VK_TRUE;
    info.maxAnisotropy = aniso;
  }
  VkSampler sampler;
  VK_CHECK(vkCreateSampler(ctx_.device(), &info, nullptr, &sampler));
  samplers_.emplace_back(s, gpu::UniqueSampler(ctx_.device(), sampler));
  return sampler;
}

void GpuScene::create_placeholders(gpu::UploadBatch& batch) {
  struct Texel {
    uint8_t rgba[4];
    bool srgb;
  };
  const Texel texels[kPlaceholderCount] = {
      {{255, 255, 255, 255}, true}, {{255, 255, 255, 255}, false}, {{128, 128, 255, 255}, false},
      {{180, 180, 180, 255}, true}, {{0, 0, 0, 255}, true}};
  for (int i = 0; i < kPlaceholderCount; ++i) {
    gpu::ImageDesc desc;
    desc.format = texels[i].srgb ? VK_FORMAT_R8G8B8A8_SRGB : VK_FORMAT_R8G8B8A8_UNORM;
    desc.usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
    images_.emplace_back(ctx_, desc);
    batch.image(images_.back(), {std::span<const uint8_t>(texels[i].rgba, 4)});
    placeholder_[i] = images_.size() - 1;
  }
}

}  // namespace axis::render
