// Small helpers every handler uses: finding records by id, checking the actor's role,
// emitting events and changed records, and paging. Engine thread only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/commands.h"
#include "engine/limits.h"
#include "engine/output.h"
#include "engine/replies.h"
#include "engine/state.h"

namespace hitd::engine {

// Lookups: nullptr when the id is out of range or 0.
Account* FindAccount(State& s, AccountId id);
// Forgets the oldest idempotency token and tells the store (engine.cc).
void ForgetOldestToken(State& s, Output& out);
const Account* FindAccount(const State& s, AccountId id);
Account* FindRole(State& s, AccountId id, Role role);  // nullptr unless of that role
HitType* FindHitType(State& s, HitTypeId id);
Hit* FindHit(State& s, HitId id);
Assignment* FindAssignment(State& s, AssignmentId id);
QualType* FindQualType(State& s, QualTypeId id);
QualRequest* FindQualRequest(State& s, QualRequestId id);

inline uint32_t Index(uint64_t id) { return static_cast<uint32_t>(id - 1); }
inline AccountState& StateOf(State& s, const Account& a) {
  return s.account_states[Index(a.id.value)];
}
inline HitType& TypeOf(State& s, const Hit& h) { return s.hit_types[Index(h.type.value)]; }
inline Group& GroupOf(State& s, HitTypeId t) { return s.groups[Index(t.value)]; }
inline Hit& HitOf(State& s, const Assignment& a) { return s.hits[Index(a.hit.value)]; }

// The actor of a command, which Engine::Apply has already checked exists and is active.
Account& Actor(State& s, const Context& ctx);

// Fails with kPermissionDenied unless the actor has the role.
std::optional<Error> RequireRole(const Account& actor, Role role);

// Appends an event with the next sequence number.
void EmitEvent(State& s, Output& out, EventType type, TimeMs time, AccountId owner, HitId hit = {},
               AssignmentId assignment = {}, WorkerId worker = {}, QualTypeId qual_type = {},
               Cents amount = {});

inline void Emit(Output& out, const Account& a) { out.accounts.push_back(a); }
inline void Emit(Output& out, const Hit& h) { out.hits.push_back(h); }
inline void Emit(Output& out, const Assignment& a) { out.assignments.push_back(a); }
inline void EmitPayload(Output& out, PayloadKind kind, uint64_t id, std::string_view data,
                        uint64_t aux = 0) {
  if (!data.empty()) out.payloads.push_back(Payload{kind, id, aux, data});
}

// Paging: a next_token is the decimal id of the last item returned.
std::optional<Error> CheckPage(const Page& page);
uint64_t PageStart(const Page& page);  // the first id after the token (1 for none)
std::string PageToken(uint64_t last_id);

// Allocates the next dense id for a table of `size` entries, or fails when full.
inline bool HasRoomFor(size_t size, size_t n = 1) { return size + n <= kMaxDenseId; }

// The number of characters (code points) of UTF-8 text: limits such as a title's 128
// characters count what a person sees, not bytes. Continuation bytes are not counted.
inline size_t Utf8Length(std::string_view text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

// Worker's derived qualification percentages (DESIGN section 2, "Percentages").
int32_t PercentApproved(const WorkerCounters& c);
int32_t PercentRejected(const WorkerCounters& c);
int32_t PercentSubmitted(const WorkerCounters& c);
int32_t PercentReturned(const WorkerCounters& c);
int32_t PercentAbandoned(const WorkerCounters& c);

// Whether `locale` is in `list`; an entry without a subdivision stands for its whole
// country. For the configured country lists (requester registration, bank transfers).
bool LocaleListed(const std::vector<Locale>& list, const Locale& locale);

// Days since the Unix epoch of `t`, in UTC (for probation's daily limit).
inline int32_t UtcDay(TimeMs t) {
  int64_t d = t.value / 86'400'000;
  if (t.value < 0 && t.value % 86'400'000 != 0) --d;
  return static_cast<int32_t>(d);
}

}  // namespace hitd::engine
