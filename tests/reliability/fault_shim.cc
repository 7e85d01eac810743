// An LD_PRELOAD shim for the reliability tests: it watches the writes and syncs a process
// makes to an LMDB data file (any file named data.mdb) and can
//   - record each write's pre-image in an undo journal, so that the parent can undo every
//     write no fsync covered (power loss; see undo_journal.h),
//   - fail the N-th write, or the N-th fsync/fdatasync, with a chosen errno, once, and
//   - kill the process (SIGKILL) right after the N-th write: a power cut at that point.
//
// What LMDB 0.9.24 (Debian liblmdb0) calls on Linux, from its dynamic symbols and strace:
// open() for data.mdb (twice in sync mode: the second fd is O_WRONLY|O_DSYNC, for the meta
// page); data pages go out with pwrite() (one run of pages) or lseek()+writev() (several
// runs), the meta page with pwrite() (through the O_DSYNC fd, or the plain fd when
// MDB_NOSYNC or MDB_NOMETASYNC is set); commits and mdb_env_sync use fdatasync() (fsync()
// on file systems where fdatasync is unsafe). The shim interposes those, plus the other
// members of each family (open64, openat, write, pwrite64, pwritev), and close() so that
// a reused descriptor is not mistaken for data.mdb. It is never linked into anything: it
// is loaded only into the crash test's child.
//
// Environment:
//   HITD_UNDO_JOURNAL=path       record pre-images there (writes through an O_SYNC or
//                                O_DSYNC fd are durable when they return: not recorded)
//   HITD_FAULT_WRITE_N=n         fail the n-th write to data.mdb through a plain fd
//                                (1-based; in sync mode, LMDB's data pages)
//   HITD_FAULT_META_N=n          fail the n-th write through an O_DSYNC fd (the meta page)
//   HITD_FAULT_SYNC_N=n          fail the n-th fsync/fdatasync of data.mdb
//   HITD_FAULT_ERRNO=e           EIO (default), ENOSPC, or a number
//   HITD_CRASH_AFTER_WRITE_N=n   SIGKILL the process once the n-th write of either kind
//                                has gone through
// A failed write writes nothing; a failed sync syncs nothing. The child reads the counts
// through hitd_faultshim_*(), found with dlsym(RTLD_DEFAULT, ...).
#include <dlfcn.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdarg>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "tests/reliability/undo_journal.h"

namespace {

using OpenAtFn = int (*)(int, const char*, int, ...);
using CloseFn = int (*)(int);
using WriteFn = ssize_t (*)(int, const void*, size_t);
using PwriteFn = ssize_t (*)(int, const void*, size_t, off_t);
using WritevFn = ssize_t (*)(int, const struct iovec*, int);
using PwritevFn = ssize_t (*)(int, const struct iovec*, int, off_t);
using SyncFn = int (*)(int);

constexpr int kMaxFd = 1 << 16;
std::atomic<bool> g_data_fd[kMaxFd];  // fd refers to a data.mdb

std::atomic<uint64_t> g_writes{0};       // through a plain fd (data pages)
std::atomic<uint64_t> g_meta_writes{0};  // through an O_SYNC/O_DSYNC fd (the meta page)
std::atomic<uint64_t> g_syncs{0};
std::atomic<uint64_t> g_done_writes{0};  // writes of either kind that went through
std::atomic<uint64_t> g_fired{0};
uint64_t g_fail_write_n = 0;
uint64_t g_fail_meta_n = 0;
uint64_t g_fail_sync_n = 0;
uint64_t g_crash_after_n = 0;
int g_fail_errno = EIO;
const char* g_journal_path = nullptr;
int g_journal_fd = -1;
pthread_mutex_t g_journal_mutex = PTHREAD_MUTEX_INITIALIZER;

// The next definition of `name` after this library: the real libc function.
void* Next(const char* name) { return dlsym(RTLD_NEXT, name); }

// Filled in by Init() (the library's constructor). A hook that runs before then, or while
// dlsym itself is busy, finds a null pointer and makes the raw system call instead, so
// resolving never recurses into itself.
struct RealFns {
  OpenAtFn openat = nullptr;
  CloseFn close = nullptr;
  WriteFn write = nullptr;
  PwriteFn pwrite = nullptr;
  WritevFn writev = nullptr;
  PwritevFn pwritev = nullptr;
  SyncFn fsync = nullptr;
  SyncFn fdatasync = nullptr;
};
RealFns g_real;
const RealFns& R() { return g_real; }

template <typename Fn>
void Resolve(Fn* fn, const char* name) {
  static_assert(sizeof(Fn) == sizeof(void*));
  void* f = Next(name);
  std::memcpy(fn, &f, sizeof f);
}

bool IsDataFile(const char* path) {
  if (path == nullptr) return false;
  const char* slash = std::strrchr(path, '/');
  return std::strcmp(slash == nullptr ? path : slash + 1, "data.mdb") == 0;
}

bool IsData(int fd) { return fd >= 0 && fd < kMaxFd && g_data_fd[fd].load(); }

void Track(int fd, const char* path) {
  if (fd >= 0 && fd < kMaxFd) g_data_fd[fd].store(IsDataFile(path));
}

// True (with errno set) when this call is the one to fail.
bool Fail(std::atomic<uint64_t>& counter, uint64_t fail_n) {
  const uint64_t n = counter.fetch_add(1) + 1;
  if (n != fail_n) return false;
  g_fired.fetch_add(1);
  errno = g_fail_errno;
  return true;
}

void WriteAll(int fd, const char* p, size_t n) {
  while (n > 0) {
    const ssize_t w = R().write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) std::abort();  // a journal we cannot write would make the test lie
    p += w;
    n -= static_cast<size_t>(w);
  }
}

// Appends the pre-image of [offset, offset + length) of `fd` to the journal, if one was
// asked for.
void Journal(int fd, uint64_t offset, size_t length) {
  if (g_journal_path == nullptr || length == 0) return;
  char* old = static_cast<char*>(std::calloc(length, 1));
  if (old == nullptr) std::abort();
  for (size_t got = 0; got < length;) {  // past the end of the file stays zero
    const ssize_t r = pread(fd, old + got, length - got, static_cast<off_t>(offset + got));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    got += static_cast<size_t>(r);
  }
  hitd::reliability::UndoHeader h;
  h.offset = offset;
  h.length = length;
  const int saved = errno;
  pthread_mutex_lock(&g_journal_mutex);
  if (g_journal_fd < 0) {
    g_journal_fd =
        R().openat(AT_FDCWD, g_journal_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (g_journal_fd < 0) std::abort();
  }
  WriteAll(g_journal_fd, reinterpret_cast<const char*>(&h), sizeof h);
  WriteAll(g_journal_fd, old, length);
  pthread_mutex_unlock(&g_journal_mutex);
  std::free(old);
  errno = saved;
}

void SyncedJournal() {
  if (g_journal_path == nullptr) return;
  pthread_mutex_lock(&g_journal_mutex);
  if (g_journal_fd >= 0 && ftruncate(g_journal_fd, 0) != 0) std::abort();
  pthread_mutex_unlock(&g_journal_mutex);
}

uint64_t FileOffset(int fd) {
  const int flags = fcntl(fd, F_GETFL);
  if (flags >= 0 && (flags & O_APPEND) != 0) {
    struct stat st;
    return fstat(fd, &st) == 0 ? static_cast<uint64_t>(st.st_size) : 0;
  }
  const off_t at = lseek(fd, 0, SEEK_CUR);
  return at < 0 ? 0 : static_cast<uint64_t>(at);
}

size_t IovLength(const struct iovec* iov, int n) {
  size_t total = 0;
  for (int i = 0; i < n; ++i) total += iov[i].iov_len;
  return total;
}

// A write through an O_SYNC or O_DSYNC fd is durable when it returns (O_SYNC includes
// the O_DSYNC bit).
bool WritesThrough(int fd) {
  const int flags = fcntl(fd, F_GETFL);
  return flags >= 0 && (flags & O_DSYNC) != 0;
}

// Before a write to data.mdb at `offset` (computed only when needed): counts it, fails it
// (false, errno set) if it is the one to fail, and records its pre-image.
template <typename OffsetFn>
bool BeforeWrite(int fd, size_t length, OffsetFn offset) {
  if (WritesThrough(fd)) return !Fail(g_meta_writes, g_fail_meta_n);
  if (Fail(g_writes, g_fail_write_n)) return false;
  Journal(fd, offset(), length);
  return true;
}

// After a write to data.mdb went through: the power-cut point, if this is the one.
template <typename Rc>
Rc AfterWrite(Rc rc) {
  if (rc >= 0 && g_done_writes.fetch_add(1) + 1 == g_crash_after_n) {
    g_fired.fetch_add(1);
    kill(getpid(), SIGKILL);
  }
  return rc;
}

int Sync(int fd, SyncFn real, long sysno) {
  if (!IsData(fd)) return real != nullptr ? real(fd) : static_cast<int>(syscall(sysno, fd));
  if (Fail(g_syncs, g_fail_sync_n)) return -1;
  const int rc = real != nullptr ? real(fd) : static_cast<int>(syscall(sysno, fd));
  if (rc == 0) SyncedJournal();
  return rc;
}

uint64_t EnvNumber(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? 0 : std::strtoull(v, nullptr, 10);
}

// The real functions first: the hooks that depend on the settings below use them.
__attribute__((constructor)) void Init() {
  RealFns fns;
  Resolve(&fns.openat, "openat");
  Resolve(&fns.close, "close");
  Resolve(&fns.write, "write");
  Resolve(&fns.pwrite, "pwrite");
  Resolve(&fns.writev, "writev");
  Resolve(&fns.pwritev, "pwritev");
  Resolve(&fns.fsync, "fsync");
  Resolve(&fns.fdatasync, "fdatasync");
  g_real = fns;
  if (g_real.openat == nullptr || g_real.write == nullptr) std::abort();
  g_fail_write_n = EnvNumber("HITD_FAULT_WRITE_N");
  g_fail_meta_n = EnvNumber("HITD_FAULT_META_N");
  g_crash_after_n = EnvNumber("HITD_CRASH_AFTER_WRITE_N");
  g_fail_sync_n = EnvNumber("HITD_FAULT_SYNC_N");
  if (const char* e = std::getenv("HITD_FAULT_ERRNO"); e != nullptr) {
    g_fail_errno = std::strcmp(e, "ENOSPC") == 0 ? ENOSPC
                   : std::strcmp(e, "EIO") == 0  ? EIO
                                                 : std::atoi(e);
  }
  g_journal_path = std::getenv(hitd::reliability::kUndoJournalEnv);
}

int OpenAt(int dirfd, const char* path, int flags, mode_t mode) {
  const int fd = R().openat != nullptr
                     ? R().openat(dirfd, path, flags, mode)
                     : static_cast<int>(syscall(SYS_openat, dirfd, path, flags, mode));
  Track(fd, path);
  return fd;
}

mode_t ModeArg(int flags, va_list ap) {
  const bool creates = (flags & O_CREAT) != 0 || (flags & O_TMPFILE) == O_TMPFILE;
  return creates ? static_cast<mode_t>(va_arg(ap, int)) : 0;
}

}  // namespace

extern "C" {

uint64_t hitd_faultshim_writes() { return g_writes.load(); }
uint64_t hitd_faultshim_meta_writes() { return g_meta_writes.load(); }
uint64_t hitd_faultshim_syncs() { return g_syncs.load(); }
uint64_t hitd_faultshim_fired() { return g_fired.load(); }

int open(const char* path, int flags, ...) {
  va_list ap;
  va_start(ap, flags);
  const mode_t mode = ModeArg(flags, ap);
  va_end(ap);
  return OpenAt(AT_FDCWD, path, flags, mode);
}

int open64(const char* path, int flags, ...) {
  va_list ap;
  va_start(ap, flags);
  const mode_t mode = ModeArg(flags, ap);
  va_end(ap);
  return OpenAt(AT_FDCWD, path, flags, mode);
}

int openat(int dirfd, const char* path, int flags, ...) {
  va_list ap;
  va_start(ap, flags);
  const mode_t mode = ModeArg(flags, ap);
  va_end(ap);
  return OpenAt(dirfd, path, flags, mode);
}

int openat64(int dirfd, const char* path, int flags, ...) {
  va_list ap;
  va_start(ap, flags);
  const mode_t mode = ModeArg(flags, ap);
  va_end(ap);
  return OpenAt(dirfd, path, flags, mode);
}

int close(int fd) {
  if (fd >= 0 && fd < kMaxFd) g_data_fd[fd].store(false);
  return R().close != nullptr ? R().close(fd) : static_cast<int>(syscall(SYS_close, fd));
}

ssize_t write(int fd, const void* buf, size_t n) {
  if (!IsData(fd))
    return R().write != nullptr ? R().write(fd, buf, n) : syscall(SYS_write, fd, buf, n);
  if (!BeforeWrite(fd, n, [fd] { return FileOffset(fd); })) return -1;
  return AfterWrite(R().write(fd, buf, n));
}

ssize_t pwrite(int fd, const void* buf, size_t n, off_t offset) {
  if (!IsData(fd)) {
    return R().pwrite != nullptr ? R().pwrite(fd, buf, n, offset)
                                 : syscall(SYS_pwrite64, fd, buf, n, offset);
  }
  if (!BeforeWrite(fd, n, [offset] { return static_cast<uint64_t>(offset); })) return -1;
  return AfterWrite(R().pwrite(fd, buf, n, offset));
}

ssize_t pwrite64(int fd, const void* buf, size_t n, off_t offset) {
  return pwrite(fd, buf, n, offset);
}

ssize_t writev(int fd, const struct iovec* iov, int count) {
  if (!IsData(fd)) {
    return R().writev != nullptr ? R().writev(fd, iov, count) : syscall(SYS_writev, fd, iov, count);
  }
  if (!BeforeWrite(fd, IovLength(iov, count), [fd] { return FileOffset(fd); })) return -1;
  return AfterWrite(R().writev(fd, iov, count));
}

ssize_t pwritev(int fd, const struct iovec* iov, int count, off_t offset) {
  if (!IsData(fd)) {
    return R().pwritev != nullptr ? R().pwritev(fd, iov, count, offset)
                                  : syscall(SYS_pwritev, fd, iov, count, offset, 0);
  }
  if (!BeforeWrite(fd, IovLength(iov, count), [offset] { return static_cast<uint64_t>(offset); })) {
    return -1;
  }
  return AfterWrite(R().pwritev(fd, iov, count, offset));
}

ssize_t pwritev64(int fd, const struct iovec* iov, int count, off_t offset) {
  return pwritev(fd, iov, count, offset);
}

int fsync(int fd) { return Sync(fd, R().fsync, SYS_fsync); }

int fdatasync(int fd) { return Sync(fd, R().fdatasync, SYS_fdatasync); }

}  // extern "C"
