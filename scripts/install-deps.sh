#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs crm's build and test dependencies from Debian packages.
# Idempotent: packages already present are skipped, so a second run is quick.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libsqlite3-dev libsqlitecpp-dev           # SQLite store
  libboost-dev libboost-serialization-dev   # memory store: Multi-Index + snapshots
  libphonenumber-dev                        # phone parsing, E.164
  libicu-dev                                # NFC, case folding, currencies, regions
  libmsgpack-cxx-dev                        # record encoding
  nlohmann-json3-dev                        # JSON records
  libcli11-dev                              # crm command-line tool
  libfccp-dev                               # crm import: CSV files
  zlib1g-dev                                # crm import: gzip-compressed data sets
  libnlopt-dev                              # analytics: maximum-likelihood model fits
  libgtest-dev libgmock-dev                 # tests
  libbenchmark-dev                          # benchmarks
  clang libclang-rt-14-dev                  # sanitizer build, libFuzzer (the `sanitize` preset)
  python3 python3-pytest                    # Python bindings tests
  python3-pip python3-venv                  # pip install ./bindings/python, and its test in a venv
  python3-setuptools python3-wheel          # its build backend, offline (--no-build-isolation)
  python3-mypy                              # checks the package's type hints (py.typed)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
