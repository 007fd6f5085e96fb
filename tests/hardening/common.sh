# Sourced by crashtest.sh and soak.sh: what both need around ferry-faultserver. Not a program.
#
#   hardening_require SCRIPT PROGRAM...   exit 2 unless every PROGRAM is built
#   hardening_workdir                     sets $work to a new folder, removed (with the server
#                                         stopped) when the script exits
#   hardening_start_server SCRIPT ARG...  starts ferry-faultserver (from $build) with ARGs,
#                                         logging to $work/server.log; sets $server_pid and
#                                         $server_port once it answers, or exits 2

hardening_require() {
    local script=$1
    shift
    local program
    for program in "$@"; do
        [ -x "$program" ] || { echo "$script: $program is missing; build first" >&2; exit 2; }
    done
}

hardening_cleanup() {
    [ -n "${server_pid:-}" ] && kill "$server_pid" 2>/dev/null
    [ -n "${work:-}" ] && rm -rf "$work"
}

hardening_workdir() {
    work=$(mktemp -d)
    server_pid=
    trap hardening_cleanup EXIT
}

hardening_start_server() {
    local script=$1
    shift
    "$build/tests/hardening/ferry-faultserver" "$@" > "$work/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 100); do grep -q '^ready' "$work/server.log" && break; sleep 0.1; done
    grep -q '^ready' "$work/server.log" || { echo "$script: the server did not start" >&2; exit 2; }
    server_port=$(awk '/^ready/ { print $2; exit }' "$work/server.log")
}
