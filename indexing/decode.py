"""Turn the bytes of a text file into str, whatever encoding staff saved it in."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from indexing.errors import IngestError

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode_text(name: str, data: bytes) -> str:
    """BOM-marked or NUL-patterned UTF-16, then UTF-8, then Windows-1252, then the detector's best guess."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(name, data.decode(encoding, errors="replace"))
    if _looks_utf16(data):
        return _checked(name, data.decode("utf-16-le" if data[1] == 0 else "utf-16-be", errors="replace"))
    if b"\x00" in data:
        raise IngestError(name, "decode", "binary data, not text (contains NUL bytes)")
    try:
        return _checked(name, data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    try:  # the usual legacy encoding of files saved on Windows in the UK; stricter than a guess
        return _checked(name, data.decode("cp1252"))
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise IngestError(name, "decode", "binary data, not text (no text encoding fits)")
    return _checked(name, data.decode(best.encoding, errors="replace"))


def _looks_utf16(data: bytes) -> bool:
    sample = data[:2000]
    if len(sample) < 4:
        return False
    even_nuls = sample[0::2].count(0) / len(sample[0::2])
    odd_nuls = sample[1::2].count(0) / len(sample[1::2])
    return max(even_nuls, odd_nuls) > 0.4 and min(even_nuls, odd_nuls) < 0.05


def _checked(name: str, text: str) -> str:
    if not text.strip():
        raise IngestError(name, "decode", "the file has no text")
    controls = sum(1 for c in text[:20000] if ord(c) < 32 and c not in "\n\r\t\f")
    bad = controls + text[:20000].count("\ufffd")
    if bad / max(1, len(text[:20000])) > 0.02:
        raise IngestError(name, "decode", "binary data, not text")
    return text
