"""Does a text spell out an acronym the question uses ("UN" for "United Nations", "DDaT" for
"digital, data and technology")?

Why: a reader asks in the short form and a document writes the long one, or the other way round.
The constraint check looked for "UN" word for word and refused "Which UN survey ranked the UK
first?" although the documents name the "United Nations E-Government Survey 2016"; a table row
labelled "Digital, data and technology" did not answer "What share of DDaT staff responded?".

An acronym is two or more capital letters (lower-case letters inside it, as in "DDaT", stand for
small words and are skipped). Its expansion is a run of words whose first letters spell the
capitals, small words ("and", "of", "the", "for", "'s") skipped. A two-letter acronym needs
capitalised words (too many lower-case pairs start with any two letters); a longer one may be
written in lower case, as a table row label often is.
"""

from __future__ import annotations

import re

_ACRONYM = re.compile(r"^[A-Z][A-Za-z]*[A-Z][a-z]?$")
_SMALL = frozenset({"and", "of", "the", "for", "on", "in", "&"})
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*|&")


def is_acronym(word: str) -> bool:
    return bool(_ACRONYM.match(word)) and sum(ch.isupper() for ch in word) >= 2


def acronyms_in(text: str) -> list[str]:
    """The acronyms a text writes ("DVSA", "DDaT"), in order, each once."""
    return list(dict.fromkeys(w for w in re.findall(r"\b[A-Z][A-Za-z]+\b", text) if is_acronym(w)))


def spelled_by_acronym(question: str, label: str) -> bool:
    """Does an acronym of the question spell out ``label`` ("HMRC" the table row "HM Revenue and Customs")?"""
    return any(spelled_out(a, label) for a in acronyms_in(question))


# Everyday acronyms whose long form a document may write in lower case or in other words: a civil
# servant asks about "IT" or "HR"; a report writes "technology" or "human resources". General
# English usage, not any document's vocabulary; an acronym not listed here is only met by its
# initials spelled out.
_COMMON_LONG_FORMS: dict[str, tuple[str, ...]] = {
    "IT": ("information technology", "technology"),
    "ICT": ("information and communications technology", "information and communication technology", "technology"),
    "AI": ("artificial intelligence",),
    "ML": ("machine learning",),
    "HR": ("human resources",),
    "SME": ("small and medium-sized enterprise", "small and medium sized enterprise", "small business"),
    "SMEs": ("small and medium-sized enterprises", "small and medium sized enterprises", "small businesses"),
    "FOI": ("freedom of information",),
    "UX": ("user experience",),
}


def common_long_form(acronym: str, text: str) -> bool:
    """Does ``text`` hold one of the everyday long forms of ``acronym`` ("technology" for "IT")?"""
    return any(re.search(rf"(?<![A-Za-z-]){re.escape(form)}(?![A-Za-z-])", text, re.I) for form in _COMMON_LONG_FORMS.get(acronym, ()))


def spelled_out(acronym: str, text: str) -> bool:
    """Does ``text`` hold a run of words whose initials spell ``acronym``'s capitals (or an everyday
    long form of it: ``common_long_form``)?"""
    if not is_acronym(acronym):
        return False
    if common_long_form(acronym, text):
        return True
    letters = "".join(ch for ch in acronym if ch.isupper())
    words = [re.sub(r"['’]s$", "", w) for w in _TOKEN.findall(text)]
    content = [(i, w) for i, w in enumerate(words) if w.lower() not in _SMALL]
    for start in range(len(content)):
        spelled, run = "", []
        for i, w in content[start:]:
            if run and i - run[-1][0] > 2:
                break  # the words must be next to each other, small words between them at most
            # a word in capitals gives all its letters: "HM Revenue and Customs" spells HMRC
            spelled += w if w.isupper() and 2 <= len(w) <= 4 and w.isalpha() else w[0].upper()
            run.append((i, w))
            if not letters.startswith(spelled):
                break
            if spelled == letters and len(run) >= 2 and (len(letters) >= 3 or all(w[0].isupper() for _, w in run)):
                return True
    return False
