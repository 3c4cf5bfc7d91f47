#!/usr/bin/env bash
# Start SmolLM2 behind `transformers serve` on 127.0.0.1; prints LLM_BASE_URL / LLM_MODEL.
# Usage: tests/llm_server/start.sh [--port N] [--cache-dir DIR] [--run-dir DIR] [--timeout S] [-- extra serve flags]
# PYTHON selects the interpreter (the venv holding torch/transformers); default: python3.
set -euo pipefail
exec "${PYTHON:-python3}" "$(dirname "$0")/server.py" start "$@"
