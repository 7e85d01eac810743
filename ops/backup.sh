#!/usr/bin/env bash
# A hot backup of a running hitd, kept in rotation:
#
#   ops/backup.sh [--server HOST:PORT] [--credentials FILE] [--keep N] [--hitctl PATH] DEST_ROOT
#
# Asks hitd (`hitctl backup`, admin credentials) for a compacting copy of its store into
# DEST_ROOT/hitd-YYYYmmddTHHMMSSZ (UTC), while it keeps serving. hitd takes the copy
# itself, so DEST_ROOT is a directory on hitd's host that hitd may write (the systemd
# unit allows /var/lib/hitd-backups). The copy goes to a hidden .partial directory first
# and gets its final name only once it holds a non-empty data.mdb, so an interrupted run
# never looks like a backup. Then only the newest N backups (--keep, default 7) are kept;
# a failed run deletes none. Exits non-zero on any failure.
#
# The server and credentials default to HITD_SERVER and HITD_CREDENTIALS (hitctl reads
# them), then to the credentials file's `server`. hitctl is --hitctl, else HITCTL, else
# `hitctl` on PATH, else build/release/ops/hitctl of this checkout. Restore: RUNBOOK.md.
set -euo pipefail

usage() {
  sed -n '4p' "${BASH_SOURCE[0]}" | sed 's/^#   /usage: /' >&2
  exit 2
}

die() {
  echo "backup.sh: $*" >&2
  exit 1
}

keep=7
hitctl=${HITCTL:-}
dest_root=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --server) [[ $# -ge 2 ]] || usage; export HITD_SERVER=$2; shift 2 ;;
    --server=*) export HITD_SERVER=${1#*=}; shift ;;
    --credentials) [[ $# -ge 2 ]] || usage; export HITD_CREDENTIALS=$2; shift 2 ;;
    --credentials=*) export HITD_CREDENTIALS=${1#*=}; shift ;;
    --keep) [[ $# -ge 2 ]] || usage; keep=$2; shift 2 ;;
    --keep=*) keep=${1#*=}; shift ;;
    --hitctl) [[ $# -ge 2 ]] || usage; hitctl=$2; shift 2 ;;
    --hitctl=*) hitctl=${1#*=}; shift ;;
    -h | --help) sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "backup.sh: unknown option $1" >&2; usage ;;
    *) [[ -z $dest_root ]] || usage; dest_root=$1; shift ;;
  esac
done
[[ -n $dest_root ]] || usage
[[ $keep =~ ^[1-9][0-9]*$ ]] || die "--keep must be a whole number of at least 1, not '$keep'"

if [[ -z $hitctl ]]; then
  if command -v hitctl >/dev/null 2>&1; then
    hitctl=$(command -v hitctl)
  else
    hitctl="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/build/release/ops/hitctl"
  fi
fi
[[ -x $hitctl ]] || die "hitctl not found or not executable: $hitctl"
if [[ -n ${HITD_CREDENTIALS:-} && ! -r $HITD_CREDENTIALS ]]; then
  die "cannot read the credentials file $HITD_CREDENTIALS"
fi

# hitd resolves a relative path against its own working directory: pass an absolute one.
mkdir -p -- "$dest_root"
dest_root=$(cd -- "$dest_root" && pwd -P)

name="hitd-$(date -u +%Y%m%dT%H%M%SZ)"
final="$dest_root/$name"
partial="$dest_root/.$name.partial"
[[ ! -e $final ]] || die "$final already exists (one backup per second at most)"
[[ ! -e $partial ]] || die "$partial already exists (another backup running?)"

cleanup() {
  if [[ -n $partial && -e $partial ]]; then
    rm -rf -- "$partial"
  fi
}
trap cleanup EXIT

echo "backup.sh: backing up to $final"
if ! "$hitctl" backup "$partial"; then
  die "hitctl backup failed (see above); no backup was made and none was deleted"
fi
[[ -f $partial/data.mdb ]] || die "hitctl reported success but $partial/data.mdb is missing"
[[ -s $partial/data.mdb ]] || die "$partial/data.mdb is empty"
mv -T -- "$partial" "$final"
partial=""
sync -f "$final/data.mdb" 2>/dev/null || true

# Rotation: backups are named by their UTC time, so name order is age order.
mapfile -t backups < <(find "$dest_root" -mindepth 1 -maxdepth 1 -type d \
  -regextype posix-extended -regex '.*/hitd-[0-9]{8}T[0-9]{6}Z' -printf '%f\n' | sort)
excess=$((${#backups[@]} - keep))
for ((i = 0; i < excess; i++)); do
  echo "backup.sh: removing old backup $dest_root/${backups[i]}"
  rm -rf -- "${dest_root:?}/${backups[i]:?}"
done
echo "backup.sh: done: $final ($(stat -c %s "$final/data.mdb") bytes; keeping the newest $keep)"
