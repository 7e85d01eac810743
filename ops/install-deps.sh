#!/usr/bin/env bash
# Installs the Debian packages in ops/packages.txt that are not installed yet.
# Idempotent, and silent when nothing is missing. Needs root or sudo only to install.
set -euo pipefail

list="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/packages.txt"
mapfile -t wanted < <(awk '{ sub(/#.*/, ""); for (i = 1; i <= NF; i++) print $i }' "$list")
if [[ ${#wanted[@]} -eq 0 ]]; then
  echo "install-deps: $list lists no packages" >&2
  exit 1
fi

missing_packages() {
  local pkg status
  for pkg in "${wanted[@]}"; do
    status=$(dpkg-query -W -f='${Status}\n' "$pkg" 2>/dev/null || true)
    if [[ $status != *"install ok installed"* ]]; then
      echo "$pkg"
    fi
  done
}

mapfile -t missing < <(missing_packages)
if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

if [[ $(id -u) -eq 0 ]]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "install-deps: missing packages: ${missing[*]}" >&2
  echo "install-deps: installing them needs root, and sudo is not available;" \
       "run this script as root" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive

# Some packages (prometheus) start their service from postinst. In a container without
# systemd, invoke-rc.d would run the SysV script and leave a daemon behind (prometheus on
# :9090). When systemd is not running and no policy-rc.d exists, install one that denies
# every start (exit 101, invoke-rc.d's "action forbidden") for the length of the install.
policy=/usr/sbin/policy-rc.d
if [[ ! -d /run/systemd/system && ! -e $policy ]]; then
  # shellcheck disable=SC2016  # expanded when the trap runs, as intended
  trap '"${as_root[@]}" rm -f "$policy"' EXIT
  printf '#!/bin/sh\n# ops/install-deps.sh: no service starts during the install\nexit 101\n' |
    "${as_root[@]}" tee "$policy" >/dev/null
  "${as_root[@]}" chmod 0755 "$policy"
fi
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y --no-install-recommends "${missing[@]}"

mapfile -t still_missing < <(missing_packages)
if [[ ${#still_missing[@]} -gt 0 ]]; then
  echo "install-deps: still not installed: ${still_missing[*]}" >&2
  exit 1
fi
