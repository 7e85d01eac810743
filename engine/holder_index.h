// Which workers hold a grant of each qualification type: per type, a sorted vector of
// worker ids. Four bytes per grant (a std::set node cost 48), and pages of
// ListWorkersWithQualificationType are a binary search and a slice. Grants are mostly
// given to recent workers, so inserts are mostly appends. Engine thread only.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "engine/check.h"

namespace hitd::engine {

class HolderIndex {
 public:
  void Insert(uint64_t type, uint64_t worker) {
    std::vector<uint32_t>& v = Slot(type);
    auto it = std::lower_bound(v.begin(), v.end(), Narrow(worker));
    HITD_CHECK(it == v.end() || *it != worker);
    v.insert(it, Narrow(worker));
    ++size_;
  }
  bool Erase(uint64_t type, uint64_t worker) {
    if (type == 0 || type > by_type_.size()) return false;
    std::vector<uint32_t>& v = by_type_[type - 1];
    auto it = std::lower_bound(v.begin(), v.end(), Narrow(worker));
    if (it == v.end() || *it != worker) return false;
    v.erase(it);
    --size_;
    return true;
  }
  bool Contains(uint64_t type, uint64_t worker) const {
    const std::vector<uint32_t>& v = Of(type);
    return std::binary_search(v.begin(), v.end(), Narrow(worker));
  }
  // The holders of `type`, ascending.
  const std::vector<uint32_t>& Of(uint64_t type) const {
    static const std::vector<uint32_t> kNone;
    return type == 0 || type > by_type_.size() ? kNone : by_type_[type - 1];
  }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  void Clear() {
    by_type_.clear();
    size_ = 0;
  }

 private:
  static uint32_t Narrow(uint64_t id) {
    HITD_CHECK(id <= UINT32_MAX);
    return static_cast<uint32_t>(id);
  }
  std::vector<uint32_t>& Slot(uint64_t type) {
    HITD_CHECK(type != 0);
    if (type > by_type_.size()) by_type_.resize(type);
    return by_type_[type - 1];
  }

  std::vector<std::vector<uint32_t>> by_type_;
  size_t size_ = 0;
};

}  // namespace hitd::engine
