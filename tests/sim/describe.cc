#include "tests/sim/describe.h"

#include <sstream>
#include <type_traits>
#include <variant>

namespace hitd::sim {

using namespace hitd::engine;  // NOLINT

namespace {

constexpr const char* kCommandNames[] = {"CreateAccount",
                                         "Deposit",
                                         "SuspendAccount",
                                         "ReactivateAccount",
                                         "RotateSecret",
                                         "GetAccount",
                                         "GetStats",
                                         "CreateHitType",
                                         "CreateHit",
                                         "CreateHitWithHitType",
                                         "CreateHits",
                                         "GetHit",
                                         "ListHits",
                                         "ListReviewableHits",
                                         "UpdateExpirationForHit",
                                         "UpdateHitReviewStatus",
                                         "UpdateHitTypeOfHit",
                                         "CreateAdditionalAssignmentsForHit",
                                         "DeleteHit",
                                         "ListAssignmentsForHit",
                                         "GetAssignment",
                                         "ApproveAssignment",
                                         "RejectAssignment",
                                         "SendBonus",
                                         "ListBonusPayments",
                                         "GetAccountBalance",
                                         "CreateWorkerBlock",
                                         "DeleteWorkerBlock",
                                         "ListWorkerBlocks",
                                         "NotifyWorkers",
                                         "CreateQualificationType",
                                         "GetQualificationType",
                                         "UpdateQualificationType",
                                         "DeleteQualificationType",
                                         "ListQualificationTypes",
                                         "AssociateQualificationWithWorker",
                                         "DisassociateQualificationFromWorker",
                                         "GetQualificationScore",
                                         "ListWorkersWithQualificationType",
                                         "ListQualificationRequests",
                                         "AcceptQualificationRequest",
                                         "RejectQualificationRequest",
                                         "RequestQualification",
                                         "ListMyQualifications",
                                         "ListHitGroups",
                                         "PreviewHit",
                                         "Accept",
                                         "AcceptNext",
                                         "ReturnAssignment",
                                         "SubmitAssignment",
                                         "SubmitAndAcceptNext",
                                         "ListMyAssignments",
                                         "GetDashboard",
                                         "Withdraw",
                                         "Tick"};
static_assert(std::size(kCommandNames) == std::variant_size_v<Command>);

void Spec(std::ostream& o, const HitTypeSpec& t) {
  o << " reward=" << t.reward.value << " duration_s=" << t.assignment_duration.value / 1000
    << " auto_s=" << (t.auto_approval_delay ? t.auto_approval_delay->value / 1000 : -1)
    << " reqs=[";
  for (const auto& q : t.requirements) {
    o << q.type.value << ":" << static_cast<int>(q.comparator);
    for (int32_t v : q.integer_values) o << ":" << v;
    o << " ";
  }
  o << "] order=" << static_cast<int>(t.order) << " cap=" << t.per_worker_cap
    << " reopen=" << t.reject_reopens_slot << " title.size=" << t.title.size()
    << " kw=" << t.keywords;
}

void Spec(std::ostream& o, const HitSpec& h) {
  o << " max=" << h.max_assignments << " lifetime_s=" << h.lifetime.value / 1000
    << " prio=" << h.priority << " q.size=" << h.question.size()
    << " ann.size=" << h.requester_annotation.size();
}

// The fields that identify what a command acts on; sizes stand for long strings.
struct Fields {
  std::ostream& o;
  void operator()(const CreateAccount& c) {
    o << " role=" << static_cast<int>(c.role) << " name=" << c.name.substr(0, 12)
      << (c.name.size() > 12 ? "..." : "") << " locale=" << std::string(c.locale.country, 2);
  }
  void operator()(const Deposit& c) {
    o << " requester=" << c.requester.value << " amount=" << c.amount.value;
  }
  void operator()(const SuspendAccount& c) { o << " account=" << c.account.value; }
  void operator()(const ReactivateAccount& c) { o << " account=" << c.account.value; }
  void operator()(const RotateSecret& c) { o << " account=" << c.account.value; }
  void operator()(const GetAccount& c) { o << " account=" << c.account.value; }
  void operator()(const CreateHitType& c) { Spec(o, c.type); }
  void operator()(const CreateHit& c) {
    Spec(o, c.type);
    Spec(o, c.hit);
  }
  void operator()(const CreateHitWithHitType& c) {
    o << " type=" << c.type.value;
    Spec(o, c.hit);
  }
  void operator()(const CreateHits& c) {
    o << " type=" << c.type.value << " n=" << c.hits.size();
    for (const auto& h : c.hits) Spec(o, h);
  }
  void operator()(const UpdateExpirationForHit& c) {
    o << " hit=" << c.hit.value << " expire_at=" << c.expire_at.value;
  }
  void operator()(const UpdateHitReviewStatus& c) {
    o << " hit=" << c.hit.value << " revert=" << c.revert;
  }
  void operator()(const UpdateHitTypeOfHit& c) {
    o << " hit=" << c.hit.value << " type=" << c.type.value;
  }
  void operator()(const CreateAdditionalAssignmentsForHit& c) {
    o << " hit=" << c.hit.value << " count=" << c.count;
  }
  void operator()(const ApproveAssignment& c) {
    o << " assignment=" << c.assignment.value << " override=" << c.override_rejection
      << " feedback.size=" << c.feedback.size();
  }
  void operator()(const SendBonus& c) {
    o << " worker=" << c.worker.value << " assignment=" << c.assignment.value
      << " amount=" << c.amount.value << " reason.size=" << c.reason.size();
  }
  void operator()(const CreateWorkerBlock& c) { o << " worker=" << c.worker.value; }
  void operator()(const DeleteWorkerBlock& c) { o << " worker=" << c.worker.value; }
  void operator()(const AssociateQualificationWithWorker& c) {
    o << " type=" << c.type.value << " worker=" << c.worker.value << " value=" << c.value;
  }
  void operator()(const DisassociateQualificationFromWorker& c) {
    o << " type=" << c.type.value << " worker=" << c.worker.value;
  }
  void operator()(const AcceptNext& c) {
    o << " filter.type=" << c.filter.type.value << " filter.requester=" << c.filter.requester.value
      << " filter.min_reward=" << c.filter.min_reward.value
      << " filter.keyword=" << c.filter.keyword;
  }
  void operator()(const Withdraw& c) {
    o << " amount=" << c.amount.value << " method=" << static_cast<int>(c.method);
  }
  template <typename T>
  void operator()(const T& c) {
    // Most remaining commands name one object; print whichever id they carry.
    if constexpr (requires { c.hit; }) o << " hit=" << c.hit.value;
    if constexpr (requires { c.assignment; }) o << " assignment=" << c.assignment.value;
    if constexpr (requires { c.type; }) o << " type=" << c.type.value;
    if constexpr (requires { c.worker; }) o << " worker=" << c.worker.value;
    if constexpr (requires { c.request; }) o << " request=" << c.request.value;
    if constexpr (requires { c.page; }) {
      o << " page=" << c.page.max_results << "/" << c.page.next_token;
    }
  }
};

}  // namespace

std::string DescribeCommand(const Context& ctx, const Command& command) {
  std::ostringstream o;
  o << "t=" << ctx.now.value << " actor=" << ctx.actor.value;
  if (!ctx.request_token.empty()) o << " token=" << ctx.request_token;
  o << " " << kCommandNames[command.index()];
  std::visit(Fields{o}, command);
  return o.str();
}

std::string DescribeResult(const Result& r) {
  std::ostringstream o;
  if (!r.ok()) {
    o << "-> " << ErrorCodeName(r.error().code) << " field=" << r.error().field;
    return o.str();
  }
  o << "-> OK";
  if (const auto* a = std::get_if<AssignmentView>(&r.reply)) {
    o << " assignment=" << a->assignment.id.value << " hit=" << a->assignment.hit.value;
  } else if (const auto* h = std::get_if<HitCreated>(&r.reply)) {
    o << " hit=" << h->hit.value << " type=" << h->type.value;
  } else if (const auto* t = std::get_if<HitTypeCreated>(&r.reply)) {
    o << " type=" << t->type.value;
  } else if (const auto* hs = std::get_if<HitsCreated>(&r.reply)) {
    o << " type=" << hs->type.value << " hits=" << hs->hits.size();
  } else if (const auto* n = std::get_if<SubmitAndAcceptNextResult>(&r.reply)) {
    o << " next=" << (n->next ? n->next->assignment.id.value : 0);
  } else if (const auto* tk = std::get_if<TickResult>(&r.reply)) {
    o << " abandoned=" << tk->abandoned << " expired=" << tk->expired
      << " auto_approved=" << tk->auto_approved;
  } else if (const auto* q = std::get_if<QualTypeCreated>(&r.reply)) {
    o << " qual_type=" << q->type.value;
  } else if (const auto* v = std::get_if<AccountView>(&r.reply)) {
    o << " account=" << v->account.id.value << " available=" << v->account.available.value;
  }
  return o.str();
}

}  // namespace hitd::sim
