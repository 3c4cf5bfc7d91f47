"""Many users at once: concurrent REST clients against a real ``psb serve`` while staff upload.

Starts ``psb serve`` on 127.0.0.1 over a built index (a separate process, as in production), waits
until it answers, then runs ``clients`` threads that each post questions to ``/api/ask`` back to
back for ``seconds`` while one more thread uploads a document through ``/api/documents``. Reports
throughput, latency p50/p95, errors, the upload's duration, and the server's peak resident memory
(the kernel's VmHWM). Loopback only; bounded by ``seconds`` plus start-up and shut-down.

Usage: ``load_test(data_dir, "scale", questions, clients=50, seconds=60, workdir=Path(".cache/x"))``
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from evals.loopback import free_port


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def _upload_file(workdir: Path, questions: list[str]) -> Path:
    """A Markdown briefing of a few pages, written fresh so it is new to the index."""
    path = workdir / f"load-test-upload-{int(time.time())}.md"
    body = "\n\n".join(f"## Finding {i + 1}\n\n{q} The evidence reviewed here bears on it in several ways." for i, q in enumerate(questions[:60]))
    path.write_text(f"# Load test briefing\n\n{body}\n", encoding="utf-8")
    return path


def load_test(data_dir: Path, prefix: str, questions: list[str], clients: int, seconds: float, workdir: Path,
              start_timeout: float = 600.0) -> dict:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if k not in ("PSB_USERS", "PSB_USERS_FILE")}  # open app, loopback only
    env.update(PSB_DATA_DIR=str(data_dir), PSB_COLLECTION_PREFIX=prefix)
    log = (workdir / "load-server.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "assistant.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
                              env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_until_up(url, server, start_timeout)
        with httpx.Client(timeout=60) as warm:
            for q in questions[:3]:
                warm.post(f"{url}/api/ask", json={"question": q})
        latencies: list[float] = []
        errors: list[str] = []
        lock = threading.Lock()
        deadline = time.monotonic() + seconds
        upload: dict = {}

        def client(offset: int) -> None:
            with httpx.Client(timeout=30) as http:
                i = offset
                while time.monotonic() < deadline:
                    q = questions[i % len(questions)]
                    i += clients
                    started = time.perf_counter()
                    try:
                        r = http.post(f"{url}/api/ask", json={"question": q})
                        ok = r.status_code == 200
                        problem = None if ok else f"HTTP {r.status_code}"
                    except httpx.HTTPError as exc:
                        problem = type(exc).__name__
                    with lock:
                        latencies.append(time.perf_counter() - started)
                        if problem:
                            errors.append(problem)

        def uploader() -> None:
            time.sleep(min(5.0, seconds / 4))
            started = time.perf_counter()
            try:
                path = _upload_file(workdir, questions)
                with httpx.Client(timeout=max(120.0, seconds * 4)) as http, path.open("rb") as f:
                    r = http.post(f"{url}/api/documents", files=[("files", (path.name, f, "text/markdown"))])
                upload.update(status=r.status_code, body=r.text[:300])
            except Exception as exc:  # reported, not raised: the clients' figures still stand
                upload.update(error=f"{type(exc).__name__}: {exc}")
            upload.update(seconds=round(time.perf_counter() - started, 2), finished_inside_window=time.monotonic() < deadline)

        threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)] + [threading.Thread(target=uploader)]
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - started
        latencies.sort()
        pick = lambda q: round(1000 * latencies[min(len(latencies) - 1, int(q * len(latencies)))], 1) if latencies else 0.0  # noqa: E731
        return {"clients": clients, "seconds": round(elapsed, 1), "requests": len(latencies),
                "throughput_per_s": round(len(latencies) / elapsed, 1), "p50_ms": pick(0.50), "p95_ms": pick(0.95),
                "errors": len(errors), "error_kinds": sorted(set(errors)), "upload": upload,
                "server_peak_rss_mb": _peak_rss_mb(server.pid)}
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def _wait_until_up(url: str, server: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"psb serve exited with {server.returncode}; see load-server.log")
        try:
            if httpx.get(f"{url}/api/docs", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(1)
    raise RuntimeError(f"psb serve did not come up within {timeout:.0f} s")
