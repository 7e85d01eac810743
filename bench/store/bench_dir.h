// Where the store benchmarks keep their data, and the page-cache tools the cold-start
// benchmark needs.
//
// Data lives on the real disk, never tmpfs: fsync on tmpfs is free and a cold start from
// it is impossible. The root is $HITD_BENCH_DIR, or `store-bench-data` next to the
// store_bench executable (build/release/bench/ in the release preset). Each benchmark
// removes and recreates its own sub-directory; everything under the root is removed when
// the program exits unless $HITD_BENCH_KEEP is set.
#pragma once

#include <cstdint>
#include <string>

namespace hitd::bench {

// A fresh (emptied) directory `name` under the benchmark root.
std::string FreshDataDir(const std::string& name);

// The file system holding `path` ("ext4", "tmpfs", ...; hex magic if unknown). Also
// warns once on stderr if it is tmpfs.
std::string FileSystemOf(const std::string& path);

// Drops the clean pages of `file` from the page cache (posix_fadvise DONTNEED). Dirty
// pages stay: call it after the store is closed and synced. False if the call failed.
bool EvictFromPageCache(const std::string& file);

// The fraction of `file`'s pages in the page cache (mincore), 0 to 1; -1 on error.
double ResidentFraction(const std::string& file);

// Bytes of `file` on disk (its size), 0 if missing.
uint64_t FileBytes(const std::string& file);

// This process's I/O so far (/proc/self/io): bytes handed to write calls, write calls,
// and bytes the kernel sent to the device for it.
struct ProcIo {
  uint64_t wchar = 0;
  uint64_t syscw = 0;
  uint64_t write_bytes = 0;
};
ProcIo ReadProcIo();

}  // namespace hitd::bench
