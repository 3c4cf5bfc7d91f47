"""Hand freed memory back to the system after bursts of questions (glibc on Linux only).

glibc gives each thread that allocates under contention its own heap ("arena") and keeps freed
pages inside it; a server whose 40 request threads all ran the model once keeps 40 such heaps
after the load has gone. Two calls fix that: ``limit_arenas`` caps the number of heaps when the
server starts, and ``trim`` returns free pages whenever answering goes idle. Elsewhere both are
no-ops.

Usage: ``limit_arenas()`` once at start-up; ``trim()`` when the last answer of a burst finishes.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging

log = logging.getLogger(__name__)
_M_ARENA_MAX = -8  # from glibc's malloc.h


def _libc():
    name = ctypes.util.find_library("c")
    if not name:
        return None
    try:
        libc = ctypes.CDLL(name)
        libc.malloc_trim  # glibc only
        return libc
    except (OSError, AttributeError):
        return None


_LIBC = _libc()


def limit_arenas(count: int = 2) -> bool:
    """Cap glibc's per-thread heaps; True when it took effect."""
    return bool(_LIBC is not None and _LIBC.mallopt(_M_ARENA_MAX, count) == 1)


def trim() -> bool:
    """Return free heap pages to the system; True when some were released."""
    return bool(_LIBC is not None and _LIBC.malloc_trim(0) == 1)
