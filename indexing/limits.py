"""Per-document resource limits, checked before and during parsing so one hostile file cannot
take the server's memory or hold the ingest lock for minutes.

The checks are cheap and run in order of cost: the zip directory of a DOCX (declared sizes and
entry count, then a streamed inflate that stops at the limit), the parse itself in a child
process with a memory cap and a time limit (``indexing.isolate``), then characters, chunks and
the document's overall deadline. Each breach raises ``DocumentRejected`` naming the stage and a
plain reason; the pipeline turns it into a failed file and carries on with the batch.

Usage: ``check_zip(name, data, Limits())`` before handing DOCX bytes to python-docx.
"""

from __future__ import annotations

import io
import time
import zipfile
from dataclasses import dataclass

_MB = 1024 * 1024
_READ = 1024 * 1024


class DocumentRejected(Exception):
    """A document broke a limit or could not be parsed; ``stage`` and ``reason`` are for people.

    Deliberately not a ``PSBError``: this module sits below ``assistant`` and must not import it;
    the pipeline converts it into its ``IngestError``.
    """

    def __init__(self, stage: str, reason: str) -> None:
        super().__init__(f"{reason} (stage: {stage})")
        self.stage = stage
        self.reason = reason


@dataclass(frozen=True)
class Limits:
    """Bounds for one document. Zero for ``parse_memory_mb`` parses in-process with no cap."""

    max_chars: int = 2_000_000
    max_chunks: int = 4_000
    max_seconds: float = 300.0
    parse_memory_mb: int = 1024
    max_unpacked_mb: float = 200.0
    max_zip_entries: int = 2_000

    def __post_init__(self) -> None:
        if self.max_chars < 1 or self.max_chunks < 1 or self.max_zip_entries < 1:
            raise ValueError("document limits must be positive")
        if self.max_seconds <= 0 or self.max_unpacked_mb <= 0:
            raise ValueError("time and size limits must be positive")
        if self.parse_memory_mb and self.parse_memory_mb < 256:
            raise ValueError(f"the parser needs at least 256 MB (or 0 for no cap), got {self.parse_memory_mb}")

    def check_chars(self, count: int) -> None:
        if count > self.max_chars:
            raise DocumentRejected(
                "limits",
                f"the document has {count:,} characters of text, over the {self.max_chars:,} limit "
                "(PSB_MAX_DOCUMENT_CHARS); split it into smaller files",
            )


class Deadline:
    """Wall-clock budget for one document, checked between and inside the stages."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.ends = time.monotonic() + seconds

    def remaining(self) -> float:
        return self.ends - time.monotonic()

    def check(self, stage: str) -> None:
        if self.remaining() <= 0:
            raise DocumentRejected(
                stage,
                f"indexing took longer than {self.seconds:g} s (PSB_MAX_DOCUMENT_SECONDS); the file is too large or too "
                "complex, split it into smaller files",
            )


def check_zip(data: bytes, limits: Limits) -> None:
    """Reject a DOCX whose zip would inflate past ``max_unpacked_mb`` or holds too many entries.

    The declared sizes are checked first (free); then every entry is inflated in 1 MB steps and
    counted, so an archive that lies about its sizes is stopped at the limit, never held whole.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise DocumentRejected("load docx", f"not a readable Word document (damaged zip: {exc})") from None
    with archive:
        entries = archive.infolist()
        if len(entries) > limits.max_zip_entries:
            raise DocumentRejected("limits", f"the Word file holds {len(entries):,} parts, over the {limits.max_zip_entries:,} limit")
        cap = int(limits.max_unpacked_mb * _MB)
        declared = sum(e.file_size for e in entries)
        if declared > cap:
            raise DocumentRejected("limits", _unpacked_reason(declared, limits))
        total = 0
        for entry in entries:
            try:
                with archive.open(entry) as stream:
                    while block := stream.read(_READ):
                        total += len(block)
                        if total > cap:
                            raise DocumentRejected("limits", _unpacked_reason(total, limits))
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
                raise DocumentRejected("load docx", f"not a readable Word document (damaged part {entry.filename}: {exc})") from None


def _unpacked_reason(size: int, limits: Limits) -> str:
    return (f"the Word file unpacks to at least {size / _MB:,.0f} MB, over the {limits.max_unpacked_mb:g} MB limit "
            "(PSB_MAX_UNPACKED_MB); is it a zip bomb? Save it again from Word or split it")
