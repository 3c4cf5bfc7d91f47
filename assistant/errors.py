"""The assistant layer's view of the project's exceptions.

The base class and the indexing errors live in ``indexing.errors`` (the lowest layer); they are
re-exported here so assistant code has one import for every expected failure.
"""

from __future__ import annotations

from indexing.errors import (
    DocumentNotFoundError,
    EmptyIndexError,
    IngestError,
    PSBError,
    StoreUnavailableError,
    UnsupportedFileError,
)

__all__ = [
    "DocumentNotFoundError",
    "EmptyIndexError",
    "IngestError",
    "PSBError",
    "StoreUnavailableError",
    "UnsupportedFileError",
]
