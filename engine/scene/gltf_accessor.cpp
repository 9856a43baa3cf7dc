#include "scene/gltf_accessor.h"

#include "core/error.h"

#include <cstring>

namespace axis::scene::gltf {

namespace {

int component_size(int type) {
  switch (type) {
    case TINYGLTF_COMPONENT_TYPE_BYTE:
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE: return 1;
    case TINYGLTF_COMPONENT_TYPE_SHORT:
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT: return 2;
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT:
    case TINYGLTF_COMPONENT_TYPE_FLOAT: return 4;
    default: return 0;
  }
}

// One component at `p` as float, per the glTF rules for normalized integers.
float load_component(const uint8_t* p, int type, bool normalized) {
  switch (type) {
    case TINYGLTF_COMPONENT_TYPE_FLOAT: {
      float f;
      std::memcpy(&f, p, 4);
      return f;
    }
    case TINYGLTF_COMPONENT_TYPE_BYTE: {
      auto v = static_cast<int8_t>(*p);
      return normalized ? std::max(v / 127.0f, -1.0f) : static_cast<float>(v);
    }
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE: return normalized ? *p / 255.0f : static_cast<float>(*p);
    case TINYGLTF_COMPONENT_TYPE_SHORT: {
      int16_t v;
      std::memcpy(&v, p, 2);
      return normalized ? std::max(v / 32767.0f, -1.0f) : static_cast<float>(v);
    }
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT: {
      uint16_t v;
      std::memcpy(&v, p, 2);
      return normalized ? v / 65535.0f : static_cast<float>(v);
    }
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT: {
      uint32_t v;
      std::memcpy(&v, p, 4);
      return normalized ? static_cast<float>(v / 4294967295.0) : static_cast<float>(v);
    }
    default: return 0.0f;
  }
}

uint32_t load_uint(const uint8_t* p, int type) {
  switch (type) {
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE: return *p;
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT: {
      uint16_t v;
      std::memcpy(&v, p, 2);
      return v;
    }
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT: {
      uint32_t v;
      std::memcpy(&v, p, 4);
      return v;
    }
    default: return 0;
  }
}

// A checked window onto a buffer view: `count` elements of `elem_size` bytes, `stride` apart, starting at
// `offset` bytes into the view.
struct View {
  const uint8_t* base = nullptr;
  size_t stride = 0;
};

View checked_view(const tinygltf::Model& model, int view_index, size_t offset, size_t count, size_t elem_size,
                  size_t declared_stride, const std::string& who) {
  if (view_index < 0 || view_index >= static_cast<int>(model.bufferViews.size()))
    fail("{}: bufferView {} does not exist", who, view_index);
  const auto& bv = model.bufferViews[view_index];
  if (bv.buffer < 0 || bv.buffer >= static_cast<int>(model.buffers.size()))
    fail("{}: bufferView[{}] refers to buffer {}, which does not exist", who, view_index, bv.buffer);
  const auto& buf = model.buffers[bv.buffer];
  if (bv.byteOffset + bv.byteLength > buf.data.size())
    fail("{}: bufferView[{}] (bytes {}..{}) runs past the end of buffer[{}] ({} bytes)", who, view_index,
         bv.byteOffset, bv.byteOffset + bv.byteLength, bv.buffer, buf.data.size());
  size_t stride = declared_stride ? declared_stride : elem_size;
  if (stride < elem_size) fail("{}: byteStride {} is smaller than an element ({} bytes)", who, stride, elem_size);
  if (count > 0) {
    size_t end = offset + stride * (count - 1) + elem_size;
    if (end > bv.byteLength || end < offset)
      fail("{}: {} elements from byte {} need {} bytes, but bufferView[{}] has {}", who, count, offset, end,
           view_index, bv.byteLength);
  }
  return View{buf.data.data() + bv.byteOffset + offset, stride};
}

// Sparse indices must be unsigned byte, short or int (glTF 2.0, 3.6.2.3).
int sparse_index_size(int type, const std::string& who) {
  if (type != TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE && type != TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT &&
      type != TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT)
    fail("{}: sparse indices must be unsigned integers, not componentType {}", who, type);
  return component_size(type);
}

}  // namespace

int component_count(int type) {
  switch (type) {
    case TINYGLTF_TYPE_SCALAR: return 1;
    case TINYGLTF_TYPE_VEC2: return 2;
    case TINYGLTF_TYPE_VEC3: return 3;
    case TINYGLTF_TYPE_VEC4: return 4;
    case TINYGLTF_TYPE_MAT2: return 4;
    case TINYGLTF_TYPE_MAT3: return 9;
    case TINYGLTF_TYPE_MAT4: return 16;
    default: return 0;
  }
}

std::string accessor_label(const tinygltf::Model& model, int index) {
  std::string label = "accessor[" + std::to_string(index) + "]";
  if (index >= 0 && index < static_cast<int>(model.accessors.size()) && !model.accessors[index].name.empty())
    label += " '" + model.accessors[index].name + "'";
  return label;
}

std::vector<float> read_floats(const tinygltf::Model& model, int index, int width, bool widen_vec3) {
  std::string who = accessor_label(model, index);
  if (index < 0 || index >= static_cast<int>(model.accessors.size())) fail("{} does not exist", who);
  const auto& acc = model.accessors[index];
  int comps = component_count(acc.type);
  int csize = component_size(acc.componentType);
  if (comps == 0 || csize == 0) fail("{}: unsupported type or componentType {}", who, acc.componentType);
  bool widen = widen_vec3 && comps == 3 && width == 4;
  if (comps != width && !widen) fail("{}: has {} components per element, expected {}", who, comps, width);

  // Matrix columns are padded to 4-byte boundaries for 1- and 2-byte components (spec 3.6.2.4).
  size_t col_rows = (acc.type == TINYGLTF_TYPE_MAT2 || acc.type == TINYGLTF_TYPE_MAT3 || acc.type == TINYGLTF_TYPE_MAT4)
                        ? static_cast<size_t>(acc.type == TINYGLTF_TYPE_MAT2 ? 2 : acc.type == TINYGLTF_TYPE_MAT3 ? 3 : 4)
                        : static_cast<size_t>(comps);
  size_t cols = static_cast<size_t>(comps) / col_rows;
  size_t col_bytes = ((col_rows * csize + 3) / 4) * 4;
  if (cols == 1) col_bytes = col_rows * csize;
  size_t elem_size = col_bytes * cols;

  std::vector<float> out(acc.count * static_cast<size_t>(width), 0.0f);
  if (widen)
    for (size_t i = 0; i < acc.count; ++i) out[i * 4 + 3] = 1.0f;

  auto decode_into = [&](const View& v, size_t element, size_t dst_element) {
    const uint8_t* p = v.base + element * v.stride;
    for (size_t c = 0; c < cols; ++c)
      for (size_t r = 0; r < col_rows; ++r)
        out[dst_element * width + c * col_rows + r] =
            load_component(p + c * col_bytes + r * csize, acc.componentType, acc.normalized);
  };

  if (acc.bufferView >= 0) {
    size_t stride = static_cast<size_t>(model.bufferViews.at(acc.bufferView).byteStride);
    View v = checked_view(model, acc.bufferView, acc.byteOffset, acc.count, elem_size, stride, who);
    for (size_t i = 0; i < acc.count; ++i) decode_into(v, i, i);
  }
  if (acc.sparse.isSparse) {
    const auto& sp = acc.sparse;
    size_t n = static_cast<size_t>(sp.count);
    if (sp.count < 0 || n > acc.count) fail("{}: sparse count {} exceeds the accessor's {}", who, sp.count, acc.count);
    int isize = sparse_index_size(sp.indices.componentType, who);
    View iv = checked_view(model, sp.indices.bufferView, static_cast<size_t>(sp.indices.byteOffset), n,
                           static_cast<size_t>(isize), 0, who + " sparse indices");
    View vv = checked_view(model, sp.values.bufferView, static_cast<size_t>(sp.values.byteOffset), n, elem_size, 0,
                           who + " sparse values");
    for (size_t i = 0; i < n; ++i) {
      uint32_t target = load_uint(iv.base + i * iv.stride, sp.indices.componentType);
      if (target >= acc.count) fail("{}: sparse index {} is out of range (count {})", who, target, acc.count);
      decode_into(vv, i, target);
    }
  }
  return out;
}

std::vector<uint32_t> read_uints(const tinygltf::Model& model, int index) {
  std::string who = accessor_label(model, index);
  if (index < 0 || index >= static_cast<int>(model.accessors.size())) fail("{} does not exist", who);
  const auto& acc = model.accessors[index];
  if (acc.type != TINYGLTF_TYPE_SCALAR) fail("{}: indices must be SCALAR", who);
  if (acc.componentType != TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE &&
      acc.componentType != TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT &&
      acc.componentType != TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT)
    fail("{}: indices must be unsigned integers, not componentType {}", who, acc.componentType);
  size_t csize = static_cast<size_t>(component_size(acc.componentType));
  std::vector<uint32_t> out(acc.count, 0);
  if (acc.bufferView >= 0) {
    size_t stride = static_cast<size_t>(model.bufferViews.at(acc.bufferView).byteStride);
    View v = checked_view(model, acc.bufferView, acc.byteOffset, acc.count, csize, stride, who);
    for (size_t i = 0; i < acc.count; ++i) out[i] = load_uint(v.base + i * v.stride, acc.componentType);
  }
  if (acc.sparse.isSparse) {
    const auto& sp = acc.sparse;
    size_t n = static_cast<size_t>(std::max(0, sp.count));
    if (n > acc.count) fail("{}: sparse count {} exceeds the accessor's {}", who, sp.count, acc.count);
    int isize = sparse_index_size(sp.indices.componentType, who);
    View iv = checked_view(model, sp.indices.bufferView, static_cast<size_t>(sp.indices.byteOffset), n,
                           static_cast<size_t>(isize), 0, who + " sparse indices");
    View vv = checked_view(model, sp.values.bufferView, static_cast<size_t>(sp.values.byteOffset), n, csize, 0,
                           who + " sparse values");
    for (size_t i = 0; i < n; ++i) {
      uint32_t target = load_uint(iv.base + i * iv.stride, sp.indices.componentType);
      if (target >= acc.count) fail("{}: sparse index {} is out of range (count {})", who, target, acc.count);
      out[target] = load_uint(vv.base + i * vv.stride, acc.componentType);
    }
  }
  return out;
}

}  // namespace axis::scene::gltf
