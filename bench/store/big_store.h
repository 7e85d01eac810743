// The large store the recovery and size benchmarks share, built once per run through
// engine plus store (sync mode, batches of 256) and then closed:
//   1,000 requesters, 50,000 workers (half hold one of 10 qualification types),
//   10,000 HIT types, 250,000 HITs (512-byte questions) of 4 assignments,
//   1,000,000 assignments: 70% approved, 15% submitted, 5% rejected, 5% returned,
//   5% still accepted (answers of 80 bytes).
// About 1.4 million records (accounts, profiles, grants, HIT types, HITs, assignments).
#pragma once

#include <cstdint>
#include <string>

#include "bench/store/store_market.h"
#include "engine/store/host.h"

namespace hitd::bench {

struct BigStore {
  std::string dir;
  std::string data_file;  // dir/data.mdb
  StoreMarketSpec spec;
  uint64_t accounts = 0;  // requesters and workers (the bootstrap admin not included)
  uint64_t hit_types = 0;
  uint64_t hits = 0;
  WorkStats work;
  uint64_t mutations = 0;  // applied to build it
  double build_seconds = 0;
};

// Built on first use; closed (no Host open) when returned.
const BigStore& TheBigStore();

// The options the big store in `dir` is opened with (sync mode; the bench clock).
store::HostOptions BigStoreOptions(const std::string& dir);

}  // namespace hitd::bench
