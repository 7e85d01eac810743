#include "engine/tokens.h"

#include <algorithm>
#include <utility>

namespace hitd::engine {

std::string TokenKey(AccountId account, std::string_view token) {
  std::string key = std::to_string(account.value);
  key.push_back('|');
  key.append(token);
  return key;
}

void OrderToken(State& s, TimeMs created, std::string key) {
  std::pair<TimeMs, std::string> item(created, std::move(key));
  // Time only moves forward, so a new token nearly always goes last; it goes elsewhere
  // only among tokens of the same millisecond, or after the clock stepped back.
  if (s.token_order.empty() || s.token_order.back() < item) {
    s.token_order.push_back(std::move(item));
    return;
  }
  auto at = std::upper_bound(s.token_order.begin(), s.token_order.end(), item);
  s.token_order.insert(at, std::move(item));
}

}  // namespace hitd::engine
