// Build and Read (reply_values.h) for the list replies: a page of items and the
// next_token for the page after it. Each list's items are tables another Build/Read
// pair already handles (records from the store's codec, or views).
#include <vector>

#include "net/protocol/reply_values.h"

namespace hitd::net::wire {
namespace {

// A vector of the tables `build` makes of `items`, or no vector when there are none.
template <typename Item, typename BuildFn>
auto BuildItems(fb::FlatBufferBuilder& fbb, const std::vector<Item>& items, BuildFn build) {
  using Offset = decltype(build(fbb, items.front()));
  std::vector<Offset> offsets;
  offsets.reserve(items.size());
  for (const Item& item : items) offsets.push_back(build(fbb, item));
  return offsets.empty() ? 0 : fbb.CreateVector(offsets);
}

// Reads every table of `v` (absent: none) with `read`; false when one fails.
template <typename Table, typename Item, typename ReadFn>
bool ReadItems(const fb::Vector<fb::Offset<Table>>* v, std::vector<Item>& out, ReadFn read) {
  out.clear();
  if (v == nullptr) return true;
  out.resize(v->size());
  for (fb::uoffset_t i = 0; i < v->size(); ++i) {
    if (!read(*v->Get(i), out[i])) return false;
  }
  return true;
}

// The store's record codec, as callables for the helpers above.
constexpr auto kBuildRecord = [](fb::FlatBufferBuilder& fbb, const auto& record) {
  return store::codec::Build(fbb, record);
};
constexpr auto kReadRecord = [](const auto& table, auto& record) {
  return store::codec::Read(table, record);
};
constexpr auto kBuildValue = [](fb::FlatBufferBuilder& fbb, const auto& value) {
  return BuildValue(fbb, value);
};
constexpr auto kReadValue = [](const auto& table, auto& value) { return ReadValue(table, value); };

fb::Offset<schema::HitGroupView> BuildGroup(fb::FlatBufferBuilder& fbb,
                                            const engine::HitGroupView& v) {
  auto type = store::codec::Build(fbb, v.type);
  return schema::CreateHitGroupView(fbb, type, v.hits_available, v.slots_available, v.qualified,
                                    v.may_preview);
}

bool ReadGroup(const schema::HitGroupView& t, engine::HitGroupView& out) {
  out.hits_available = t.hits_available();
  out.slots_available = t.slots_available();
  out.qualified = t.qualified();
  out.may_preview = t.may_preview();
  return store::codec::Read(*t.hit_type(), out.type);  // required
}

}  // namespace

fb::Offset<schema::HitList> BuildValue(fb::FlatBufferBuilder& fbb, const engine::HitList& v) {
  auto items = BuildItems(fbb, v.hits, kBuildValue);
  return schema::CreateHitList(fbb, items, BuildText(fbb, v.next_token));
}

bool ReadValue(const schema::HitList& t, engine::HitList& out) {
  store::codec::ReadString(t.next_token(), out.next_token);
  return ReadItems(t.hits(), out.hits, kReadValue);
}

fb::Offset<schema::AssignmentList> BuildValue(fb::FlatBufferBuilder& fbb,
                                              const engine::AssignmentList& v) {
  auto items = BuildItems(fbb, v.assignments, kBuildValue);
  return schema::CreateAssignmentList(fbb, items, BuildText(fbb, v.next_token));
}

bool ReadValue(const schema::AssignmentList& t, engine::AssignmentList& out) {
  store::codec::ReadString(t.next_token(), out.next_token);
  return ReadItems(t.assignments(), out.assignments, kReadValue);
}

fb::Offset<schema::BonusList> BuildValue(fb::FlatBufferBuilder& fbb, const engine::BonusList& v) {
  auto items = BuildItems(fbb, v.bonuses, kBuildRecord);
  return schema::CreateBonusList(fbb, items, BuildText(fbb, v.next_token));
}

bool ReadValue(const schema::BonusList& t, engine::BonusList& out) {
  store::codec::ReadString(t.next_token(), out.next_token);
  return ReadItems(t.bonuses(), out.bonuses, kReadRecord);
}

fb::Offset<schema::BlockList> BuildValue(fb::FlatBufferBuilder& fbb, const engine::BlockList& v) {
  auto items = BuildItems(fbb, v.blocks, kBuildRecord);
  return schema::CreateBlockList(fbb, items, BuildText(fbb, v.next_token));
}

bool ReadValue(const schema::BlockList& t, engine::BlockList& out) {
  store::codec::ReadString(t.next_token(), out.next_token);
  return ReadItems(t.blocks(), out.blocks, kReadRecord);
}

fb::Offset<schema::QualTypeList> BuildValue(fb::FlatBufferBuilder& fbb,
                                            const engine::QualTypeList& v) {
  auto items = BuildItems(fbb, v.types, kBuildValue);
  return schema::CreateQualTypeList(fbb, items, BuildText(fbb, v.next_token));
}

bool ReadValue(const schema::QualTypeList& t, engine::QualTypeList& out) {
  store::codec::ReadString(t.next_token(), out.next_token);
  return ReadItems(t.types(), out.types, kReadValue);
}

fb::Offset<schema::QualificationList> BuildValue(fb::FlatBufferBuilder& fbb,
                                                 const engine::QualificationList& v) {
  auto items = BuildItems(fbb, v.qualifications, kBuildValue);
  return schema::CreateQualificationList(fbb, items, BuildText(fbb, v.next_token));
}

bool ReadValue(const schema::QualificationList& t, engine::QualificationList& out) {
  store::codec::ReadString(t.next_token(), out.next_token);
  return ReadItems(t.qualifications(), out.qualifications, kReadValue);
}

fb::Offset<schema::QualRequestList> BuildValue(fb::FlatBufferBuilder& fbb,
                                               const engine::QualRequestList& v) {
  auto items = BuildItems(fbb, v.requests, kBuildRecord);
  return schema::CreateQualRequestList(fbb, items, BuildText(fbb, v.next_token));
}

bool ReadValue(const schema::QualRequestList& t, engine::QualRequestList& out) {
  store::codec::ReadString(t.next_token(), out.next_token);
  return ReadItems(t.requests(), out.requests, kReadRecord);
}

fb::Offset<schema::HitGroupList> BuildValue(fb::FlatBufferBuilder& fbb,
                                            const engine::HitGroupList& v) {
  auto items = BuildItems(fbb, v.groups, BuildGroup);
  return schema::CreateHitGroupList(fbb, items, BuildText(fbb, v.next_token));
}

bool ReadValue(const schema::HitGroupList& t, engine::HitGroupList& out) {
  store::codec::ReadString(t.next_token(), out.next_token);
  return ReadItems(t.groups(), out.groups, ReadGroup);
}

}  // namespace hitd::net::wire
