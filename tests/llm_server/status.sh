#!/usr/bin/env bash
# Print LLM_BASE_URL / LLM_MODEL of the running server (exit 3 if not running).
set -euo pipefail
exec "${PYTHON:-python3}" "$(dirname "$0")/server.py" status "$@"
