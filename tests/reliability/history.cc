#include "tests/reliability/history.h"

#include <sstream>

namespace hitd::reliability {

History::History(uint64_t empty_hash) { candidates_.push_back(Boundary{0, empty_hash}); }

void History::BeginRun() {
  boundaries_.clear();
  disk_full_.clear();
  last_acked_ = 0;
  any_acked_ = false;
  ready_ = false;
  const int64_t now = run_stats_.max_now_ms;
  run_stats_ = RunStats{};
  run_stats_.max_now_ms = now;
}

void History::EndRun() {
  if (!run_stats_.recovered) return;  // died before reading the store: nothing changed
  run_stats_.unacked_at_end =
      boundaries_.empty() ? 0 : boundaries_.back().seq - (any_acked_ ? last_acked_ : 0);
  candidates_.clear();
  previous_ = boundaries_;
  for (const Boundary& b : boundaries_) {
    const bool stored = !disk_full_.contains(b.seq);  // refused for lack of space
    if (stored && (!any_acked_ || b.seq >= last_acked_)) candidates_.push_back(b);
  }
  candidates_last_ack_ = any_acked_ ? last_acked_ : 0;
}

bool History::OnRecovered(uint64_t hash, uint64_t last_batch, std::string* error) {
  if (run_stats_.recovered) {
    *error = "a second `recovered` line";
    return false;
  }
  const Boundary* match = nullptr;
  for (const Boundary& b : candidates_) {
    if (b.hash == hash) match = &b;
  }
  if (match == nullptr) {
    std::ostringstream m;
    m << "the store recovered state " << hash << " (its last batch: " << last_batch
      << "), which is no batch boundary at or after the "
      << "last acknowledged batch (" << candidates_last_ack_ << ") of the previous run; "
      << "candidates:";
    for (const Boundary& b : candidates_) m << " " << b.seq << ":" << b.hash;
    for (const Boundary& b : previous_) {
      if (b.hash == hash)
        m << "; it is the state after batch " << b.seq << ": acknowledged batches were lost";
    }
    *error = m.str();
    return false;
  }
  run_stats_.recovered_past_ack = match->seq > candidates_last_ack_ && candidates_last_ack_ > 0;
  run_stats_.recovered = true;
  boundaries_.push_back(Boundary{last_batch, hash});
  return true;
}

bool History::OnApplied(uint64_t seq, uint64_t hash, std::string* error) {
  if (!run_stats_.recovered) {
    *error = "`applied` before `recovered`";
    return false;
  }
  if (seq != boundaries_.back().seq + 1) {
    *error = "batch " + std::to_string(seq) + " applied after batch " +
             std::to_string(boundaries_.back().seq);
    return false;
  }
  boundaries_.push_back(Boundary{seq, hash});
  if (ready_) ++run_stats_.applied;
  return true;
}

bool History::OnAcked(uint64_t seq, std::string* error) {
  if (boundaries_.empty() || seq > boundaries_.back().seq || (any_acked_ && seq <= last_acked_)) {
    *error = "batch " + std::to_string(seq) + " acknowledged out of order";
    return false;
  }
  last_acked_ = seq;
  any_acked_ = true;
  if (run_stats_.failed > 0) run_stats_.acked_after_failure = true;
  if (run_stats_.disk_full > 0) run_stats_.acked_after_disk_full = true;
  return true;
}

bool History::OnLine(const std::string& line, std::string* error) {
  std::istringstream in(line);
  std::string word;
  in >> word;
  uint64_t a = 0, b = 0;
  int64_t now = 0;
  if (word == "recovered") {
    in >> a >> b;
    return OnRecovered(a, b, error);
  }
  if (word == "applied") {
    in >> a >> b >> now;
    run_stats_.max_now_ms = std::max(run_stats_.max_now_ms, now);
    return OnApplied(a, b, error);
  }
  if (word == "ready") {
    in >> a >> b;
    if (boundaries_.size() != 2 || boundaries_.back().seq != a || boundaries_.back().hash != b) {
      *error = "`ready` does not follow the recovery tick's `applied`: " + line;
      return false;
    }
    ready_ = run_stats_.ready = true;
    return OnAcked(a, error);
  }
  if (word == "acked") {
    in >> a;
    ++run_stats_.acked;
    return OnAcked(a, error);
  }
  if (word == "failed") {
    ++run_stats_.failed;
    return true;
  }
  if (word == "diskfull") {
    in >> a;
    disk_full_.insert(a);
    ++run_stats_.disk_full;
    return true;
  }
  if (word == "refused") {
    ++run_stats_.refusals;
    return true;
  }
  if (word == "rollback") {
    ++run_stats_.rollbacks;
    return true;
  }
  if (word == "counts") {
    while (in >> a) run_stats_.counts.push_back(a);
    return true;
  }
  if (word == "openfailed" || word == "error") {
    run_stats_.child_error = line;
    return true;
  }
  *error = "an unknown line: " + line;
  return false;
}

}  // namespace hitd::reliability
