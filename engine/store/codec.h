// The on-disk record codec: engine records <-> FlatBuffers (schemas/records.fbs).
//
// Encode clears `fbb`, builds and finishes one record, and returns a view of the
// finished bytes, valid until `fbb` is next used. The builder keeps its memory across
// Clear, so once it has held the largest record, encoding a scalar-only record (Account,
// Hit, Assignment, Event, EngineMeta, Bonus, WorkerBlock, QualGrant, QualRequest)
// allocates nothing. Encode asserts (HITD_CHECK) what only a bug can cause: a token
// whose answer is not one a mutation returns (see TokenRecord below).
//
// Decode verifies the bytes with flatbuffers::Verifier (bounded depth and table count)
// and fills `out`. It returns false, leaving `out` unspecified, when the bytes are not a
// valid record of that kind:
//   - they fail verification (truncated, garbage, offsets out of bounds), or their size
//     is not a multiple of 4 (every finished FlatBuffer's is);
//   - an enum or union type holds a value this build does not know;
//   - a locale has bits set beyond its 5 bytes;
//   - the record's own key is 0 (its id; for QualGrant the worker and type, for
//     WorkerBlock the requester and worker; an Event's seq; a token's account) or a
//     token is empty.
// A record written by an older schema (without fields appended since) decodes with those
// fields at their defaults, which equal the C++ defaults. The bytes need no alignment:
// LMDB gives values on 2-byte boundaries, so Decode copies a misaligned record to an
// aligned buffer first (on the stack for records up to 512 bytes).
//
// Tokens: a TokenRecord stores the first successful answer of a tokened mutation, which
// is one of Empty, AccountView, AccountBalance, Withdrawal, BonusSent, NotifyResult,
// HitTypeCreated, HitCreated, HitsCreated, AssignmentView, SubmitAndAcceptNextResult,
// QualTypeCreated, QualTypeView or QualRequestResult. Reads and Tick take no token and
// failures keep none, so the other Reply alternatives are never stored.
//
// Pure functions: any thread may call them, each with its own builder.
#pragma once

#include <flatbuffers/flatbuffers.h>

#include <cstdint>
#include <span>

#include "engine/output.h"
#include "engine/records.h"

namespace hitd::store {

std::span<const uint8_t> Encode(flatbuffers::FlatBufferBuilder& fbb, const engine::Account&);
std::span<const uint8_t> Encode(flatbuffers::FlatBufferBuilder& fbb, const engine::AccountProfile&);
std::span<const uint8_t> Encode(flatbuffers::FlatBufferBuilder& fbb, const engine::QualType&);
std::span<const uint8_t> Encode(flatbuffers::FlatBufferBuilder& fbb, const engine::QualGrant&);
std::span<const uint8_t> Encode(flatbuffers::FlatBufferBuilder& fbb, const engine::QualRequest&);
std::span<const uint8_t> Encode(flatbuffers::FlatBufferBuilder& fbb, const engine::HitType&);
std::span<const uint8_t> Encode(flatbuffers::FlatBufferBuilder& fbb, const engine::Hit&);
std::span<const uint8_t> Encode(flatbuffers::FlatBufferBuilder& fbb, const engine::Assignment&);
std::span<const uint8_t> Encode(flatbuffers::FlatBufferBuilder& fbb, const engine::Bonus&);
std::span<const uint8_t> Encode(flatbuffers::FlatBufferBuilder& fbb, const engine::WorkerBlock&);
std::span<const uint8_t> Encode(flatbuffers::FlatBufferBuilder& fbb, const engine::Event&);
std::span<const uint8_t> Encode(flatbuffers::FlatBufferBuilder& fbb, const engine::EngineMeta&);
std::span<const uint8_t> Encode(flatbuffers::FlatBufferBuilder& fbb, const engine::TokenRecord&);

[[nodiscard]] bool Decode(std::span<const uint8_t> bytes, engine::Account& out);
[[nodiscard]] bool Decode(std::span<const uint8_t> bytes, engine::AccountProfile& out);
[[nodiscard]] bool Decode(std::span<const uint8_t> bytes, engine::QualType& out);
[[nodiscard]] bool Decode(std::span<const uint8_t> bytes, engine::QualGrant& out);
[[nodiscard]] bool Decode(std::span<const uint8_t> bytes, engine::QualRequest& out);
[[nodiscard]] bool Decode(std::span<const uint8_t> bytes, engine::HitType& out);
[[nodiscard]] bool Decode(std::span<const uint8_t> bytes, engine::Hit& out);
[[nodiscard]] bool Decode(std::span<const uint8_t> bytes, engine::Assignment& out);
[[nodiscard]] bool Decode(std::span<const uint8_t> bytes, engine::Bonus& out);
[[nodiscard]] bool Decode(std::span<const uint8_t> bytes, engine::WorkerBlock& out);
[[nodiscard]] bool Decode(std::span<const uint8_t> bytes, engine::Event& out);
[[nodiscard]] bool Decode(std::span<const uint8_t> bytes, engine::EngineMeta& out);
[[nodiscard]] bool Decode(std::span<const uint8_t> bytes, engine::TokenRecord& out);

}  // namespace hitd::store
