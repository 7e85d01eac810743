// FieldReader and the UTF-8 check (wire.h).
#include "net/protocol/wire.h"

#include "engine/commands.h"

namespace hitd::net::wire {

bool IsUtf8(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned char* end = p + text.size();
  while (p < end) {
    const unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    // The sequence's length, and the range its second byte may take (which rules out
    // overlong forms, surrogates and code points above U+10FFFF).
    size_t n = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (static_cast<size_t>(end - p) < n) return false;
    if (p[1] < lo || p[1] > hi) return false;
    for (size_t i = 2; i < n; ++i) {
      if (p[i] < 0x80 || p[i] > 0xBF) return false;
    }
    p += n;
  }
  return true;
}

void FieldReader::Text(const fb::String* s, size_t max_bytes, std::string_view field,
                       std::string* out) {
  out->clear();
  if (!ok() || s == nullptr) return;
  const std::string_view text = s->string_view();
  if (text.size() > max_bytes || !IsUtf8(text)) return Fail(field);
  out->assign(text);
}

void FieldReader::Text(const fb::String* s, size_t max_bytes, std::string_view field,
                       std::optional<std::string>* out) {
  out->reset();
  if (s != nullptr) Text(s, max_bytes, field, &out->emplace());
}

void FieldReader::Bytes(const fb::Vector<uint8_t>* v, size_t max_bytes, std::string_view field,
                        std::string* out) {
  out->clear();
  if (!Count(v, max_bytes, field) || v == nullptr) return;
  out->assign(reinterpret_cast<const char*>(v->data()), v->size());
}

void FieldReader::Locale(uint64_t packed, std::string_view field, engine::Locale* out) {
  if (ok() && !store::codec::UnpackLocale(packed, *out)) Fail(field);
}

void FieldReader::Page(uint32_t max_results, const fb::String* next_token, engine::Page* out) {
  out->max_results = max_results;
  Text(next_token, kNextTokenBytes, "next_token", &out->next_token);
}

bool FieldReader::Aligned(const fb::Vector<uint64_t>* v, std::string_view field) {
  if (!store::codec::ElementsAligned(v)) Fail(field, engine::ErrorCode::kMalformed);
  return ok();
}

}  // namespace hitd::net::wire
