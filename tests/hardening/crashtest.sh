#!/usr/bin/env bash
# On-demand crash test, not run by ctest: SIGKILLs ferry-cli (or, with --gui, the desktop
# program) at random moments during a busy batch (many small files finishing and checkpointing,
# a few big ones spread over 8 connections) and checks that every restart loads cleanly and the
# batch ends with byte-exact files.
#
#   tests/hardening/crashtest.sh [--kills N] [--per-round K] [--throttle BPS] [--gui] [--build DIR]
#
# Each round starts from an empty folder, kills the program K times (default 5) after
# 0.05-2.5 s, then lets it finish: every file matches its SHA-256, and the folders hold nothing
# else (no .part, no "name (1)" copy). Rounds repeat until N kills (default 100) were done.
# Every response is paced at BPS bytes/s (default 3 MiB/s: slower runs kill fewer small files
# mid-write; 512 KiB/s with --gui, whose starts take longer, so that the batch is still busy
# when the kills come). ferry-cli must exit 0 at the end. With --gui, `ferry` runs offscreen in a home of
# its own: the first start imports the list (the kill comes only once its session is on disk),
# later starts get no arguments and must carry on from the restored session; the last one runs
# until every file is there, then quits on SIGTERM, and no session file may have been set aside
# as damaged. Needs the ci (or dev) build.
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/hardening/common.sh
kills=100
per_round=5
throttle=
gui=
build=build/ci
while [ $# -gt 0 ]; do
    case "$1" in
    --kills) kills=$2; shift 2 ;;
    --per-round) per_round=$2; shift 2 ;;
    --throttle) throttle=$2; shift 2 ;;
    --gui) gui=1; shift ;;
    --build) build=$2; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "crashtest.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
[ -n "$throttle" ] || throttle=$([ -n "$gui" ] && echo $((512 << 10)) || echo $((3 << 20)))
cli=$build/app/cli/ferry-cli
ferry=$build/app/gui/ferry
hardening_require crashtest.sh "$build/tests/hardening/ferry-faultserver" \
    "$([ -n "$gui" ] && echo "$ferry" || echo "$cli")"
hardening_workdir
hardening_start_server crashtest.sh --files 60 --max-size $((16 << 20)) --throttle "$throttle" \
    --base-dir "$work/out" --list "$work/list.txt" --manifest "$work/manifest"

# The desktop program's own home: settings, session, single-instance socket, no proxy.
gui_env=(env -u DBUS_SESSION_BUS_ADDRESS -u http_proxy -u https_proxy -u HTTP_PROXY -u HTTPS_PROXY
    HOME="$work/home" XDG_CONFIG_HOME="$work/home/config" XDG_DATA_HOME="$work/state"
    XDG_CACHE_HOME="$work/home/cache" XDG_RUNTIME_DIR="$work/home/run" QT_QPA_PLATFORM=offscreen)
session_dir=$work/state/Ferry/ferry

# Starts one run in the background (pid in $pid): the first of a round imports the list.
start_run() {
    local first=$1
    if [ -z "$gui" ]; then
        XDG_DATA_HOME=$work/state "$cli" -j 8 -i "$work/list.txt" > "$work/run.log" 2>&1 &
        pid=$!
        return
    fi
    if [ "$first" = 1 ]; then
        "${gui_env[@]}" "$ferry" -i "$work/list.txt" >> "$work/run.log" 2>&1 &
    else
        "${gui_env[@]}" "$ferry" >> "$work/run.log" 2>&1 &
    fi
    pid=$!
    if [ "$first" = 1 ]; then
        # Until the list is in the session, a kill loses it, and the restarts have nothing to do.
        for _ in $(seq 200); do
            [ -s "$session_dir/session.journal" ] || [ -s "$session_dir/session.dat" ] && break
            sleep 0.05
        done
    fi
}

# Waits (up to 10 minutes) for the desktop program to have every file, then quits it; sets
# $problem when something went wrong.
finish_gui() {
    local status=0 missing=
    # Listening for other instances comes after the SIGTERM handler: until then a TERM kills.
    for _ in $(seq 600); do
        [ -S "$work/home/run/ferry.socket" ] && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.05
    done
    for _ in $(seq 1200); do
        missing=$(cd "$work/out" && awk '{ print $2 }' "$work/manifest" \
            | while read -r name; do [ -f "$name" ] || echo "$name"; done | head -n 1) || true
        [ -z "$missing" ] && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
    done
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" || status=$?
    if [ -n "$missing" ]; then
        problem="files never came: $missing and maybe more"
    elif [ "$status" -ne 0 ]; then
        problem="ferry exited with $status"
    elif ls "$session_dir" | grep -q damaged; then
        problem="a session file was set aside as damaged"
    fi
}

done_kills=0
finished_early=0
rounds=0
failures=0
started=$(date +%s)
while [ "$done_kills" -lt "$kills" ]; do
    rounds=$((rounds + 1))
    rm -rf "$work/out" "$work/state" "$work/home"
    mkdir -p "$work/out" "$work/home/run" "$work/home/config/Ferry"
    chmod 700 "$work/home/run"
    printf '[downloads]\nmaxConcurrent=8\n[proxy]\nmode=none\n[window]\nnotifications=false\n' \
        > "$work/home/config/Ferry/ferry.conf"
    : > "$work/run.log"
    for kill_number in $(seq "$per_round"); do
        start_run "$([ "$kill_number" = 1 ] && echo 1 || echo 0)"
        sleep "$(awk -v ms=$((RANDOM % 2450 + 50)) 'BEGIN { print ms / 1000 }')"
        if kill -KILL "$pid" 2>/dev/null; then
            done_kills=$((done_kills + 1))
        else
            finished_early=$((finished_early + 1))
        fi
        wait "$pid" 2>/dev/null || true
    done
    problem=
    # How far the killed runs got: the last run should still have work to do.
    done_before=$(cd "$work/out" && awk '{ print $2 }' "$work/manifest" \
        | while read -r name; do if [ -f "$name" ]; then echo; fi; done | wc -l)
    if [ -n "$gui" ]; then
        rm -f "$work/home/run/ferry.socket" # a killed run's; the next start replaces it anyway
        start_run 0
        finish_gui
    else
        status=0
        XDG_DATA_HOME=$work/state timeout 600 "$cli" -j 8 -i "$work/list.txt" > "$work/run.log" \
            2>&1 || status=$?
        [ "$status" -eq 0 ] || problem="the last run exited with $status"
    fi
    if [ -z "$problem" ] && ! (cd "$work/out" && sha256sum --quiet -c "$work/manifest" > "$work/sums.log" 2>&1); then
        problem="files differ: $(head -n 3 "$work/sums.log" | tr '\n' ' ')"
    fi
    extra=$(cd "$work/out" && find . -type f | sed 's|^\./||' | sort \
        | comm -23 - <(awk '{ print $2 }' "$work/manifest" | sort) | tr '\n' ' ')
    if [ -z "$problem" ] && [ -n "$extra" ]; then
        problem="files that should not be there: $extra"
    fi
    if [ -n "$problem" ]; then
        failures=$((failures + 1))
        echo "round $rounds: FAILED: $problem" >&2
        grep -E '^\[(fail|retry)\]' "$work/run.log" | head -n 5 >&2 || true
    fi
    echo "round $rounds: kills so far $done_kills, failures $failures" \
        "($done_before of $(wc -l < "$work/manifest") files were done before the last run)"
done
echo "crashtest: $done_kills kills in $rounds rounds ($finished_early runs finished before their kill)," \
     "$failures failed rounds, $(( $(date +%s) - started )) s"
[ "$failures" -eq 0 ]
