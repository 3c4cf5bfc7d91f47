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



class UploadRejected(PSBError):
    """An upload failed the server-side checks before indexing; ``http_status`` says which."""

    def __init__(self, message: str, http_status: int = 400) -> None:
        super().__init__(message)
        self.http_status = http_status


class ConfigError(PSBError):
    """A setting is missing or inconsistent; names the PSB_* variable to change."""


class InvalidRequestError(PSBError):
    """A question's filters or options are malformed (an unknown type, a bad date); names the value."""


__all__ = [
    "ConfigError",
    "DocumentNotFoundError",
    "EmptyIndexError",
    "InvalidRequestError",
    "IngestError",
    "PSBError",
    "StoreUnavailableError",
    "UnsupportedFileError",
    "UploadRejected",
]
