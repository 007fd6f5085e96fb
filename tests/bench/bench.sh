#!/usr/bin/env bash
# Ferry's benchmark (issue 3): ferry-cli against aria2c, curl, wget and wget2, in one run, on a
# local nginx. Workloads:
#   0  physical limits: curl -o /dev/null of the big file (loopback alone), dd of the same size
#      (disk alone, into the page cache and with fdatasync)
#   1  one big file, one connection          (Ferry, curl, wget, wget2, aria2c -x1)
#   2  the same file with 16 connections     (Ferry -x16 -s16 -k1M, aria2c -x16 -s16 -k1M)
#   3  many small files from a list, 16 at a time (Ferry -j16, aria2c -j16, curl --parallel,
#      wget -i, wget2 --max-threads=16)
#   4  many 1 MiB files from a list, 16 at a time (same tools as 3)
#   5  the small files of 3 with Ferry alone: fixed -j 4, 8, 16, 32 against -j auto (issue 4:
#      auto should reach 90% of the best fixed -j); not in the default set
# Every run starts from an empty output folder and an empty Ferry state folder and is verified
# (file count, sizes, sha-256 of the big file or of a random sample of the small ones); a run that
# fails verification makes its row FAILED. Each figure is the median over the runs.
#
# Usage: tests/bench/bench.sh [--quick] [--runs N] [--workloads "0 1 2 3 4"] [--ferry PATH]
#                             [--results FILE]
# Environment: BIG_SIZE (2G), SMALL_COUNT (10000), SMALL_SIZE (32K), MEDIUM_COUNT (1000),
#   MEDIUM_SIZE (1M), RUNS (3), SAMPLE (64 files checked per run), RUN_TIMEOUT (600 s),
#   NGINX_WORKERS (1), FERRY_CLI, BENCH_TMPDIR (where the temp folder goes; default $TMPDIR or /tmp).
# --quick scales everything down (256M, 500 x 32K, 50 x 1M, one run) for a smoke test and
# writes no RESULTS.md unless --results is given. A full run writes tests/bench/RESULTS.md.
# Installs nothing: needs nginx-light, aria2, curl, wget, wget2, time, python3, openssl (README).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }

quick=0
results=""
runs=${RUNS:-}
workloads=${WORKLOADS:-"0 1 2 3 4"}
ferry=${FERRY_CLI:-$repo/build/release/app/cli/ferry-cli}
while [ $# -gt 0 ]; do
    case $1 in
    --quick) quick=1 ;;
    --runs) runs=$2; shift ;;
    --runs=*) runs=${1#*=} ;;
    --workloads) workloads=$2; shift ;;
    --workloads=*) workloads=${1#*=} ;;
    --ferry) ferry=$2; shift ;;
    --ferry=*) ferry=${1#*=} ;;
    --results) results=$2; shift ;;
    --results=*) results=${1#*=} ;;
    -h | --help) usage; exit 0 ;;
    *) echo "bench.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
    esac
    shift
done

if [ "$quick" = 1 ]; then
    big_size=${BIG_SIZE:-256M}; small_count=${SMALL_COUNT:-500}; medium_count=${MEDIUM_COUNT:-50}
    runs=${runs:-1}; run_timeout=${RUN_TIMEOUT:-120}
else
    big_size=${BIG_SIZE:-2G}; small_count=${SMALL_COUNT:-10000}; medium_count=${MEDIUM_COUNT:-1000}
    runs=${runs:-3}; run_timeout=${RUN_TIMEOUT:-600}
    results=${results:-$here/RESULTS.md}
fi
small_size=${SMALL_SIZE:-32K}
medium_size=${MEDIUM_SIZE:-1M}
sample=${SAMPLE:-64}
parallel=16

bytes() { numfmt --from=iec "$1"; }
big_bytes=$(bytes "$big_size")
small_bytes=$(bytes "$small_size")
medium_bytes=$(bytes "$medium_size")
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "bench.sh: --runs needs a positive number" >&2; exit 2; }
[ $((big_bytes % 1048576)) = 0 ] || { echo "bench.sh: BIG_SIZE must be whole MiB" >&2; exit 2; }

missing=""
for tool in nginx aria2c curl wget wget2 python3 openssl numfmt timeout shuf sha256sum; do
    command -v "$tool" >/dev/null || missing="$missing $tool"
done
[ -x /usr/bin/time ] || missing="$missing /usr/bin/time"
if [ -n "$missing" ]; then
    echo "bench.sh: missing:$missing (install the packages in README's test command)" >&2
    exit 2
fi
[ -x "$ferry" ] || { echo "bench.sh: no ferry-cli at $ferry (build the release preset or pass --ferry)" >&2; exit 2; }
ferry=$(realpath "$ferry")

work=$(mktemp -d "${BENCH_TMPDIR:-${TMPDIR:-/tmp}}/ferry-bench.XXXXXX")
nginx_pid=""
cleanup() {
    [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
out=$work/out
state=$work/state
www=$work/www
mkdir -p "$www" "$work/logs" "$work/tmp"

say() { printf '%s\n' "$*"; }
now() { date -u '+%Y-%m-%d %H:%M UTC'; }
started=$(now)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
say "Ferry benchmark, $started; temp folder $work"
say "sizes: big $big_size, $small_count x $small_size, $medium_count x $medium_size; $runs run(s) each"

# --- data -----------------------------------------------------------------------------------
say "generating data..."
# The big file: AES-CTR keystream, random enough that a wrong byte changes the checksum.
head -c "$big_bytes" >"$www/big.bin" \
    < <(openssl enc -aes-128-ctr -nosalt -K "$(openssl rand -hex 16)" -iv 0 </dev/zero 2>/dev/null)
big_sha=$(openssl dgst -sha256 -r "$www/big.bin" | cut -d' ' -f1)

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port

# One folder of random files, its sha-256 manifest and its URL list (plain and curl -K form).
# Only the sets a chosen workload uses.
[[ " $workloads " == *" 3 "* || " $workloads " == *" 5 "* ]] && small_make=$small_count || small_make=0
[[ " $workloads " == *" 4 "* ]] && medium_make=$medium_count || medium_make=0
python3 - "$www" "$base" small "$small_make" "$small_bytes" medium "$medium_make" "$medium_bytes" <<'PY'
import hashlib, os, random, sys
www, base = sys.argv[1], sys.argv[2]
rng = random.Random()
for name, count, size in zip(sys.argv[3::3], sys.argv[4::3], sys.argv[5::3]):
    count, size = int(count), int(size)
    folder = os.path.join(www, name)
    os.makedirs(folder)
    with open(os.path.join(www, name + ".sha256"), "w") as manifest, \
         open(os.path.join(www, name + ".list"), "w") as urls, \
         open(os.path.join(www, name + ".curl"), "w") as curl:
        for i in range(1, count + 1):
            file = "f%06d.bin" % i
            data = rng.randbytes(size)
            with open(os.path.join(folder, file), "wb") as f:
                f.write(data)
            manifest.write("%s  %s\n" % (hashlib.sha256(data).hexdigest(), file))
            urls.write("%s/%s/%s\n" % (base, name, file))
            curl.write('url = "%s/%s/%s"\n' % (base, name, file))
PY

# Memory this VM never touched is slow to touch the first time (the host backs it lazily), which
# made whichever tool ran first look slow: touch enough of it once, before any timing.
warm=$(awk -v b="$big_bytes" '/MemAvailable/ {w = 2 * b + 1073741824; h = $2 * 512; printf "%.0f\n", (w < h ? w : h)}' /proc/meminfo)
python3 -c "import sys; b = b'\\1' * int(sys.argv[1])" "$warm"

# --- nginx ----------------------------------------------------------------------------------
cat >"$work/nginx.conf" <<CONF
daemon off; master_process off; worker_processes ${NGINX_WORKERS:-1};
error_log $work/logs/error.log; pid $work/nginx.pid;
events { worker_connections 4096; }
http {
    access_log off; sendfile on; tcp_nopush on; keepalive_requests 1000000;
    client_body_temp_path $work/tmp; proxy_temp_path $work/tmp; fastcgi_temp_path $work/tmp;
    uwsgi_temp_path $work/tmp; scgi_temp_path $work/tmp;
    server { listen 127.0.0.1:$port; root $www; }
}
CONF
nginx -c "$work/nginx.conf" &
nginx_pid=$!
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
curl -q -sfo /dev/null "$base/big.bin" -r 0-0 || { echo "bench.sh: nginx did not come up" >&2; exit 1; }

# --- Ferry's flags --------------------------------------------------------------------------
# Options are parsed before --version acts, so this tells whether the value is accepted.
ferry_host=()
ferry_list=""
ferry_notes=()
if "$ferry" --max-connections-per-host=$parallel --version >/dev/null 2>&1; then
    ferry_host=(--max-connections-per-host=$parallel)
elif [[ " $workloads " =~ \ [234]\  ]]; then
    ferry_notes+=("ferry-cli does not accept --max-connections-per-host=$parallel: it ran with its default per-host cap (6 connections to the one server), so -j $parallel meant 6 at a time.")
    ferry_list=" (Ferry: 6 at a time, its per-host cap)"
fi
if "$ferry" --help 2>/dev/null | grep -q -- '--split'; then
    ferry_split=(-x $parallel -s $parallel -k 1M)
    ferry_w2="$parallel connections"
else
    ferry_split=()
    ferry_w2="1 connection"
    [[ " $workloads " == *" 2 "* ]] && ferry_notes+=("ferry-cli has no --split yet: in workload 2 it ran with ONE connection against aria2c's $parallel.")
fi

# --- measuring ------------------------------------------------------------------------------
declare -A wall cpu rss fails why cmdline
declare -a order=()

median() { tr ' ' '\n' | sed '/^$/d' | sort -g | awk '{v[NR]=$1} END {if (NR==0) exit; m=int((NR+1)/2); if (NR%2) print v[m]; else printf "%.6f\n", (v[m]+v[m+1])/2}'; }

verify_big() { # folder name
    local files
    files=$(find "$1" -type f | wc -l)
    [ "$files" = 1 ] || { echo "$files files, expected 1"; return 1; }
    [ -f "$1/$2" ] || { echo "no $2"; return 1; }
    [ "$(stat -c %s "$1/$2")" = "$big_bytes" ] || { echo "size $(stat -c %s "$1/$2"), expected $big_bytes"; return 1; }
    [ "$(openssl dgst -sha256 -r "$1/$2" | cut -d' ' -f1)" = "$big_sha" ] || { echo "sha-256 differs"; return 1; }
}

verify_set() { # folder set count size
    local files wrong bad
    files=$(find "$1" -type f | wc -l)
    [ "$files" = "$3" ] || { echo "$files files, expected $3"; return 1; }
    wrong=$(find "$1" -type f ! -size "$4c" | wc -l)
    [ "$wrong" = 0 ] || { echo "$wrong files of the wrong size"; return 1; }
    shuf -n "$sample" "$www/$2.sha256" >"$work/sample.sha256"
    bad=$( (cd "$1" && sha256sum -c --quiet "$work/sample.sha256" 2>/dev/null) | wc -l) || true
    [ "$bad" = 0 ] || { echo "$bad of $sample sampled files differ"; return 1; }
}

# Moves a run's output and state aside, emptied but not deleted: on ext4 without a journal,
# creating files is slow for minutes after many were deleted (the allocator skips recently freed
# inodes one by one), so deleting 10,000 files between runs made the next tool pay for it.
retired=0
retire() {
    [ -d "$out" ] || [ -d "$state" ] || return 0
    retired=$((retired + 1))
    python3 -c '
import os, sys
for top in sys.argv[1:]:
    for folder, _, files in os.walk(top):
        for name in files:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                os.truncate(path, 0)' "$out" "$state" 2>/dev/null || true
    mkdir -p "$work/retired"
    [ -d "$out" ] && mv "$out" "$work/retired/out.$retired"
    [ -d "$state" ] && mv "$state" "$work/retired/state.$retired"
    return 0
}

# measure KEY VERIFY-COMMAND -- COMMAND...: one run in a fresh output and state folder.
measure() {
    local key=$1 check=$2 rc=0 t0 t1 verdict sec
    shift 3
    retire
    mkdir -p "$out" "$state"
    sync
    t0=$EPOCHREALTIME
    (cd "$out" && XDG_DATA_HOME=$state /usr/bin/time -f '%U %S %M' -o "$work/time.txt" \
        timeout -k 5 "$run_timeout" "$@" >"$work/log.txt" 2>&1) || rc=$?
    t1=$EPOCHREALTIME
    sec=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", b - a}')
    if [ "$rc" != 0 ]; then
        verdict="exit status $rc: $(grep -v '^Command exited' "$work/log.txt" | head -c 200 | tr '\n' ' ')"
    else
        verdict=$(eval "$check") && verdict=ok
    fi
    if [ "$verdict" = ok ]; then
        read -r user sys maxrss < <(tail -n 1 "$work/time.txt")
        wall[$key]+=" $sec"
        cpu[$key]+=" $(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')"
        rss[$key]+=" $maxrss"
        printf '    %-10s %8.2f s  ok\n' "${key#*|}" "$sec"
    else
        fails[$key]=$((${fails[$key]:-0} + 1))
        why[$key]=$verdict
        printf '    %-10s %8.2f s  FAILED: %s\n' "${key#*|}" "$sec" "$verdict"
    fi
    retire
}

# workload W TITLE followed by lines "tool|verify|command" run round-robin, RUNS times.
run_workload() {
    local w=$1 title=$2 spec tool check command rep
    shift 2
    say ""
    say "workload $w: $title"
    order+=("$w|$title")
    for spec in "$@"; do
        IFS='|' read -r tool check command <<<"$spec"
        cmdline["$w|$tool"]=$command
        tools[$w]+=" $tool"
    done
    for rep in $(seq "$runs"); do
        say "  run $rep/$runs"
        for spec in "$@"; do
            IFS='|' read -r tool check command <<<"$spec"
            eval "measure '$w|$tool' '$check' -- $command"
        done
    done
}
declare -A tools

big_url=$base/big.bin
q="$ferry -q"
for w in $workloads; do
    case $w in
    0)
        run_workload 0 "physical limits ($big_size)" \
            "loopback|grep -qx $big_bytes $work/log.txt|curl -q --no-progress-meter --fail -o /dev/null -w '%{size_download}\n' $big_url" \
            "disk|[ \$(stat -c %s $out/dd.bin) = $big_bytes ]|dd if=/dev/zero of=dd.bin bs=1M count=$((big_bytes / 1048576)) status=none" \
            "disk+sync|[ \$(stat -c %s $out/dd.bin) = $big_bytes ]|dd if=/dev/zero of=dd.bin bs=1M count=$((big_bytes / 1048576)) conv=fdatasync status=none"
        ;;
    1)
        run_workload 1 "one $big_size file, one connection" \
            "ferry|verify_big $out big.bin|$q -d $out $big_url" \
            "curl|verify_big $out big.bin|curl -q --no-progress-meter --fail -o $out/big.bin $big_url" \
            "wget|verify_big $out big.bin|wget --no-config -q -P $out $big_url" \
            "wget2|verify_big $out big.bin|wget2 --no-config -q -P $out $big_url" \
            "aria2c|verify_big $out big.bin|aria2c --no-conf -q -x1 -s1 -d $out $big_url"
        ;;
    2)
        run_workload 2 "one $big_size file, $parallel connections (Ferry: $ferry_w2)" \
            "ferry|verify_big $out big.bin|$q ${ferry_host[*]} ${ferry_split[*]} -d $out $big_url" \
            "aria2c|verify_big $out big.bin|aria2c --no-conf -q -x$parallel -s$parallel -k1M -d $out $big_url"
        ;;
    3 | 4)
        if [ "$w" = 3 ]; then set=small n=$small_count size=$small_bytes label="$small_count x $small_size"
        else set=medium n=$medium_count size=$medium_bytes label="$medium_count x $medium_size"; fi
        check="verify_set $out $set $n $size"
        run_workload "$w" "$label files from a list, $parallel at a time$ferry_list" \
            "ferry|$check|$q ${ferry_host[*]} -j $parallel -d $out -i $www/$set.list" \
            "curl|$check|curl -q --no-progress-meter --fail --parallel --parallel-max $parallel --remote-name-all --output-dir $out -K $www/$set.curl" \
            "wget|$check|wget --no-config -q -P $out -i $www/$set.list" \
            "wget2|$check|wget2 --no-config -q --max-threads=$parallel -P $out -i $www/$set.list" \
            "aria2c|$check|aria2c --no-conf -q -j$parallel -d $out -i $www/$set.list"
        ;;
    5)
        check="verify_set $out small $small_count $small_bytes"
        list="-d $out -i $www/small.list"
        run_workload 5 "$small_count x $small_size files, Ferry with fixed -j and with -j auto" \
            "j4|$check|$q ${ferry_host[*]} -j 4 $list" \
            "j8|$check|$q ${ferry_host[*]} -j 8 $list" \
            "j16|$check|$q ${ferry_host[*]} -j 16 $list" \
            "j32|$check|$q --max-connections-per-host=32 -j 32 $list" \
            "auto|$check|$q --max-connections-per-host=32 -j auto $list"
        ;;
    *) echo "bench.sh: no workload $w" >&2; exit 2 ;;
    esac
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

# --- report ---------------------------------------------------------------------------------
volume() { # bytes moved by workload W
    case $1 in 0 | 1 | 2) echo "$big_bytes" ;; 3 | 5) echo $((small_count * small_bytes)) ;;
    4) echo $((medium_count * medium_bytes)) ;; esac
}
files_of() { case $1 in 3 | 5) echo "$small_count" ;; 4) echo "$medium_count" ;; *) echo 1 ;; esac; }
fmt() { awk -v v="$1" -v f="$2" 'BEGIN {printf f, v}'; }

declare -A med_wall med_cpu med_rss
for key in "${!cmdline[@]}"; do
    if [ -z "${fails[$key]:-}" ] && [ -n "${wall[$key]:-}" ]; then
        med_wall[$key]=$(median <<<"${wall[$key]}")
        med_cpu[$key]=$(median <<<"${cpu[$key]}")
        med_rss[$key]=$(median <<<"${rss[$key]}")
    fi
done

host_cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -1)
mem=$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
fs=$(df -PT "$work" | awk 'NR == 2 {print $2 " on " $1}')
device=$(df -P "$work" | awk 'NR == 2 {print $1}')
if [[ $fs == ext4* ]] && ! ls -d "/proc/fs/jbd2/$(basename "$device")"-* >/dev/null 2>&1; then
    fs="$fs (no journal)"
fi
commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)
git -C "$repo" diff --quiet HEAD -- core app 2>/dev/null || commit="$commit + uncommitted changes in core/app"

report() {
    say "# Ferry benchmark results"
    say ""
    say "Run $started by \`tests/bench/bench.sh$([ "$quick" = 1 ] && echo ' --quick')\`: $runs run(s) per tool and workload, figures are medians."
    say "Ferry built from commit $commit."
    say ""
    say "## Machine"
    say ""
    say "- CPU: $host_cpu, $(nproc) cores; RAM $mem; kernel $(uname -r)"
    say "- Output folder: $fs (temp folder; nginx serves from the same file system, data in the page cache)"
    say "- Load average at start $load_start, at end $load_end (other builds may have been running; ratios are from the same run)"
    say "- Tools: $("$ferry" --version | head -1); $(aria2c --version | head -1); $(curl --version | head -1 | cut -d' ' -f1-2); $(wget --version | head -1 | cut -d' ' -f1-3); $(wget2 --version | head -1 | cut -d' ' -f1-3); $(nginx -v 2>&1 | cut -d' ' -f3)"
    say ""
    say "## Results"
    say ""
    say "Wall = median wall time; CPU = user+sys seconds of the client; RSS = peak resident set size (GNU time). Ferry ÷ tool is Ferry's wall time over the tool's: below 1.00 Ferry is faster. MiB/s counts payload bytes."
    local entry w title tool key vol n best_tool best_wall fw
    for entry in "${order[@]}"; do
        w=${entry%%|*}; title=${entry#*|}
        vol=$(volume "$w"); n=$(files_of "$w")
        say ""
        say "### $w. $title"
        say ""
        # Workload 5 compares Ferry's automatic concurrency with its fixed settings.
        local self=ferry
        [ "$w" = 5 ] && self=auto
        if [ "$w" -ge 3 ]; then
            say "| Tool | Wall s | files/s | MiB/s | CPU s | CPU s/GiB | Peak RSS MiB | Ferry ÷ tool |"
            say "|---|--:|--:|--:|--:|--:|--:|--:|"
        else
            say "| Tool | Wall s | MiB/s | CPU s | CPU s/GiB | Peak RSS MiB | Ferry ÷ tool |"
            say "|---|--:|--:|--:|--:|--:|--:|"
        fi
        fw=${med_wall["$w|$self"]:-}
        best_tool=""; best_wall=""
        for tool in ${tools[$w]}; do
            key="$w|$tool"
            if [ -z "${med_wall[$key]:-}" ]; then
                if [ "$w" -ge 3 ]; then
                    say "| $tool | FAILED (${fails[$key]:-0}/$runs runs: ${why[$key]:-not run}) | | | | | | |"
                else
                    say "| $tool | FAILED (${fails[$key]:-0}/$runs runs: ${why[$key]:-not run}) | | | | | |"
                fi
                continue
            fi
            local wl=${med_wall[$key]} ratio="–"
            if [ "$tool" != "$self" ] && [ "$w" != 0 ]; then
                [ -n "$fw" ] && ratio=$(fmt "$(awk -v a="$fw" -v b="$wl" 'BEGIN {print a / b}')" '%.2f')
                if [ -z "$best_wall" ] || awk -v a="$wl" -v b="$best_wall" 'BEGIN {exit !(a < b)}'; then
                    best_wall=$wl; best_tool=$tool
                fi
            fi
            local row="| $tool | $(fmt "$wl" '%.2f')"
            [ "$w" -ge 3 ] && row+=" | $(fmt "$(awk -v n="$n" -v t="$wl" 'BEGIN {print n / t}')" '%.0f')"
            row+=" | $(fmt "$(awk -v b="$vol" -v t="$wl" 'BEGIN {print b / 1048576 / t}')" '%.0f')"
            row+=" | $(fmt "${med_cpu[$key]}" '%.2f')"
            row+=" | $(fmt "$(awk -v c="${med_cpu[$key]}" -v b="$vol" 'BEGIN {print c / (b / 1073741824)}')" '%.2f')"
            row+=" | $(fmt "$(awk -v k="${med_rss[$key]}" 'BEGIN {print k / 1024}')" '%.1f')"
            row+=" | $ratio |"
            say "$row"
        done
        if [ "$w" != 0 ]; then
            say ""
            if [ "$w" = 5 ] && [ -n "$fw" ] && [ -n "$best_wall" ]; then
                local share
                share=$(awk -v a="$fw" -v b="$best_wall" 'BEGIN {printf "%.0f", 100 * b / a}')
                say "-j auto reaches **${share}%** of the throughput of the best fixed setting ($best_tool) (target ≥ 90%: $(awk -v s="$share" 'BEGIN {print (s >= 90 ? "met" : "missed")}'))."
            elif [ -n "$fw" ] && [ -n "$best_wall" ]; then
                local r
                r=$(awk -v a="$fw" -v b="$best_wall" 'BEGIN {printf "%.2f", a / b}')
                say "Ferry ÷ best peer ($best_tool): **${r}×** (target ≤ 1.00×: $(awk -v r="$r" 'BEGIN {print (r <= 1.0 ? "met" : "missed")}'))."
            else
                say "Ferry ÷ best peer: not available (Ferry or every peer failed)."
            fi
        fi
        if [ "$w" = 1 ] && [ -n "$fw" ] && [ -n "${med_wall["0|loopback"]:-}" ]; then
            say "Ferry reaches $(awk -v f="$fw" -v l="${med_wall["0|loopback"]}" 'BEGIN {printf "%.0f", 100 * l / f}')% of the loopback limit (target ≥ 75%)."
        fi
        if [ -n "$fw" ] && [ -n "${med_cpu["$w|curl"]:-}" ]; then
            say "Ferry's CPU per GiB ÷ curl's: $(awk -v a="${med_cpu["$w|ferry"]}" -v b="${med_cpu["$w|curl"]}" 'BEGIN {printf "%.2f", a / b}')× (target ≤ 1.00×)."
        fi
    done
    say ""
    say "## How each tool ran"
    say ""
    say "Every run starts with a new, empty output folder (and a new, empty \$XDG_DATA_HOME, where ferry-cli keeps checkpoints), after \`sync\`; the previous run's folders are emptied (files truncated) and moved aside rather than deleted, and removed at the end, because on ext4 without a journal creating files stays slow for minutes after thousands were deleted; the tools of a workload take turns, run after run. Verified: file count, every size, sha-256 of the big file or of $sample random files of a list. Quiet modes everywhere, no user config files (-q / --no-config / --no-conf), plain http on 127.0.0.1, nginx $([ "${NGINX_WORKERS:-1}" = 1 ] && echo "with one worker" || echo "with ${NGINX_WORKERS} workers"), sendfile on. aria2c keeps its default --file-allocation=prealloc (what a user gets; it is fallocate on ext4) and its .aria2 control files, which it fsyncs for every download (three fsyncs per file; most of its time on the lists here, and --auto-save-interval=0 would drop its resume data); wget2 keeps its default --xattr=on. curl gets --no-progress-meter, not -s: curl 7.88 still draws its --parallel progress meter under -s. Before timing, the script touches about $(numfmt --to=iec "$warm") of memory once, because first-touched memory is slow on a VM whose host backs it lazily."
    say ""
    for entry in "${order[@]}"; do
        w=${entry%%|*}
        for tool in ${tools[$w]}; do
            say "- $w $tool: \`$(sed "s|$work|\$TMP|g; s|$ferry|ferry-cli|; s|$base|http://127.0.0.1:PORT|g" <<<"${cmdline["$w|$tool"]}" | tr -s ' ')\`"
        done
    done
    if [ ${#ferry_notes[@]} -gt 0 ]; then
        say ""
        say "## Notes"
        say ""
        for note in "${ferry_notes[@]}"; do say "- $note"; done
    fi
}

say ""
report | tee "$work/report.md"
if [ -n "$results" ]; then
    cp "$work/report.md" "$results"
    say ""
    say "written to $results"
fi
