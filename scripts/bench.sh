#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds core_bench (Release), runs it at one size, and writes the results as
# Google Benchmark JSON and as a markdown table of engine/baseline ratios:
#   scripts/bench.sh 1M                      # tiny, 10k, 100k (default), 1M, 10M
#   scripts/bench.sh 100k --benchmark_min_time=2      # extra arguments go to core_bench
# Output: build-bench/bench-results/core_bench-<size>-{sqlite,memory}.json and
# core_bench-<size>.md (override the directories with
# CRM_BENCH_BUILD_DIR, CRM_BENCH_OUT). The first run of a size builds its
# data sets in $TMPDIR (see benchmarks/bench_data.hpp); at 1M about 35 minutes.
# CRM_BENCH_HISTORY=none runs on sets of customers without their interactions
# (files and results named "<size>-customers-only"): far quicker to build.
# CRM_BENCH_BACKENDS picks the halves: "sqlite memory" (the default) or one of
# them. At 10M the default is "sqlite": the memory sets would need about
# 140 GB of RAM (with history, 8.4 KB per customer in the engine, 5.5 KB bare).
set -euo pipefail

size=${1:-100k}
shift || true
root=$(cd "$(dirname "$0")/.." && pwd)
build=${CRM_BENCH_BUILD_DIR:-$root/build-bench}
out=${CRM_BENCH_OUT:-$build/bench-results}
label=$size
[ "${CRM_BENCH_HISTORY:-full}" = none ] && label=$size-customers-only
default_backends="sqlite memory"
[ "$size" = 10M ] && default_backends=sqlite
backends=${CRM_BENCH_BACKENDS:-$default_backends}
for half in $backends; do
  case $half in
    sqlite | memory) ;;
    *) echo "bench.sh: CRM_BENCH_BACKENDS: unknown backend '$half' (give sqlite, memory or both)" >&2; exit 2 ;;
  esac
done

cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCRM_BUILD_TESTS=OFF -DCRM_BUILD_EXAMPLES=OFF >/dev/null
cmake --build "$build" -j2 --target core_bench
mkdir -p "$out"
# A data file is built on the first use of its set. The SQLite half needs two
# (engine and raw), built one after the other by a single process: build them
# first as two processes at once, one each, through the opening benchmark (a
# few seconds when the file is already there). At 10M that halves the wait.
if [[ " $backends " == *" sqlite "* ]]; then
  pids=()
  for side in Engine Raw; do
    CRM_BENCH_SIZE=$size "$build/benchmarks/core_bench" --benchmark_filter="^BM_OpenDatabase_${side}Sqlite/" >/dev/null &
    pids+=($!)
  done
  built=0
  for pid in "${pids[@]}"; do wait "$pid" || built=$?; done
  [ "$built" = 0 ] || { echo "bench.sh: the opening benchmarks that build the SQLite data sets failed (status $built)" >&2; exit "$built"; }
fi
# The SQLite rows and the memory rows run in two processes: at 1M customers
# the memory sets take about 14 GB, which should not compete with SQLite's page cache.
# core_bench exits 1 when an answer was wrong: still write the table, then fail.
status=0
jsons=()
for half in $backends; do
  case $half in
    sqlite) filter='Sqlite' ;;
    memory) filter='Memory|BareMultiIndex' ;;
  esac
  jsons+=("$out/core_bench-$label-$half.json")
  CRM_BENCH_SIZE=$size "$build/benchmarks/core_bench" --benchmark_filter="$filter" \
    --benchmark_out="$out/core_bench-$label-$half.json" --benchmark_out_format=json "$@" || status=$?
done
python3 "$root/scripts/bench_table.py" "${jsons[@]}" |
  tee "$out/core_bench-$label.md"
exit $status
