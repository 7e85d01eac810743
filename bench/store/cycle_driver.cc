#include "bench/store/cycle_driver.h"

namespace hitd::bench {

using namespace hitd::engine;

namespace {
constexpr uint32_t kCreateEvery = 10;  // cycles per CreateHit
constexpr uint32_t kNewHitAssignments = 10;
}  // namespace

CycleDriver::CycleDriver(Pipeline& pipeline, const StoreMarket& market, uint32_t clients)
    : pipeline_(pipeline),
      market_(market),
      clients_(clients),
      ready_(clients),
      question_(512, 'q') {
  for (uint32_t c = 0; c < clients; ++c) Ready(c);
  pipeline_.set_on_done([this](uint32_t c) { Ready(c); });
}

CycleDriver::~CycleDriver() { pipeline_.set_on_done(nullptr); }

void CycleDriver::Ready(uint32_t c) {
  ready_[(head_ + count_) % ready_.size()] = c;
  ++count_;
}

// Sends client c's next command; its answer is released with its batch.
void CycleDriver::Advance(uint32_t c) {
  Client& cl = clients_[c];
  switch (cl.step) {
    case Step::kAccept: {
      const uint64_t n = market_.workers.size();
      cl.worker = market_.workers[(c + uint64_t{cl.cycle} * clients_.size()) % n];
      Result r = pipeline_.Apply(cl.worker, AcceptNext{}, c);
      if (!r.ok()) {  // no work this worker may take: the next cycle tries another worker
        ++accept_failures_;
        ++cl.cycle;
        return;
      }
      const AssignmentView& v = r.get<AssignmentView>();
      cl.assignment = v.assignment.id;
      cl.requester = v.requester;
      cl.step = Step::kSubmit;
      return;
    }
    case Step::kSubmit:
      pipeline_.Apply(cl.worker, SubmitAssignment{cl.assignment, AnswerPayload()}, c);
      cl.step = Step::kApprove;
      return;
    case Step::kApprove:
      pipeline_.Apply(cl.requester, ApproveAssignment{cl.assignment, {}, false}, c);
      ++cl.cycle;
      ++cycles_;
      cl.step = cycles_ % kCreateEvery == 0 ? Step::kCreate : Step::kAccept;
      return;
    case Step::kCreate: {
      HitSpec hit;
      hit.max_assignments = kNewHitAssignments;
      hit.lifetime = Days(30);
      hit.question = question_;
      pipeline_.Apply(cl.requester, CreateHit{market_.SpecOf(cl.requester), std::move(hit)}, c);
      cl.step = Step::kAccept;
      return;
    }
  }
}

void CycleDriver::Run(uint64_t mutations) {
  const uint64_t target = pipeline_.stats().mutations + mutations;
  while (pipeline_.stats().mutations < target) {
    if (count_ == 0) {
      // Every client waits for an answer: submit what is open, then wait for the store.
      pipeline_.Flush();
      pipeline_.WaitAndPoll();
      continue;
    }
    const uint32_t c = ready_[head_];
    head_ = (head_ + 1) % ready_.size();
    --count_;
    Advance(c);
    // Between batches (the last Apply submitted a full one): release what is durable.
    if (pipeline_.open_commands() == 0) pipeline_.Poll();
  }
  pipeline_.Drain();
}

}  // namespace hitd::bench
