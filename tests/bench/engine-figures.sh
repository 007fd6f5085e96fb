#!/usr/bin/env bash
# Measures the engine figures the foundation work promised, against a real nginx on loopback:
#   - ferry-cli's peak RSS with 100,000 URLs queued (and fetched: 100,000 files of 1 KiB)
#   - ferry-cli's peak RSS while downloading one 2 GiB file, next to curl's
# Usage: tests/bench/engine-figures.sh [path/to/ferry-cli]   (default: build/release/app/cli/ferry-cli)
# Needs nginx and /usr/bin/time (Debian packages nginx-light, time). Data lives in a temp dir.
set -euo pipefail
cli=$(realpath "${1:-build/release/app/cli/ferry-cli}")
work=$(mktemp -d /tmp/ferry-figures.XXXXXX)
trap 'kill "$nginx_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$work/www" "$work/logs" "$work/out" "$work/state"

head -c 1024 /dev/urandom > "$work/www/one.bin"
truncate -s 2G "$work/www/big.bin" # sparse: nginx reads it fast, the client writes every byte

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat > "$work/nginx.conf" <<CONF
daemon off; master_process off; worker_processes 1;
error_log $work/logs/error.log; pid $work/nginx.pid;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $work/tmp; proxy_temp_path $work/tmp; fastcgi_temp_path $work/tmp;
    uwsgi_temp_path $work/tmp; scgi_temp_path $work/tmp;
    server {
        listen 127.0.0.1:$port; root $work/www;
        location /many/ { rewrite ^ /one.bin break; }
    }
}
CONF
nginx -c "$work/nginx.conf" & nginx_pid=$!
for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.1; done

peak() { awk -F': ' '/Maximum resident set size/ {printf "%.1f MiB", $2/1024}' "$1"; }

seq -f "http://127.0.0.1:$port/many/f%06g.bin" 1 100000 > "$work/list.txt"
start=$(date +%s.%N)
XDG_DATA_HOME=$work/state /usr/bin/time -v -o "$work/t1" "$cli" -q -j 16 -d "$work/out/many" -i "$work/list.txt" || echo "ferry-cli exit $?"
end=$(date +%s.%N)
echo "100,000 URLs: peak RSS $(peak "$work/t1"), $(ls "$work/out/many" | wc -l) files, $(echo "$end - $start" | bc) s"
rm -rf "$work/out/many" "$work/state"

XDG_DATA_HOME=$work/state /usr/bin/time -v -o "$work/t2" "$cli" -q -d "$work/out" "http://127.0.0.1:$port/big.bin"
echo "2 GiB file:   ferry-cli peak RSS $(peak "$work/t2"), size $(stat -c %s "$work/out/big.bin")"
rm -f "$work/out/big.bin"
/usr/bin/time -v -o "$work/t3" curl -s -o "$work/out/big.bin" "http://127.0.0.1:$port/big.bin"
echo "2 GiB file:   curl      peak RSS $(peak "$work/t3")"
