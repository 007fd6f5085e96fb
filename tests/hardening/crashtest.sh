#!/usr/bin/env bash
# On-demand crash test, not run by ctest: SIGKILLs ferry-cli at random moments during a busy
# batch (many small files finishing and checkpointing, a few big ones spread over 8 connections)
# and checks that every restart loads cleanly and the batch ends with byte-exact files.
#
#   tests/hardening/crashtest.sh [--kills N] [--per-round K] [--build DIR]
#
# Each round starts from an empty folder, kills ferry-cli K times (default 5) after 0.05-2.5 s,
# then lets it finish: exit status 0, every file matches its SHA-256, no .part file left.
# Rounds repeat until N kills (default 100) were done. Needs the ci (or dev) build.
set -euo pipefail
cd "$(dirname "$0")/../.."
kills=100
per_round=5
build=build/ci
while [ $# -gt 0 ]; do
    case "$1" in
    --kills) kills=$2; shift 2 ;;
    --per-round) per_round=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "crashtest.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
cli=$build/app/cli/ferry-cli
server=$build/tests/hardening/ferry-faultserver
for program in "$cli" "$server"; do
    [ -x "$program" ] || { echo "crashtest.sh: $program is missing; build first" >&2; exit 2; }
done

work=$(mktemp -d)
server_pid=
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

"$server" --files 60 --max-size $((16 << 20)) --throttle $((1 << 20)) --base-dir "$work/out" \
    --list "$work/list.txt" --manifest "$work/manifest" > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do grep -q '^ready' "$work/server.log" && break; sleep 0.1; done
grep -q '^ready' "$work/server.log" || { echo "crashtest.sh: the server did not start" >&2; exit 2; }

done_kills=0
finished_early=0
rounds=0
failures=0
started=$(date +%s)
while [ "$done_kills" -lt "$kills" ]; do
    rounds=$((rounds + 1))
    rm -rf "$work/out" "$work/state"
    mkdir -p "$work/out"
    for _ in $(seq "$per_round"); do
        XDG_DATA_HOME=$work/state "$cli" -j 8 -i "$work/list.txt" > "$work/run.log" 2>&1 &
        pid=$!
        sleep "$(awk -v ms=$((RANDOM % 2450 + 50)) 'BEGIN { print ms / 1000 }')"
        if kill -KILL "$pid" 2>/dev/null; then
            done_kills=$((done_kills + 1))
        else
            finished_early=$((finished_early + 1))
        fi
        wait "$pid" 2>/dev/null || true
    done
    status=0
    XDG_DATA_HOME=$work/state timeout 600 "$cli" -j 8 -i "$work/list.txt" > "$work/run.log" 2>&1 \
        || status=$?
    problem=
    [ "$status" -eq 0 ] || problem="the last run exited with $status"
    if [ -z "$problem" ] && ! (cd "$work/out" && sha256sum --quiet -c "$work/manifest" > "$work/sums.log" 2>&1); then
        problem="files differ: $(head -n 3 "$work/sums.log" | tr '\n' ' ')"
    fi
    if [ -z "$problem" ] && [ -n "$(find "$work/out" -name '*.part')" ]; then
        problem=".part files left behind"
    fi
    if [ -n "$problem" ]; then
        failures=$((failures + 1))
        echo "round $rounds: FAILED: $problem" >&2
        echo "  files that should not be there:" $(cd "$work/out" && find . -type f | sed 's|^\./||' \
            | sort | comm -23 - <(awk '{ print $2 }' "$work/manifest" | sort)) >&2
        grep -E '^\[(fail|retry)\]' "$work/run.log" | head -n 5 >&2 || true
    fi
    echo "round $rounds: kills so far $done_kills, failures $failures"
done
echo "crashtest: $done_kills kills in $rounds rounds ($finished_early runs finished before their kill)," \
     "$failures failed rounds, $(( $(date +%s) - started )) s"
[ "$failures" -eq 0 ]
