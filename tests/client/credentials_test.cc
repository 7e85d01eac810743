// Secrets, hex, the proof, and credentials files: round trip, mode 0600, clear refusals.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <string>

#include "net/client/client.h"

namespace hitd::client {
namespace {

namespace fs = std::filesystem;

class CredentialsFile : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "hitd_client_test.XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path) << text;
    return path;
  }
  std::string Refusal(const std::string& text) {
    Credentials creds;
    std::string error;
    EXPECT_FALSE(LoadCredentials(Write("bad", text), &creds, &error));
    return error;
  }

  fs::path dir_;
};

Credentials Sample() {
  Credentials c;
  c.account_name = "admin \"root\"";
  c.account_id = engine::AccountId(42);
  c.secret = NewSecret();
  c.server = "127.0.0.1:7400";
  return c;
}

TEST_F(CredentialsFile, SaveThenLoadRoundTripsWithMode0600) {
  const Credentials saved = Sample();
  const std::string path = (dir_ / "creds").string();
  std::string error;
  ASSERT_TRUE(SaveCredentials(path, saved, &error)) << error;
  struct stat st;
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  Credentials loaded;
  ASSERT_TRUE(LoadCredentials(path, &loaded, &error)) << error;
  EXPECT_EQ(loaded.account_name, saved.account_name);
  EXPECT_EQ(loaded.account_id, saved.account_id);
  EXPECT_EQ(loaded.secret, saved.secret);
  EXPECT_EQ(loaded.server, saved.server);
}

TEST_F(CredentialsFile, SaveReplacesAFileWholeAndLeavesNoTemporary) {
  const std::string path = Write("creds", "old");
  ASSERT_EQ(::chmod(path.c_str(), 0644), 0);
  Credentials c = Sample();
  c.account_name.clear();
  c.server.clear();
  std::string error;
  ASSERT_TRUE(SaveCredentials(path, c, &error)) << error;
  struct stat st;
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  Credentials loaded;
  ASSERT_TRUE(LoadCredentials(path, &loaded, &error)) << error;
  EXPECT_EQ(loaded.account_id, c.account_id);
  EXPECT_TRUE(loaded.account_name.empty());
  EXPECT_TRUE(loaded.server.empty());
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1);
}

TEST_F(CredentialsFile, SaveIntoAMissingDirectoryFailsWithTheReason) {
  std::string error;
  EXPECT_FALSE(SaveCredentials((dir_ / "no" / "creds").string(), Sample(), &error));
  EXPECT_NE(error.find("No such file"), std::string::npos) << error;
}

TEST_F(CredentialsFile, LoadRefusesAMissingFile) {
  Credentials c;
  std::string error;
  EXPECT_FALSE(LoadCredentials((dir_ / "absent").string(), &c, &error));
  EXPECT_NE(error.find("No such file"), std::string::npos) << error;
  EXPECT_NE(error.find("absent"), std::string::npos) << error;
}

TEST_F(CredentialsFile, LoadNamesWhatIsWrong) {
  const std::string hex(64, 'a');
  EXPECT_NE(Refusal("account_id = 1\nsecret = \"" + hex.substr(2) + "zz\"\n").find("secret"),
            std::string::npos);
  EXPECT_NE(Refusal("account_id = 1\nsecret = \"abcd\"\n").find("64 hex digits"),
            std::string::npos);
  EXPECT_NE(Refusal("account_id = 1\n").find("missing key: secret"), std::string::npos);
  EXPECT_NE(Refusal("secret = \"" + hex + "\"\n").find("missing key: account_id"),
            std::string::npos);
  EXPECT_NE(Refusal("account_id = -3\nsecret = \"" + hex + "\"\n").find("account_id"),
            std::string::npos);
  EXPECT_NE(Refusal("account_id = \"x\"\nsecret = \"" + hex + "\"\n").find("account_id"),
            std::string::npos);
  EXPECT_NE(Refusal("this is not toml").find("line 1"), std::string::npos);
  EXPECT_NE(Refusal("account_id = 1\nsecret = \"" + hex + "\"\nserver = 7400\n").find("server"),
            std::string::npos);
}

TEST(Credentials, HexRoundTripsAndRefusesBadDigitsOrLength) {
  std::array<uint8_t, 4> bytes = {0x00, 0x7f, 0xa5, 0xff};
  EXPECT_EQ(ToHex(bytes), "007fa5ff");
  std::array<uint8_t, 4> back{};
  EXPECT_TRUE(FromHex("007FA5ff", back));
  EXPECT_EQ(back, bytes);
  EXPECT_FALSE(FromHex("007fa5f", back));
  EXPECT_FALSE(FromHex("007fa5ff00", back));
  EXPECT_FALSE(FromHex("007fa5fg", back));
}

TEST(Credentials, HashSecretIsSha256) {
  EXPECT_EQ(ToHex(HashSecret(Secret{})),
            "66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925");
}

TEST(Credentials, ProofIsHmacSha256OfTheNonceUnderTheHash) {
  SecretHash key;
  std::iota(key.begin(), key.end(), uint8_t{0});
  net::Nonce nonce;
  std::iota(nonce.begin(), nonce.end(), uint8_t{32});
  // Python: hmac.new(bytes(range(32)), bytes(range(32, 64)), hashlib.sha256).hexdigest()
  EXPECT_EQ(ToHex(ComputeProof(key, nonce)),
            "62215de7bddcea7e2c4047ff6bb94f8d18262fc8b3f3648134bb7d44158ff84d");
}

TEST(Credentials, NewSecretsDiffer) { EXPECT_NE(NewSecret(), NewSecret()); }

}  // namespace
}  // namespace hitd::client
