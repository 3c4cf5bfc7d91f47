"""Many users at once: concurrent REST clients against a real ``psb serve`` while staff upload.

Starts ``psb serve`` on 127.0.0.1 over a built index (a separate process, as in production), waits
until it answers, then runs one phase per think time: ``clients`` threads, each a closed loop that
posts a question to ``/api/ask``, waits for the answer, pauses about ``think`` seconds (none when
0) and asks the next, for ``seconds``, while one more thread uploads a new document through
``/api/documents`` (removed again after the phase). Every question is one the server has not been
asked. Reports per phase throughput, latency p50/p95/max, errors and the upload's duration, and
the server's peak resident memory over the whole run (the kernel's VmHWM). Loopback only; bounded
by the phases plus start-up and shut-down.

Usage: ``load_test(data_dir, "scale", questions, clients=50, seconds=60, workdir=Path(".cache/x"), think_s=(0, 10))``
"""

from __future__ import annotations

import os
import random
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


def _upload_file(workdir: Path, questions: list[str], tag: str) -> Path:
    """A Markdown briefing of a few pages, new to the index (``tag`` makes its bytes unique)."""
    path = workdir / f"load-test-upload-{tag}.md"
    body = "\n\n".join(f"## Finding {i + 1}\n\n{q} The evidence reviewed here bears on it in several ways." for i, q in enumerate(questions[:60]))
    path.write_text(f"# Load test briefing {tag}\n\n{body}\n", encoding="utf-8")
    return path


def load_test(data_dir: Path, prefix: str, questions: list[str], clients: int, seconds: float, workdir: Path,
              start_timeout: float = 600.0, think_s: tuple[float, ...] = (0.0,), stagger: bool = True,
              upload: bool = True) -> dict:
    """One ``psb serve``; one phase of ``seconds`` per think time, each with its own upload."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if k not in ("PSB_USERS", "PSB_USERS_FILE")}  # open app, loopback only
    env.update(PSB_DATA_DIR=str(data_dir), PSB_COLLECTION_PREFIX=prefix)
    log = (workdir / "load-server.log").open("w")
    started = time.monotonic()
    server = subprocess.Popen([sys.executable, "-m", "assistant.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
                              env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_until_up(url, server, start_timeout)
        with httpx.Client(timeout=start_timeout) as warm:  # the first question opens the indexes
            for q in questions[:3]:
                warm.post(f"{url}/api/ask", json={"question": q})
        out: dict = {"clients": clients, "ready_s": round(time.monotonic() - started, 1), "rss_ready_mb": _rss_mb(server.pid),
                     "phases": []}
        offset = 3
        for n, think in enumerate(think_s):
            phase = _phase(url, questions[offset:], clients, seconds, think, workdir, f"{int(time.time())}-{n}", stagger, upload)
            offset += phase["requests"]  # every phase asks questions the server has not seen
            out["phases"].append(phase)
        out["server_peak_rss_mb"] = _peak_rss_mb(server.pid)
        return out
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def _phase(url: str, questions: list[str], clients: int, seconds: float, think: float, workdir: Path, tag: str,
           stagger: bool = True, with_upload: bool = True) -> dict:
    """``clients`` closed loops for ``seconds``: ask, wait for the answer, pause ``think`` s on average, ask again.

    The pause is uniform in [0.5, 1.5] x ``think`` (0: no pause at all); with ``stagger`` each
    client also waits uniform [0, ``think``] before its first question, so 50 users do not all
    press Enter in the same instant (without it the first 50 questions arrive together and queue).
    One more thread uploads a new document through the API a few seconds in, and removes it again
    after the phase.
    """
    latencies: list[float] = []
    timeline: list[tuple[float, float]] = []  # (when asked, seconds after the phase began; latency)
    errors: list[str] = []
    lock = threading.Lock()
    began = time.monotonic()
    deadline = began + seconds
    upload: dict = {}

    def client(offset: int) -> None:
        pause = random.Random(f"{tag}:{offset}")
        if think and stagger:  # users arrive spread over one think time, not all in the same instant
            time.sleep(pause.uniform(0, think))
        with httpx.Client(timeout=30) as http:
            i = offset
            while time.monotonic() < deadline:
                q = questions[i % len(questions)]
                i += clients
                started = time.perf_counter()
                try:
                    r = http.post(f"{url}/api/ask", json={"question": q})
                    problem = None if r.status_code == 200 else f"HTTP {r.status_code}"
                except httpx.HTTPError as exc:
                    problem = type(exc).__name__
                with lock:
                    latencies.append(time.perf_counter() - started)
                    timeline.append((time.monotonic() - began - latencies[-1], latencies[-1]))
                    if problem:
                        errors.append(problem)
                if think:
                    time.sleep(min(think * pause.uniform(0.5, 1.5), max(0.0, deadline - time.monotonic())))

    def uploader() -> None:
        time.sleep(min(5.0, seconds / 4))
        started = time.perf_counter()
        upload["began_at_s"] = round(time.monotonic() - began, 1)
        try:
            path = _upload_file(workdir, questions, tag)
            with httpx.Client(timeout=max(120.0, seconds * 4)) as http, path.open("rb") as f:
                r = http.post(f"{url}/api/documents", files=[("files", (path.name, f, "text/markdown"))])
            upload.update(status=r.status_code, body=r.text[:300])
            upload["doc_ids"] = [x.get("doc_id") for x in r.json().get("results", []) if x.get("doc_id")]
        except Exception as exc:  # reported, not raised: the clients' figures still stand
            upload.update(error=f"{type(exc).__name__}: {exc}")
        upload.update(seconds=round(time.perf_counter() - started, 2), finished_inside_window=time.monotonic() < deadline)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    threads += [threading.Thread(target=uploader)] if with_upload else []  # without: to see what the upload costs
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    with httpx.Client(timeout=120) as http:
        for doc_id in upload.get("doc_ids", []):
            http.delete(f"{url}/api/documents/{doc_id}")  # leave the index as it was
    latencies.sort()
    pick = lambda q: round(1000 * latencies[min(len(latencies) - 1, int(q * len(latencies)))], 1) if latencies else 0.0  # noqa: E731
    if "seconds" in upload and "began_at_s" in upload:  # the questions in flight while the upload ran, apart
        window = (upload["began_at_s"], upload["began_at_s"] + upload["seconds"])
        during = sorted(lat for at, lat in timeline if at < window[1] and at + lat > window[0])
        upload.update(questions_meanwhile=len(during),
                      p95_meanwhile_ms=round(1000 * during[min(len(during) - 1, int(0.95 * len(during)))], 1) if during else None)
    return {"think_s": think, "staggered_start": bool(think and stagger), "seconds": round(elapsed, 1), "requests": len(latencies),
            "throughput_per_s": round(len(latencies) / elapsed, 1), "p50_ms": pick(0.50), "p95_ms": pick(0.95), "max_ms": pick(1.0),
            "errors": len(errors), "error_kinds": sorted(set(errors)), "upload": upload}


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def _wait_until_up(url: str, server: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"psb serve exited with {server.returncode}; see load-server.log")
        try:
            if httpx.get(f"{url}/readyz", timeout=5).status_code == 200:  # warmed up, as a load balancer would wait for
                return
        except httpx.HTTPError:
            pass
        time.sleep(1)
    raise RuntimeError(f"psb serve did not come up within {timeout:.0f} s")
