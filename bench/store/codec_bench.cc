// codec_bench: the record codec's cost per hot record (bench/RESULTS.md has the figures).
//
// BM_Encode: Encode into a reused builder, as the store's writer does for each changed
// record. BM_Decode: Decode from an 8-byte aligned copy. BM_DecodeMisaligned: Decode from
// bytes 2 bytes off alignment, as LMDB hands values out, which adds a copy.
#include <benchmark/benchmark.h>

#include <cstring>
#include <span>
#include <vector>

#include "engine/records.h"
#include "engine/store/codec.h"

namespace hitd::bench {
namespace {

using namespace hitd::engine;

Hit MakeHit() {
  Hit h;
  h.id = HitId(1'234'567);
  h.type = HitTypeId(45'678);
  h.requester = AccountId(901);
  h.created = TimeMs(1'700'000'000'000);
  h.expires = TimeMs(1'700'086'400'000);
  h.reward = Cents(25);
  h.fee = Cents(5);
  h.max_assignments = 20;
  h.free = 12;
  h.accepted = 3;
  h.submitted = 2;
  h.approved = 2;
  h.rejected = 1;
  h.rejected_closed = 1;
  h.returned = 1;
  return h;
}

Assignment MakeAssignment() {
  Assignment a;
  a.id = AssignmentId(98'765'432);
  a.hit = HitId(1'234'567);
  a.worker = AccountId(555'555);
  a.status = AssignmentStatus::kSubmitted;
  a.accepted = TimeMs(1'700'000'000'000);
  a.deadline = TimeMs(1'700'003'600'000);
  a.submitted = TimeMs(1'700'000'600'000);
  a.auto_approval = TimeMs(1'700'259'800'000);
  return a;
}

Account MakeAccount() {
  Account a;
  a.id = AccountId(555'555);
  a.role = Role::kWorker;
  a.locale.country[0] = 'U';
  a.locale.country[1] = 'S';
  a.created = TimeMs(1'690'000'000'000);
  a.available = Cents(12'345);
  a.withdrawn = Cents(100'000);
  a.earned = Cents(112'345);
  a.counters = WorkerCounters{900, 880, 850, 20, 15, 5};
  a.accepts_day = 19'675;
  a.accepts_today = 40;
  return a;
}

Event MakeEvent() {
  Event e;
  e.seq = 123'456'789;
  e.type = EventType::kAssignmentApproved;
  e.time = TimeMs(1'700'000'700'000);
  e.owner = AccountId(901);
  e.hit = HitId(1'234'567);
  e.assignment = AssignmentId(98'765'432);
  e.worker = AccountId(555'555);
  e.amount = Cents(25);
  return e;
}

template <typename Record>
Record Make();
template <>
Hit Make<Hit>() {
  return MakeHit();
}
template <>
Assignment Make<Assignment>() {
  return MakeAssignment();
}
template <>
Account Make<Account>() {
  return MakeAccount();
}
template <>
Event Make<Event>() {
  return MakeEvent();
}

template <typename Record>
void BM_Encode(benchmark::State& state) {
  flatbuffers::FlatBufferBuilder fbb(1024);
  Record record = Make<Record>();
  size_t bytes = 0;
  for (auto _ : state) {
    std::span<const uint8_t> out = store::Encode(fbb, record);
    benchmark::DoNotOptimize(out.data());
    bytes = out.size();
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}

template <typename Record>
void DecodeAt(benchmark::State& state, size_t shift) {
  flatbuffers::FlatBufferBuilder fbb(1024);
  std::span<const uint8_t> encoded = store::Encode(fbb, Make<Record>());
  std::vector<uint64_t> storage(encoded.size() / 8 + 2);
  uint8_t* at = reinterpret_cast<uint8_t*>(storage.data()) + shift;
  std::memcpy(at, encoded.data(), encoded.size());
  std::span<const uint8_t> bytes(at, encoded.size());
  Record out;
  for (auto _ : state) {
    bool ok = store::Decode(bytes, out);
    benchmark::DoNotOptimize(ok);
    benchmark::DoNotOptimize(out);
  }
}

template <typename Record>
void BM_Decode(benchmark::State& state) {
  DecodeAt<Record>(state, 0);
}

template <typename Record>
void BM_DecodeMisaligned(benchmark::State& state) {
  DecodeAt<Record>(state, 2);
}

BENCHMARK_TEMPLATE(BM_Encode, Hit);
BENCHMARK_TEMPLATE(BM_Encode, Assignment);
BENCHMARK_TEMPLATE(BM_Encode, Account);
BENCHMARK_TEMPLATE(BM_Encode, Event);
BENCHMARK_TEMPLATE(BM_Decode, Hit);
BENCHMARK_TEMPLATE(BM_Decode, Assignment);
BENCHMARK_TEMPLATE(BM_Decode, Account);
BENCHMARK_TEMPLATE(BM_Decode, Event);
BENCHMARK_TEMPLATE(BM_DecodeMisaligned, Hit);
BENCHMARK_TEMPLATE(BM_DecodeMisaligned, Assignment);
BENCHMARK_TEMPLATE(BM_DecodeMisaligned, Account);
BENCHMARK_TEMPLATE(BM_DecodeMisaligned, Event);

}  // namespace
}  // namespace hitd::bench
