"""The project's base exception and the indexing layer's errors.

They live in the lowest layer so that every layer above can extend ``PSBError`` without
`indexing/` importing anything above it. Every message says what went wrong and what to do next.
"""

from __future__ import annotations

from pathlib import Path


class PSBError(Exception):
    """Base for expected failures: the CLI prints the message and exits 1, the UI shows it."""


class IngestError(PSBError):
    """A file could not be indexed; names the file, the stage and the reason."""

    def __init__(self, path: str, stage: str, reason: str) -> None:
        self.path = path
        self.stage = stage
        self.reason = reason
        super().__init__(f"{path}: {reason} (stage: {stage})")


class UnsupportedFileError(IngestError):
    def __init__(self, path: str, reason: str) -> None:
        super().__init__(path, "sniff", reason)


class EmptyIndexError(PSBError):
    def __init__(self, where: str) -> None:
        super().__init__(f"no documents are indexed in {where}: run `psb ingest corpus/documents` first")


class DocumentNotFoundError(PSBError):
    def __init__(self, doc_id: str) -> None:
        super().__init__(f"no document with id {doc_id!r}: run `psb docs` to list the indexed documents")


class StoreUnavailableError(PSBError):
    def __init__(self, where: str, reason: str) -> None:
        super().__init__(
            f"the document index is unavailable: cannot reach the Chroma store at {where} ({reason}). "
            "Try again in a minute; if it persists, start the Chroma server (`chroma run`) or unset PSB_CHROMA_HOST"
        )


class WriterBusyError(PSBError):
    """Another process kept the index's write lock for longer than this one would wait."""

    def __init__(self, where: str, holder: str, waited: float) -> None:
        super().__init__(
            f"another writer is changing the index at {where} ({holder}); waited {waited:.0f} s. "
            "Try again when it has finished"
        )


class DataDirServedError(PSBError):
    """A CLI write (or a second server) against a data directory a running ``psb serve`` owns."""

    def __init__(self, data_dir: Path, info: dict) -> None:
        url = info.get("url", "?")
        super().__init__(
            f"{data_dir} is in use by `psb serve` (pid {info.get('pid', '?')}, {url}): embedded Chroma allows one "
            f"process to write. Add or remove documents through that server (its Documents tab, or "
            f"`curl -u NAME -F files=@FILE {url.rstrip('/')}/api/documents`), or stop it and run this again"
        )
