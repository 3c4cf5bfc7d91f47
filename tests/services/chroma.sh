#!/usr/bin/env bash
# Start or stop the real Chroma server that the server-mode tests use.
# usage: tests/services/chroma.sh start|stop STATE_DIR
set -euo pipefail
cmd=$1; state=$2
mkdir -p "$state"
case "$cmd" in
start)
  port=$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  rm -rf "$state/chroma-data"
  .venv/bin/chroma run --path "$state/chroma-data" --host 127.0.0.1 --port "$port" >"$state/chroma.log" 2>&1 &
  echo $! >"$state/chroma.pid"
  echo "$port" >"$state/chroma.port"
  for _ in $(seq 1 120); do
    if .venv/bin/python -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:$port/api/v2/heartbeat', timeout=1)" 2>/dev/null; then
      echo "chroma server on 127.0.0.1:$port"; exit 0
    fi
    sleep 0.5
  done
  echo "chroma server did not start; log:" >&2; cat "$state/chroma.log" >&2; exit 1
  ;;
stop)
  if [ -f "$state/chroma.pid" ]; then kill "$(cat "$state/chroma.pid")" 2>/dev/null || true; rm -f "$state/chroma.pid"; fi
  ;;
esac
