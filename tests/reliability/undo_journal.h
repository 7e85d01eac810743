// The power-loss test's undo journal: what the fault shim (fault_shim.cc) records before
// each write to data.mdb that is not yet durable, and how the parent "loses power".
//
// Grammar (all integers little-endian, as this machine writes them):
//   journal := entry*
//   entry   := magic:u32 ('UNDO') reserved:u32 offset:u64 length:u64 old_bytes[length]
// Each entry is the pre-image of one write: the bytes of data.mdb at [offset,
// offset + length) just before the write (zeros past the old end of the file). The shim
// appends an entry, whole, before it lets the write through, and truncates the journal
// when an fsync or fdatasync of data.mdb succeeds: everything written before it is
// durable. A SIGKILL can leave a torn last entry; its write never happened, so it is
// ignored.
//
// Losing power: the unsynced writes are undone by writing pre-images back, newest first
// (so that where two writes overlap, the older pre-image wins). Undoing a random subset
// models a kernel that wrote back some dirty pages and not others.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace hitd::reliability {

inline constexpr uint32_t kUndoMagic = 0x4f444e55;  // "UNDO"
inline constexpr const char* kUndoJournalEnv = "HITD_UNDO_JOURNAL";

struct UndoHeader {
  uint32_t magic = kUndoMagic;
  uint32_t reserved = 0;
  uint64_t offset = 0;
  uint64_t length = 0;
};
static_assert(sizeof(UndoHeader) == 24);

struct UndoEntry {
  uint64_t offset = 0;
  std::string old_bytes;
};

// Parent side. Reads every whole entry of the journal (a missing file has none).
bool ReadUndoJournal(const std::string& path, std::vector<UndoEntry>* entries, std::string* error);
// Writes back the pre-images of entries[i] for every i with undo[i], newest first.
bool UndoWrites(const std::string& data_file, const std::vector<UndoEntry>& entries,
                const std::vector<bool>& undo, std::string* error);

}  // namespace hitd::reliability
