#include "tests/reliability/undo_journal.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <iterator>

namespace hitd::reliability {

bool ReadUndoJournal(const std::string& path, std::vector<UndoEntry>* entries, std::string* error) {
  entries->clear();
  std::ifstream in(path, std::ios::binary);
  if (!in) return true;  // never created: nothing was written since the last sync
  const std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  size_t at = 0;
  while (all.size() - at >= sizeof(UndoHeader)) {
    UndoHeader h;
    std::memcpy(&h, all.data() + at, sizeof h);
    if (h.magic != kUndoMagic) {
      *error = "undo journal " + path + ": bad magic at byte " + std::to_string(at);
      return false;
    }
    at += sizeof h;
    if (all.size() - at < h.length) break;  // torn by the kill: its write never happened
    entries->push_back(UndoEntry{h.offset, all.substr(at, h.length)});
    at += h.length;
  }
  return true;
}

bool UndoWrites(const std::string& data_file, const std::vector<UndoEntry>& entries,
                const std::vector<bool>& undo, std::string* error) {
  const int fd = ::open(data_file.c_str(), O_WRONLY);
  if (fd < 0) {
    *error = "open " + data_file + ": " + std::strerror(errno);
    return false;
  }
  bool ok = true;
  for (size_t i = entries.size(); ok && i-- > 0;) {
    if (!undo[i]) continue;
    const UndoEntry& e = entries[i];
    const ssize_t n =
        ::pwrite(fd, e.old_bytes.data(), e.old_bytes.size(), static_cast<off_t>(e.offset));
    if (n != static_cast<ssize_t>(e.old_bytes.size())) {
      *error = "pwrite " + data_file + ": " + std::strerror(errno);
      ok = false;
    }
  }
  if (::close(fd) != 0 && ok) {
    *error = "close " + data_file + ": " + std::strerror(errno);
    ok = false;
  }
  return ok;
}

}  // namespace hitd::reliability
