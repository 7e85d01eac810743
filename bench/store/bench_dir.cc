#include "bench/store/bench_dir.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <system_error>
#include <vector>

namespace hitd::bench {

namespace fs = std::filesystem;

namespace {

fs::path Root() {
  static const fs::path root = [] {
    if (const char* env = std::getenv("HITD_BENCH_DIR"); env != nullptr && *env != '\0') {
      return fs::path(env);
    }
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::current_path() / "store-bench-data" : exe.parent_path() / "store-bench-data";
  }();
  return root;
}

// Removes the root at exit, so that a run leaves no gigabytes behind.
struct Cleanup {
  ~Cleanup() {
    if (std::getenv("HITD_BENCH_KEEP") != nullptr) return;
    std::error_code ec;
    fs::remove_all(Root(), ec);
  }
};

}  // namespace

std::string FreshDataDir(const std::string& name) {
  static Cleanup cleanup;
  const fs::path dir = Root() / name;
  std::error_code ec;
  fs::remove_all(dir, ec);
  fs::create_directories(dir, ec);
  if (ec) {
    std::fprintf(stderr, "cannot create %s: %s\n", dir.c_str(), ec.message().c_str());
    std::abort();
  }
  FileSystemOf(dir.string());
  return dir.string();
}

std::string FileSystemOf(const std::string& path) {
  struct statfs st;
  if (statfs(path.c_str(), &st) != 0) return "unknown";
  const auto magic = static_cast<uint64_t>(st.f_type);
  std::string name;
  switch (magic) {
    case 0xEF53:
      name = "ext4";
      break;
    case 0x58465342:
      name = "xfs";
      break;
    case 0x9123683E:
      name = "btrfs";
      break;
    case 0x01021994:
      name = "tmpfs";
      break;
    case 0x794C7630:
      name = "overlayfs";
      break;
    default: {
      char hex[32];
      std::snprintf(hex, sizeof(hex), "0x%llx", static_cast<unsigned long long>(magic));
      name = hex;
    }
  }
  static bool warned = false;
  if (name == "tmpfs" && !warned) {
    warned = true;
    std::fprintf(stderr, "warning: %s is on tmpfs: fsync and cold starts mean nothing there\n",
                 path.c_str());
  }
  return name;
}

bool EvictFromPageCache(const std::string& file) {
  const int fd = ::open(file.c_str(), O_RDONLY);
  if (fd < 0) return false;
  const int rc = ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
  ::close(fd);
  return rc == 0;
}

double ResidentFraction(const std::string& file) {
  const int fd = ::open(file.c_str(), O_RDONLY);
  if (fd < 0) return -1;
  struct stat st;
  if (::fstat(fd, &st) != 0 || st.st_size == 0) {
    ::close(fd);
    return -1;
  }
  const auto size = static_cast<size_t>(st.st_size);
  void* map = ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
  ::close(fd);
  if (map == MAP_FAILED) return -1;
  const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  std::vector<unsigned char> resident((size + page - 1) / page);
  double fraction = -1;
  if (::mincore(map, size, resident.data()) == 0) {
    size_t in = 0;
    for (unsigned char r : resident) in += r & 1;
    fraction = static_cast<double>(in) / static_cast<double>(resident.size());
  }
  ::munmap(map, size);
  return fraction;
}

uint64_t FileBytes(const std::string& file) {
  std::error_code ec;
  const uintmax_t n = fs::file_size(file, ec);
  return ec ? 0 : static_cast<uint64_t>(n);
}

ProcIo ReadProcIo() {
  ProcIo io;
  std::FILE* f = std::fopen("/proc/self/io", "r");
  if (f == nullptr) return io;
  char name[64];
  unsigned long long value = 0;
  while (std::fscanf(f, "%63[^:]: %llu\n", name, &value) == 2) {
    const std::string key(name);
    if (key == "wchar") io.wchar = value;
    if (key == "syscw") io.syscw = value;
    if (key == "write_bytes") io.write_bytes = value;
  }
  std::fclose(f);
  return io;
}

}  // namespace hitd::bench
