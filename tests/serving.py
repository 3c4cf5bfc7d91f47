"""Test helpers for a real server over HTTP: ``with ServerThread(app, free_port()) as url: ...``."""

from __future__ import annotations

from fastapi import FastAPI

from evals.loopback import free_port

__all__ = ["ServerThread", "free_port"]


class ServerThread:
    """Run an app with uvicorn in a background thread: ``with ServerThread(app, port) as url: ...``.

    In-process, so a test can hand the app a ``Services`` that reuses an already loaded model.
    """

    def __init__(self, app: FastAPI, port: int, host: str = "127.0.0.1") -> None:
        import threading

        import uvicorn

        self.url = f"http://{host}:{port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning", lifespan="on", timeout_graceful_shutdown=2))
        self.thread = threading.Thread(target=self.server.run, name="psb-server", daemon=True)

    def __enter__(self) -> str:
        import time

        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the server at {self.url} did not start")
            time.sleep(0.05)
        return self.url

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)
