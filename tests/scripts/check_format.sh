#!/usr/bin/env bash
# Fails when a tracked *.h or *.cc file is not formatted as .clang-format says (STYLE 19).
# Only files git tracks are checked, so build output and scratch files never count.
#
# Usage: check_format.sh <repo-root>     (CLANG_FORMAT=/path/to/clang-format to override)
# Fix:   git ls-files -z '*.h' '*.cc' | xargs -0 clang-format -i
set -euo pipefail

root=${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
cd "$root"

clang_format=${CLANG_FORMAT:-}
if [[ -z $clang_format ]]; then
  for candidate in clang-format clang-format-14; do
    if command -v "$candidate" >/dev/null 2>&1; then clang_format=$candidate; break; fi
  done
fi
if [[ -z $clang_format ]] || ! command -v "$clang_format" >/dev/null 2>&1; then
  echo "format: clang-format not found; install it with ops/install-deps.sh" \
       "(Debian package clang-format, listed in ops/packages.txt)" >&2
  exit 1
fi
if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  echo "format: $root is not a git work tree; this check formats the files git tracks" >&2
  exit 1
fi
if [[ ! -f .clang-format ]]; then
  echo "format: $root/.clang-format is missing" >&2
  exit 1
fi

mapfile -d '' files < <(git ls-files -z -- '*.h' '*.cc')
bad=()
first_report=""
for f in "${files[@]}"; do
  [[ -f $f ]] || continue  # tracked but deleted in the work tree
  if ! out=$("$clang_format" --dry-run --Werror --style=file "$f" 2>&1); then
    bad+=("$f")
    [[ -n $first_report ]] || first_report=$out
  fi
done

if [[ ${#bad[@]} -gt 0 ]]; then
  echo "format: ${#bad[@]} of ${#files[@]} tracked files are not clang-formatted:"
  printf '  %s\n' "${bad[@]}"
  echo "first differences ($("$clang_format" --version | head -1)):"
  printf '%s\n' "$first_report" | head -n 20
  echo "fix with: clang-format -i ${bad[*]}"
  exit 1
fi
echo "format: ${#files[@]} tracked files formatted ($("$clang_format" --version | head -1))"
