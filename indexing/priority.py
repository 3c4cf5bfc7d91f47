"""Background work that yields the CPU to answering questions."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def lower_thread_priority(nice: int = 10) -> None:
    """Lower the calling thread's CPU priority (Linux applies nice per thread, not per process)."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), nice)
    except (AttributeError, OSError):  # not Linux, or not allowed: run at normal priority
        pass


def run_at_low_priority(work: Callable[[], T], name: str = "psb-background") -> T:
    """``work()`` on a fresh low-priority thread, waited for; its exception is raised here.

    Why a fresh thread: a lowered priority cannot be raised again without privileges, so the
    caller's own thread (a server worker that will answer questions next) must keep its own.
    """
    result: dict[str, object] = {}

    def run() -> None:
        lower_thread_priority()
        try:
            result["value"] = work()
        except BaseException as exc:  # handed to the caller's thread
            result["error"] = exc

    thread = threading.Thread(target=run, name=name, daemon=True)
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]  # type: ignore[misc]
    return result["value"]  # type: ignore[return-value]
