// Build and Read for the reply values a token stores (values.fbs), and the TokenResult
// union over them (records.fbs). Tokens are rare next to the hot records, so the few
// vectors here may allocate. The wire protocol's codec (net/protocol/) reuses BuildValue
// and ReadValue for the same tables in its responses.
#include <vector>

#include "engine/store/codec_internal.h"

namespace hitd::store::codec {

using engine::AccountId;
using engine::BonusId;
using engine::Cents;
using engine::HitId;
using engine::HitTypeId;
using engine::QualTypeId;
using engine::Result;

// ---- Build: one overload per storable reply (declared in codec_internal.h) ----

fb::Offset<schema::Empty> BuildValue(fb::FlatBufferBuilder& fbb, const engine::Empty&) {
  return schema::CreateEmpty(fbb);
}

fb::Offset<schema::AccountView> BuildValue(fb::FlatBufferBuilder& fbb,
                                           const engine::AccountView& v) {
  fb::Offset<schema::Account> account = Build(fbb, v.account);
  fb::Offset<fb::String> name = BuildString(fbb, v.name);
  return schema::CreateAccountView(fbb, account, name);
}

fb::Offset<schema::AccountBalance> BuildValue(fb::FlatBufferBuilder& fbb,
                                              const engine::AccountBalance& v) {
  return schema::CreateAccountBalance(fbb, v.available.value, v.escrow.value, v.withdrawn.value);
}

fb::Offset<schema::Withdrawal> BuildValue(fb::FlatBufferBuilder& fbb, const engine::Withdrawal& v) {
  return schema::CreateWithdrawal(fbb, v.available.value, v.withdrawn.value);
}

fb::Offset<schema::BonusSent> BuildValue(fb::FlatBufferBuilder& fbb, const engine::BonusSent& v) {
  return schema::CreateBonusSent(fbb, v.bonus.value, v.fee.value);
}

fb::Offset<schema::NotifyResult> BuildValue(fb::FlatBufferBuilder& fbb,
                                            const engine::NotifyResult& v) {
  std::vector<fb::Offset<schema::NotifyFailure>> failures;
  failures.reserve(v.failures.size());
  for (const engine::NotifyFailure& f : v.failures) {
    failures.push_back(
        schema::CreateNotifyFailure(fbb, f.worker.value, ToSchema<schema::ErrorCode>(f.code)));
  }
  return schema::CreateNotifyResult(fbb, failures.empty() ? 0 : fbb.CreateVector(failures));
}

fb::Offset<schema::HitTypeCreated> BuildValue(fb::FlatBufferBuilder& fbb,
                                              const engine::HitTypeCreated& v) {
  return schema::CreateHitTypeCreated(fbb, v.type.value);
}

fb::Offset<schema::HitCreated> BuildValue(fb::FlatBufferBuilder& fbb, const engine::HitCreated& v) {
  return schema::CreateHitCreated(fbb, v.hit.value, v.type.value);
}

fb::Offset<schema::HitsCreated> BuildValue(fb::FlatBufferBuilder& fbb,
                                           const engine::HitsCreated& v) {
  std::vector<uint64_t> ids;
  ids.reserve(v.hits.size());
  for (HitId id : v.hits) ids.push_back(id.value);
  return schema::CreateHitsCreated(fbb, ids.empty() ? 0 : fbb.CreateVector(ids), v.type.value);
}

fb::Offset<schema::AssignmentView> BuildValue(fb::FlatBufferBuilder& fbb,
                                              const engine::AssignmentView& v) {
  fb::Offset<schema::Assignment> assignment = Build(fbb, v.assignment);
  return schema::CreateAssignmentView(fbb, assignment, v.type.value, v.requester.value,
                                      v.reward.value);
}

fb::Offset<schema::SubmitAndAcceptNextResult> BuildValue(
    fb::FlatBufferBuilder& fbb, const engine::SubmitAndAcceptNextResult& v) {
  fb::Offset<schema::AssignmentView> submitted = BuildValue(fbb, v.submitted);
  fb::Offset<schema::AssignmentView> next = v.next ? BuildValue(fbb, *v.next) : 0;
  return schema::CreateSubmitAndAcceptNextResult(fbb, submitted, next);
}

fb::Offset<schema::QualTypeCreated> BuildValue(fb::FlatBufferBuilder& fbb,
                                               const engine::QualTypeCreated& v) {
  return schema::CreateQualTypeCreated(fbb, v.type.value);
}

fb::Offset<schema::QualTypeView> BuildValue(fb::FlatBufferBuilder& fbb,
                                            const engine::QualTypeView& v) {
  fb::Offset<schema::QualType> type = Build(fbb, v.type);
  return schema::CreateQualTypeView(fbb, type, v.is_requestable);
}

fb::Offset<schema::QualRequestResult> BuildValue(fb::FlatBufferBuilder& fbb,
                                                 const engine::QualRequestResult& v) {
  fb::Offset<schema::QualRequest> request = Build(fbb, v.request);
  fb::Optional<int32_t> granted;
  if (v.granted_value) granted = *v.granted_value;
  return schema::CreateQualRequestResult(fbb, request, granted);
}

// ---- Read: one overload per storable reply (declared in codec_internal.h) ----

bool ReadValue(const schema::Empty&, engine::Empty&) { return true; }

bool ReadValue(const schema::AccountView& t, engine::AccountView& out) {
  ReadString(t.name(), out.name);
  return Read(*t.account(), out.account);  // required: the verifier checked it is there
}

bool ReadValue(const schema::AccountBalance& t, engine::AccountBalance& out) {
  out.available = Cents(t.available_cents());
  out.escrow = Cents(t.escrow_cents());
  out.withdrawn = Cents(t.withdrawn_cents());
  return true;
}

bool ReadValue(const schema::Withdrawal& t, engine::Withdrawal& out) {
  out.available = Cents(t.available_cents());
  out.withdrawn = Cents(t.withdrawn_cents());
  return true;
}

bool ReadValue(const schema::BonusSent& t, engine::BonusSent& out) {
  out.bonus = BonusId(t.bonus_id());
  out.fee = Cents(t.fee_cents());
  return true;
}

bool ReadValue(const schema::NotifyResult& t, engine::NotifyResult& out) {
  out.failures.clear();
  if (const auto* failures = t.failures()) {
    out.failures.resize(failures->size());
    for (fb::uoffset_t i = 0; i < failures->size(); ++i) {
      const schema::NotifyFailure& f = *failures->Get(i);
      out.failures[i].worker = AccountId(f.worker_id());
      if (!ToEngine(f.code(), out.failures[i].code)) return false;
    }
  }
  return true;
}

bool ReadValue(const schema::HitTypeCreated& t, engine::HitTypeCreated& out) {
  out.type = HitTypeId(t.type_id());
  return true;
}

bool ReadValue(const schema::HitCreated& t, engine::HitCreated& out) {
  out.hit = HitId(t.hit_id());
  out.type = HitTypeId(t.type_id());
  return true;
}

bool ReadValue(const schema::HitsCreated& t, engine::HitsCreated& out) {
  out.hits.clear();
  if (!ElementsAligned(t.hit_ids())) return false;
  if (const fb::Vector<uint64_t>* ids = t.hit_ids()) {
    out.hits.reserve(ids->size());
    for (uint64_t id : *ids) out.hits.push_back(HitId(id));
  }
  out.type = HitTypeId(t.type_id());
  return true;
}

bool ReadValue(const schema::AssignmentView& t, engine::AssignmentView& out) {
  out.type = HitTypeId(t.type_id());
  out.requester = AccountId(t.requester_id());
  out.reward = Cents(t.reward_cents());
  return Read(*t.assignment(), out.assignment);  // required
}

bool ReadValue(const schema::SubmitAndAcceptNextResult& t, engine::SubmitAndAcceptNextResult& out) {
  if (!ReadValue(*t.submitted(), out.submitted)) return false;  // required
  out.next.reset();
  if (t.next() == nullptr) return true;
  return ReadValue(*t.next(), out.next.emplace());
}

bool ReadValue(const schema::QualTypeCreated& t, engine::QualTypeCreated& out) {
  out.type = QualTypeId(t.type_id());
  return true;
}

bool ReadValue(const schema::QualTypeView& t, engine::QualTypeView& out) {
  out.is_requestable = t.is_requestable();
  return Read(*t.type(), out.type);  // required
}

bool ReadValue(const schema::QualRequestResult& t, engine::QualRequestResult& out) {
  out.granted_value.reset();
  if (fb::Optional<int32_t> granted = t.granted_value()) out.granted_value = *granted;
  return Read(*t.request(), out.request);  // required
}

namespace {

// The union alternative of a built value; every BuildValue result must be one.
template <typename T>
schema::TokenResult AlternativeOf(fb::Offset<T>) {
  constexpr schema::TokenResult type = schema::TokenResultTraits<T>::enum_value;
  static_assert(type != schema::TokenResult::NONE);
  return type;
}

// Reads the union's table as a T and makes it the Result's reply.
template <typename T, typename Reply>
bool ReadAlternative(const void* table, Result& out) {
  Reply reply;
  if (!ReadValue(*static_cast<const T*>(table), reply)) return false;
  out.reply = std::move(reply);
  return true;
}

}  // namespace

fb::Offset<void> BuildTokenResult(fb::FlatBufferBuilder& fbb, const Result& result,
                                  schema::TokenResult& type) {
  return std::visit(
      [&](const auto& reply) -> fb::Offset<void> {
        if constexpr (requires { BuildValue(fbb, reply); }) {
          auto offset = BuildValue(fbb, reply);
          type = AlternativeOf(offset);
          return offset.Union();
        } else {
          // Only a mutation's successful answer is stored (engine.cc): a read's reply, a
          // Tick's or an Error here is a bug.
          HITD_CHECK(!"a token's answer must be a mutation's reply");
          return 0;
        }
      },
      result.reply);
}

bool ReadTokenResult(const schema::StoredToken& t, Result& out) {
  const void* table = t.result();
  if (table == nullptr) return false;
  switch (t.result_type()) {
    case schema::TokenResult::NONE:
      return false;
    case schema::TokenResult::Empty:
      return ReadAlternative<schema::Empty, engine::Empty>(table, out);
    case schema::TokenResult::AccountView:
      return ReadAlternative<schema::AccountView, engine::AccountView>(table, out);
    case schema::TokenResult::AccountBalance:
      return ReadAlternative<schema::AccountBalance, engine::AccountBalance>(table, out);
    case schema::TokenResult::Withdrawal:
      return ReadAlternative<schema::Withdrawal, engine::Withdrawal>(table, out);
    case schema::TokenResult::BonusSent:
      return ReadAlternative<schema::BonusSent, engine::BonusSent>(table, out);
    case schema::TokenResult::NotifyResult:
      return ReadAlternative<schema::NotifyResult, engine::NotifyResult>(table, out);
    case schema::TokenResult::HitTypeCreated:
      return ReadAlternative<schema::HitTypeCreated, engine::HitTypeCreated>(table, out);
    case schema::TokenResult::HitCreated:
      return ReadAlternative<schema::HitCreated, engine::HitCreated>(table, out);
    case schema::TokenResult::HitsCreated:
      return ReadAlternative<schema::HitsCreated, engine::HitsCreated>(table, out);
    case schema::TokenResult::AssignmentView:
      return ReadAlternative<schema::AssignmentView, engine::AssignmentView>(table, out);
    case schema::TokenResult::SubmitAndAcceptNextResult:
      return ReadAlternative<schema::SubmitAndAcceptNextResult, engine::SubmitAndAcceptNextResult>(
          table, out);
    case schema::TokenResult::QualTypeCreated:
      return ReadAlternative<schema::QualTypeCreated, engine::QualTypeCreated>(table, out);
    case schema::TokenResult::QualTypeView:
      return ReadAlternative<schema::QualTypeView, engine::QualTypeView>(table, out);
    case schema::TokenResult::QualRequestResult:
      return ReadAlternative<schema::QualRequestResult, engine::QualRequestResult>(table, out);
  }
  return false;  // an alternative a newer writer appended: this build cannot answer it
}

}  // namespace hitd::store::codec
