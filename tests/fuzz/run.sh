#!/usr/bin/env bash
# Fuzzes every libFuzzer target for a bounded time, on demand (CI only replays the corpus).
#
#   tests/fuzz/run.sh [--minutes N] [TARGET...]      (default 5 minutes each, all targets)
#
# Builds the fuzz preset first. New interesting inputs collect in build/fuzz/corpus/<target>/
# (not in the repository); a crash or broken invariant leaves its input in
# build/fuzz/artifacts/ and makes the script fail. Copy a regression input into
# tests/fuzz/corpus/<target>/ once the bug is fixed, so CI replays it.
set -euo pipefail
cd "$(dirname "$0")/../.."
minutes=5
targets=()
while [ $# -gt 0 ]; do
    case "$1" in
    --minutes) minutes=$2; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
    esac
done
if [ ${#targets[@]} -eq 0 ]; then
    for dir in tests/fuzz/corpus/*/; do targets+=("$(basename "$dir")"); done
fi
cmake --preset fuzz > /dev/null
cmake --build --preset fuzz

export ASAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=1:detect_leaks=1
export UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=1
seconds=$(awk -v m="$minutes" 'BEGIN { printf "%d", m * 60 }')
mkdir -p build/fuzz/artifacts
failed=0
summary=""
for target in "${targets[@]}"; do
    work=build/fuzz/corpus/$target
    mkdir -p "$work"
    log=build/fuzz/$target.log
    echo "== fuzz_$target for $seconds s"
    status=0
    "build/fuzz/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -print_final_stats=1 \
        -timeout=10 -rss_limit_mb=2048 -artifact_prefix="build/fuzz/artifacts/$target-" \
        "$work" "tests/fuzz/corpus/$target" > "$log" 2>&1 || status=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    corpus=$(find "$work" -type f | wc -l)
    if [ "$status" -ne 0 ]; then
        failed=1
        summary+="fuzz_$target: FAILED (exit $status), see $log"$'\n'
        grep -m 5 -E 'ERROR|invariant broken|SUMMARY' "$log" || true
    else
        summary+="fuzz_$target: ${runs:-?} executions, corpus $corpus inputs, nothing found"$'\n'
    fi
done
printf '\n%s' "$summary"
exit "$failed"
