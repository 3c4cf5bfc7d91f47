#!/usr/bin/env bash
# Start the services the tests need (a real Chroma server, the SmolLM2 OpenAI-compatible server),
# run pytest, and stop them whatever happens.
set -uo pipefail
cd "$(dirname "$0")/../.."
state=.cache/test-services
mkdir -p "$state"

cleanup() {
  bash tests/services/chroma.sh stop "$state"
  PYTHON=.venv/bin/python bash tests/llm_server/stop.sh --run-dir "$state/llm" >/dev/null 2>&1 || true
}
trap cleanup EXIT

bash tests/services/chroma.sh start "$state" || exit 1
export PSB_TEST_CHROMA_PORT=$(cat "$state/chroma.port")

if out=$(PYTHON=.venv/bin/python bash tests/llm_server/start.sh --cache-dir .cache/smollm2 --run-dir "$state/llm" 2>"$state/llm-start.log"); then
  eval "$(echo "$out" | grep -E '^(LLM_BASE_URL|LLM_MODEL)=')"
  export PSB_TEST_LLM_URL="$LLM_BASE_URL" PSB_TEST_LLM_MODEL="$LLM_MODEL"
  echo "LLM server: $PSB_TEST_LLM_URL"
else
  echo "LLM server failed to start:" >&2; cat "$state/llm-start.log" >&2; exit 1
fi

.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
