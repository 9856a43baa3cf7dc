// Reading and writing files with errors that name the file. Writes of user data go through
// write_file_atomic: a crash or a full disk never leaves a half-written file behind.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace axis::files {

// The whole file; throws axis::Error naming the path when it is missing, a directory or unreadable.
std::vector<uint8_t> read_bytes(const std::filesystem::path& path);
std::string read_text(const std::filesystem::path& path);

// Writes to a temporary file beside `path`, flushes it to disk, then renames it over `path`.
// `durable` also fsyncs the data and the directory (user data: annotations, tours); outputs that can be
// made again (renders) skip that, and are still never seen half-written.
void write_file_atomic(const std::filesystem::path& path, std::span<const uint8_t> bytes, bool durable = true);
void write_file_atomic(const std::filesystem::path& path, std::string_view text, bool durable = true);

// Lower-case extension without the dot ("glb", "gltf", "obj").
std::string extension_lower(const std::filesystem::path& path);

}  // namespace axis::files
