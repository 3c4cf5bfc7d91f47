#!/usr/bin/env bash
# Stop the server started by start.sh (same --run-dir / LLM_SERVER_RUN_DIR).
set -euo pipefail
exec "${PYTHON:-python3}" "$(dirname "$0")/server.py" stop "$@"
