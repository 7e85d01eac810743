#include "net/server/credentials.h"

#include <fcntl.h>
#include <sodium.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>

#include "engine/engine.h"

namespace hitd::server {

namespace {

std::string Hex(std::span<const uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (uint8_t b : bytes) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 15]);
  }
  return out;
}

// TOML basic string: quotes and backslashes escaped (names and addresses have neither,
// but a file that does not parse would lock the operator out).
std::string Quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

bool WriteAll(int fd, const std::string& text) {
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

int64_t WallMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

bool WriteCredentialsFile(const std::string& path, engine::AccountId account_id,
                          std::string_view account_name, std::span<const uint8_t> secret,
                          std::string_view server, std::string* error) {
  std::string text = "account_id = " + std::to_string(account_id.value) + "\n";
  text += "account_name = " + Quoted(account_name) + "\n";
  text += "secret = \"" + Hex(secret) + "\"\n";
  if (!server.empty()) text += "server = " + Quoted(server) + "\n";
  const std::string temp = path + ".tmp." + std::to_string(::getpid());
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    *error = "cannot create " + temp + ": " + std::strerror(errno);
    return false;
  }
  const bool written = ::fchmod(fd, 0600) == 0 && WriteAll(fd, text) && ::fsync(fd) == 0;
  const int saved = errno;
  ::close(fd);
  sodium_memzero(text.data(), text.size());
  if (!written || ::rename(temp.c_str(), path.c_str()) != 0) {
    *error = "cannot write " + path + ": " + std::strerror(written ? errno : saved);
    ::unlink(temp.c_str());
    return false;
  }
  const std::string dir = std::filesystem::path(path).parent_path().string();
  const int dfd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    (void)::fsync(dfd);  // the rename itself durable
    ::close(dfd);
  }
  return true;
}

bool BootstrapAdmin(store::Host& host, const std::string& path, std::string_view server,
                    std::string* error) {
  const engine::AccountId admin = engine::kBootstrapAdmin;
  std::string key;
  const int rc = host.store().ReadPayload(engine::PayloadKind::kSecretHash, admin.value, 0, &key);
  if (rc == 0) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
      spdlog::warn(
          "event=admin_credentials_missing path=\"{}\" note=\"the admin key exists; "
          "the file was moved or deleted\"",
          path);
    }
    return true;
  }
  if (rc != MDB_NOTFOUND) {
    *error = "cannot read the admin key: " + std::string(mdb_strerror(rc));
    return false;
  }
  uint8_t secret[32];
  uint8_t hash[crypto_hash_sha256_BYTES];
  randombytes_buf(secret, sizeof(secret));
  crypto_hash_sha256(hash, secret, sizeof(secret));
  const bool written = WriteCredentialsFile(path, admin, "admin", secret, server, error);
  sodium_memzero(secret, sizeof(secret));
  if (!written) return false;

  // The command must outlive the batch: the Output holds a view of the hash.
  const engine::Command command =
      engine::RotateSecret{admin, std::string(reinterpret_cast<const char*>(hash), sizeof(hash))};
  store::Batch* batch = host.Begin();
  if (batch == nullptr) {
    *error = "no batch free at start-up";
    return false;
  }
  const engine::Result r =
      host.Apply(*batch, engine::Context(admin, engine::TimeMs(WallMs())), command);
  host.Submit(batch);
  const uint64_t seq = batch->seq;
  store::Batch* done = nullptr;
  if (host.writer().WaitDone(seq, 60'000)) done = host.NextDone();
  const bool durable = done != nullptr && done->status == store::BatchStatus::kDurable;
  if (done != nullptr) host.Recycle(done);
  if (!r.ok() || !durable) {
    *error = r.ok() ? "the store did not commit the admin key"
                    : "the engine refused the admin key: " +
                          std::string(engine::ErrorCodeName(r.error().code));
    return false;
  }
  spdlog::info("event=admin_credentials_created path=\"{}\"", path);
  return true;
}

}  // namespace hitd::server
