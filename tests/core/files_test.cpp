// core/files.h: atomic writes (content, no temporary files left behind, replacement, errors naming the
// path, durable and non-durable modes) and read errors that name the path.
#include "core/error.h"
#include "core/files.h"
#include "core/test_temp_dir.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <random>
#include <string>
#include <vector>

namespace {

using axis_test::list_dir;
using axis_test::read_raw;
using axis_test::TempDir;
namespace files = axis::files;
namespace fs = std::filesystem;

std::vector<uint8_t> random_bytes(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<uint8_t> out(n);
  for (auto& b : out) b = static_cast<uint8_t>(rng());
  return out;
}

// The message of the axis::Error that `fn` throws; fails the test when it throws nothing or something else.
template <typename Fn>
std::string error_of(Fn&& fn) {
  try {
    fn();
  } catch (const axis::Error& e) {
    return e.what();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "threw a non-axis::Error exception: " << e.what();
    return {};
  }
  ADD_FAILURE() << "did not throw";
  return {};
}

class WriteAtomic : public ::testing::TestWithParam<bool> {};

TEST_P(WriteAtomic, WritesExactBytesAndLeavesNoTemporaryFile) {
  const bool durable = GetParam();
  TempDir dir;
  fs::path path = dir / "data.bin";
  // Sizes around typical buffer boundaries, and an empty file.
  for (size_t size : {size_t(0), size_t(1), size_t(4095), size_t(4096), size_t(1 << 20) + 7}) {
    auto bytes = random_bytes(size, static_cast<uint32_t>(size));
    files::write_file_atomic(path, bytes, durable);
    EXPECT_EQ(read_raw(path), std::string(bytes.begin(), bytes.end())) << "size " << size;
    EXPECT_EQ(list_dir(dir.path()), std::vector<std::string>{"data.bin"}) << "size " << size;
  }
}

TEST_P(WriteAtomic, ReplacesAnExistingFile) {
  const bool durable = GetParam();
  TempDir dir;
  fs::path path = dir / "notes.txt";
  axis_test::write_raw(path, std::string(10000, 'x'));  // longer than the new content: no stale tail
  files::write_file_atomic(path, std::string_view("short"), durable);
  EXPECT_EQ(read_raw(path), "short");
  files::write_file_atomic(path, std::string_view("second version\n"), durable);
  EXPECT_EQ(read_raw(path), "second version\n");
  EXPECT_EQ(list_dir(dir.path()), std::vector<std::string>{"notes.txt"});
}

TEST_P(WriteAtomic, ResultIsWorldReadableRegularFile) {
  TempDir dir;
  fs::path path = dir / "render.png";
  files::write_file_atomic(path, std::string_view("png"), GetParam());
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_TRUE(S_ISREG(st.st_mode));
  // mkstemp creates 0600; a written user file must be readable by others like any normal file.
  EXPECT_EQ(st.st_mode & 0777, 0644u);
}

TEST_P(WriteAtomic, MissingDirectoryErrorNamesThePath) {
  TempDir dir;
  fs::path path = dir / "no-such-dir" / "out.json";
  std::string msg = error_of([&] { files::write_file_atomic(path, std::string_view("{}"), GetParam()); });
  EXPECT_NE(msg.find(path.string()), std::string::npos) << msg;
  EXPECT_FALSE(fs::exists(path));
  EXPECT_EQ(list_dir(dir.path()), std::vector<std::string>{});
}

TEST_P(WriteAtomic, ParentIsAFileErrorNamesThePath) {
  TempDir dir;
  axis_test::write_raw(dir / "plain", std::string_view("not a dir"));
  fs::path path = dir / "plain" / "out.txt";
  std::string msg = error_of([&] { files::write_file_atomic(path, std::string_view("x"), GetParam()); });
  EXPECT_NE(msg.find(path.string()), std::string::npos) << msg;
  EXPECT_EQ(read_raw(dir / "plain"), "not a dir");
}

TEST_P(WriteAtomic, UnwritableDirectoryErrorNamesThePath) {
  TempDir dir;
  fs::path ro = dir / "readonly";
  fs::create_directory(ro);
  fs::permissions(ro, fs::perms::owner_read | fs::perms::owner_exec);
  if (::access(ro.c_str(), W_OK) == 0) GTEST_SKIP() << "running with privileges that ignore directory permissions";
  fs::path path = ro / "out.txt";
  std::string msg = error_of([&] { files::write_file_atomic(path, std::string_view("x"), GetParam()); });
  EXPECT_NE(msg.find(path.string()), std::string::npos) << msg;
  fs::permissions(ro, fs::perms::owner_all);
  EXPECT_TRUE(fs::is_empty(ro));
}

TEST_P(WriteAtomic, DirectoryOfAVirtualFilesystemErrorNamesThePath) {
  // sysfs refuses new files even to root, so this runs where permission bits are ignored too.
  if (!fs::is_directory("/sys/kernel")) GTEST_SKIP() << "no sysfs";
  fs::path path = "/sys/kernel/axistwin-test-output.txt";
  std::string msg = error_of([&] { files::write_file_atomic(path, std::string_view("x"), GetParam()); });
  EXPECT_NE(msg.find(path.string()), std::string::npos) << msg;
  EXPECT_FALSE(fs::exists(path));
}

TEST_P(WriteAtomic, TargetIsADirectoryFailsWithoutLeavingTheTemporaryFile) {
  TempDir dir;
  fs::path target = dir / "occupied";
  fs::create_directory(target);
  axis_test::write_raw(target / "keep.txt", std::string_view("keep"));  // rename() cannot replace a non-empty dir
  std::string msg = error_of([&] { files::write_file_atomic(target, std::string_view("data"), GetParam()); });
  EXPECT_NE(msg.find(target.string()), std::string::npos) << msg;
  EXPECT_EQ(list_dir(dir.path()), std::vector<std::string>{"occupied"});
  EXPECT_EQ(read_raw(target / "keep.txt"), "keep");
}

INSTANTIATE_TEST_SUITE_P(Modes, WriteAtomic, ::testing::Values(true, false),
                         [](const auto& info) { return info.param ? "Durable" : "NotDurable"; });

TEST(WriteAtomicRelative, PathWithoutDirectoryWritesIntoTheWorkingDirectory) {
  TempDir dir;
  fs::path old = fs::current_path();
  fs::current_path(dir.path());
  try {
    files::write_file_atomic("relative.txt", std::string_view("here"));
  } catch (...) {
    fs::current_path(old);
    throw;
  }
  fs::current_path(old);
  EXPECT_EQ(read_raw(dir / "relative.txt"), "here");
  EXPECT_EQ(list_dir(dir.path()), std::vector<std::string>{"relative.txt"});
}

TEST(ReadBytes, ReadsWholeFile) {
  TempDir dir;
  auto bytes = random_bytes(300001, 7);
  axis_test::write_raw(dir / "blob", bytes);
  EXPECT_EQ(files::read_bytes(dir / "blob"), bytes);
  axis_test::write_raw(dir / "text", std::string_view("line one\nline two"));
  EXPECT_EQ(files::read_text(dir / "text"), "line one\nline two");
  axis_test::write_raw(dir / "empty", std::string_view(""));
  EXPECT_TRUE(files::read_bytes(dir / "empty").empty());
}

TEST(ReadBytes, MissingFileErrorNamesThePath) {
  TempDir dir;
  fs::path path = dir / "missing.gltf";
  std::string msg = error_of([&] { files::read_bytes(path); });
  EXPECT_NE(msg.find(path.string()), std::string::npos) << msg;
  msg = error_of([&] { files::read_text(path); });
  EXPECT_NE(msg.find(path.string()), std::string::npos) << msg;
}

TEST(ReadBytes, DirectoryErrorNamesThePathAndSaysDirectory) {
  TempDir dir;
  fs::path sub = dir / "models.gltf";
  fs::create_directory(sub);
  std::string msg = error_of([&] { files::read_bytes(sub); });
  EXPECT_NE(msg.find(sub.string()), std::string::npos) << msg;
  EXPECT_NE(msg.find("directory"), std::string::npos) << msg;
}

TEST(ReadBytes, UnreadableFileErrorNamesThePath) {
  TempDir dir;
  fs::path path = dir / "secret.bin";
  axis_test::write_raw(path, std::string_view("x"));
  fs::permissions(path, fs::perms::none);
  if (::access(path.c_str(), R_OK) == 0) GTEST_SKIP() << "running with privileges that ignore file permissions";
  std::string msg = error_of([&] { files::read_bytes(path); });
  EXPECT_NE(msg.find(path.string()), std::string::npos) << msg;
}

TEST(ExtensionLower, LowerCaseWithoutDot) {
  EXPECT_EQ(files::extension_lower("a/b/Model.GLTF"), "gltf");
  EXPECT_EQ(files::extension_lower("scan.Ply"), "ply");
  EXPECT_EQ(files::extension_lower("archive.tar.GZ"), "gz");
  EXPECT_EQ(files::extension_lower("README"), "");
  EXPECT_EQ(files::extension_lower("dir.d/noext"), "");
}

}  // namespace
