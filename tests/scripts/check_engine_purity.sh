#!/usr/bin/env bash
# Fails if the engine core reaches outside the standard library's pure parts (STYLE 1):
# no clock, randomness, I/O, threads, Boost, FlatBuffers or LMDB, and no dependency on the
# store or the network code. Scans every C++ file under the given engine directory except
# engine/store/ (the LMDB adapter, which is allowed all of that).
#
# Usage: check_engine_purity.sh <engine-dir>
#
# Comments and string literals are ignored. A line that truly needs an exception (say,
# the assertion handler writing to stderr before abort) carries the marker
#   // hitd-purity: allow <why>
# on the same line, so every exception is visible in review and greppable.
set -euo pipefail

if [[ $# -ne 1 || ! -d $1 ]]; then
  echo "usage: $0 <engine-dir>" >&2
  exit 2
fi
engine_dir=$(cd "$1" && pwd)
cd "$(dirname "$engine_dir")"
top=$(basename "$engine_dir")

mapfile -d '' files < <(find "$top" -path "$top/store" -prune -o -type f \
  \( -name '*.h' -o -name '*.hh' -o -name '*.hpp' -o -name '*.cc' -o -name '*.cpp' \
     -o -name '*.inc' \) -print0 | sort -z)

if [[ ${#files[@]} -eq 0 ]]; then
  echo "engine purity: no C++ files under $top/ (excluding $top/store/)"
  exit 0
fi

awk '
BEGIN {
  # Headers the core may not include: exact names, then prefixes.
  split("thread mutex shared_mutex atomic chrono random ctime time.h fstream iostream " \
        "cstdio stdio.h filesystem condition_variable future semaphore latch barrier " \
        "stop_token syncstream pthread.h unistd.h lmdb.h", names, " ")
  for (i in names) banned_header[names[i]] = 1
  nprefix = split("boost/ flatbuffers/ sys/ engine/store/ net/", banned_prefix, " ")
  # Calls to C functions that read the clock, randomness or the environment.
  call_re = "(^|[^A-Za-z0-9_.>:])(std)?(::)?(rand|srand|time|clock|getenv|fopen)[ \t]*\\("
  # std:: names that mean a clock, threads, randomness or I/O.
  std_re = "(^|[^A-Za-z0-9_])std::(chrono|this_thread|jthread|thread|mutex|shared_mutex|" \
           "atomic|condition_variable|random_device|mt19937|default_random_engine|cout|" \
           "cerr|clog|cin|filesystem|ifstream|ofstream|fstream)"
  bad = 0
}
FNR == 1 { in_block = 0 }
{
  orig = $0
  code = strip(orig)
  if (index(orig, "hitd-purity: allow") > 0) { allowed++; next }
  if (code ~ /^[ \t]*#[ \t]*include/) {
    line = orig
    sub(/^[ \t]*#[ \t]*include[ \t]*/, "", line)
    hdr = line
    sub(/^[<"]/, "", hdr)
    sub(/[>"].*$/, "", hdr)
    if (hdr in banned_header) { report("includes <" hdr ">"); next }
    for (i = 1; i <= nprefix; i++) {
      if (substr(hdr, 1, length(banned_prefix[i])) == banned_prefix[i]) {
        report("includes " hdr); next
      }
    }
    next
  }
  if (match(code, call_re)) { report("calls " clean(substr(code, RSTART, RLENGTH))); next }
  if (match(code, std_re)) { report("uses " clean(substr(code, RSTART, RLENGTH))); next }
}
function clean(s) { sub(/^[^A-Za-z:]*/, "", s); return s }
function report(what,    text) {
  text = orig
  sub(/^[ \t]+/, "", text)
  printf "%s:%d: %s: %s\n", FILENAME, FNR, what, text
  bad++
}
# Returns the line with comments and string/char literal contents blanked, carrying the
# block-comment state across lines. Raw strings are not understood (the engine has none).
function strip(s,    out, i, n, c, d, q) {
  out = ""; n = length(s); i = 1
  while (i <= n) {
    c = substr(s, i, 1); d = substr(s, i, 2)
    if (in_block) {
      if (d == "*/") { in_block = 0; i += 2 } else i++
      continue
    }
    if (d == "//") break
    if (d == "/*") { in_block = 1; out = out " "; i += 2; continue }
    if (c == "\"" || c == "\047") {
      q = c; out = out q; i++
      while (i <= n) {
        c = substr(s, i, 1)
        if (c == "\\") { i += 2; continue }
        i++
        if (c == q) break
      }
      out = out q
      continue
    }
    out = out c; i++
  }
  return out
}
END {
  if (bad > 0) {
    printf "engine purity: %d violation(s); the core is standard library only, with no " \
           "clock, randomness, I/O or threads (STYLE 1). Pass time in as `now`; put I/O " \
           "in net/ or engine/store/.\n", bad
    exit 1
  }
  printf "engine purity: %d files clean", nfiles
  if (allowed > 0) printf " (%d line(s) marked hitd-purity: allow)", allowed
  printf "\n"
}
' nfiles="${#files[@]}" "${files[@]}"
