// Secrets, their hex form and credentials files (client.h, "Credentials").
//
// A credentials file is written whole beside its final name and renamed over it, so a
// reader sees the old file or the new one, never a part; it is created with mode 0600
// (fchmod, whatever the umask) and synced before the rename, and its directory after.
#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <toml++/toml.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <limits>
#include <mutex>
#include <sstream>

#include "engine/check.h"
#include "net/client/client.h"
#include "net/client/sodium_init.h"

namespace hitd::client {
namespace {

std::string Errno(const std::string& what, int err) { return what + ": " + std::strerror(err); }

// Writes all of `data` to `fd`, retrying short writes and EINTR.
bool WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// Syncs the directory holding `path`, so that a rename into it is durable.
void SyncParent(const std::string& path) {
  std::filesystem::path dir = std::filesystem::path(path).parent_path();
  if (dir.empty()) dir = ".";
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;  // best effort: the file itself is synced
  (void)::fsync(fd);
  ::close(fd);
}

std::string Serialize(const Credentials& creds) {
  toml::table table;
  table.insert("account_id", static_cast<int64_t>(creds.account_id.value));
  if (!creds.account_name.empty()) table.insert("account_name", creds.account_name);
  table.insert("secret", ToHex(creds.secret));
  if (!creds.server.empty()) table.insert("server", creds.server);
  std::ostringstream out;
  out << "# hitd credentials: keep this file secret (mode 0600).\n" << table << "\n";
  return out.str();
}

bool ReadTable(const toml::table& table, Credentials* out, std::string* error) {
  const toml::node* id = table.get("account_id");
  const toml::node* name = table.get("account_name");
  if (id == nullptr && name == nullptr) {
    *error = "missing key: account_id or account_name";
    return false;
  }
  if (id != nullptr) {
    const auto v = id->value<int64_t>();
    if (!id->is_integer() || !v || *v < 0) {
      *error = "account_id: expected a non-negative integer";
      return false;
    }
    out->account_id = engine::AccountId(static_cast<uint64_t>(*v));
  }
  if (name != nullptr) {
    if (!name->is_string()) {
      *error = "account_name: expected a string";
      return false;
    }
    out->account_name = *name->value<std::string>();
  }
  const toml::node* secret = table.get("secret");
  if (secret == nullptr) {
    *error = "missing key: secret";
    return false;
  }
  if (!secret->is_string() || !FromHex(*secret->value<std::string>(), out->secret)) {
    *error = "secret: expected 64 hex digits";
    return false;
  }
  if (const toml::node* server = table.get("server"); server != nullptr) {
    if (!server->is_string()) {
      *error = "server: expected a string \"HOST:PORT\"";
      return false;
    }
    out->server = *server->value<std::string>();
  }
  return true;
}

}  // namespace

void EnsureSodium() {
  static std::once_flag once;
  std::call_once(once, [] { HITD_CHECK(sodium_init() >= 0); });
}

Secret NewSecret() {
  EnsureSodium();
  Secret secret;
  randombytes_buf(secret.data(), secret.size());
  return secret;
}

SecretHash HashSecret(const Secret& secret) {
  EnsureSodium();
  static_assert(crypto_hash_sha256_BYTES == std::tuple_size_v<SecretHash>);
  SecretHash hash;
  crypto_hash_sha256(hash.data(), secret.data(), secret.size());
  return hash;
}

net::ProofMac ComputeProof(const SecretHash& key, const net::Nonce& nonce) {
  EnsureSodium();
  static_assert(crypto_auth_hmacsha256_KEYBYTES == std::tuple_size_v<SecretHash>);
  static_assert(crypto_auth_hmacsha256_BYTES == net::kProofBytes);
  net::ProofMac mac;
  crypto_auth_hmacsha256(mac.data(), nonce.data(), nonce.size(), key.data());
  return mac;
}

std::string ToHex(std::span<const uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(bytes.size() * 2);
  for (const uint8_t b : bytes) {
    hex.push_back(kDigits[b >> 4]);
    hex.push_back(kDigits[b & 0xf]);
  }
  return hex;
}

bool FromHex(std::string_view hex, std::span<uint8_t> out) {
  if (hex.size() != out.size() * 2) return false;
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (size_t i = 0; i < out.size(); ++i) {
    const int hi = digit(hex[2 * i]);
    const int lo = digit(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return false;
    out[i] = static_cast<uint8_t>(hi << 4 | lo);
  }
  return true;
}

bool LoadCredentials(const std::string& path, Credentials* out, std::string* error) {
  std::string why;
  Credentials creds;
  bool ok = false;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    why = ec ? ec.message()
             : (std::filesystem::exists(path, ec) ? "not a regular file" : "no such file");
  } else {
    try {
      const toml::table table = toml::parse_file(path);
      ok = ReadTable(table, &creds, &why);
    } catch (const toml::parse_error& e) {
      std::ostringstream text;
      text << e.description() << " (line " << e.source().begin.line << ", column "
           << e.source().begin.column << ")";
      why = text.str();
    }
  }
  if (!ok) {
    if (error != nullptr) *error = "credentials file " + path + ": " + why;
    return false;
  }
  *out = std::move(creds);
  return true;
}

bool SaveCredentials(const std::string& path, const Credentials& creds, std::string* error) {
  auto fail = [&](const std::string& why) {
    if (error != nullptr) *error = "credentials file " + path + ": " + why;
    return false;
  };
  if (creds.account_id.value > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
    return fail("account_id too large for TOML");
  }
  static std::atomic<uint64_t> counter{0};
  const std::string tmp = path + ".tmp." + std::to_string(::getpid()) + "." +
                          std::to_string(counter.fetch_add(1, std::memory_order_relaxed));
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return fail(Errno("create " + tmp, errno));
  const std::string text = Serialize(creds);
  int err = 0;
  if (::fchmod(fd, 0600) != 0) err = errno;
  if (err == 0 && !WriteAll(fd, text)) err = errno != 0 ? errno : EIO;
  if (err == 0 && ::fsync(fd) != 0) err = errno;
  if (::close(fd) != 0 && err == 0) err = errno;
  if (err == 0 && ::rename(tmp.c_str(), path.c_str()) != 0) err = errno;
  if (err != 0) {
    ::unlink(tmp.c_str());
    return fail(Errno("write", err));
  }
  SyncParent(path);
  return true;
}

}  // namespace hitd::client
