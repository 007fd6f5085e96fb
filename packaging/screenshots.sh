#!/usr/bin/env bash
# Regenerates packaging/screenshots/ferry-en.png and ferry-zh_CN.png (README.md,
# README.zh_CN.md and the AppStream metainfo show them): Ferry on a virtual X screen, fetching a
# few files from a throttled server on 127.0.0.1, once in English and once in Simplified Chinese.
#
# Needs xvfb and xauth (xvfb-run), x11-utils (xwininfo), imagemagick (import), python3 and
# fonts-noto-cjk. Usage: packaging/screenshots.sh [FERRY]  (default: build/release/app/gui/ferry)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
ferry=$(realpath "${1:-$here/../build/release/app/gui/ferry}")
out=$here/screenshots
size=1100x620 # the window's default size
mkdir -p "$out"
work=$(mktemp -d)
server_pid=
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

# The server: a few files of zeros, some sent slowly so that they are still arriving when the
# picture is taken; any other name is a 404.
cat > "$work/server.py" <<'PY'
import http.server, sys, time

MiB = 1 << 20
FILES = {  # name: (size, bytes per second, 0 = as fast as possible)
    'debian-12.8.0-amd64-netinst.iso': (631 * MiB, 2_600_000),
    'holiday-photos-2024.tar': (180 * MiB, 900_000),
    'lecture-01-introduction.mp4': (412 * MiB, 1_700_000),
    'dataset-2024-q3.csv.gz': (3 * MiB, 0),
    'README.txt': (12_800, 0),
}

class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def do_HEAD(self):
        self.answer(False)

    def do_GET(self):
        self.answer(True)

    def answer(self, with_body):
        name = self.path.rsplit('/', 1)[-1]
        if name not in FILES:
            self.send_error(404)
            return
        size, rate = FILES[name]
        self.send_response(200)
        self.send_header('Content-Type', 'application/octet-stream')
        self.send_header('Content-Length', str(size))
        self.end_headers()
        if not with_body:
            return
        chunk = bytes(16384)
        sent = 0
        try:
            while sent < size:
                n = min(len(chunk), size - sent)
                self.wfile.write(chunk[:n])
                sent += n
                if rate:
                    time.sleep(n / rate)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass

server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)
server.serve_forever()
PY
python3 "$work/server.py" > "$work/port" &
server_pid=$!
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
base="http://127.0.0.1:$(cat "$work/port")"
urls=("$base/debian-12.8.0-amd64-netinst.iso" "$base/holiday-photos-2024.tar"
      "$base/lecture-01-introduction.mp4" "$base/dataset-2024-q3.csv.gz" "$base/README.txt"
      "$base/old-release-0.9.zip")

# One language: a fresh home, Ferry started with the URLs, a picture of its window after a few
# seconds of downloading, then a clean quit (SIGTERM).
shoot() {
    local language=$1 locale=$2 home=$work/$1
    mkdir -p "$home/config/Ferry" "$home/data" "$home/cache" "$home/run" "$home/downloads"
    chmod 700 "$home/run"
    printf '[downloads]\ndirectory=%s\n[window]\nlanguage=%s\ncloseToTray=false\n' \
        "$home/downloads" "$language" > "$home/config/Ferry/ferry.conf"
    HOME=$home XDG_CONFIG_HOME=$home/config XDG_DATA_HOME=$home/data \
    XDG_CACHE_HOME=$home/cache XDG_RUNTIME_DIR=$home/run LANG=$locale LC_ALL=$locale QT_QPA_PLATFORM=xcb \
    xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
        out=$1 ferry=$2 geometry=$3; shift 3
        "$ferry" -qwindowgeometry "$geometry+0+0" "$@" &
        ferry_pid=$!
        window=
        for _ in $(seq 150); do
            window=$(xwininfo -root -tree 2>/dev/null | awk "/\\(\"ferry\" /{print \$1; exit}")
            [ -n "$window" ] && break
            sleep 0.2
        done
        [ -n "$window" ] || { echo "no Ferry window" >&2; kill $ferry_pid; exit 1; }
        sleep 6 # let the speeds and the time left settle
        import -window "$window" "$out"
        kill -TERM $ferry_pid
        wait $ferry_pid
    ' shoot "$out/ferry-$language.png" "$ferry" "$size" "${urls[@]}"
    echo "wrote $out/ferry-$language.png"
}

shoot en en_US.UTF-8
shoot zh_CN zh_CN.UTF-8
