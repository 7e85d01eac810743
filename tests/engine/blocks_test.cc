// Worker blocks and NotifyWorkers, driven through Engine::Apply.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/engine.h"
#include "engine/flat_map.h"
#include "engine/limits.h"
#include "tests/engine/test_util.h"

namespace hitd::engine {
namespace {

using test::AcceptAndSubmit;
using test::Apply;
using test::IsError;
using test::kT0;
using test::MakeHit;
using test::MakeRequester;
using test::MakeWorker;
using test::Rejected;

constexpr AccountId kAdmin = kBootstrapAdmin;
constexpr int64_t kLater = kT0 + 10'000;

bool IsBlocked(const Engine& e, AccountId requester, AccountId worker) {
  return e.state().blocked.Find(PairKey(requester.value, worker.value)) != nullptr;
}

std::vector<WorkerId> BlockedWorkers(Engine& e, AccountId requester, uint32_t page_size = 100) {
  std::vector<WorkerId> workers;
  Page page{page_size, ""};
  do {
    Result r = Apply(e, requester, kLater, ListWorkerBlocks{page});
    EXPECT_TRUE(r.ok());
    if (!r.ok()) break;
    for (const WorkerBlock& b : r.get<BlockList>().blocks) workers.push_back(b.worker);
    page.next_token = r.get<BlockList>().next_token;
  } while (!page.next_token.empty());
  return workers;
}

TEST(Blocks, CreateWorkerBlockRecordsTheBlockAndEmitsWorkerBlocked) {
  Engine e;
  AccountId r = MakeRequester(e, "acme");
  AccountId w = MakeWorker(e, "w1");
  Output out;
  const Command cmd = CreateWorkerBlock{w, "spam answers"};
  ASSERT_TRUE(Apply(e, r, kT0, cmd, out).ok());
  EXPECT_TRUE(IsBlocked(e, r, w));
  ASSERT_EQ(out.blocks.size(), 1u);
  EXPECT_EQ(out.blocks[0], (WorkerBlock{r, w, TimeMs(kT0), true}));
  ASSERT_EQ(out.events.size(), 1u);
  EXPECT_EQ(out.events[0].type, EventType::kWorkerBlocked);
  EXPECT_EQ(out.events[0].owner, r);
  EXPECT_EQ(out.events[0].worker, w);
  ASSERT_EQ(out.payloads.size(), 1u);
  EXPECT_EQ(out.payloads[0].kind, PayloadKind::kBlockReason);
  EXPECT_EQ(out.payloads[0].id, w.value);
  EXPECT_EQ(out.payloads[0].aux, r.value);
  EXPECT_EQ(out.payloads[0].data, "spam answers");
  EXPECT_EQ(BlockedWorkers(e, r), std::vector<WorkerId>{w});
}

TEST(Blocks, BlockingAgainChangesOnlyTheReason) {
  Engine e;
  AccountId r = MakeRequester(e, "acme");
  AccountId w = MakeWorker(e, "w1");
  ASSERT_TRUE(Apply(e, r, kT0, CreateWorkerBlock{w, "first"}).ok());
  const uint64_t seq = e.state().last_event_seq;
  Output out;
  const Command cmd = CreateWorkerBlock{w, "second"};
  ASSERT_TRUE(Apply(e, r, kLater, cmd, out).ok());
  EXPECT_TRUE(out.events.empty());
  EXPECT_TRUE(out.blocks.empty());
  ASSERT_EQ(out.payloads.size(), 1u);
  EXPECT_EQ(out.payloads[0].data, "second");
  EXPECT_EQ(e.state().last_event_seq, seq);
  EXPECT_EQ(e.state().blocks.at({r.value, w.value}).created, TimeMs(kT0));
}

TEST(Blocks, CreateWorkerBlockRejectsBadInput) {
  Engine e;
  AccountId r = MakeRequester(e, "acme");
  AccountId other = MakeRequester(e, "rival");
  AccountId w = MakeWorker(e, "w1");
  // MTurk requires the reason.
  EXPECT_TRUE(Rejected(e, r, kT0, CreateWorkerBlock{w, ""}, ErrorCode::kInvalidArgument, "reason"));
  EXPECT_TRUE(Rejected(e, r, kT0, CreateWorkerBlock{w, std::string(limits::kReasonMax + 1, 'r')},
                       ErrorCode::kInvalidArgument, "reason"));
  EXPECT_TRUE(
      Rejected(e, r, kT0, CreateWorkerBlock{WorkerId(99), "x"}, ErrorCode::kNotFound, "worker"));
  EXPECT_TRUE(Rejected(e, r, kT0, CreateWorkerBlock{other, "x"}, ErrorCode::kNotFound, "worker"));
  EXPECT_TRUE(Rejected(e, r, kT0, CreateWorkerBlock{WorkerId(), "x"}, ErrorCode::kNotFound));
  EXPECT_TRUE(Rejected(e, w, kT0, CreateWorkerBlock{w, "x"}, ErrorCode::kPermissionDenied, "role"));
  EXPECT_TRUE(
      Rejected(e, kAdmin, kT0, CreateWorkerBlock{w, "x"}, ErrorCode::kPermissionDenied, "role"));
  EXPECT_TRUE(Apply(e, r, kT0, CreateWorkerBlock{w, std::string(limits::kReasonMax, 'r')}).ok());
}

TEST(Blocks, DeleteWorkerBlockLiftsTheBlock) {
  Engine e;
  AccountId r = MakeRequester(e, "acme");
  AccountId w = MakeWorker(e, "w1");
  ASSERT_TRUE(Apply(e, r, kT0, CreateWorkerBlock{w, "x"}).ok());
  Output out;
  const Command cmd = DeleteWorkerBlock{w, "appealed"};
  ASSERT_TRUE(Apply(e, r, kLater, cmd, out).ok());
  EXPECT_FALSE(IsBlocked(e, r, w));
  EXPECT_TRUE(e.state().blocks.empty());
  ASSERT_EQ(out.blocks.size(), 1u);
  EXPECT_EQ(out.blocks[0], (WorkerBlock{r, w, TimeMs(kT0), false}));  // the store drops it
  EXPECT_TRUE(BlockedWorkers(e, r).empty());
  // A new block is a new block: a new event and a new creation time.
  const uint64_t seq = e.state().last_event_seq;
  ASSERT_TRUE(Apply(e, r, kLater + 1, CreateWorkerBlock{w, "again"}).ok());
  EXPECT_EQ(e.state().last_event_seq, seq + 1);
  EXPECT_EQ(e.state().blocks.at({r.value, w.value}).created, TimeMs(kLater + 1));
}

TEST(Blocks, DeletingAMissingBlockSucceedsAsOnMTurk) {
  Engine e;
  AccountId r = MakeRequester(e, "acme");
  AccountId w = MakeWorker(e, "w1");
  Output out;
  const Command cmd = DeleteWorkerBlock{w, ""};
  ASSERT_TRUE(Apply(e, r, kT0, cmd, out).ok());
  EXPECT_TRUE(out.blocks.empty());
  EXPECT_TRUE(out.events.empty());
  // An invalid worker id still fails, as MTurk's "WorkerId is invalid".
  EXPECT_TRUE(
      Rejected(e, r, kT0, DeleteWorkerBlock{WorkerId(99), ""}, ErrorCode::kNotFound, "worker"));
  EXPECT_TRUE(Rejected(e, r, kT0, DeleteWorkerBlock{w, std::string(limits::kReasonMax + 1, 'r')},
                       ErrorCode::kInvalidArgument, "reason"));
  EXPECT_TRUE(Rejected(e, w, kT0, DeleteWorkerBlock{w, ""}, ErrorCode::kPermissionDenied));
}

TEST(Blocks, BlocksBelongToTheirRequester) {
  Engine e;
  AccountId r1 = MakeRequester(e, "r1");
  AccountId r2 = MakeRequester(e, "r2");
  AccountId w = MakeWorker(e, "w1");
  ASSERT_TRUE(Apply(e, r1, kT0, CreateWorkerBlock{w, "x"}).ok());
  EXPECT_TRUE(BlockedWorkers(e, r2).empty());
  ASSERT_TRUE(Apply(e, r2, kT0, DeleteWorkerBlock{w, ""}).ok());
  EXPECT_TRUE(IsBlocked(e, r1, w));
  EXPECT_FALSE(IsBlocked(e, r2, w));
  EXPECT_EQ(BlockedWorkers(e, r1), std::vector<WorkerId>{w});
}

TEST(Blocks, ListWorkerBlocksPagesInWorkerIdOrder) {
  Engine e;
  AccountId r = MakeRequester(e, "acme");
  AccountId other = MakeRequester(e, "rival");
  std::vector<WorkerId> workers;
  for (int i = 0; i < 5; ++i) workers.push_back(MakeWorker(e, "w" + std::to_string(i)));
  // Blocked out of order; listed by worker id.
  for (int i : {3, 0, 4, 1, 2}) {
    ASSERT_TRUE(Apply(e, r, kT0, CreateWorkerBlock{workers[i], "x"}).ok());
  }
  ASSERT_TRUE(Apply(e, other, kT0, CreateWorkerBlock{workers[2], "x"}).ok());

  Result p1 = Apply(e, r, kLater, ListWorkerBlocks{Page{2, ""}});
  ASSERT_TRUE(p1.ok());
  ASSERT_EQ(p1.get<BlockList>().blocks.size(), 2u);
  EXPECT_EQ(p1.get<BlockList>().blocks[0].worker, workers[0]);
  EXPECT_EQ(p1.get<BlockList>().blocks[1].worker, workers[1]);
  EXPECT_FALSE(p1.get<BlockList>().next_token.empty());
  EXPECT_EQ(BlockedWorkers(e, r, 2), workers);
  EXPECT_EQ(BlockedWorkers(e, r, 5), workers);
  EXPECT_EQ(BlockedWorkers(e, other, 1), std::vector<WorkerId>{workers[2]});

  EXPECT_TRUE(IsError(Apply(e, r, kLater, ListWorkerBlocks{Page{0, ""}}),
                      ErrorCode::kInvalidArgument, "max_results"));
  EXPECT_TRUE(IsError(Apply(e, r, kLater, ListWorkerBlocks{Page{101, ""}}),
                      ErrorCode::kInvalidArgument, "max_results"));
  EXPECT_TRUE(IsError(Apply(e, r, kLater, ListWorkerBlocks{Page{10, "abc"}}),
                      ErrorCode::kInvalidArgument, "next_token"));
  EXPECT_TRUE(IsError(Apply(e, workers[0], kLater, ListWorkerBlocks{}),
                      ErrorCode::kPermissionDenied, "role"));
}

TEST(Blocks, BlockedWorkerGetsNoWorkFromTheRequesterUntilUnblocked) {
  Engine e;
  AccountId r = MakeRequester(e, "acme", Cents(10'000));
  AccountId w = MakeWorker(e, "w1");
  MakeHit(e, r, Cents(10), 5);
  ASSERT_TRUE(Apply(e, r, kT0, CreateWorkerBlock{w, "x"}).ok());
  EXPECT_TRUE(IsError(Apply(e, w, kT0 + 1, AcceptNext{}), ErrorCode::kNoWorkAvailable));
  ASSERT_TRUE(Apply(e, r, kT0 + 2, DeleteWorkerBlock{w, ""}).ok());
  EXPECT_TRUE(Apply(e, w, kT0 + 3, AcceptNext{}).ok());
}

// ---- NotifyWorkers ----

NotifyWorkers Note(std::vector<WorkerId> workers) {
  return NotifyWorkers{"New batch", "We posted 500 more images.", std::move(workers)};
}

TEST(Blocks, NotifyWorkersValidatesSubjectMessageAndRecipients) {
  Engine e;
  AccountId r = MakeRequester(e, "acme");
  AccountId w = MakeWorker(e, "w1");
  const auto note = [&](std::string subject, std::string message, size_t n) {
    return NotifyWorkers{std::move(subject), std::move(message), std::vector<WorkerId>(n, w)};
  };
  EXPECT_TRUE(Rejected(e, r, kT0, note("", "m", 1), ErrorCode::kInvalidArgument, "subject"));
  EXPECT_TRUE(Rejected(e, r, kT0, note(std::string(201, 's'), "m", 1), ErrorCode::kInvalidArgument,
                       "subject"));
  EXPECT_TRUE(Rejected(e, r, kT0, note("s", "", 1), ErrorCode::kInvalidArgument, "message"));
  EXPECT_TRUE(Rejected(e, r, kT0, note("s", std::string(4097, 'm'), 1), ErrorCode::kInvalidArgument,
                       "message"));
  EXPECT_TRUE(Rejected(e, r, kT0, note("s", "m", 0), ErrorCode::kInvalidArgument, "workers"));
  EXPECT_TRUE(Rejected(e, r, kT0, note("s", "m", 101), ErrorCode::kInvalidArgument, "workers"));
  EXPECT_TRUE(Rejected(e, w, kT0, note("s", "m", 1), ErrorCode::kPermissionDenied, "role"));
  // Limits are in characters, as MTurk counts them: 200 two-byte characters fit.
  std::string accents;
  for (int i = 0; i < 200; ++i) accents += "\xc3\xa9";
  EXPECT_TRUE(Apply(e, r, kT0, note(accents, std::string(4096, 'm'), 100)).ok());
  accents += "\xc3\xa9";
  EXPECT_TRUE(Rejected(e, r, kT0, note(accents, "m", 1), ErrorCode::kInvalidArgument, "subject"));
}

TEST(Blocks, NotifyWorkersReportsUnknownWorkersAndStrangers) {
  Engine e;
  AccountId r = MakeRequester(e, "acme", Cents(1000));
  AccountId stranger = MakeWorker(e, "w1");
  AccountId pending = MakeWorker(e, "w2");
  AcceptAndSubmit(e, pending, MakeHit(e, r, Cents(10)));  // submitted, not yet decided
  Output out;
  const Command cmd = Note({WorkerId(99), stranger, r, pending, WorkerId()});
  Result res = Apply(e, r, kLater, cmd, out);
  ASSERT_TRUE(res.ok());
  const std::vector<NotifyFailure> expected = {{WorkerId(99), ErrorCode::kNotFound},
                                               {stranger, ErrorCode::kNotFound},
                                               {r, ErrorCode::kNotFound},
                                               {pending, ErrorCode::kNotFound},
                                               {WorkerId(), ErrorCode::kNotFound}};
  EXPECT_EQ(res.get<NotifyResult>().failures, expected);
  EXPECT_TRUE(out.payloads.empty());
  EXPECT_EQ(e.state().notifications, 0u);
}

TEST(Blocks, NotifyWorkersReachesWorkersWhoseWorkWasDecided) {
  Engine e;
  AccountId r = MakeRequester(e, "acme", Cents(10'000));
  AccountId rival = MakeRequester(e, "rival", Cents(10'000));
  AccountId approved = MakeWorker(e, "w1");
  AccountId rejected = MakeWorker(e, "w2");
  AccountId elsewhere = MakeWorker(e, "w3");
  HitId h = MakeHit(e, r, Cents(10), 2);
  ASSERT_TRUE(Apply(e, r, kLater, ApproveAssignment{AcceptAndSubmit(e, approved, h), ""}).ok());
  ASSERT_TRUE(
      Apply(e, r, kLater, RejectAssignment{AcceptAndSubmit(e, rejected, h), "wrong label"}).ok());
  HitId hr = MakeHit(e, rival, Cents(10));
  ASSERT_TRUE(
      Apply(e, rival, kLater, ApproveAssignment{AcceptAndSubmit(e, elsewhere, hr), ""}).ok());
  // A blocked worker is still notified (MTurk allows it).
  ASSERT_TRUE(Apply(e, r, kLater, CreateWorkerBlock{rejected, "x"}).ok());

  Output out;
  const Command cmd = Note({approved, rejected, elsewhere, approved});
  Result res = Apply(e, r, kLater, cmd, out);
  ASSERT_TRUE(res.ok());
  EXPECT_EQ(res.get<NotifyResult>().failures,
            (std::vector<NotifyFailure>{{elsewhere, ErrorCode::kNotFound}}));
  ASSERT_EQ(out.payloads.size(), 4u);  // a repeated id is notified once
  EXPECT_EQ(out.payloads[0].kind, PayloadKind::kNotifySubject);
  EXPECT_EQ(out.payloads[0].id, approved.value);
  EXPECT_EQ(out.payloads[0].aux, 1u);
  EXPECT_EQ(out.payloads[0].data, "New batch");
  EXPECT_EQ(out.payloads[1].kind, PayloadKind::kNotifyMessage);
  EXPECT_EQ(out.payloads[1].id, approved.value);
  EXPECT_EQ(out.payloads[1].data, "We posted 500 more images.");
  EXPECT_EQ(out.payloads[2].id, rejected.value);
  EXPECT_EQ(out.payloads[3].id, rejected.value);
  for (const Payload& p : out.payloads) EXPECT_EQ(p.aux, 1u);

  Output second;
  const Command again = Note({rejected});
  ASSERT_TRUE(Apply(e, r, kLater, again, second).ok());
  ASSERT_EQ(second.payloads.size(), 2u);
  EXPECT_EQ(second.payloads[0].aux, 2u);  // one number per call
}

}  // namespace
}  // namespace hitd::engine
