// EngineLoader (load.h): collects the records, then runs the steps of load_internal.h
// and the whole-state checks.
#include "engine/load.h"

#include <utility>

#include "engine/check.h"
#include "engine/invariants.h"
#include "engine/load_internal.h"

namespace hitd::engine {

EngineLoader::EngineLoader(EngineConfig config) : config_(std::move(config)) {}
EngineLoader::~EngineLoader() = default;

void EngineLoader::Add(const Account& record) { records_.accounts.push_back(record); }
void EngineLoader::Add(const AccountProfile& record) { records_.profiles.push_back(record); }
void EngineLoader::Add(const QualType& record) { records_.qual_types.push_back(record); }
void EngineLoader::Add(const QualGrant& record) { records_.grants.push_back(record); }
void EngineLoader::Add(const QualRequest& record) { records_.qual_requests.push_back(record); }
void EngineLoader::Add(const HitType& record) { records_.hit_types.push_back(record); }
void EngineLoader::Add(const Hit& record) { records_.hits.push_back(record); }
void EngineLoader::Add(const Assignment& record) { records_.assignments.push_back(record); }
void EngineLoader::Add(const Bonus& record) { records_.bonuses.push_back(record); }
void EngineLoader::Add(const WorkerBlock& record) { records_.blocks.push_back(record); }
void EngineLoader::Add(const TokenRecord& record) { records_.tokens.push_back(record); }
void EngineLoader::SetMeta(const EngineMeta& meta) { records_.meta = meta; }

std::unique_ptr<Engine> EngineLoader::Finish(std::string* error) {
  HITD_CHECK(!finished_);
  finished_ = true;
  auto engine = std::make_unique<Engine>(config_);
  State& s = *engine->state_;
  std::string problem = load::PlaceAccounts(s, records_);
  if (problem.empty()) problem = load::PlaceQuals(s, records_);
  if (problem.empty()) problem = load::PlaceHits(s, records_);
  if (problem.empty()) problem = load::RestoreIndexes(s, records_);
  // The indexes are built from the records, so only the records can disagree.
  if (problem.empty()) problem = FindRecordViolation(s);
  records_ = Records{};
  if (!problem.empty()) {
    if (error != nullptr) *error = std::move(problem);
    return nullptr;
  }
  return engine;
}

}  // namespace hitd::engine
