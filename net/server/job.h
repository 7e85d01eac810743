// A job: one unit of work the IO thread hands to the engine thread through the request
// ring, and gets back, answered, with the batch it was applied in.
//
// Ownership: the IO thread allocates jobs (JobPool), fills them and pushes them; from the
// push until the batch that carries the job comes back through store::Host::NextDone,
// the engine thread (then the store thread, for the payload views in the batch's Output)
// owns it; then the IO thread answers it and puts it back in the pool. The ring carries
// pointers, so a job is never copied.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/commands.h"
#include "engine/records.h"
#include "engine/replies.h"
#include "net/protocol/operation.h"
#include "net/protocol/session_codec.h"

namespace hitd::server {

enum class JobKind : uint8_t {
  kCommand = 1,        // an engine command: `command`, answered by `result`
  kLookup = 2,         // the handshake: find `lookup_name` or `lookup_id` -> `account`
  kSubscribeWork = 3,  // register `filter` for the actor's session -> result
  kUnsubscribeWork = 4,
  kBackupCheck = 5,    // may the actor take a backup? -> result (Empty or an error)
  kSessionClosed = 6,  // forget the session's subscriptions; no answer
};

// The request an answer is for, for telemetry: its operation (the RequestBody member; 0
// when the answer is to no request, e.g. a frame that failed verification) and when its
// frame was read (steady clock, nanoseconds).
struct RequestTag {
  uint16_t op = 0;
  int64_t read_ns = 0;
};

// What the engine thread found for a handshake's Hello.
struct LookedUp {
  bool found = false;
  engine::AccountId id;
  engine::Role role = engine::Role::kWorker;
  engine::AccountStatus status = engine::AccountStatus::kActive;
};

struct Job {
  JobKind kind = JobKind::kCommand;
  uint64_t session = 0;
  uint64_t request_id = 0;
  engine::AccountId actor;
  std::string token;
  uint64_t fingerprint = 0;
  engine::Command command;
  engine::WorkFilter filter;  // kSubscribeWork
  std::string backup_dir;     // kBackupCheck
  std::string lookup_name;    // kLookup: by name when set, else by id
  engine::AccountId lookup_id;
  RequestTag tag;  // the request's, copied back to the session when it is answered

  // Filled by the engine thread.
  engine::Result result;
  bool mutation = false;
  LookedUp account;

  Job* next = nullptr;  // the batch's list (engine thread), then the pool's (IO thread)
};

// A notice for a work subscriber, made by the engine thread with a batch.
struct WorkNotice {
  uint64_t session = 0;
  net::WorkAvailable group;
};

// What the engine thread keeps beside each store::Batch until the IO thread has
// answered it: its jobs in order and its work notices. Indexed by batch seq modulo the
// host's pool size, which is unique among batches in flight.
struct BatchSide {
  Job* first = nullptr;
  Job* last = nullptr;
  std::vector<WorkNotice> work;

  void Append(Job* job) {
    job->next = nullptr;
    if (last == nullptr) {
      first = job;
    } else {
      last->next = job;
    }
    last = job;
  }
  void Clear() {
    first = last = nullptr;
    work.clear();
  }
};

// The IO thread's free list of jobs: after warm-up, submitting allocates nothing.
class JobPool {
 public:
  JobPool() = default;
  JobPool(const JobPool&) = delete;
  JobPool& operator=(const JobPool&) = delete;
  ~JobPool() {
    while (free_ != nullptr) {
      Job* j = free_;
      free_ = j->next;
      delete j;
    }
  }

  Job* Get() {
    Job* j = free_;
    if (j == nullptr) return new Job();
    free_ = j->next;
    j->next = nullptr;
    return j;
  }
  void Put(Job* job) {
    job->token.clear();
    job->lookup_name.clear();
    job->backup_dir.clear();
    job->fingerprint = 0;
    job->mutation = false;
    job->account = LookedUp{};
    job->tag = RequestTag{};
    job->next = free_;
    free_ = job;
  }

 private:
  Job* free_ = nullptr;
};

}  // namespace hitd::server
