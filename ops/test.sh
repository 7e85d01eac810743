#!/usr/bin/env bash
# The test command: installs missing packages, then for each preset configures, builds
# and runs ctest. By default `release` (every test) then `asan` (ASan+UBSan; its test
# preset runs the `engine`, `sim`, `store`, `net`, `daemon` and `telemetry` labels).
# Choose others with, for example,
#   HITD_TEST_PRESETS="debug" ./ops/test.sh
# Stops at the first failure with a non-zero exit.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

./ops/install-deps.sh

read -r -a presets <<<"${HITD_TEST_PRESETS:-release asan}"
if [[ ${#presets[@]} -eq 0 ]]; then
  echo "test.sh: HITD_TEST_PRESETS names no preset" >&2
  exit 2
fi

for preset in "${presets[@]}"; do
  echo "==> [$preset] configure"
  cmake --preset "$preset"
  echo "==> [$preset] build"
  cmake --build --preset "$preset"
  echo "==> [$preset] test"
  ctest --preset "$preset"
done
echo "==> all presets passed: ${presets[*]}"
