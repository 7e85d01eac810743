// Random command streams for the simulator: every operation of commands.h, mostly valid
// (so that work flows: accounts get money, HITs get posted, taken, submitted, decided)
// and sometimes invalid in exactly one way (a bad id, another owner's object, a field out
// of range, the wrong role), so that every outcome can be predicted.
//
// The generator reads the model to pick ids that exist; it never reads the engine.
// Time is the runner's business. Owned by one simulation run; single-threaded.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "engine/commands.h"
#include "tests/sim/model.h"
#include "tests/sim/prng.h"

namespace hitd::sim {

struct Step {
  Context ctx;
  Command command;
};

class Generator {
 public:
  Generator(Prng& rng, const Model& model) : rng_(rng), model_(model) {}

  // The next command, at `now`.
  Step Next(TimeMs now);

 private:
  using Maker = Step (Generator::*)();
  struct Entry {
    int weight;
    Maker make;
  };
  static const std::vector<Entry>& Table();

  // generator.cc: accounts, money, blocks.
  Step MakeCreateAccount();
  Step MakeDeposit();
  Step MakeSuspend();
  Step MakeReactivate();
  Step MakeRotateSecret();
  Step MakeGetAccount();
  Step MakeGetStats();
  Step MakeGetBalance();
  Step MakeWithdraw();
  Step MakeSendBonus();
  Step MakeListBonuses();
  Step MakeBlock();
  Step MakeUnblock();
  Step MakeListBlocks();
  Step MakeNotify();
  Step MakeDashboard();
  Step MakeTick();

  // generator_quals.cc
  Step MakeCreateQualType();
  Step MakeGetQualType();
  Step MakeUpdateQualType();
  Step MakeDeleteQualType();
  Step MakeListQualTypes();
  Step MakeAssociate();
  Step MakeDisassociate();
  Step MakeGetScore();
  Step MakeListHolders();
  Step MakeListQualRequests();
  Step MakeAcceptQualRequest();
  Step MakeRejectQualRequest();
  Step MakeRequestQual();
  Step MakeListMyQuals();

  // generator_hits.cc
  Step MakeCreateHitType();
  Step MakeCreateHit();
  Step MakeCreateHitWithType();
  Step MakeCreateHits();
  Step MakeGetHit();
  Step MakeListHits();
  Step MakeListReviewable();
  Step MakeUpdateExpiration();
  Step MakeReviewStatus();
  Step MakeChangeType();
  Step MakeAddAssignments();
  Step MakeDeleteHit();
  Step MakeListForHit();
  HitTypeSpec TypeSpec(AccountId requester);
  HitSpec MakeHitSpec();
  void BreakTypeSpec(HitTypeSpec& spec);
  void BreakHitSpec(HitSpec& spec);
  QualificationRequirement Requirement(AccountId requester);

  // generator_work.cc
  Step MakeAccept();
  Step MakeAcceptNext();
  Step MakeReturn();
  Step MakeSubmit();
  Step MakeSubmitAndNext();
  Step MakeApprove();
  Step MakeReject();
  Step MakeGetAssignment();
  Step MakeListMine();
  Step MakePreview();
  Step MakeListGroups();
  WorkFilter Filter();
  std::pair<AccountId, AssignmentId> PickWork(AssignmentStatus want, Role role);

  // Pickers. Each returns a valid id most of the time and, when `fault` is set, an id
  // that names nothing or something the actor does not own.
  bool Fault() { return rng_.Chance(8); }
  Context As(AccountId actor);
  AccountId Any(Role role);  // an account of the role (0 when none)
  AccountId Other(Role role, AccountId not_this);
  AccountId WrongRole(Role expected);
  // A fault in who acts: two times in three `actor` becomes another account of the role
  // or one of the wrong role (true); otherwise the caller breaks a field (false).
  bool MisdirectActor(Role role, AccountId& actor);
  HitId PickHit(AccountId requester);  // one of the requester's HITs, or any
  AssignmentId PickAssignment(AccountId worker, AccountId requester, AssignmentStatus want);
  QualTypeId PickQualType(AccountId owner);
  Page MakePage();
  std::string Text(size_t max_len, bool over);
  int64_t Amount();
  std::string SecretHash();

  Prng& rng_;
  const Model& model_;
  TimeMs now_;
};

}  // namespace hitd::sim
