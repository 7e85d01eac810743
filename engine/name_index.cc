#include "engine/name_index.h"

#include "engine/check.h"

namespace hitd::engine {

uint32_t NameIndex::Hash(std::string_view name) {
  uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a
  for (unsigned char c : name) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return static_cast<uint32_t>(h ^ (h >> 32));
}

std::optional<uint32_t> NameIndex::Find(const std::vector<std::string>& names,
                                        std::string_view name) const {
  const uint32_t hash = Hash(name);
  const size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.position_plus_1 == 0) return std::nullopt;
    if (s.hash == hash && names[s.position_plus_1 - 1] == name) return s.position_plus_1 - 1;
  }
}

void NameIndex::Place(Slot slot) {
  const size_t mask = slots_.size() - 1;
  for (size_t i = slot.hash & mask;; i = (i + 1) & mask) {
    if (slots_[i].position_plus_1 == 0) {
      slots_[i] = slot;
      return;
    }
  }
}

void NameIndex::Insert(const std::vector<std::string>& names, uint32_t position) {
  HITD_CHECK(position < names.size());
  HITD_CHECK(!contains(names, names[position]));
  if ((size_ + 1) * 8 > slots_.size() * 7) {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    for (const Slot& s : old) {
      if (s.position_plus_1 != 0) Place(s);
    }
  }
  Place(Slot{position + 1, Hash(names[position])});
  ++size_;
}

}  // namespace hitd::engine
