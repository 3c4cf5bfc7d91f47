"""Everyday words for older people, put as the age band documents give them.

"What share of the people who came for help were pensioners?" was refused as "the documents do not
mention pensioners": the library blog says "62 per cent of the people they helped were over 65". A
survey or a programme report counts people by age, not by whether they draw a pension, and no word
of the bundled model's vocabulary brings the two together. When the index holds none of these words,
the question is asked in the documents' terms: "pensioner tenants" -> "tenants aged 65 or over",
"pensioners" -> "people aged 65 or over". Only this group: other everyday words keep their own checks.

Usage: ``as_age_band("How many pensioner tenants report repairs online?", lambda stem: 0)`` ->
``"How many tenants aged 65 or over report repairs online?"``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from indexing.keyword import analyse

_BEFORE_NOUN = re.compile(r"\bpensioner\s+(?P<noun>[a-z]+s)\b", re.I)  # "pensioner tenants"
_ALONE = re.compile(r"\b(?:pensioners|retirees|OAPs)\b", re.I)  # "pensioners"
# (not "elderly" or "older": documents write of older people without an age, and "an elderly person's alarm" is no band)
_WORDS = ("pensioner", "pensioners", "retirees", "oaps")


def as_age_band(question: str, frequency: Callable[[str], int]) -> str:
    """``question`` with its words for older people put as "aged 65 or over", when the index holds none of them
    (``frequency``: the number of indexed chunks holding an analysed stem); else ``question`` as it is."""
    said = [w for w in _WORDS if re.search(rf"\b{w}\b", question, re.I)]
    if not said or any(frequency(stem) for w in said for stem in analyse(w)):
        return question
    question = _BEFORE_NOUN.sub(lambda m: f"{m.group('noun')} aged 65 or over", question)
    return _ALONE.sub("people aged 65 or over", question)
