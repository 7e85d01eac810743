// A closed-loop load of many clients on an open market: each client is a worker who
// takes the next HIT (AcceptNext), submits an answer, and has the HIT's requester
// approve it; every tenth cycle the requester then posts a new HIT (CreateHit, 10
// assignments), so the open work stays steady. That is 3.1 mutations per cycle.
//
// A client sends its next command only once the answer to its previous one is released,
// that is, once the batch holding it is durable (sync mode): the load a daemon with
// `clients` connected clients would see. The engine thread (the Pipeline) batches
// whatever is ready, up to its batch size, and submits a partial batch rather than wait.
//
// Successive cycles of a client use different workers, spread over the whole market.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "bench/store/pipeline.h"
#include "bench/store/store_market.h"

namespace hitd::bench {

class CycleDriver {
 public:
  CycleDriver(Pipeline& pipeline, const StoreMarket& market, uint32_t clients);
  ~CycleDriver();
  CycleDriver(const CycleDriver&) = delete;
  CycleDriver& operator=(const CycleDriver&) = delete;

  // Runs until `mutations` more mutations have been applied, then waits until every
  // batch is durable.
  void Run(uint64_t mutations);

  uint64_t cycles() const { return cycles_; }
  uint64_t accept_failures() const { return accept_failures_; }

 private:
  enum class Step : uint8_t { kAccept, kSubmit, kApprove, kCreate };
  struct Client {
    Step step = Step::kAccept;
    uint32_t cycle = 0;
    engine::AccountId worker;
    engine::AccountId requester;
    engine::AssignmentId assignment;
  };

  void Advance(uint32_t c);
  void Ready(uint32_t c);

  Pipeline& pipeline_;
  const StoreMarket& market_;
  std::vector<Client> clients_;
  std::vector<uint32_t> ready_;  // a ring: every client is in it at most once
  size_t head_ = 0;
  size_t count_ = 0;
  std::string question_;
  uint64_t cycles_ = 0;
  uint64_t accept_failures_ = 0;
};

}  // namespace hitd::bench
