// A fake of the engine's store, in memory, for the loader's tests and the simulator.
//
// It keeps what each Output carries as the LMDB store does (engine/store/store.h): the
// last snapshot of each record wins, keyed by id (grants by (worker, type), blocks by
// (requester, worker), tokens by (account, token)), forgotten tokens are deleted, and
// the latest EngineMeta is kept. Load
// hands all of it to an EngineLoader in a scrambled order (by key, but tables in reverse
// and each table's records from the back), so that a loader that relied on the store's
// order would be caught. Payloads and events are not kept: the engine never loads them.
// Header-only so that tests/engine and tests/sim can both use it; no GoogleTest here.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "engine/engine.h"
#include "engine/load.h"
#include "engine/output.h"

namespace hitd::engine::test {

class MemStore {
 public:
  void Write(const Output& out) {
    for (const Account& r : out.accounts) accounts_[r.id.value] = r;
    for (const AccountProfile& r : out.profiles) profiles_[r.id.value] = r;
    for (const QualType& r : out.qual_types) qual_types_[r.id.value] = r;
    for (const QualGrant& r : out.grants) grants_[{r.worker.value, r.type.value}] = r;
    for (const QualRequest& r : out.qual_requests) qual_requests_[r.id.value] = r;
    for (const HitType& r : out.hit_types) hit_types_[r.id.value] = r;
    for (const Hit& r : out.hits) hits_[r.id.value] = r;
    for (const Assignment& r : out.assignments) assignments_[r.id.value] = r;
    for (const Bonus& r : out.bonuses) bonuses_[r.id.value] = r;
    for (const WorkerBlock& r : out.blocks) blocks_[{r.requester.value, r.worker.value}] = r;
    // A token may be forgotten and then used again in one Output: forget, then add.
    for (const ForgottenToken& f : out.forgotten_tokens) tokens_.erase({f.account.value, f.token});
    for (const TokenRecord& r : out.tokens) tokens_[{r.account.value, r.token}] = r;
    if (out.meta_changed) meta_ = out.meta;
  }

  // Hands every record to `loader`: an EngineLoader, or anything with its Add overloads
  // and SetMeta (a test that alters records on their way).
  template <typename Loader>
  void LoadInto(Loader& loader) const {
    AddAll(loader, tokens_);
    AddAll(loader, blocks_);
    AddAll(loader, bonuses_);
    AddAll(loader, assignments_);
    AddAll(loader, hits_);
    AddAll(loader, hit_types_);
    AddAll(loader, qual_requests_);
    AddAll(loader, grants_);
    AddAll(loader, qual_types_);
    AddAll(loader, profiles_);
    AddAll(loader, accounts_);
    loader.SetMeta(meta_);
  }

  std::unique_ptr<Engine> Load(const EngineConfig& config, std::string* error) const {
    EngineLoader loader(config);
    LoadInto(loader);
    return loader.Finish(error);
  }

  size_t tokens() const { return tokens_.size(); }

 private:
  template <typename Loader, typename Map>
  static void AddAll(Loader& loader, const Map& m) {
    for (auto it = m.rbegin(); it != m.rend(); ++it) loader.Add(it->second);
  }

  std::map<uint64_t, Account> accounts_;
  std::map<uint64_t, AccountProfile> profiles_;
  std::map<uint64_t, QualType> qual_types_;
  std::map<std::pair<uint64_t, uint64_t>, QualGrant> grants_;
  std::map<uint64_t, QualRequest> qual_requests_;
  std::map<uint64_t, HitType> hit_types_;
  std::map<uint64_t, Hit> hits_;
  std::map<uint64_t, Assignment> assignments_;
  std::map<uint64_t, Bonus> bonuses_;
  std::map<std::pair<uint64_t, uint64_t>, WorkerBlock> blocks_;
  std::map<std::pair<uint64_t, std::string>, TokenRecord> tokens_;
  EngineMeta meta_;
};

}  // namespace hitd::engine::test
