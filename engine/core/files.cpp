#include "core/files.h"

#include "core/error.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace axis::files {
namespace fs = std::filesystem;

namespace {
std::string why() { return std::strerror(errno); }

void write_all(int fd, const uint8_t* data, size_t size, const fs::path& shown) {
  while (size > 0) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("{}: cannot write: {}", shown.string(), why());
    }
    data += n;
    size -= static_cast<size_t>(n);
  }
}
}  // namespace

std::vector<uint8_t> read_bytes(const fs::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) fail("{}: cannot open: {}", path.string(), why());
  struct stat st {};
  if (::fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
    ::close(fd);
    fail("{}: is a directory, not a file", path.string());
  }
  std::vector<uint8_t> bytes(static_cast<size_t>(st.st_size));
  size_t got = 0;
  while (got < bytes.size()) {
    ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int e = errno;
      ::close(fd);
      fail("{}: read failed: {}", path.string(), n == 0 ? "unexpected end of file" : std::strerror(e));
    }
    got += static_cast<size_t>(n);
  }
  ::close(fd);
  return bytes;
}

std::string read_text(const fs::path& path) {
  auto bytes = read_bytes(path);
  return std::string(bytes.begin(), bytes.end());
}

void write_file_atomic(const fs::path& path, std::span<const uint8_t> bytes, bool durable) {
  fs::path dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  std::string tmpl = (dir / ("." + path.filename().string() + ".tmp-XXXXXX")).string();
  int fd = ::mkstemp(tmpl.data());
  if (fd < 0) fail("{}: cannot write: {}", path.string(), why());
  try {
    write_all(fd, bytes.data(), bytes.size(), path);
    if (durable && ::fsync(fd) != 0) fail("{}: cannot flush to disk: {}", path.string(), why());
    ::fchmod(fd, 0644);
  } catch (...) {
    ::close(fd);
    ::unlink(tmpl.c_str());
    throw;
  }
  ::close(fd);
  if (::rename(tmpl.c_str(), path.c_str()) != 0) {
    std::string cause = why();
    ::unlink(tmpl.c_str());
    fail("{}: cannot replace: {}", path.string(), cause);
  }
  if (!durable) return;
  // Make the rename itself durable.
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
}

void write_file_atomic(const fs::path& path, std::string_view text, bool durable) {
  write_file_atomic(path, std::span(reinterpret_cast<const uint8_t*>(text.data()), text.size()), durable);
}

std::string extension_lower(const fs::path& path) {
  std::string ext = path.extension().string();
  if (!ext.empty() && ext[0] == '.') ext.erase(0, 1);
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext;
}

}  // namespace axis::files
