"""`make bench-security`: does a sign-in flood slow everyone else down?

A real ``psb serve`` (its own process, bcrypt cost 12 as ``psb users hash-password`` makes) answers
``POST /api/ask`` for a signed-in reader, alone and while 8 clients post wrong passwords to
``/login`` as fast as they get answers. The figure is the ratio of the median answer times
(flooded / alone), taken per round of one quiet and one flooded phase, median of the rounds;
the issue's bar is 2x. Two floods are measured:

* ``eight-addresses``: 8 clients, each from its own address (``X-Forwarded-For``, which uvicorn
  honours from a local proxy), guessing one account's password; the throttle pauses them.
* ``spray``: every request from a new address and for a new account name, so no pause ever
  applies and every request costs a bcrypt check: what the bcrypt slot alone must absorb.

All traffic goes to 127.0.0.1, bounded in count and time. Usage:
``python -m evals.bench_security [--asks 12] [--rounds 3] [--out FILE.json]``
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from evals.loopback import free_port

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "documents"
READER = ("rita", "reader-bench-password")
QUESTIONS = ["How many civil servants answered the survey?", "What does the report recommend about data sharing?",
             "Which skills gaps did respondents report?", "Why is internal culture a barrier?"]
FLOOD_SECONDS_MAX = 120



def _start_server(data: Path, port: int) -> subprocess.Popen:
    from assistant.auth import hash_password

    env = {**os.environ, "PSB_DATA_DIR": str(data), "PSB_USERS": f"{READER[0]}:reader:{hash_password(READER[1])}"}
    psb = Path(sys.executable).with_name("psb")
    subprocess.run([str(psb), "ingest", str(CORPUS), "--data-dir", str(data)], env=env, check=True, capture_output=True)
    server = subprocess.Popen([str(psb), "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/documents", auth=READER, timeout=5).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        if server.poll() is not None:
            raise RuntimeError(f"psb serve exited: {server.stderr.read().decode()[-2000:] if server.stderr else ''}")
        time.sleep(0.5)
    server.terminate()
    raise RuntimeError("psb serve did not answer within 180 s")


_asked = itertools.count()


def _ask_times(url: str, count: int) -> list[float]:
    """Each question is new to the server (a numbered variant), so every ask pays for embedding
    and ranking: the CPU work a flood would take away."""
    times = []
    with httpx.Client(base_url=url, auth=READER, timeout=120) as client:
        for _ in range(count):
            n = next(_asked)
            question = f"{QUESTIONS[n % len(QUESTIONS)]} (question {n})"
            start = time.perf_counter()
            r = client.post("/api/ask", json={"question": question})
            times.append(time.perf_counter() - start)
            if r.status_code != 200:
                raise RuntimeError(f"/api/ask answered {r.status_code}: {r.text[:200]}")
    return times


def _flood(url: str, mode: str, stop, statuses, worker: int) -> None:
    with httpx.Client(base_url=url, timeout=60) as client:
        for n in itertools.count():
            if stop.is_set():
                return
            if mode == "eight-addresses":
                headers, name = {"X-Forwarded-For": f"10.8.0.{worker}"}, READER[0]
            else:
                headers, name = {"X-Forwarded-For": f"10.{worker}.{n // 250 % 250}.{n % 250}"}, f"user{worker}-{n}"
            r = client.post("/login", data={"username": name, "password": f"wrong-{n}"}, headers=headers)
            statuses.append(r.status_code)


def _flood_process(url: str, mode: str, stop, results) -> None:
    """8 flooding clients in their own process, so their Python work does not slow the timed client."""
    statuses: list[int] = []
    workers = [threading.Thread(target=_flood, args=(url, mode, stop, statuses, i), daemon=True) for i in range(8)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=FLOOD_SECONDS_MAX)
    results.put(statuses)


def _flooded_times(url: str, mode: str, asks: int) -> tuple[list[float], list[int]]:
    import multiprocessing

    stop, results = multiprocessing.Event(), multiprocessing.Queue()
    flood = multiprocessing.Process(target=_flood_process, args=(url, mode, stop, results), daemon=True)
    flood.start()
    time.sleep(2)  # the flood is under way
    try:
        times = _ask_times(url, asks)
    finally:
        stop.set()
        statuses = results.get(timeout=FLOOD_SECONDS_MAX)
        flood.join(timeout=30)
    return times, statuses


def measure(url: str, asks: int, rounds: int) -> dict:
    """Rounds of (alone, flooded) pairs, the ratio taken per round and the median of the rounds
    reported, so other work on a shared machine shifts both sides of each ratio alike."""
    _ask_times(url, len(QUESTIONS))  # warm up: models loaded, first-request work done
    result: dict = {"floods": {}}
    quiet_all: list[float] = []
    for mode in ("eight-addresses", "spray"):
        ratios, loaded_all, statuses_all = [], [], []
        for _ in range(rounds):
            quiet = _ask_times(url, asks)
            loaded, statuses = _flooded_times(url, mode, asks)
            ratios.append(statistics.median(loaded) / statistics.median(quiet))
            quiet_all += quiet
            loaded_all += loaded
            statuses_all += statuses
            time.sleep(1)
        counts = {str(s): statuses_all.count(s) for s in sorted(set(statuses_all))}
        result["floods"][mode] = {"loaded_p50_s": round(statistics.median(loaded_all), 4), "ratio": round(statistics.median(ratios), 2),
                                  "round_ratios": [round(r, 2) for r in ratios], "login_requests": len(statuses_all),
                                  "login_statuses": counts}
    result["unloaded_p50_s"] = round(statistics.median(quiet_all), 4)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--asks", type=int, default=12, help="questions timed per phase")
    parser.add_argument("--rounds", type=int, default=3, help="(alone, flooded) pairs per flood")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        server = _start_server(Path(tmp) / "data", port)
        try:
            result = measure(f"http://127.0.0.1:{port}", args.asks, args.rounds)
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"/api/ask p50 alone: {result['unloaded_p50_s'] * 1000:.0f} ms")
    for mode, row in result["floods"].items():
        print(f"{mode:16} p50 {row['loaded_p50_s'] * 1000:.0f} ms, ratio {row['ratio']}x (rounds {row['round_ratios']}); "
              f"{row['login_requests']} sign-ins: {row['login_statuses']}")
    if args.out:
        args.out.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
