#include "core/process.h"

#include <sys/resource.h>

namespace axis::process {

uint64_t peak_rss_bytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<uint64_t>(usage.ru_maxrss) * 1024u;  // ru_maxrss is in KiB on Linux
}

}  // namespace axis::process
