#!/bin/sh
# Runs a command against a throwaway Secret Service: a fresh HOME, a private D-Bus session bus and
# a gnome-keyring unlocked with a test password. Nothing touches the real user's keyring.
set -eu
home=$(mktemp -d "${TMPDIR:-/tmp}/ferry-keyring.XXXXXX")
mkdir -m 700 "$home/run"
status=0
HOME="$home" XDG_RUNTIME_DIR="$home/run" XDG_DATA_HOME="$home/.local/share" \
XDG_CONFIG_HOME="$home/.config" XDG_CACHE_HOME="$home/.cache" \
    dbus-run-session -- sh -c '
        printf "ferry-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
        exec "$@"' sh "$@" || status=$?
rm -rf "$home"
exit "$status"
