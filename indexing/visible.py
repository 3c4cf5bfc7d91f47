"""Keep only text a reader of the document would see.

Hidden text is how a planted instruction reaches an answer: a ``<p hidden>`` or a white-on-white
run is invisible in the browser or in Word but indexed and quoted like any other passage. The
loaders pass their input through here first:

* HTML: elements with ``hidden``, ``aria-hidden="true"``, inline ``display:none``,
  ``visibility:hidden``, zero font size, zero width or height, ``opacity:0``, or white text with
  no inline background behind it are removed, as are elements matched by simple ``.class`` and
  ``#id`` rules of the page's own ``<style>`` blocks that hide them.
* DOCX: runs marked hidden (``w:vanish``) or coloured white are removed from the document part.

Usage: ``html = visible_html(html)``; ``data = visible_docx(data)``.
"""

from __future__ import annotations

import io
import re
import zipfile

_HIDING = [
    re.compile(r"display\s*:\s*none", re.I),
    re.compile(r"visibility\s*:\s*(hidden|collapse)", re.I),
    re.compile(r"font-size\s*:\s*0(\.0+)?\s*(px|pt|em|rem|%)?\s*(;|$|!)", re.I),
    re.compile(r"(?<![-\w])(width|height|max-width|max-height)\s*:\s*0(\.0+)?\s*(px|pt|em|rem|%)?\s*(;|$|!)", re.I),
    re.compile(r"opacity\s*:\s*0(\.0+)?\s*(;|$|!)", re.I),
    re.compile(r"(?:text-indent|left|top)\s*:\s*-\d{4,}", re.I),  # pushed off the page
]
_WHITE = r"(?:white|#fff(?:fff)?\b|rgba?\(\s*255\s*,\s*255\s*,\s*255\s*(?:,\s*1(?:\.0+)?\s*)?\))"
_WHITE_TEXT = re.compile(rf"(?<![-\w])color\s*:\s*{_WHITE}", re.I)
_BACKGROUND = re.compile(r"background(?:-color)?\s*:\s*([^;]+)", re.I)
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_SIMPLE_SELECTOR = re.compile(r"^\s*([.#])([\w-]+)\s*$")


def hides(style: str) -> bool:
    """True when an inline style makes its element invisible on its own."""
    return any(p.search(style) for p in _HIDING)


def visible_html(html: str) -> str:
    """The page with invisible elements removed (parsed and re-serialised with lxml)."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return html
    hidden_classes, hidden_ids = _hidden_selectors(root)
    doomed = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if _is_hidden(el, hidden_classes, hidden_ids):
            doomed.append(el)
    for el in doomed:
        _drop(el)
    return lxml.html.tostring(root, encoding="unicode")


def _is_hidden(el, hidden_classes: set[str], hidden_ids: set[str]) -> bool:
    if el.get("hidden") is not None or (el.get("aria-hidden") or "").strip().lower() == "true":
        return True
    if el.get("id") in hidden_ids or hidden_classes.intersection((el.get("class") or "").split()):
        return True
    style = el.get("style") or ""
    if not style:
        return False
    if hides(style):
        return True
    return bool(_WHITE_TEXT.search(style)) and not _has_dark_background(el)


def _has_dark_background(el) -> bool:
    """White text is fine on an inline non-white background set on it or an ancestor."""
    node = el
    while node is not None:
        m = _BACKGROUND.search(node.get("style") or "")
        if m:
            return not re.fullmatch(rf"\s*{_WHITE}\s*(!important)?\s*", m.group(1), re.I)
        node = node.getparent()
    return False


def _hidden_selectors(root) -> tuple[set[str], set[str]]:
    classes: set[str] = set()
    ids: set[str] = set()
    for style in root.iter("style"):
        for selectors, body in _RULE.findall(style.text or ""):
            if not hides(body):
                continue
            for selector in selectors.split(","):
                m = _SIMPLE_SELECTOR.match(selector)
                if m:
                    (classes if m.group(1) == "." else ids).add(m.group(2))
    return classes, ids


def _drop(el) -> None:
    """Remove an element but keep the text that follows it (its tail belongs to the parent)."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail or ""
    prev = el.getprevious()
    if tail:
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


# ---------------------------------------------------------------- DOCX
_DOCX_PART = "word/document.xml"
_RUN = re.compile(rb"<w:r(?:\s[^>]*)?>(?:(?!</w:r>).)*?</w:r>", re.S)
_HIDDEN_RUN = re.compile(rb'<w:vanish(?:\s+w:val="(?:1|true|on)")?\s*/>|<w:color\s+w:val="(?:FFFFFF|ffffff)"', re.S)


def visible_docx(data: bytes) -> bytes:
    """The DOCX with hidden (``w:vanish``) and white runs removed from its main document part."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        xml = archive.read(_DOCX_PART)
    except (zipfile.BadZipFile, KeyError, ValueError):
        return data  # the loader reports the damaged file with its own reason
    if b"w:vanish" not in xml and b"FFFFFF" not in xml.upper():
        return data
    cleaned = _RUN.sub(lambda m: b"" if _HIDDEN_RUN.search(m.group()) else m.group(), xml)
    if cleaned == xml:
        return data
    out = io.BytesIO()
    with archive, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in archive.infolist():
            target.writestr(item, cleaned if item.filename == _DOCX_PART else archive.read(item.filename))
    return out.getvalue()
