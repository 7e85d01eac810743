// The index from account name to account, kept small: one 8-byte slot per entry in an
// open-addressing table that stores the position in State::names and a 32-bit hash of
// the name, and compares the name itself only on a hash match. (A std::unordered_map
// of strings cost about 70 bytes per account; this costs about 12.) Engine thread only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hitd::engine {

class NameIndex {
 public:
  NameIndex() : slots_(16) {}

  // The position of `name` in `names`, if indexed.
  std::optional<uint32_t> Find(const std::vector<std::string>& names, std::string_view name) const;
  bool contains(const std::vector<std::string>& names, std::string_view name) const {
    return Find(names, name).has_value();
  }
  // Indexes names[position], which must not be indexed yet.
  void Insert(const std::vector<std::string>& names, uint32_t position);
  size_t size() const { return size_; }
  size_t bytes() const { return slots_.capacity() * sizeof(Slot); }

 private:
  struct Slot {
    uint32_t position_plus_1 = 0;  // 0: empty
    uint32_t hash = 0;
  };
  static uint32_t Hash(std::string_view name);
  void Place(Slot slot);

  std::vector<Slot> slots_;
  size_t size_ = 0;
};

}  // namespace hitd::engine
