#!/usr/bin/env bash
# The run command: installs missing packages, builds the release preset, and starts the
# daemon on 127.0.0.1:7400 (telemetry on 127.0.0.1:7401) with its data in ./var. The
# admin's credentials are written to ./var/admin.credentials on first start. Extra
# arguments go to hitd (`./ops/run.sh --help` lists them).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

./ops/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target hitd hitctl

mkdir -p var
exec build/release/net/hitd --data-dir ./var "$@"
