"""Find a document's recommendations: the forms real reports use, nothing that merely describes.

Only text under a heading that marks recommendations, proposals or conclusions is read
("8. Recommendations", "What we propose", "Recommendation 3: ..."). There, one recommendation is:
a row of a table with a "recommendation" column; an item led by its reference ("R4 - ...",
"Recommendation 2: ..."), up to the next reference; or else a paragraph or list item that
prescribes (a "should" sentence, "we recommend/propose/call on", or a list item that starts with
an action verb). Sentences that report survey figures, quote someone or talk about the document
itself do not count. Owner, timescale and cross-references come from ``indexing.rec_fields``.

Usage: ``extract_recommendations(loaded.blocks, loaded.title)``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from indexing.keyword import analyse
from indexing.models import Block
from indexing.tables import parse_table_block
from indexing.rec_fields import (MODAL, find_cited_ref, find_owner, find_timescale, is_actor, labelled_fields, sentences, tidy_owner,
                                  without_field_lines)

EXTRACTOR_VERSION = "15"  # 15: the numbered items under "What the PSB wants to see" or "... calling for"; 14: ... and after "X recommends that <owner>:"; 13: each item after "X recommends that <owner> should:" is a recommendation of that owner; 12: an owner cut short by a line break completed from another source of it; 10, 11: a timescale field run into the owner's sentence ("Owner: X. By: December 2025."), a "By" column, a field a table cut short completed from the prose; 8: an item cut short in a table is completed from its full sentence; 9: everyday imperatives ("Let", "Move", "Warn"). Bump when the rules change: stored registers are then rebuilt

# what the author wants done: "What the PSB wants to see", "What we are calling for"
_WANTING = r"wants?\s+to\s+see|call(?:s|ing)?\s+for"
_REC_HEADING = re.compile(
    r"^\s*(?:[\dA-Z]+(?:\.\d+)*\.?\s+|annex\s+\w+:?\s*|chapter\s+\d+:?\s*|part\s+\w+:?\s*)?"
    r"(?:[\w'’-]+\s+){0,3}"
    r"(?:recommendations?|proposals?|conclusions?(?:\s+and\s+recommendations?)?|what we (?:recommend|propose|ask)|"
    r"what would help|what (?:government|ministers|departments|industry) (?:should|must|can) do|calls? to action|"
    r"our asks|asks of government|policy asks|actions?|action plan|the way forward|recommended actions?|"
    rf"{_WANTING})\b",
    re.I,
)
# a heading saying its numbered items are what the author wants done, whatever their grammar (a noun phrase, not "should")
_WANTING_HEADING = re.compile(rf"\b(?:{_WANTING}|our asks|asks of)\b", re.I)
_REF_HEADING = re.compile(r"^\s*(?:recommendation|rec\.?)\s+(?P<num>\d+[a-z]?)\s*[:.\-–—)]?\s*(?P<title>.*)$", re.I)
_REF_LEAD = re.compile(
    r"(?:^|(?<=[.!?:]\s)|(?<=\n))\**\s*(?P<ref>(?:Recommendation|Rec\.?)\s+\d+[a-z]?|R\d+[a-z]?)\s*\**\s*[:.\-–—)]\s*",
)
_LIST_ITEM = re.compile(r"^\s*(?:[-•*▪◦–]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+")
_NUMBERED = re.compile(r"^\s*\(?(\d{1,2})[.)]\s+")
_PRESCRIPTIVE = re.compile(
    r"\b(?:should|ought to|must)\b|\bwe\s+(?:would\s+)?(?:recommend|propose|suggest|urge|call on|ask|advise|invite)\b|"
    r"\brecommends?\s+that\b|\bis\s+recommended\b|"
    # the tentative forms reports use too: "Ministers could fund ...", "There is a case for ...",
    # "Every service would benefit from ...", "... would be better recorded once"
    r"\bcould\b(?!\s+not\b)|\bthere\s+is\s+a\s+(?:strong\s+|clear\s+|good\s+)?case\s+for\b|\bwould\s+benefit\s+from\b|"
    r"\bwould\s+(?:be\s+)?(?:better|more\s+useful|worth|sensible|sit\s+well)\b|\bneeds?\s+to\s+be\b",
    re.I,
)
_COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                "eleven": 11, "twelve": 12}
_NAMED_RECOMMENDATIONS = re.compile(r"recommend|propos", re.I)  # a heading that says so, not "Conclusions" or "Actions"
_ACTION_VERBS = frozenset(
    "adopt agree align appoint build clarify commission consider create design develop embed empower enable "
    "encourage ensure establish expand explore extend fund give improve increase introduce invest launch lead "
    "legislate make mandate open pilot prioritise prioritize promote provide publish put reduce reform remove "
    "replace require review set share simplify streamline strengthen support take update use work "
    "write cap test train migrate procure retire monitor measure assess audit define standardise standardize "
    "recruit deliver implement integrate consolidate decommission "
    # everyday imperatives of a list under "Our recommendations": "Let parents confirm ...", "Move every change of
    # course online ...", "Warn students about refund scams ..." (only item 2, "Replace ...", was taken)
    "let move warn allow offer tell check keep stop end scrap switch add link track record collect bring join "
    "send pay help cut raise limit ban drop".split()
)
_QUOTE_OR_REPORT = re.compile(
    r"\b(?:per cent|percent|respondents?|surveyed|survey found|told us|said that|says that|argued|according to|"
    r"interviewees?|participants?)\b|\d\s?%|[“\"][^”\"]{15,}[”\"]",
    re.I,
)
_ABOUT_THE_TEXT = re.compile(
    r"\bshould\s+be\s+(?:read|treated|interpreted|seen|regarded|noted|addressed|directed|sent|cited|quoted)\b", re.I
)
# "The PSB makes five recommendations." / "This report sets out four proposals:": a paragraph that announces them
# a lead-in that only says its list recommends: "The PSB recommends that:", "We propose:"; each item is a recommendation
# ... or says only who should act: "The PSB recommends that every energy supplier offering installations should:", whose
# items each complete it ("1. Show available slots before asking for account details.")
# (and "The PSB recommends that the NSFS:", a body named alone: ``bare``)
_BARE_LEAD_IN = re.compile(r"^(?:[\w'’-]+\s+){0,4}(?:recommends?|proposes?|suggests?|urges?)(?:\s+that)?"
                           r"(?:\s+[^:.;]{1,160}?\s+(?:should|must|ought\s+to|needs?\s+to)|\s+(?P<bare>(?:the\s+)?(?-i:[A-Z][\w'’&-]*)(?:\s+(?:and|of|for|the|(?-i:[A-Z][\w'’&-]*))){0,6}))?\s*:\s*$", re.I)
_ANNOUNCES = re.compile(
    r"\b(?:makes?|made|sets? out|offers?|contains?|includes?|puts? forward|has)\s+(?:the\s+)?(?:following\s+|\w+\s+){0,2}"
    r"(?:recommendations|proposals|actions)\b", re.I)
_TABLE_SPLIT = re.compile(r"\s*\|\s*")
_COLUMNS = {
    "ref": re.compile(r"^(?:ref(?:erence)?\.?|no\.?|number|#|id|rec(?:ommendation)?\s*(?:no\.?|number|ref))$", re.I),
    "text": re.compile(r"recommendation|proposal|action|what we recommend|ask", re.I),
    "owner": re.compile(r"owner|lead|responsib|who|by whom|accountable", re.I),
    "timescale": re.compile(r"timescale|timing|timeframe|time frame|when|deadline|date|by when|target|^by$|^due", re.I),
}


@dataclass(frozen=True)
class ExtractedRecommendation:
    """One recommendation as one document states it (before themes and grouping)."""

    position: int
    ref: str | None
    title: str | None
    text: str
    owner: str | None
    timescale: str | None
    section: str
    page: int | None
    cites: str | None = None


@dataclass
class _Unit:
    text: str
    ref: str | None = None
    title: str | None = None
    owner: str | None = None
    timescale: str | None = None
    explicit: bool = False  # a reference, a table row or a "Recommendation N" heading made it one
    item: int | None = None  # its number in a numbered list ("3." / "(3)")


def is_recommendation_heading(heading: str) -> bool:
    return bool(_REC_HEADING.match(heading) or _REF_HEADING.match(heading))


def extract_recommendations(blocks: Iterable[Block], title: str = "") -> list[ExtractedRecommendation]:
    """Every recommendation in reading order; ``title`` is ignored as a heading (it names the whole document)."""
    found: list[ExtractedRecommendation] = []
    doc_title = " ".join(title.split()).lower()
    blocks = list(blocks)
    own = [[h for h in b.headings if " ".join(h.split()).lower() != doc_title] for b in blocks]
    # a document with a section that says "Recommendations": a "should" in its conclusion restates or
    # reflects ("the evidence suggests that they should be"), it does not add one
    named_section = any(_NAMED_RECOMMENDATIONS.search(h) and is_recommendation_heading(h) for hs in own for h in hs)
    for block, headings in zip(blocks, own):
        if not any(is_recommendation_heading(h) for h in headings):
            continue
        leaf = headings[-1]
        units = _units_of(block.text, leaf)
        if _WANTING_HEADING.search(leaf):  # "What the PSB wants to see": "1. A free telephone and webchat helpline ..."
            units = [replace(u, explicit=True) if u.item is not None else u for u in units]
        weak = named_section and not any(_NAMED_RECOMMENDATIONS.search(h) and is_recommendation_heading(h) for h in headings)
        prescriptive = [u for u in units if u.explicit or (_prescribes(u.text) and not weak)]
        leaf_is_item = not _REC_HEADING.match(leaf) and not _REF_HEADING.match(leaf)
        for unit in prescriptive:
            if unit.title is None and leaf_is_item and len(prescriptive) == 1:
                unit.title = leaf.strip()
            fields = labelled_fields(unit.text)  # "Owner: ..." / "Timescale: ..." lines become the fields
            found.append(
                ExtractedRecommendation(
                    position=len(found) + 1,
                    ref=unit.ref,
                    title=unit.title,
                    text=(without_field_lines(unit.text) or unit.text) if fields else unit.text,
                    owner=unit.owner or find_owner(unit.text),
                    timescale=unit.timescale or find_timescale(unit.text),
                    section=" > ".join(block.headings),
                    page=block.page,
                    cites=None if unit.ref else find_cited_ref(unit.text),
                )
            )
    texts = [re.sub(r"[ \t]+", " ", b.text) for b in blocks]
    return [_completed_record(rec, texts) for rec in merge_restatements(found)]


_CUT = re.compile(r"\s*(?:\.{3}|…)\s*$")


def _completed_record(rec: ExtractedRecommendation, texts: Sequence[str]) -> ExtractedRecommendation:
    """``rec`` with its text completed (``_completed``) and a timescale the table cut short
    ("December 20") completed from the paragraph stating the item in full ("... By: December 2025.")."""
    text, paragraph = _completed(rec.text, texts)
    if paragraph is None:
        return rec
    return replace(rec, text=text, timescale=fuller_field(rec.timescale, find_timescale(paragraph)))


def _completed(text: str, texts: Sequence[str]) -> tuple[str, str | None]:
    """A recommendation cut short in a summary table ("Link contractors' job systems to landlords'
    portals so tha...") completed from the sentence the document states it in full; as it was when
    the document has no such sentence.

    Why: the register quoted the table's cut rows, so the answer to "What does the review
    recommend?" ended each item mid-word, although the full text followed the table."""
    if not _CUT.search(text):
        return text, None
    stem = " ".join(_CUT.sub("", text).split())
    if len(stem) < 20:
        return text, None
    for block in texts:
        at = block.find(stem)
        while at >= 0:
            rest = block[at:]
            end = re.search(r"(?<=[.!?])\s|\n", rest)
            full = (rest[: end.start()] if end else rest).strip()
            if not re.match(r"\s*(?:\.{3}|…)", rest[len(stem):]) and len(stem) + 3 < len(full) <= 600:
                return full, rest.split("\n\n", 1)[0]  # not the cut statement itself: the full one, and its paragraph
            at = block.find(stem, at + 1)
    return text, None


_NUMBER_LEAD = re.compile(r"^\s*(?:(?:recommendation|rec\.?)\s+|r)?(?P<num>\d{1,2})[a-z]?\s*[.:)\-–—]\s*(?P<rest>.+)$", re.I | re.S)


def _number_and_name(rec: ExtractedRecommendation) -> tuple[str | None, str]:
    """ "Recommendation 4" titled "Agile buying skills", and a summary row "4. Agile buying skills",
    both -> ("4", "agile buying skills")."""
    number = None
    if rec.ref:
        m = re.search(r"(\d{1,2})[a-z]?$", rec.ref)
        number = m.group(1) if m else None
    name = rec.title or (rec.text if len(rec.text.split()) <= 14 else "")
    lead = _NUMBER_LEAD.match(name)
    if lead:
        number = number or lead.group("num")
        if number != lead.group("num"):
            return None, ""
        name = lead.group("rest")
    return number, " ".join(re.findall(r"\w+", name.lower()))


def _summarises(one: ExtractedRecommendation, other: ExtractedRecommendation) -> bool:
    """Is the shorter of two statements a summary of the longer: a name of up to eight words, two thirds of whose
    stems the longer one's text holds ("Quarterly reporting of terminal availability" of "Terminal availability is
    reported for each service every quarter")?"""
    short, long = sorted((one.title or one.text, other.title or other.text), key=lambda t: len(t.split()))
    if len(short.split()) > 8:
        return False
    stems = set(analyse(short))
    return bool(stems) and len(stems & set(analyse(long))) * 3 >= 2 * len(stems)


def fuller_field(first: str | None, other: str | None) -> str | None:
    """The first statement's field, or the other's when the first is it cut short ("December 20" in a
    table cell too narrow for "December 2025")."""
    if first and other and len(other) > len(first) and other.lower().startswith(first.lower()):
        return other
    return first or other


def merge_restatements(found: list[ExtractedRecommendation]) -> list[ExtractedRecommendation]:
    """One record per recommendation of a document that states it twice: as "Recommendation N"
    headings and again as rows of a summary table ("1. Publish a forward pipeline | Cabinet Office
    | By December 2024"). Two records are one when they carry the same name (title, or a short
    text), and the same number when both have one. The first statement is kept (its full text)
    with any owner or timescale only the other gives.

    Why: the register listed each such recommendation twice, once without its owner and once
    with no text but its title, and gave the two different themes.
    """
    out: list[ExtractedRecommendation] = []
    keys: list[tuple[str | None, str]] = []
    for rec in found:
        number, name = _number_and_name(rec)
        same = next((i for i, (n, nm) in enumerate(keys) if name and nm == name and (n is None or number is None or n == number)), None)
        if same is None and number:  # "1. The six services agree a common data standard ..." and the row "1 | Common data standard"
            same = next((i for i, (n, _) in enumerate(keys) if n == number and _summarises(out[i], rec)), None)
        if same is None:
            out.append(rec)
            keys.append((number, name))
            continue
        first = out[same]
        out[same] = replace(first, ref=first.ref or rec.ref, title=first.title or rec.title,
                            owner=fuller_field(first.owner, rec.owner), timescale=fuller_field(first.timescale, rec.timescale))
        if keys[same][0] is None:
            keys[same] = (number, name)
    return [replace(rec, position=i) for i, rec in enumerate(out, start=1)]


def _units_of(text: str, leaf: str) -> list[_Unit]:
    """Split one block into candidate recommendations, most explicit form first."""
    heading_ref = _REF_HEADING.match(leaf)
    if heading_ref:  # "Recommendation 3: Title" as a heading: the whole block is that recommendation
        clean = _strip_markup(text)
        return [_Unit(clean, ref=f"Recommendation {heading_ref.group('num')}", title=heading_ref.group("title").strip() or None,
                      explicit=bool(clean.strip()))]
    units: list[_Unit] = []
    prose: list[str] = []
    for part in re.split(r"\n\s*\n", text):
        table = _table_units(part)
        if table is not None:
            units.extend(_paragraph_units("\n\n".join(prose)))
            prose.clear()
            units.extend(table)
        else:
            prose.append(part)
    units.extend(_paragraph_units("\n\n".join(prose)))
    return units


def _paragraph_units(text: str) -> list[_Unit]:
    text = _strip_markup(text)
    if not text.strip():
        return []
    leads = list(_REF_LEAD.finditer(text))
    if leads:
        units = [] if not text[: leads[0].start()].strip() else _plain_units(text[: leads[0].start()])
        for i, lead in enumerate(leads):
            end = leads[i + 1].start() if i + 1 < len(leads) else len(text)
            # its lines kept: "Owner: X" and "By: June 2024" on lines of their own are its fields
            body = "\n".join(" ".join(line.split()) for line in text[lead.end() : end].split("\n") if line.strip())
            title, rest = _lead_in(body)
            units.append(_Unit(body, ref=_normal_ref(lead.group("ref")), title=title, explicit=bool(rest or title)))
        return units
    return _plain_units(text)


def _plain_units(text: str) -> list[_Unit]:
    """Paragraphs and list items, each its own candidate.

    An item that does not prescribe on its own belongs to the candidate before it only when that
    one introduced a list (ends with a colon), or when it continues the same paragraph: "We
    suggest that every team asks five questions:" keeps its questions.
    """
    units: list[_Unit] = []
    introducing = bare_list = False  # bare_list: items of a lead-in that only says it recommends ("The PSB recommends that:")
    lead_owner: str | None = None  # who the lead-in of a bare list says should act
    for paragraph in re.split(r"\n\s*\n", text):
        lines = [ln for ln in paragraph.split("\n") if ln.strip()]
        items: list[str] = []
        for line in lines:
            if _LIST_ITEM.match(line) or not items:
                items.append(line.strip())
            else:
                items[-1] += " " + line.strip()
        for n, item in enumerate(items):
            body = _LIST_ITEM.sub("", item, count=1).strip()
            numbered = _NUMBERED.match(item)
            if _LIST_ITEM.match(item) and units and introducing and _BARE_LEAD_IN.match(units[-1].text):
                # "The PSB recommends that:" then "1. The six services agree ...": each item is one; a lead-in naming who
                # should act ("... that every energy supplier should:") gives each item that owner
                lead = units.pop().text
                bare = _BARE_LEAD_IN.match(lead).group("bare")
                lead_owner = find_owner(lead) or (tidy_owner(bare) if bare and is_actor(bare) else None)
                bare_list = True
            if bare_list and _LIST_ITEM.match(item):
                units.append(_Unit(body, ref=numbered.group(1) if numbered else None, explicit=True,
                                   item=int(numbered.group(1)) if numbered else None, owner=lead_owner))
                introducing = False
                continue
            bare_list = False
            # ("1. **Virtual visitor permits.** Extend virtual permits to visitors ...": the action after a short title)
            action_item = _LIST_ITEM.match(item) is not None and (_starts_with_action(body) or _starts_with_action(_lead_in(body)[1]))
            number = int(numbered.group(1)) if numbered else None
            if _prescribes(body) or action_item:
                units.append(_Unit(body, ref=numbered.group(1) if numbered else None, explicit=action_item, item=number))
                introducing = body.rstrip().endswith(":")
            elif number and units and units[-1].item == number - 1:  # the next item of a numbered list: its own candidate
                units.append(_Unit(body, ref=numbered.group(1), item=number))
                introducing = False
            elif units and (introducing or (n > 0 and units[-1].text in paragraph)):
                units[-1].text += "\n" + item
            else:
                units.append(_Unit(body, ref=numbered.group(1) if numbered else None, item=number))
                introducing = False
    _whole_numbered_lists(units)
    return units


def _whole_numbered_lists(units: list[_Unit]) -> None:
    """Every item of a numbered list counts when at least half of its items are recommendations.

    Why: an item is found by its "should" or its leading action verb, and no verb list is ever
    complete: "4. Let two bodies share one challenge" and "2. Name a data ethics lead" were
    dropped from lists whose other items were found, so a register said "3 recommendations"
    of a report that makes four.
    """
    runs: list[list[_Unit]] = []
    announced: dict[int, int] = {}  # a run's index -> the count the paragraph before it announces
    for i, unit in enumerate(units):
        if unit.item is not None and runs and runs[-1][-1].item == unit.item - 1:
            runs[-1].append(unit)
        elif unit.item is not None:
            runs.append([unit])
            count = _announced_count(units[i - 1].text) if i > 0 else None
            if count:
                announced[len(runs) - 1] = count
    for n, run in enumerate(runs):
        found = sum(u.explicit or _prescribes(u.text) for u in run)
        if (len(run) >= 3 and found >= 2 and found * 2 >= len(run)) or announced.get(n) == len(run):
            for u in run:
                u.explicit = True


def _announced_count(text: str) -> int | None:
    """"The group makes five recommendations:" -> 5: the list after it holds them all, however worded."""
    m = _ANNOUNCES.search(text.split("\n")[0])
    if not m:
        return None
    word = re.search(r"\b(\d{1,2}|" + "|".join(_COUNT_WORDS) + r")\s+(?:\w+\s+)?(?:recommendations|proposals|actions)\b", m.group(0), re.I)
    if not word:
        return None
    w = word.group(1).lower()
    return int(w) if w.isdigit() else _COUNT_WORDS[w]


def _table_units(part: str) -> list[_Unit] | None:
    """Rows of a pipe-separated table whose header has a recommendation column; None if not such a table."""
    rows = parse_table_block(part)  # tables reach the index as "row (header): value" lines (indexing.tables)
    if rows is None:
        rows = [_TABLE_SPLIT.split(line.strip().strip("|")) for line in part.split("\n") if "|" in line]
        if len(rows) < 2 or len(rows) != len([ln for ln in part.split("\n") if ln.strip()]):
            return None
    header = [c.strip().lower() for c in rows[0]]
    columns: dict[str, int] = {}
    for name in ("ref", "text", "owner", "timescale"):
        for i, cell in enumerate(header):
            if i not in columns.values() and _COLUMNS[name].search(cell) and (name != "ref" or _COLUMNS["ref"].match(cell)):
                columns[name] = i
                break
    if "text" not in columns:
        return None
    units = []
    for row in rows[1:]:
        if all(set(c) <= set("-: ") for c in row):  # a Markdown separator row
            continue
        cell = lambda name, row=row: (row[columns[name]].strip() if name in columns and columns[name] < len(row) else "") or None  # noqa: E731
        text = cell("text")
        if not text:
            continue
        title, _ = _lead_in(text, separator=":")
        units.append(_Unit(text, ref=_normal_ref(cell("ref")) if cell("ref") else None, title=title,
                           owner=cell("owner"), timescale=cell("timescale"), explicit=True))
    return units


def _prescribes(text: str) -> bool:
    """At least one sentence asks someone to act, and is not a survey figure, a quote or about the text.

    A paragraph that announces the recommendations is about the text as a whole: "The PSB makes
    five recommendations. Each names the body we think should own it." is not a sixth.
    """
    if _ANNOUNCES.search(text.split("\n")[0]):
        return False
    for sentence in sentences(text):
        if not _PRESCRIPTIVE.search(sentence):
            continue
        if _ABOUT_THE_TEXT.search(sentence) or _QUOTE_OR_REPORT.search(sentence):
            continue
        if all(clause.rstrip().endswith("?") for clause in sentence.split(":") if _PRESCRIPTIVE.search(clause)):
            continue  # a question ("Could the code we write be published?") asks, it does not recommend
        if MODAL.search(sentence) and re.search(r"\b(?:not|never)\s+(?:be\s+)?(?:discourage|prevent)", sentence, re.I):
            continue
        return True
    return False


def _starts_with_action(text: str) -> bool:
    first = re.match(r"[A-Za-z]+", text)
    return bool(first) and first.group(0).lower() in _ACTION_VERBS and first.group(0)[:1].isupper()


def _lead_in(body: str, separator: str = ".") -> tuple[str | None, str]:
    """A short title before the first full stop ("Lead digital from the top.") and the rest."""
    cut = body.find(separator)
    if cut <= 0:
        return None, body
    head = body[:cut].strip()
    if 1 <= len(head.split()) <= 14 and not MODAL.search(head):
        return head, body[cut + 1 :].strip()
    return None, body


def _normal_ref(ref: str) -> str:
    ref = " ".join(ref.replace("*", "").split())
    match = re.fullmatch(r"(?:recommendation|rec\.?)\s+(\d+[a-z]?)", ref, re.I)
    return f"Recommendation {match.group(1)}" if match else ref.upper() if re.fullmatch(r"r\d+[a-z]?", ref, re.I) else ref


def _strip_markup(text: str) -> str:
    return re.sub(r"\*\*|__", "", text)
