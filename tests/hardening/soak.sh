#!/usr/bin/env bash
# On-demand soak run, not run by ctest: the engine downloads a continuous stream of files from
# ferry-faultserver with random faults on (dropped connections, stalls, 503s, slow trickles) and
# samples its resident memory and open file descriptors, which must stay flat.
#
#   tests/hardening/soak.sh [--minutes N] [--build DIR]     (default 30 minutes, build/ci)
#
# Prints a sample every 10 s and a summary (first and last sample); fails when a file came out
# different from what was served.
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/hardening/common.sh
minutes=30
build=build/ci
while [ $# -gt 0 ]; do
    case "$1" in
    --minutes) minutes=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "soak.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
soak=$build/tests/hardening/ferry-soak
hardening_require soak.sh "$soak" "$build/tests/hardening/ferry-faultserver"
hardening_workdir
hardening_start_server soak.sh --files 50 --max-size $((4 << 20)) --faults \
    --list "$work/list.txt" --manifest "$work/manifest"
"$soak" --minutes "$minutes" --list "$work/list.txt" --dir "$work/out" --state "$work/state"
