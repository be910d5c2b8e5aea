#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds the fuzz targets (tests/fuzz) with Clang's libFuzzer under
# AddressSanitizer and UndefinedBehaviorSanitizer (the `sanitize` preset of
# CMakePresets.json, build-asan/), then fuzzes each for SECONDS (default 60),
# starting from its seed corpus.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]      targets: normalize record_json rule_json c_api import
#
# What a run finds stays in build-asan/corpus/<target>/ and feeds the next
# run. A crash stops the script and leaves the input in build-asan/crashes/;
# once the bug is fixed, copy the input into tests/fuzz/corpus/<target>/ so
# every test run replays it. CRM_FUZZ_BUILD sets another build folder.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
[ $# -gt 0 ] && shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(normalize record_json rule_json c_api import)
build="${CRM_FUZZ_BUILD:-build-asan}"

# Only the targets: the rest of the build is the sanitizer test suite's.
cmake --preset sanitize -B "$build" >/dev/null
cmake --build "$build" -j2 --target "${targets[@]/%/_fuzz}"

mkdir -p "$build/crashes"
for t in "${targets[@]}"; do
  echo "== fuzz $t for ${seconds}s"
  mkdir -p "$build/corpus/$t"
  log="$build/crashes/$t.log"
  status=0
  "$build/tests/fuzz/${t}_fuzz" -max_total_time="$seconds" -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$build/crashes/$t-" "$build/corpus/$t" "tests/fuzz/corpus/$t" >"$log" 2>&1 || status=$?
  # The summary, not libFuzzer's progress lines; the whole output is in the log.
  grep -E "^(stat::number_of_executed_units|stat::new_units_added|SUMMARY|fuzz property)|Test unit written|ERROR" "$log" || true
  [ "$status" -eq 0 ] || { echo "fuzz $t: failed (exit $status); see $log and the input in $build/crashes/" >&2; exit 1; }
done
