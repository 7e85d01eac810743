// What the codec files share: the proof that the schema's enums mirror the engine's, and
// the locale packing of entities.fbs.
#include "engine/store/codec_internal.h"

namespace hitd::store::codec {
namespace {

template <typename E, typename S>
constexpr bool Mirrors(E e, S s) {
  return AsInt(e) == AsInt(s);
}

using engine::ActionsGuarded;
using engine::AssignmentOrder;
using engine::AssignmentStatus;
using engine::Comparator;
using engine::ErrorCode;
using engine::EventType;
using engine::GrantStatus;
using engine::QualRequestStatus;
using engine::QualTypeStatus;
using engine::Role;

// Each engine value has the schema's number, and the schema's last value is the
// engine's last, so ToEngine's range check admits exactly the engine's values.
static_assert(Mirrors(Role::kAdmin, schema::Role::Admin));
static_assert(Mirrors(Role::kRequester, schema::Role::Requester));
static_assert(Mirrors(Role::kWorker, schema::Role::Worker));
static_assert(Mirrors(Role::kWorker, schema::Role::MAX));

static_assert(Mirrors(engine::AccountStatus::kActive, schema::AccountStatus::Active));
static_assert(Mirrors(engine::AccountStatus::kSuspended, schema::AccountStatus::Suspended));
static_assert(Mirrors(engine::AccountStatus::kSuspended, schema::AccountStatus::MAX));

static_assert(Mirrors(Comparator::kLessThan, schema::Comparator::LessThan));
static_assert(Mirrors(Comparator::kLessThanOrEqualTo, schema::Comparator::LessThanOrEqualTo));
static_assert(Mirrors(Comparator::kGreaterThan, schema::Comparator::GreaterThan));
static_assert(Mirrors(Comparator::kGreaterThanOrEqualTo, schema::Comparator::GreaterThanOrEqualTo));
static_assert(Mirrors(Comparator::kEqualTo, schema::Comparator::EqualTo));
static_assert(Mirrors(Comparator::kNotEqualTo, schema::Comparator::NotEqualTo));
static_assert(Mirrors(Comparator::kExists, schema::Comparator::Exists));
static_assert(Mirrors(Comparator::kDoesNotExist, schema::Comparator::DoesNotExist));
static_assert(Mirrors(Comparator::kIn, schema::Comparator::In));
static_assert(Mirrors(Comparator::kNotIn, schema::Comparator::NotIn));
static_assert(Mirrors(Comparator::kNotIn, schema::Comparator::MAX));

static_assert(Mirrors(ActionsGuarded::kAccept, schema::ActionsGuarded::Accept));
static_assert(Mirrors(ActionsGuarded::kPreviewAndAccept, schema::ActionsGuarded::PreviewAndAccept));
static_assert(Mirrors(ActionsGuarded::kDiscoverPreviewAndAccept,
                      schema::ActionsGuarded::DiscoverPreviewAndAccept));
static_assert(Mirrors(ActionsGuarded::kDiscoverPreviewAndAccept, schema::ActionsGuarded::MAX));

static_assert(Mirrors(AssignmentOrder::kFifo, schema::AssignmentOrder::Fifo));
static_assert(Mirrors(AssignmentOrder::kBreadthFirst, schema::AssignmentOrder::BreadthFirst));
static_assert(Mirrors(AssignmentOrder::kPriority, schema::AssignmentOrder::Priority));
static_assert(Mirrors(AssignmentOrder::kRandom, schema::AssignmentOrder::Random));
static_assert(Mirrors(AssignmentOrder::kRandom, schema::AssignmentOrder::MAX));

static_assert(Mirrors(AssignmentStatus::kAccepted, schema::AssignmentStatus::Accepted));
static_assert(Mirrors(AssignmentStatus::kSubmitted, schema::AssignmentStatus::Submitted));
static_assert(Mirrors(AssignmentStatus::kApproved, schema::AssignmentStatus::Approved));
static_assert(Mirrors(AssignmentStatus::kRejected, schema::AssignmentStatus::Rejected));
static_assert(Mirrors(AssignmentStatus::kReturned, schema::AssignmentStatus::Returned));
static_assert(Mirrors(AssignmentStatus::kAbandoned, schema::AssignmentStatus::Abandoned));
static_assert(Mirrors(AssignmentStatus::kAbandoned, schema::AssignmentStatus::MAX));

static_assert(Mirrors(QualTypeStatus::kActive, schema::QualTypeStatus::Active));
static_assert(Mirrors(QualTypeStatus::kInactive, schema::QualTypeStatus::Inactive));
static_assert(Mirrors(QualTypeStatus::kDisposed, schema::QualTypeStatus::Disposed));
static_assert(Mirrors(QualTypeStatus::kDisposed, schema::QualTypeStatus::MAX));

static_assert(Mirrors(GrantStatus::kGranted, schema::GrantStatus::Granted));
static_assert(Mirrors(GrantStatus::kRevoked, schema::GrantStatus::Revoked));
static_assert(Mirrors(GrantStatus::kRevoked, schema::GrantStatus::MAX));

static_assert(Mirrors(QualRequestStatus::kPending, schema::QualRequestStatus::Pending));
static_assert(Mirrors(QualRequestStatus::kApproved, schema::QualRequestStatus::Approved));
static_assert(Mirrors(QualRequestStatus::kRejected, schema::QualRequestStatus::Rejected));
static_assert(Mirrors(QualRequestStatus::kRejected, schema::QualRequestStatus::MAX));

static_assert(Mirrors(EventType::kHitCreated, schema::EventType::HitCreated));
static_assert(Mirrors(EventType::kHitExtended, schema::EventType::HitExtended));
static_assert(Mirrors(EventType::kHitExpired, schema::EventType::HitExpired));
static_assert(Mirrors(EventType::kHitReviewable, schema::EventType::HitReviewable));
static_assert(Mirrors(EventType::kHitDisposed, schema::EventType::HitDisposed));
static_assert(Mirrors(EventType::kAssignmentAccepted, schema::EventType::AssignmentAccepted));
static_assert(Mirrors(EventType::kAssignmentSubmitted, schema::EventType::AssignmentSubmitted));
static_assert(Mirrors(EventType::kAssignmentReturned, schema::EventType::AssignmentReturned));
static_assert(Mirrors(EventType::kAssignmentAbandoned, schema::EventType::AssignmentAbandoned));
static_assert(Mirrors(EventType::kAssignmentApproved, schema::EventType::AssignmentApproved));
static_assert(Mirrors(EventType::kAssignmentRejected, schema::EventType::AssignmentRejected));
static_assert(Mirrors(EventType::kBonusPaid, schema::EventType::BonusPaid));
static_assert(Mirrors(EventType::kQualificationRequested,
                      schema::EventType::QualificationRequested));
static_assert(Mirrors(EventType::kQualificationGranted, schema::EventType::QualificationGranted));
static_assert(Mirrors(EventType::kQualificationRevoked, schema::EventType::QualificationRevoked));
static_assert(Mirrors(EventType::kWorkerBlocked, schema::EventType::WorkerBlocked));
static_assert(Mirrors(EventType::kWorkerBlocked, schema::EventType::MAX));

static_assert(Mirrors(ErrorCode::kOk, schema::ErrorCode::Ok));
static_assert(Mirrors(ErrorCode::kInvalidArgument, schema::ErrorCode::InvalidArgument));
static_assert(Mirrors(ErrorCode::kNotFound, schema::ErrorCode::NotFound));
static_assert(Mirrors(ErrorCode::kAlreadyExists, schema::ErrorCode::AlreadyExists));
static_assert(Mirrors(ErrorCode::kPermissionDenied, schema::ErrorCode::PermissionDenied));
static_assert(Mirrors(ErrorCode::kUnauthenticated, schema::ErrorCode::Unauthenticated));
static_assert(Mirrors(ErrorCode::kFailedPrecondition, schema::ErrorCode::FailedPrecondition));
static_assert(Mirrors(ErrorCode::kInsufficientFunds, schema::ErrorCode::InsufficientFunds));
static_assert(Mirrors(ErrorCode::kNoWorkAvailable, schema::ErrorCode::NoWorkAvailable));
static_assert(Mirrors(ErrorCode::kResourceExhausted, schema::ErrorCode::ResourceExhausted));
static_assert(Mirrors(ErrorCode::kMalformed, schema::ErrorCode::Malformed));
static_assert(Mirrors(ErrorCode::kUnsupported, schema::ErrorCode::Unsupported));
static_assert(Mirrors(ErrorCode::kUnavailable, schema::ErrorCode::Unavailable));
static_assert(Mirrors(ErrorCode::kInternal, schema::ErrorCode::Internal));
static_assert(Mirrors(ErrorCode::kTokenConflict, schema::ErrorCode::TokenConflict));
static_assert(Mirrors(ErrorCode::kTokenConflict, schema::ErrorCode::MAX));

// A locale's five bytes, in packing order.
constexpr int kLocaleBytes = 5;
static_assert(sizeof(engine::Locale) == kLocaleBytes);

}  // namespace

uint64_t PackLocale(engine::Locale locale) {
  const char bytes[kLocaleBytes] = {locale.country[0], locale.country[1], locale.subdivision[0],
                                    locale.subdivision[1], locale.subdivision[2]};
  uint64_t packed = 0;
  for (int i = 0; i < kLocaleBytes; ++i) {
    packed |= uint64_t{static_cast<uint8_t>(bytes[i])} << (8 * i);
  }
  return packed;
}

bool UnpackLocale(uint64_t packed, engine::Locale& out) {
  if ((packed >> (8 * kLocaleBytes)) != 0) return false;
  char bytes[kLocaleBytes];
  for (int i = 0; i < kLocaleBytes; ++i) {
    bytes[i] = static_cast<char>((packed >> (8 * i)) & 0xff);
  }
  out.country[0] = bytes[0];
  out.country[1] = bytes[1];
  out.subdivision[0] = bytes[2];
  out.subdivision[1] = bytes[3];
  out.subdivision[2] = bytes[4];
  return true;
}

}  // namespace hitd::store::codec
