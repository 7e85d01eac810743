#!/usr/bin/env bash
# Proves check_engine_purity.sh can fail: each case below is a one-line engine file that
# must be rejected (or, for the clean cases, accepted). Runs in a temporary directory.
set -euo pipefail

checker="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/check_engine_purity.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

must_fail=(
  '#include <thread>'
  '#include <mutex>'
  '#include <atomic>'
  '#include <chrono>'
  '#include <random>'
  '#include <ctime>'
  '#include <fstream>'
  '#include <iostream>'
  '#include <cstdio>'
  '#include <filesystem>'
  '#include <condition_variable>'
  '#include <future>'
  '  #  include <boost/asio.hpp>'
  '#include "flatbuffers/flatbuffers.h"'
  '#include <lmdb.h>'
  '#include "engine/store/store.h"'
  'int x = rand();'
  'int y = std::rand() % 6;'
  'long t = time(nullptr);'
  'auto t = std::time(nullptr);'
  'auto n = std::chrono::steady_clock::now();'
  'using namespace std::chrono;'
)
must_pass=(
  '#include <vector>'
  '#include "engine/types.h"'
  '// never call time() or rand() here: now is an argument'
  '/* #include <thread> */'
  'const char* kName = "rand(";'
  'TimeMs t = cmd.time();'
  'TimeMs Clock::time() const;'
  'int operand(int x);'
  'void CheckFailed() { std::fprintf(stderr, "x"); }  // hitd-purity: allow crash report'
)

failures=0
run_case() {  # expect(fail|pass) text
  local expect=$1 text=$2 dir="$tmp/case/engine"
  rm -rf "$tmp/case"
  mkdir -p "$dir/store"
  printf '%s\n' "$text" >"$dir/file.cc"
  printf '#include <lmdb.h>\n' >"$dir/store/lmdb_store.cc"  # store/ is exempt
  local out rc=0
  out=$(bash "$checker" "$dir" 2>&1) || rc=$?
  if [[ $expect == fail && $rc -ne 1 ]]; then
    echo "NOT CAUGHT (rc=$rc): $text"; echo "$out"; failures=$((failures + 1))
  elif [[ $expect == fail && $out != *"engine/file.cc:1:"* ]]; then
    echo "NO file:line in report: $text"; echo "$out"; failures=$((failures + 1))
  elif [[ $expect == pass && $rc -ne 0 ]]; then
    echo "FALSE ALARM (rc=$rc): $text"; echo "$out"; failures=$((failures + 1))
  fi
}
for t in "${must_fail[@]}"; do run_case fail "$t"; done
for t in "${must_pass[@]}"; do run_case pass "$t"; done

total=$((${#must_fail[@]} + ${#must_pass[@]}))
echo "engine purity selftest: $((total - failures)) of $total cases behave"
[[ $failures -eq 0 ]]
