// BuildOp and ReadOp (request_ops.h) for the admin's operations, money, worker blocks
// and notifications.
#include "net/protocol/request_ops.h"

namespace hitd::net::wire {

using engine::AccountId;
using engine::AssignmentId;
using engine::Cents;
using engine::Error;
using engine::HitId;

// The schema's enums have the engine's numbers, and end where the engine's end.
static_assert(AsInt(engine::WithdrawMethod::kGiftCertificate) ==
              AsInt(schema::WithdrawMethod::GiftCertificate));
static_assert(AsInt(engine::WithdrawMethod::kBankTransfer) ==
              AsInt(schema::WithdrawMethod::BankTransfer));
static_assert(AsInt(engine::WithdrawMethod::kBankTransfer) == AsInt(schema::WithdrawMethod::MAX));

// ---- accounts ----

fb::Offset<schema::CreateAccountRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                 const engine::CreateAccount& op) {
  auto name = BuildText(fbb, op.name);
  auto secret_hash = BuildBytes(fbb, op.secret_hash);
  schema::CreateAccountRequestBuilder b(fbb);
  b.add_role(AsSchema<schema::Role>(op.role));
  b.add_name(name);
  b.add_locale(store::codec::PackLocale(op.locale));
  b.add_secret_hash(secret_hash);
  return b.Finish();
}

Error ReadOp(const schema::CreateAccountRequest& t, engine::CreateAccount* out) {
  FieldReader r;
  r.Enum(t.role(), "role", &out->role);
  r.Text(t.name(), limits::kNameMax, "name", &out->name);
  r.Locale(t.locale(), "locale", &out->locale);
  r.Bytes(t.secret_hash(), kSecretHashBytes, "secret_hash", &out->secret_hash);
  return r.error();
}

fb::Offset<schema::DepositRequest> BuildOp(fb::FlatBufferBuilder& fbb, const engine::Deposit& op) {
  return schema::CreateDepositRequest(fbb, op.requester.value, op.amount.value);
}

Error ReadOp(const schema::DepositRequest& t, engine::Deposit* out) {
  out->requester = AccountId(t.requester_id());
  out->amount = Cents(t.amount_cents());
  return {};
}

fb::Offset<schema::SuspendAccountRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                  const engine::SuspendAccount& op) {
  auto reason = BuildText(fbb, op.reason);
  return schema::CreateSuspendAccountRequest(fbb, op.account.value, reason);
}

Error ReadOp(const schema::SuspendAccountRequest& t, engine::SuspendAccount* out) {
  FieldReader r;
  out->account = AccountId(t.account_id());
  r.Text(t.reason(), limits::kReasonMax, "reason", &out->reason);
  return r.error();
}

fb::Offset<schema::ReactivateAccountRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                     const engine::ReactivateAccount& op) {
  return schema::CreateReactivateAccountRequest(fbb, op.account.value);
}

Error ReadOp(const schema::ReactivateAccountRequest& t, engine::ReactivateAccount* out) {
  out->account = AccountId(t.account_id());
  return {};
}

fb::Offset<schema::RotateSecretRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                const engine::RotateSecret& op) {
  auto secret_hash = BuildBytes(fbb, op.secret_hash);
  return schema::CreateRotateSecretRequest(fbb, op.account.value, secret_hash);
}

Error ReadOp(const schema::RotateSecretRequest& t, engine::RotateSecret* out) {
  FieldReader r;
  out->account = AccountId(t.account_id());
  r.Bytes(t.secret_hash(), kSecretHashBytes, "secret_hash", &out->secret_hash);
  return r.error();
}

fb::Offset<schema::GetAccountRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                              const engine::GetAccount& op) {
  return schema::CreateGetAccountRequest(fbb, op.account.value);
}

Error ReadOp(const schema::GetAccountRequest& t, engine::GetAccount* out) {
  out->account = AccountId(t.account_id());
  return {};
}

fb::Offset<schema::GetStatsRequest> BuildOp(fb::FlatBufferBuilder& fbb, const engine::GetStats&) {
  return schema::CreateGetStatsRequest(fbb);
}

Error ReadOp(const schema::GetStatsRequest&, engine::GetStats*) { return {}; }

// ---- money ----

fb::Offset<schema::SendBonusRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                             const engine::SendBonus& op) {
  auto reason = BuildText(fbb, op.reason);
  schema::SendBonusRequestBuilder b(fbb);
  b.add_worker_id(op.worker.value);
  b.add_assignment_id(op.assignment.value);
  b.add_bonus_amount_cents(op.amount.value);
  b.add_reason(reason);
  return b.Finish();
}

Error ReadOp(const schema::SendBonusRequest& t, engine::SendBonus* out) {
  FieldReader r;
  out->worker = AccountId(t.worker_id());
  out->assignment = AssignmentId(t.assignment_id());
  out->amount = Cents(t.bonus_amount_cents());
  r.Text(t.reason(), limits::kReasonMax, "reason", &out->reason);
  return r.error();
}

fb::Offset<schema::ListBonusPaymentsRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                     const engine::ListBonusPayments& op) {
  auto next_token = BuildText(fbb, op.page.next_token);
  schema::ListBonusPaymentsRequestBuilder b(fbb);
  b.add_hit_id(op.hit.value);
  b.add_assignment_id(op.assignment.value);
  b.add_max_results(op.page.max_results);
  b.add_next_token(next_token);
  return b.Finish();
}

Error ReadOp(const schema::ListBonusPaymentsRequest& t, engine::ListBonusPayments* out) {
  FieldReader r;
  out->hit = HitId(t.hit_id());
  out->assignment = AssignmentId(t.assignment_id());
  r.Page(t.max_results(), t.next_token(), &out->page);
  return r.error();
}

fb::Offset<schema::GetAccountBalanceRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                     const engine::GetAccountBalance&) {
  return schema::CreateGetAccountBalanceRequest(fbb);
}

Error ReadOp(const schema::GetAccountBalanceRequest&, engine::GetAccountBalance*) { return {}; }

fb::Offset<schema::WithdrawRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                            const engine::Withdraw& op) {
  return schema::CreateWithdrawRequest(fbb, op.amount.value,
                                       AsSchema<schema::WithdrawMethod>(op.method));
}

Error ReadOp(const schema::WithdrawRequest& t, engine::Withdraw* out) {
  FieldReader r;
  out->amount = Cents(t.amount_cents());
  r.Enum(t.method(), "method", &out->method);
  return r.error();
}

// ---- worker blocks and notifications ----

fb::Offset<schema::CreateWorkerBlockRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                     const engine::CreateWorkerBlock& op) {
  auto reason = BuildText(fbb, op.reason);
  return schema::CreateCreateWorkerBlockRequest(fbb, op.worker.value, reason);
}

Error ReadOp(const schema::CreateWorkerBlockRequest& t, engine::CreateWorkerBlock* out) {
  FieldReader r;
  out->worker = AccountId(t.worker_id());
  r.Text(t.reason(), limits::kReasonMax, "reason", &out->reason);
  return r.error();
}

fb::Offset<schema::DeleteWorkerBlockRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                     const engine::DeleteWorkerBlock& op) {
  auto reason = BuildText(fbb, op.reason);
  return schema::CreateDeleteWorkerBlockRequest(fbb, op.worker.value, reason);
}

Error ReadOp(const schema::DeleteWorkerBlockRequest& t, engine::DeleteWorkerBlock* out) {
  FieldReader r;
  out->worker = AccountId(t.worker_id());
  r.Text(t.reason(), limits::kReasonMax, "reason", &out->reason);
  return r.error();
}

fb::Offset<schema::ListWorkerBlocksRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                    const engine::ListWorkerBlocks& op) {
  auto next_token = BuildText(fbb, op.page.next_token);
  return schema::CreateListWorkerBlocksRequest(fbb, op.page.max_results, next_token);
}

Error ReadOp(const schema::ListWorkerBlocksRequest& t, engine::ListWorkerBlocks* out) {
  FieldReader r;
  r.Page(t.max_results(), t.next_token(), &out->page);
  return r.error();
}

fb::Offset<schema::NotifyWorkersRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                 const engine::NotifyWorkers& op) {
  auto subject = BuildText(fbb, op.subject);
  auto message = BuildText(fbb, op.message);
  auto workers = BuildIds(fbb, op.workers);
  return schema::CreateNotifyWorkersRequest(fbb, subject, message, workers);
}

Error ReadOp(const schema::NotifyWorkersRequest& t, engine::NotifyWorkers* out) {
  FieldReader r;
  r.Text(t.subject(), kSubjectBytes, "subject", &out->subject);
  r.Text(t.message_text(), kMessageBytes, "message_text", &out->message);
  r.Ids(t.worker_ids(), limits::kNotifyWorkersMax, "worker_ids", &out->workers);
  return r.error();
}

}  // namespace hitd::net::wire
