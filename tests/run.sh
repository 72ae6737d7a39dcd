#!/usr/bin/env bash
# One command from a fresh checkout to a full test run: installs what is missing, builds and
# runs every test with ctest. Extra arguments go to ctest (e.g. -R tst_tls).
set -euo pipefail
cd "$(dirname "$0")/.."

installer/deps.sh test
# BUILD_TESTING on explicitly: installer/quickstart.sh configures the same build directory
# without tests, and a cached OFF must not turn this into a run of no tests.
cmake -S . -B build -G Ninja -DBUILD_TESTING=ON >/dev/null
cmake --build build
ctest --test-dir build --output-on-failure --timeout 600 -j2 --no-tests=error "$@"
