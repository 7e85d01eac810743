#include "tests/reliability/workload.h"

#include <algorithm>
#include <vector>

namespace hitd::reliability {

using engine::AccountId;
using engine::AssignmentId;
using engine::AssignmentStatus;
using engine::Cents;
using engine::Context;
using engine::HitId;
using engine::Role;
using engine::Seconds;
using engine::TimeMs;

namespace {

constexpr size_t kMaxAccounts = 120;  // past this, no new accounts
constexpr size_t kMaxHits = 3000;     // past this, HITs are created rarely
constexpr int kPicks = 32;            // random probes for an account of a role
constexpr size_t kRecent = 400;       // where to look for work in a given state

}  // namespace

Step Workload::Next(const engine::Engine& engine) {
  s_ = &engine.state();
  now_ms_ += rng_.Range(0, 40);
  const size_t accounts = s_->accounts.size();
  if (accounts < 4) return CreateAccount();
  if (rng_.Chance(2)) return Invalid();
  switch (rng_.Range(0, 99) / 5) {  // 20 buckets of 5%
    case 0:
      return accounts < kMaxAccounts ? CreateAccount() : Read();
    case 1:
      return Deposit();
    case 2:
    case 3:
      return s_->hits.size() < kMaxHits || rng_.Chance(5) ? CreateHit() : Read();
    case 4:
      return CreateHitWithType();
    case 5:
      return Accept();
    case 6:
    case 7:
    case 8:
      return AcceptNext();
    case 9:
    case 10:
      return Submit();
    case 11:
    case 12:
      return Decide();
    case 13:
      return rng_.Chance(50) ? Bonus() : Return();
    case 14:
      return Withdraw();
    case 15:
      return Qualification();
    case 16:
      return ExtendOrExpire();
    case 17:
    case 18:
      return Read();
    default:
      return Tick();
  }
}

// The actor's context, sometimes with a request token: a new one, or (rarely) the last
// one again, with the same fingerprint (a replay) or another (a conflict).
Context Workload::As(AccountId actor) {
  if (!rng_.Chance(10)) return Context(actor, TimeMs(now_ms_));
  if (!last_token_.empty() && rng_.Chance(25)) {
    const uint64_t fingerprint = rng_.Chance(50) ? 7 : rng_.Next();
    return Context(last_token_actor_, TimeMs(now_ms_), last_token_, fingerprint);
  }
  last_token_ = "tok-" + std::to_string(rng_.Next() % 1'000'000) + "-" + std::to_string(++tokens_);
  last_token_actor_ = actor;
  return Context(actor, TimeMs(now_ms_), last_token_, 7);
}

AccountId Workload::AnyOf(Role role) {
  const auto& accounts = s_->accounts;
  for (int i = 0; i < kPicks; ++i) {
    const auto& a = accounts[static_cast<size_t>(rng_.Range(0, accounts.size() - 1))];
    if (a.role == role) return a.id;
  }
  return AccountId(rng_.Range(1, accounts.size()));
}

// Most picks are among the recent assignments, where work in the early states is.
AssignmentId Workload::AssignmentIn(AssignmentStatus want) {
  const auto& all = s_->assignments;
  if (all.empty()) return AssignmentId(1);
  std::vector<AssignmentId> found;
  const size_t from = all.size() > kRecent ? all.size() - kRecent : 0;
  for (size_t i = from; i < all.size(); ++i) {
    if (all[i].status == want) found.push_back(all[i].id);
  }
  if (!found.empty() && rng_.Chance(95)) return rng_.Pick(found);
  return all[static_cast<size_t>(rng_.Range(0, all.size() - 1))].id;
}

HitId Workload::AnyHit() {
  const size_t n = s_->hits.size();
  if (n == 0) return HitId(1);
  const size_t from = n > kRecent && rng_.Chance(80) ? n - kRecent : 0;
  return HitId(rng_.Range(from + 1, n));
}

std::string Workload::Text(size_t min, size_t max) {
  std::string text(static_cast<size_t>(rng_.Range(min, max)), 'x');
  for (char& c : text) c = static_cast<char>('a' + rng_.Range(0, 25));
  return text;
}

Step Workload::CreateAccount() {
  const bool worker = s_->accounts.size() < 2 || rng_.Chance(75);
  engine::CreateAccount c;
  c.role = worker ? Role::kWorker : Role::kRequester;
  c.name = (worker ? "w" : "r") + std::to_string(s_->accounts.size()) + "-" +
           std::to_string(rng_.Next() % 100'000) + "-" + std::to_string(++names_);
  c.locale.country[0] = 'U';
  c.locale.country[1] = rng_.Chance(80) ? 'S' : 'K';
  c.secret_hash = Text(32, 32);
  return {As(engine::kBootstrapAdmin), std::move(c)};
}

Step Workload::Deposit() {
  engine::Deposit c{AnyOf(Role::kRequester), Cents(rng_.Range(1'000, 200'000))};
  return {As(engine::kBootstrapAdmin), c};
}

Step Workload::CreateHit() {
  engine::CreateHit c;
  c.type.title = "Label image set " + std::to_string(rng_.Range(1, 6));
  c.type.description = "Pick the label that fits best.";
  c.type.keywords = rng_.Chance(50) ? "image,label" : "text";
  c.type.reward = Cents(rng_.Range(1, 300));
  c.type.assignment_duration = Seconds(rng_.Range(600, 86'400));
  if (rng_.Chance(50)) c.type.auto_approval_delay = Seconds(rng_.Range(600, 3 * 86'400));
  c.type.reject_reopens_slot = rng_.Chance(20);
  c.hit.max_assignments = static_cast<uint32_t>(rng_.Range(1, 5));
  c.hit.lifetime = Seconds(rng_.Range(600, 4 * 86'400));
  c.hit.question = "<question>" + Text(10, 1500) + "</question>";
  if (rng_.Chance(30)) c.hit.requester_annotation = Text(1, 40);
  return {As(AnyOf(Role::kRequester)), std::move(c)};
}

Step Workload::CreateHitWithType() {
  if (s_->hit_types.empty()) return CreateHit();
  const auto& type = s_->hit_types[static_cast<size_t>(rng_.Range(0, s_->hit_types.size() - 1))];
  engine::CreateHitWithHitType c;
  c.type = type.id;
  c.hit.max_assignments = static_cast<uint32_t>(rng_.Range(1, 3));
  c.hit.lifetime = Seconds(rng_.Range(600, 2 * 86'400));
  c.hit.question = "<q>" + Text(10, 400) + "</q>";
  return {As(type.requester), std::move(c)};
}

Step Workload::Accept() { return {As(AnyOf(Role::kWorker)), engine::Accept{AnyHit()}}; }

Step Workload::AcceptNext() { return {As(AnyOf(Role::kWorker)), engine::AcceptNext{}}; }

Step Workload::Submit() {
  const AssignmentId id = AssignmentIn(AssignmentStatus::kAccepted);
  const AccountId worker =
      s_->assignments.empty() ? AnyOf(Role::kWorker) : s_->assignments[id.value - 1].worker;
  std::string answer = "<answer>" + Text(1, 800) + "</answer>";
  if (rng_.Chance(20)) {
    return {As(worker), engine::SubmitAndAcceptNext{id, std::move(answer)}};
  }
  return {As(worker), engine::SubmitAssignment{id, std::move(answer)}};
}

Step Workload::Decide() {
  const AssignmentId id = AssignmentIn(AssignmentStatus::kSubmitted);
  AccountId requester = AnyOf(Role::kRequester);
  if (!s_->assignments.empty()) {
    requester = s_->hits[s_->assignments[id.value - 1].hit.value - 1].requester;
  }
  if (rng_.Chance(75)) return {As(requester), engine::ApproveAssignment{id, Text(0, 60), false}};
  return {As(requester), engine::RejectAssignment{id, Text(1, 60)}};
}

Step Workload::Bonus() {
  const AssignmentId id = AssignmentIn(AssignmentStatus::kApproved);
  if (s_->assignments.empty()) return Read();
  const auto& a = s_->assignments[id.value - 1];
  const AccountId requester = s_->hits[a.hit.value - 1].requester;
  engine::SendBonus c{a.worker, id, Cents(rng_.Range(1, 500)), "well done " + Text(0, 20)};
  return {As(requester), std::move(c)};
}

Step Workload::Return() {
  const AssignmentId id = AssignmentIn(AssignmentStatus::kAccepted);
  if (s_->assignments.empty()) return Read();
  return {As(s_->assignments[id.value - 1].worker), engine::ReturnAssignment{id}};
}

Step Workload::Withdraw() {
  const AccountId worker = AnyOf(Role::kWorker);
  const int64_t available = s_->accounts[worker.value - 1].available.value;
  const int64_t amount = available > 0 ? rng_.Range(1, available) : rng_.Range(1, 100);
  return {As(worker), engine::Withdraw{Cents(amount)}};
}

// A requester's qualification type (created once per requester), granted to a worker.
Step Workload::Qualification() {
  const AccountId requester = AnyOf(Role::kRequester);
  for (const auto& q : s_->qual_types) {
    if (q.owner == requester && rng_.Chance(80)) {
      const AccountId worker = AnyOf(Role::kWorker);
      if (rng_.Chance(80)) {
        return {As(requester), engine::AssociateQualificationWithWorker{
                                   q.id, worker, static_cast<int32_t>(rng_.Range(0, 100))}};
      }
      return {As(requester),
              engine::DisassociateQualificationFromWorker{q.id, worker, Text(1, 30)}};
    }
  }
  engine::CreateQualificationType c;
  c.spec.name =
      "skill-" + std::to_string(requester.value) + "-" + std::to_string(rng_.Next() % 1000);
  c.spec.description = "A skill for the crash tests";
  if (rng_.Chance(30)) c.spec.test = "<test>" + Text(10, 200) + "</test>";
  return {As(requester), std::move(c)};
}

Step Workload::ExtendOrExpire() {
  const HitId hit = AnyHit();
  const AccountId requester =
      s_->hits.empty() ? AnyOf(Role::kRequester) : s_->hits[hit.value - 1].requester;
  if (rng_.Chance(50)) {
    return {As(requester), engine::CreateAdditionalAssignmentsForHit{
                               hit, static_cast<uint32_t>(rng_.Range(1, 3))}};
  }
  const int64_t at = now_ms_ + (rng_.Chance(50) ? 0 : rng_.Range(60'000, 86'400'000));
  return {As(requester), engine::UpdateExpirationForHit{hit, TimeMs(at)}};
}

Step Workload::Read() {
  switch (rng_.Range(0, 3)) {
    case 0:
      return {As(engine::kBootstrapAdmin), engine::GetStats{}};
    case 1:
      return {As(AnyOf(Role::kRequester)), engine::GetAccountBalance{}};
    case 2: {
      const HitId hit = AnyHit();
      const AccountId owner =
          s_->hits.empty() ? AnyOf(Role::kRequester) : s_->hits[hit.value - 1].requester;
      return {As(owner), engine::GetHit{hit}};
    }
    default:
      return {As(AnyOf(Role::kWorker)), engine::ListHitGroups{}};
  }
}

// The clock jumps: a second, a minute, an hour, or days (deadlines, expiries and
// auto-approvals fire; old events and tokens fall out of retention).
Step Workload::Tick() {
  const int64_t r = rng_.Range(0, 99);
  now_ms_ += r < 70   ? 1'000
             : r < 90 ? 60'000
             : r < 97 ? 3'600'000
             : r < 99 ? 86'400'000
                      : 4 * 86'400'000;
  return {Context(AccountId(), TimeMs(now_ms_)), engine::Tick{}};
}

// Commands that must fail: ids that do not exist, the wrong role, a bad amount.
Step Workload::Invalid() {
  switch (rng_.Range(0, 4)) {
    case 0:
      return {As(AnyOf(Role::kWorker)), engine::Accept{HitId(s_->hits.size() + 100)}};
    case 1:
      return {As(AnyOf(Role::kWorker)), engine::Deposit{AnyOf(Role::kRequester), Cents(10)}};
    case 2:
      return {As(engine::kBootstrapAdmin), engine::Deposit{AnyOf(Role::kRequester), Cents(-5)}};
    case 3:
      return {As(AnyOf(Role::kRequester)),
              engine::ApproveAssignment{AssignmentId(s_->assignments.size() + 50), "", false}};
    default:
      return {As(AnyOf(Role::kWorker)), engine::Withdraw{Cents(1'000'000'000)}};
  }
}

}  // namespace hitd::reliability
