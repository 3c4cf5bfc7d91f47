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


class AccountsError(PSBError):
    """The account settings are malformed; the message names the entry and how to fix it."""


class ConfigError(PSBError):
    """A setting is missing or inconsistent; names the PSB_* variable to change."""


class InvalidRequestError(PSBError):
    """A question's filters or options are malformed (an unknown type, a bad date); names the value."""


class TooManyAttempts(PSBError):
    """Sign-in refused without checking the password: too many recent failures from this client or for this account."""

    def __init__(self, retry_after: float, reason: str = "too many failed sign-ins") -> None:
        self.retry_after = max(1, int(retry_after + 0.999))
        minutes = max(1, round(self.retry_after / 60))
        super().__init__(f"{reason}; try again in about {minutes} minute{'s' if minutes != 1 else ''}")

class BusyError(PSBError):
    def __init__(self, running: int, waiting: int) -> None:
        super().__init__(
            f"the assistant is busy: {running} questions are being answered and {waiting} are waiting. "
            "Try again in a few seconds"
        )


__all__ = [
    "BusyError",
    "TooManyAttempts",
    "AccountsError",
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
