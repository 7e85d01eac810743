// Pushes (schemas/README.md, "Pushes"): a requester's event stream arrives in sequence
// order, resumes after a reconnect from the last seen sequence number + 1 with no gap
// and no duplicate, and never carries another account's events; a worker's work
// subscription announces groups it may take and not those it is not qualified for.
//
// Every wait is for an expected arrival with a deadline. "Nothing else arrived" is
// checked by ordering: a later event or push that must come after it on the same
// connection is awaited, and then the earlier absence is certain.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "tests/daemon/market_fixture.h"

namespace hitd::daemon_test {
namespace {

using engine::Command;

// What a subscription delivered, collected from the client's thread.
template <typename T>
class Inbox {
 public:
  void Add(std::span<const T> items) {
    std::lock_guard lock(mu_);
    items_.insert(items_.end(), items.begin(), items.end());
  }
  std::vector<T> Items() const {
    std::lock_guard lock(mu_);
    return items_;
  }
  bool WaitFor(const std::function<bool(const std::vector<T>&)>& done) const {
    return WaitUntil([&] { return done(Items()); }, 10'000);
  }

 private:
  mutable std::mutex mu_;
  std::vector<T> items_;
};

using Subscriptions = MarketTest;

std::vector<engine::HitId> CreatedHits(const std::vector<engine::Event>& events) {
  std::vector<engine::HitId> hits;
  for (const engine::Event& e : events) {
    if (e.type == engine::EventType::kHitCreated) hits.push_back(e.hit);
  }
  return hits;
}

void ExpectInOrderAndOwnedBy(const std::vector<engine::Event>& events, engine::AccountId owner) {
  for (size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(events[i].owner, owner) << "event " << events[i].seq << " is another account's";
    if (i > 0) {
      EXPECT_LT(events[i - 1].seq, events[i].seq) << "in sequence order, no duplicate";
    }
  }
}

TEST_F(Subscriptions, EventsResumeAfterAReconnectWithNoGapAndNoDuplicate) {
  const TestAccount owner =
      CreateAccount(engine::Role::kRequester, "subscriber", engine::Cents(kDeposit));
  auto writer = Connect(owner);
  const engine::HitTypeId type = CreateType(*writer, TypeSpec("Subscribed work"));

  const engine::HitTypeId strangers_type = CreateType(*r2_, TypeSpec("Another requester's"));

  auto first = Connect(owner);
  Inbox<engine::Event> inbox1;
  const client::Answer subscribed =
      first->SubscribeEvents(1, [&](std::span<const engine::Event> events) { inbox1.Add(events); });
  ASSERT_TRUE(Ok(subscribed));
  std::vector<engine::HitId> made;
  for (int i = 0; i < 3; ++i) {
    made.push_back(CreateHit(*writer, type, "<q>first " + std::to_string(i) + "</q>"));
    CreateHit(*r2_, strangers_type, "<q>not yours</q>");
  }
  ASSERT_TRUE(inbox1.WaitFor([](const auto& e) { return CreatedHits(e).size() >= 3; }))
      << "the first three HITCreated events";
  const std::vector<engine::Event> seen1 = inbox1.Items();
  EXPECT_EQ(CreatedHits(seen1), made);
  ExpectInOrderAndOwnedBy(seen1, owner.id);
  const uint64_t last_seen = seen1.back().seq;
  first->Close();

  std::vector<engine::HitId> missed;
  for (int i = 0; i < 2; ++i) missed.push_back(CreateHit(*writer, type, "<q>missed</q>"));

  auto second = Connect(owner);
  Inbox<engine::Event> inbox2;
  ASSERT_TRUE(Ok(second->SubscribeEvents(
      last_seen + 1, [&](std::span<const engine::Event> events) { inbox2.Add(events); })));
  ASSERT_TRUE(inbox2.WaitFor([](const auto& e) { return CreatedHits(e).size() >= 2; }))
      << "the events missed while away";
  missed.push_back(CreateHit(*writer, type, "<q>live</q>"));
  ASSERT_TRUE(inbox2.WaitFor([](const auto& e) { return CreatedHits(e).size() >= 3; }))
      << "then live events";
  const std::vector<engine::Event> seen2 = inbox2.Items();
  EXPECT_EQ(CreatedHits(seen2), missed) << "exactly the missed ones, then the live one";
  ExpectInOrderAndOwnedBy(seen2, owner.id);
  EXPECT_GT(seen2.front().seq, last_seen) << "nothing seen before is sent again";
}

TEST_F(Subscriptions, FromZeroStreamsOnlyNewEvents) {
  const TestAccount owner =
      CreateAccount(engine::Role::kRequester, "newsonly", engine::Cents(kDeposit));
  auto writer = Connect(owner);
  const engine::HitTypeId type = CreateType(*writer, TypeSpec("News"));
  const engine::HitId before = CreateHit(*writer, type, "<q>before</q>");
  auto reader = Connect(owner);
  Inbox<engine::Event> inbox;
  ASSERT_TRUE(Ok(reader->SubscribeEvents(
      0, [&](std::span<const engine::Event> events) { inbox.Add(events); })));
  const engine::HitId after = CreateHit(*writer, type, "<q>after</q>");
  ASSERT_TRUE(inbox.WaitFor([](const auto& e) { return !CreatedHits(e).empty(); }));
  EXPECT_EQ(CreatedHits(inbox.Items()), std::vector<engine::HitId>{after});
  EXPECT_NE(before, after);
}

TEST_F(Subscriptions, WorkPushesOnlyWhatTheWorkerMayTake) {
  Inbox<net::WorkAvailable> qualified, unqualified;
  ASSERT_TRUE(
      Ok(w_->SubscribeWork(engine::WorkFilter{}, [&](auto groups) { qualified.Add(groups); })));
  ASSERT_TRUE(
      Ok(w2_->SubscribeWork(engine::WorkFilter{}, [&](auto groups) { unqualified.Add(groups); })));
  auto has = [](engine::HitTypeId type) {
    return [type](const std::vector<net::WorkAvailable>& groups) {
      return std::any_of(groups.begin(), groups.end(),
                         [&](const net::WorkAvailable& g) { return g.type == type; });
    };
  };
  // First work only worker_ qualifies for, then work both may take.
  CreateHit(*r_, qualified_type_, "<q>needs the skill</q>");
  ASSERT_TRUE(qualified.WaitFor(has(qualified_type_))) << "the qualified worker is told";
  const engine::HitTypeId fresh = CreateType(*r_, TypeSpec("Open to all", 7));
  CreateHit(*r_, fresh, "<q>anyone</q>");
  ASSERT_TRUE(unqualified.WaitFor(has(fresh))) << "the other worker is told of open work";
  EXPECT_FALSE(has(qualified_type_)(unqualified.Items()))
      << "never of work it is not qualified to take";
  ASSERT_TRUE(qualified.WaitFor(has(fresh)));
  for (const net::WorkAvailable& g : qualified.Items()) {
    if (g.type != qualified_type_) continue;
    EXPECT_EQ(g.requester, requester_.id);
    EXPECT_EQ(g.reward, engine::Cents(20));
    EXPECT_GE(g.slots_available, 1u);
    EXPECT_EQ(g.title, "Add numbers");
  }
  engine::WorkFilter in_group;
  in_group.type = qualified_type_;
  EXPECT_TRUE(Ok(w_->Call(Command(engine::AcceptNext{in_group}))))
      << "AcceptNext with the pushed group takes the work";
}

}  // namespace
}  // namespace hitd::daemon_test
