#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Installs the build tree BUILD into a fresh prefix under WORK, then builds
# tests/consumer against it the documented ways (find_package with crm::crm
# and crm::c; a plain compile with pkg-config) and runs each program; with
# "tool", the installed `crm` tool too.   run.sh BUILD WORK [tool]
set -eu
build=$1
work=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work"
cmake --install "$build" --prefix "$work/prefix" > /dev/null
cmake -S "$here" -B "$work/build" -DCMAKE_PREFIX_PATH="$work/prefix" -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build "$work/build" -j2 > /dev/null
"$work/build/consumer_cpp"
"$work/build/consumer_c"

# The README's command for C hosts, as a shell would run it.
PKG_CONFIG_PATH=$(dirname "$(find "$work/prefix" -name crm.pc)")
export PKG_CONFIG_PATH
# shellcheck disable=SC2046 # pkg-config's output is meant to split into words
${CC:-cc} -std=c99 -Wall -Wextra -Werror '-DLINKED_WITH="pkg-config"' "$here/main.c" -o "$work/consumer_c_pkgconfig" \
  $(pkg-config --cflags --libs crm) -Wl,-rpath,"$(pkg-config --variable=libdir crm)"
"$work/consumer_c_pkgconfig"

if [ "${3:-}" = tool ]; then
  "$work/prefix/bin/crm" --version
fi
