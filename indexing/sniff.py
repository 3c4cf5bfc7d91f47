"""Decide a file's real format from its bytes, not its name (a Word file called .pdf is Word)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import filetype

from indexing.errors import UnsupportedFileError

TEXT_KINDS = ("html", "markdown", "text")
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)
_MD_HINT = re.compile(r"(^|\n)(#{1,6} \S|---\n)")


def sniff(path: Path, data: bytes) -> str:
    """Return pdf | docx | html | markdown | text, or raise UnsupportedFileError with the reason."""
    name = str(path)
    if not data.strip():
        raise UnsupportedFileError(name, "the file is empty")
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _sniff_zip(name, data)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnsupportedFileError(name, "legacy Word/Office binary (.doc/.xls) is not supported; save it as .docx")
    guess = filetype.guess(data[:8192])
    if guess is not None:
        raise UnsupportedFileError(name, f"{guess.mime} files are not supported (PDF, DOCX, HTML, Markdown and text are)")
    return _sniff_text(path, data)


def _sniff_zip(name: str, data: bytes) -> str:
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except zipfile.BadZipFile:
        raise UnsupportedFileError(name, "corrupt or truncated ZIP/Word file") from None
    if "word/document.xml" in names:
        return "docx"
    raise UnsupportedFileError(name, "a ZIP archive that is not a Word document is not supported")


def _sniff_text(path: Path, data: bytes) -> str:
    if _HTML_START.match(data[:4096]) or path.suffix.lower() in {".html", ".htm"}:
        return "html"
    if path.suffix.lower() in {".md", ".markdown"}:
        return "markdown"
    head = data[:4096].decode("utf-8", errors="ignore")
    if head.startswith("---\n") or _MD_HINT.search(head) and path.suffix.lower() not in {".txt", ".text"}:
        return "markdown"
    return "text"
