#!/bin/sh
# Installs the build tree BUILD into a fresh prefix under WORK, then builds
# and runs tests/consumer against it; with "tool", the installed `crm` tool
# too.   run.sh BUILD WORK [tool]
set -eu
build=$1
work=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work"
cmake --install "$build" --prefix "$work/prefix" > /dev/null
pc=$(find "$work/prefix" -name crm.pc)
PKG_CONFIG_PATH=$(dirname "$pc") cmake -S "$here" -B "$work/build" \
  -DCMAKE_PREFIX_PATH="$work/prefix" -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build "$work/build" -j2 > /dev/null
"$work/build/consumer_cpp"
"$work/build/consumer_c"
if [ "${3:-}" = tool ]; then
  "$work/prefix/bin/crm" --version
fi
