#!/usr/bin/env bash
# The desktop application's responsiveness (issue 5): runs ferry-gui-bench's latency mode several
# times (10,000 items in the list, downloads at full loopback speed from a local nginx) and once
# idle, and prints each run's figures: event-loop latency p50/p99/max, where the late probes'
# time went, CPU per thread, the download speed and the machine's load.
#
# Usage: tests/bench/guibench.sh [--runs N] [--items N] [--seconds N] [--bench PATH]
# Environment: FERRY_BENCH_ENGINE_NICE=N runs the engine thread at nice +N instead of the
#   application's default (0: as nice as the GUI thread, for a before/after comparison).
# Needs an optimised build with tests on, e.g.
#   cmake --preset release -DBUILD_TESTING=ON && cmake --build build/release --target ferry-gui-bench
# and nginx-light (README's test command). Runs offscreen; takes about (seconds + 4) per run.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
runs=3
items=10000
seconds=15
bench=$repo/build/release/tests/bench/ferry-gui-bench
while [ $# -gt 0 ]; do
    case $1 in
    --runs) runs=$2; shift ;;
    --items) items=$2; shift ;;
    --seconds) seconds=$2; shift ;;
    --bench) bench=$2; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "guibench.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done
if [ ! -x "$bench" ]; then
    echo "guibench.sh: no $bench; build the ferry-gui-bench target first (see --help)" >&2
    exit 2
fi

export QT_QPA_PLATFORM=offscreen
export QT_LOGGING_RULES="${QT_LOGGING_RULES:-qt.svg.warning=false}" # the bench has no icons
for run in $(seq 1 "$runs"); do
    echo "== run $run of $runs: $items items, downloads running, $seconds s"
    "$bench" latency "$items" "$seconds"
done
echo "== idle: $items items, nothing running, $seconds s"
"$bench" latency "$items" "$seconds" idle
