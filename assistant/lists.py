"""Lists as the documents wrote them: bullets, numbered items, "Label: text" runs and numbered sections.

Why: "What are the five tests ...?" is answered by the five items, and sentence scoring picks the
heading and the first item. The documents already mark their lists; this module finds those
runs in the retrieved passages, so the answerer can give every item.

Three shapes are recognised, all generic:

* a run of two or more item lines in one passage: "- x", "• x", "1. x", "**Label.** x" or
  "Label: x" (a short label before a colon), usually after a lead-in ending with ":";
* table rows written as "row (header): value" lines (``indexing.tables``);
* sibling sections whose last heading is numbered ("Five tests > 1. End to end", "> 2. Tell us
  once"): each section is an item, its heading the label.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from assistant.answer import split_sentences
from assistant.list_documents import TIME_UNITS
from assistant.qualifiers import number_of
from assistant.question_shapes import WHY_QUESTION, _COUNT_QUESTION
from assistant.questions import own_question
from assistant.retrieval import Passage
from indexing.keyword import analyse

_ITEM_MARK = r"(?:[-*•]|\d{1,2}[.)]|\(?[a-h]\))"  # a bullet, a number ("1.", "2)") or a letter ("a)", "(b)")
_MARKER = re.compile(rf"^\s*(?:{_ITEM_MARK}\s+|\*\*[^*]{{2,60}}\*\*\s*|R\d{{1,2}}\b\s*[-:–]?\s*)")
_LABEL = re.compile(r"^[A-Z][\w ,'’()/&-]{1,80}:\s+\S")
_NUMBERED_SECTION = re.compile(r"^\s*(\d{1,2})[.)]?\s+(\S.*)$")
COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_COUNT = re.compile(rf"\b(two|three|four|five|six|seven|eight|nine|ten|\d{{1,2}})\b(?!\s+(?:[a-z-]+\s+)?{TIME_UNITS}\b)",
                    re.I)  # not a length of time


@dataclass
class ListRun:
    """Items of one list, each with the passage index it came from; ``lead`` introduces them."""

    items: list[tuple[str, int]]
    lead: tuple[str, int] | None = None
    key: str = ""  # what the list is about: lead-in and section, for scoring
    extra: dict = field(default_factory=dict)
    subitems: dict[int, list[str]] = field(default_factory=dict)  # item position -> its nested items, in order


def asked_count(question: str) -> int | None:
    """"What are the five tests?" -> 5; None when the question states no count."""
    m = _COUNT.search(question)
    if not m:
        return None
    word = m.group(1).lower()
    return COUNT_WORDS.get(word) or (int(word) if word.isdigit() and 2 <= int(word) <= 20 else None)


def is_item_line(line: str) -> bool:
    return bool(_MARKER.match(line) or _LABEL.match(line) or is_table_row(line))  # (a row's label may be longer than a label)


def _item_kind(line: str) -> str:
    """A table row, a marked item ("- ", "1.", "**Bold.**") or a "Label: text" line: a run holds one kind."""
    return "row" if is_table_row(line) else "marked" if _MARKER.match(line) else "label"


def runs_in_passage(text: str, index: int, section: str = "") -> list[ListRun]:
    """Runs of two or more consecutive item lines (paragraphs) in one passage.

    An item line indented deeper than the run's first item is nested under the item before it
    (``ListRun.subitems``): "1. Cost over five years" keeps "licences and hosting" under it
    instead of becoming one of nine criteria where the document lists three.
    """
    raw = [ln.rstrip() for ln in re.split(r"\n+", text) if ln.strip()]
    lines = [ln.strip() for ln in raw]
    depth = [len(ln) - len(ln.lstrip()) for ln in raw]
    runs: list[ListRun] = []
    i = 0
    while i < len(lines):
        if not is_item_line(lines[i]):
            i += 1
            continue
        j = i
        while j < len(lines) and is_item_line(lines[j]) and _item_kind(lines[j]) == _item_kind(lines[i]):
            j += 1  # a table's rows and the "Label: text" prose after them are two things; so are bullets and a quote after
            # them ("Aisha Bello, resilience officer, told us: ...")
        if j - i >= 2:
            k = i - 1
            if k > 0 and " / " in lines[k] and lines[k].endswith(":"):  # a table's header row: the lead-in is above it
                k -= 1
            lead = _last_sentence(lines[k]) if k >= 0 and " / " not in lines[k] else None
            items, subitems = _nested(lines[i:j], depth[i:j], index)
            runs.append(ListRun(items=items, lead=(lead, index) if lead else None, key=f"{section}: {lead or ''}", subitems=subitems))
        i = j
    return runs


def _nested(lines: list[str], depth: list[int], index: int) -> tuple[list[tuple[str, int]], dict[int, list[str]]]:
    """Top-level items (at the run's shallowest indent) and, per item position, the items nested under it."""
    top = min(depth)
    items: list[tuple[str, int]] = []
    subitems: dict[int, list[str]] = {}
    for line, d in zip(lines, depth):
        if d > top and items:
            subitems.setdefault(len(items) - 1, []).append(clean_item(line))
        else:
            items.append((clean_item(line), index))
    return items, subitems


def _last_sentence(line: str) -> str:
    return re.split(r"(?<=[.!?])\s+", line.strip())[-1]


_TABLE_ROW = re.compile(r"^[^:;]{1,240} - [^:;]{1,60}: .+; |^[^:;]{1,80} \([^()]{1,60}\): \S")  # (a label may be a whole action)


def is_table_row(line: str) -> bool:
    """A row as ``indexing.tables`` writes it: "label - header: value; header: value" or "label (header): value"."""
    return bool(_TABLE_ROW.match(line.strip()))


def clean_item(line: str) -> str:
    """Drop the bullet or number; keep a bold or "Label:" lead, which names the item."""
    line = re.sub(rf"^\s*{_ITEM_MARK}\s+", "", line).strip()
    return line


def section_runs(passages: list[Passage]) -> list[ListRun]:
    """Sibling sections grouped by their parent path: numbered ones from two, unnumbered from three
    (not the document's top-level sections under its title heading: "Summary", "Three layers of
    capability", "What industry can offer" are an outline).

    Unnumbered siblings need three or more (a section with two subsections is rarely a list);
    items keep document order (numbers first, then the order the chunks were written in).
    """
    groups: dict[tuple[str, str], list[tuple[int, str, int, bool]]] = {}
    for i, p in enumerate(passages):
        path = [h.strip() for h in (p.section or "").split(" > ")]
        if len(path) < 2:
            continue
        m = _NUMBERED_SECTION.match(path[-1])
        number, label = (int(m.group(1)), m.group(2)) if m else (p.chunk_index, path[-1])
        groups.setdefault((p.doc_id, " > ".join(path[:-1])), []).append((number, label, i, bool(m)))
    runs = []
    for (_, parent), members in groups.items():
        seen: dict[str, tuple[int, int]] = {}
        for number, label, i, _numbered in sorted(members):
            seen.setdefault(label, (number, i))
        numbered = all(m[3] for m in members)
        if not numbered and parent == passages[members[0][2]].title.strip():
            continue  # the sections under the document's own title heading are its outline, not a list it makes
        if len(seen) >= (2 if numbered else 3):
            ordered = sorted(seen.items(), key=lambda kv: kv[1][0])
            items = [(_section_item(label, passages[i].text), i) for label, (_, i) in ordered]
            runs.append(ListRun(items=items, key=parent))
    return runs


def _section_item(label: str, text: str) -> str:
    """A section as a list item: its heading, and its opening sentence when it opens with one.

    Why: a section that opens with a lead-in, a table or a list has no sentence to show; its
    first "sentence" ran on to the next full stop, giving "scored against: 1." or a whole table
    on one line. The heading alone names the item.
    """
    opening = first_sentence(text.strip().split("\n", 1)[0])
    prose = _SENTENCE_END.search(opening) and not is_item_line(opening) and not is_table_row(opening)
    return f"**{label}**: {opening}" if prose else f"**{label}**"


_SENTENCE_END = re.compile(r"[.!]['\"’”)\]*]*$")


def first_sentence(text: str) -> str:
    first = re.split(r"(?<=[.!?])\s+", text.strip(), maxsplit=1)[0]
    return first.strip()


_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth")
# "First, the pandemic: ...", "Staff time is the second, because ...", "The third is data: ...", "A second barrier was ..."
_ORDINAL_SENTENCE = re.compile(r"^\W*(?P<a>first|second|third|fourth|fifth|sixth)(?:ly)?\b,?"
                               r"|\b(?:is|was|are|were)\s+(?:the\s+)?(?P<b>first|second|third|fourth|fifth|sixth)\b(?!-)"
                               r"|^\W*(?:the|a)\s+(?P<c>first|second|third|fourth|fifth|sixth)\s+(?:\w+\s+)?(?:is|was|are|were)\b", re.I)


def _ordinal(sentence: str) -> int | None:
    """The place a sentence counts itself at ("Staff time is the second, ..." -> 1), or None."""
    m = _ORDINAL_SENTENCE.search(sentence)
    return _ORDINALS.index((m.group("a") or m.group("b") or m.group("c")).lower()) if m else None


def ordinal_runs(text: str, index: int, section: str = "") -> list[ListRun]:
    """Items a paragraph counts off in prose: "Money is the first barrier: ... Staff time is the second, ...
    The third is data: ...", or "First, ... Second, ... Third, ...": one item a sentence, from "first" on.

    Why: "Which barriers hold back burial records digitisation?" was answered with the document's
    numbered list of steps, because its barriers were written as one paragraph and only marked lists
    were lists. The sentence before the first item ("Councils gave three main reasons.") leads.
    """
    runs: list[ListRun] = []
    for paragraph in re.split(r"\n\s*\n", text):
        sentences = split_sentences(" ".join(paragraph.split()))
        ordinal = [_ordinal(sentence) for sentence in sentences]
        for start, number in enumerate(ordinal):
            if number != 0:
                continue
            items, expected = [], 0
            for k in range(start, len(sentences)):
                if ordinal[k] == expected:
                    items.append((sentences[k], index))
                    expected += 1
                elif ordinal[k] is not None or len(items) and k - start > 2 * len(items) + 2:
                    break
            if len(items) >= 2:
                lead = sentences[start - 1] if start > 0 else None
                runs.append(ListRun(items=items, lead=(lead, index) if lead else None,
                                    key=f"{section}: {lead or items[0][0]}"))
                break
    return runs


def counts_off_unfinished(text: str) -> bool:
    """Does the text's last paragraph start counting off items in prose ("First, the pandemic: ...") and
    stop before the second? Then the count runs on in the next chunk."""
    sentences = split_sentences(" ".join(re.split(r"\n\s*\n", text.rstrip())[-1].split()))
    numbers = {_ordinal(s) for s in sentences}
    return 0 in numbers and 1 not in numbers


def announced_unfinished(text: str) -> bool:
    """Does the text end in a list whose lead-in announces more items than it holds ("The four answers given most
    often were:" and three items)? Then the rest is in the next chunk."""
    lead = None
    for m in _ANNOUNCED.finditer(text):
        lead = m
    if lead is None or number_of(lead.group("count")) is None:
        return False
    items = [line for line in text[lead.end():].split("\n") if ITEM_LINE.match(line)]
    return 0 < len(items) < number_of(lead.group("count")) and bool(ITEM_LINE.match(text.rstrip().rsplit("\n", 1)[-1]))


# "The four answers given most often were:", "Respondents named five barriers:"
_ANNOUNCED = re.compile(r"\b(?P<count>two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\b[^.:\n]{0,80}:\s*$", re.I | re.M)
ITEM_LINE = re.compile(rf"^\s*{_ITEM_MARK}\s+\S")  # a bulleted, numbered or lettered item's line


def joined_paragraph(text: str, following: str) -> str:
    """``text`` with the rest of its last paragraph from the next chunk (``following``, whose opening
    may repeat the end of ``text``: chunks overlap)."""
    rest = re.split(r"\n\s*\n", following.strip(), maxsplit=1)[0]
    flat_text, flat_rest = " ".join(text.split()), " ".join(rest.split())
    for k in range(min(len(flat_text), len(flat_rest)), 15, -1):
        if flat_text.endswith(flat_rest[:k]):
            return text.rstrip() + flat_rest[k:]
    return text.rstrip() + " " + flat_rest


def find_runs(passages: list[Passage]) -> list[ListRun]:
    runs: list[ListRun] = []
    for i, p in enumerate(passages):
        runs.extend(ordinal_runs(p.text, i, p.section or ""))
        found = runs_in_passage(p.text, i, p.section or "")
        if found and found[0].lead is None and is_item_line(p.text.lstrip().split("\n", 1)[0]):
            found[0] = _led_from_previous_chunk(found[0], p, passages)
        runs.extend(found)
    runs = _tables_across_chunks(runs, passages)
    runs = _items_across_chunks(runs, passages)
    runs.extend(section_runs(passages))
    return runs


def _items_across_chunks(runs: list[ListRun], passages: list[Passage]) -> list[ListRun]:
    """A run with no lead-in that opens its chunk, joined to the run that ends the section's previous
    chunk (when both chunks are among the passages): one list cut by chunk size.

    Why: "The working group's eight main findings are set out below." led items 1-3 in one chunk;
    items 4-8 opened the next two, and the answer gave three of the eight findings."""
    out = list(runs)
    changed = True
    while changed:
        changed = False
        for later in out:
            p = passages[later.items[0][1]]
            if (later.lead is not None and not _BARE_MARKER.match(later.lead[0])) or not is_item_line(p.text.lstrip().split("\n", 1)[0]):
                continue  # (a "lead" that is a stray list number, left at a PDF chunk's end, leads nothing)
            before = next((r for r in out if r is not later and _ends_chunk_before(r, p, passages)), None)
            if before is None:
                continue
            seen = {t for t, _ in before.items}
            joined = ListRun(items=before.items + [(t, i) for t, i in later.items if t not in seen], lead=before.lead, key=before.key,
                             extra=before.extra, subitems=before.subitems)
            out = [joined if r is before else r for r in out if r is not later]
            changed = True
            break
    return out


def _ends_chunk_before(run: ListRun, p: Passage, passages: list[Passage]) -> bool:
    """Does ``run`` end the chunk just before ``p`` in the same section (its last item the chunk's last line)?"""
    q = passages[run.items[-1][1]]
    if q.doc_id != p.doc_id or (q.section or "") != (p.section or "") or q.chunk_index != p.chunk_index - 1:
        return False
    last = [ln for ln in q.text.split("\n") if ln.strip() and not _BARE_MARKER.match(ln)]
    return bool(last) and run.items[-1][0][:30] in last[-1]


_BARE_MARKER = re.compile(r"^\s*(?:\d{1,2}[.)]?|[-*•])\s*$")  # "6.": a list number without its item


def _tables_across_chunks(runs: list[ListRun], passages: list[Passage]) -> list[ListRun]:
    """Runs of table rows in consecutive chunks of one section, joined into one run (rows in order, each once).

    Why: a table cut by chunk size ("R1".."R3" | "R3".."R6" | "R7", "R8", with the chunks'
    overlap repeating a row) is one list; each row keeps the passage it came from, for its citation.
    """
    def place(run: ListRun) -> tuple[str, str, int] | None:
        first = run.items[0][1]
        if any(i != first for _, i in run.items) or not all(is_table_row(t) for t, _ in run.items):
            return None
        p = passages[first]
        return p.doc_id, p.section or "", p.chunk_index

    placed = [(place(r), r) for r in runs]
    # (by place only: two tables of one chunk tie, and their runs, which cannot be compared, keep their order)
    tables = sorted(((key, r) for key, r in placed if key is not None and key[1]), key=lambda kr: kr[0])
    out = [r for key, r in placed if key is None or not key[1]]
    merged: list[tuple[tuple[str, str, int], ListRun]] = []
    for key, run in tables:
        if merged and merged[-1][0][:2] == key[:2] and key[2] == merged[-1][0][2] + 1:
            last_key, last = merged[-1]
            seen = {t for t, _ in last.items}
            items = last.items + [(t, i) for t, i in run.items if t not in seen]
            merged[-1] = (key, ListRun(items=items, lead=last.lead, key=last.key, extra=last.extra))
        else:
            merged.append((key, run))
    return out + [r for _, r in merged]


def _led_from_previous_chunk(run: ListRun, p: Passage, passages: list[Passage]) -> ListRun:
    """A run that opens its chunk, introduced by the last sentence of the section's previous chunk
    when that chunk is among the passages too.

    Why: chunks are cut by size, so "It helps to think of digital capability in three layers" can
    end one chunk and its three bullets open the next; without its lead-in the run is scored on
    its items alone and loses to any run whose heading shares the question's words.
    """
    for q in passages:
        if q.doc_id == p.doc_id and q.chunk_index == p.chunk_index - 1 and (q.section or "") == (p.section or ""):
            lines = [ln.strip() for ln in q.text.split("\n") if ln.strip()]
            if lines and not is_item_line(lines[-1]):
                lead = _last_sentence(lines[-1])
                return replace(run, lead=(lead, passages.index(q)), key=f"{p.section or ''}: {lead}")
    return run


_ECHO_QUESTION = re.compile(r"^\W*(?:according to [^,?]{3,80},\s*)?(?:and\s+)?(?:what|which|why)\b", re.I)


# "Where did people run into trouble ...?", "Where do applicants get stuck?": the places it went wrong, a list of problems
_WHERE_STUCK = re.compile(r"^\W*(?:and\s+)?where\b(?=.*\b(?:(?:ran|run|running) into (?:trouble|problems|difficult)|"
                          r"(?:get|gets|got|getting) stuck|struggl\w*)\b)", re.I)


def _asks_for_a_list_of_its_own(question: str) -> bool:
    """ "What ...?", "Which ...?", "Why ...?" or "Where did people get stuck?", asking for no count or share: a question a
    section's list may answer in its own words."""
    return bool(_ECHO_QUESTION.match(question) or _WHERE_STUCK.match(question)) and not _COUNT_QUESTION.search(question)


_COMPARES = re.compile(r"\b(?:19|20)\d\d\s+(?:and|with|to|versus|vs\.?|or)\s+(?:(?:in|the)\s+)?(?:19|20)\d\d\b"
                       r"|\b(?:compare[sd]?|comparison|changed?|between|differ\w*)\b", re.I)


def echoed_list_sections(question: str, passages: list[Passage]) -> set[str]:
    """The retrieved sections holding a list whose heading the question repeats (their heading paths).

    Why: "What holds fire and rescue services back from using data?" asks for the five items under
    "What holds services back", in no list words ("what are", "barriers"); sentence scoring gave
    the Insight's opening line. And "What still needs fixing ...?" asks for the list under "What
    still needs fixing", not the one under "What has improved" beside it. A heading of two content
    words or more, every one of them in the question, names what the question asks for; a
    question asking for a count or share wants a figure.
    """
    if not _asks_for_a_list_of_its_own(question):
        return set()
    compares = bool(_COMPARES.search(question))  # a comparison across years or documents wants each side, not one section's list
    own = own_question(question)  # "What did they say frustrated them?" after "What did they ask for ...?": its own list, not
    asked = set(analyse(own if _role(own) else question))  # the one whose heading the question it follows echoes
    found = set()
    why = WHY_QUESTION.match(question)
    role = _role(question)
    by_document: dict[str, set[str]] = {}  # per document, its listing sections in the role the question asks for
    told: dict[str, set[str]] = {}  # ... or, for what people said, the sections of what they told the authors
    said = bool(_SAID.search(own))
    for i, p in enumerate(passages):
        last = (p.section or "").split(" > ")[-1]
        heading = set(analyse(last)) - _STANCE  # "What we think should happen next"
        if _NAMES_PEOPLE.search(own):  # "What would make people stay" is echoed by "... say would make them stay?"
            heading -= _PEOPLE_WORDS
        runs = [r for r in [*runs_in_passage(p.text, i, p.section or ""), *ordinal_runs(p.text, i, p.section or "")] if len(r.items) >= 2]
        if (len(heading) >= 2 and heading <= asked or says_heading(last, question)) and runs and not compares:
            found.add(p.section or "")
        elif why and i < 3 and not compares and any(_gives_reasons(r, asked) for r in runs):
            found.add(p.section or "")
        elif not compares and any(_echoed_lead(r, asked) for r in runs):  # "The tasks people most often needed help with were:"
            found.add(p.section or "")
        elif role and runs and (in_role(role, last) or any(r.lead and in_role(role, r.lead[0]) for r in runs)):
            # (or a list whose lead-in is in the role: "The most common tasks people needed help with were:")
            by_document.setdefault(p.doc_id, set()).add(p.section or "")
        elif role and runs and said and role != "views" and in_role("views", last):
            told.setdefault(p.doc_id, set()).add(p.section or "")
    if role and not by_document and not compares:
        # sub-headings under a heading in the role ("3. Obstacles planning teams face" > "Locked-in contracts", "Stretched
        # teams", ...): the list is made of those sections, no passage of which holds a list of its own
        for run in section_runs(passages):
            if in_role(role, run.key):
                by_document.setdefault(passages[run.items[0][1]].doc_id, set()).update(passages[i].section or "" for _, i in run.items)
    by_document = by_document or told  # "What did police forces say makes buying software hard?" under "What forces told us"
    if not found and by_document:  # the best-ranked document with such a section: its list, not a list of each document's
        found = by_document[_first_document(question, passages, by_document)]
    years = set(_YEAR_WORD.findall(question))
    of_year = [p for p in passages if years and p.of_year(years)]
    if found and of_year:  # "... according to the 2025 survey?": a heading the 2022 edition's words echo is not the 2025 one's
        found = {section for section in found if any((p.section or "") == section for p in of_year)}
    return found


_SAID = re.compile(r"\bwhat\s+(?:did|do|does)\s+(?:[\w'’-]+\s+){1,5}?(?:say|said|tell|told|report|mention)\b", re.I)


def says_heading(heading: str, question: str) -> bool:
    """The question repeats the heading word for word, in two words or more ("What is not working for council digital
    teams?" under "What is not working", whose one content word "working" also heads "What is working")."""
    words = re.findall(r"[a-z']+", re.sub(r"^\W*(?:\d+(?:\.\d+)*\.?|[ivx]+\.)\s*", "", heading.lower()))
    return len(words) >= 2 and re.search(rf"\b{' '.join(words)}\b", " ".join(re.findall(r"[a-z']+", question.lower()))) is not None


def role_sections(question: str, passages: list[Passage]) -> set[str]:
    """The sections, list or prose, of the best-ranked document whose heading is in the role the question asks for
    in everyday words ("What problems did the pilot run into?": "4. Problems found", written as a paragraph)."""
    role = asked_role(question)
    if role is None:
        return set()
    matching = [p for p in passages if in_role_or_under(role, p.section or "")]
    if not matching:
        return set()
    first = _first_document(question, passages, {p.doc_id for p in matching})
    return {p.section or "" for p in matching if p.doc_id == first}


def role_section_run(question: str, passages: list[Passage]) -> ListRun | None:
    """The subsections under a section in the role the question asks for, as a list ("4. Barriers" > "Supplier
    configuration", "Rural connectivity", "Staff confidence" for "What held the pilot back?"), or None."""
    sections = role_sections(question, passages)
    return next((run for run in section_runs(passages) if run.key in sections), None)


def asked_role(question: str) -> str | None:
    """The role of the section a list question asks for in everyday words ("What went wrong?": "problems"), or None."""
    if not _asks_for_a_list_of_its_own(question):
        return None
    # a follow-up's own turn first: "What else did they ask for? (follow-up to: What did they complain about?)"
    return _role(own_question(question)) or _role(question)


def role_words(question: str) -> set[str]:
    """The words (lower-cased) with which a list question asks for a section's role ("annoys" of "What annoys staff
    most about ...?"): the frame of the question, not a topic the documents must hold."""
    role = asked_role(question)
    m = _ROLES[role][0].search(question) if role else None
    return {w.lower() for w in re.findall(r"[A-Za-z'’-]+", m.group(0))} if m else set()


# a line naming a risk or a worry, in any form: a document holding one has concerns to list, under any heading
_CONCERN_WORD = re.compile(r"\b(?:risk|risks|risky|concern|concerns|concerned|worr\w+|fear|fears|feared|threats?|dangers?)\b", re.I)


def holds_no_concerns(chunks: list[tuple[str, str]]) -> bool:
    """Does a document (its chunks' section paths and texts) have no section of concerns or risks and no line naming one?

    Why: "What risks does the library app blog identify?" was answered with the blog's download figures, and "What risks
    did the 2022 survey identify?" with its list of what works, when only the 2025 edition lists risks."""
    return not any(in_role("concerns", section) or _CONCERN_WORD.search(text) for section, text in chunks)


def in_role(role: str, section: str) -> bool:
    """Is ``section``'s own heading in ``role`` ("problems": "3. Problems we found", "What gets in the way")?"""
    return bool(_ROLES[role][1].search(section.split(" > ")[-1]))


def in_role_or_under(role: str, section: str) -> bool:
    """Is ``section``'s own heading, or its parent's, in ``role``? A section of barriers may give each under a
    subheading of its own ("4. Barriers" > "Supplier configuration")."""
    return in_role(role, section) or (" > " in section and in_role(role, section.rsplit(" > ", 1)[0]))


_YEAR_WORD = re.compile(r"\b(?:19|20)\d\d\b")


def _first_document(question: str, passages: list[Passage], doc_ids) -> str:
    """Of ``doc_ids``, the best-ranked one, a document of the year the question names first ("... back in 2022?")."""
    years = set(_YEAR_WORD.findall(question))
    ranked = [p for p in passages if p.doc_id in doc_ids]
    of_year = [p for p in ranked if (p.published or "")[:4] in years]
    return (of_year or ranked)[0].doc_id


def _role(question: str) -> str | None:
    """The role of the section a question asks for ("problems", "next", ...), or None; none for a question naming two
    years ("What went wrong in 2022 and 2025?" wants each year's, not one section's list)."""
    if len(set(_YEAR_WORD.findall(question))) > 1:
        return None
    return next((r for r, (asks, _) in _ROLES.items() if asks.search(question)), None)


# What a list question asks for in everyday words, and the headings that give it in a report's own words: "What
# went wrong?" is answered under "Problems we found", "What did staff make of it?" under "What social workers told us"
_ROLES = {
    "problems": (re.compile(r"\b(?:went|go(?:es)?|going|gone) wrong\b|"
                            # "What still stops flood warnings reaching everyone?", "What put residents off joining?"
                            r"\bwhat (?:still |else )?(?:stops|stopped|prevents|prevented|is stopping|are stopping)\b|"
                            r"\bput (?:[\w'’-]+ ){0,3}?off\b|\bdeterred\b|\bdiscouraged\b|\b(?:did(?:n't| not)|not|never) (?:go|going|gone|went|work|worked|run|ran) (?:so |very |too |as )?well\b|\bstop(?:s|ping|ped)? (?:[\w'’-]+ ){1,6}?from\b|\bpain points?\b|\bgripes?\b|\bmoan\w*|\bnot working\b|"
                            r"\bdid(?:n't| not) work\b|\bfell short\b|\bfailings?\b|\bproblems\b|\bdifficulties\b|\bchallenges\b|"
                            r"\bobstacles\b|\bbarriers\b|\bsnags\b|\bhurdles\b|\bteething\b|\bhassles?\b|\bheadaches\b|"
                            r"\bfrustrations\b|\bniggles\b|\bannoy\w*|\bfrustrat\w*|\birritat\w*|\bcomplain\w* (?:about|of)\b|"
                            r"\b(?:held|holds?|holding) (?:[\w'’-]+ ){0,5}?back\b|\b(?:get|gets|getting|got|stand|stands|standing) in (?:[\w'’-]+ ){0,3}?way\b|"
                            # "What did forces say makes buying evidence software hard?"
                            r"\bmak(?:e|es|ing) (?:[\w'’-]+ ){0,4}?(?:hard|harder|difficult|tricky)\b|"
                            # "What did families find difficult about applying online?"
                            r"\bf(?:i|ou)nds? (?:[\w'’-]+ )?(?:difficult|hard|tricky|confusing|frustrating)\b|"
                            # "What issues did fire control rooms raise about their technology?"
                            # "What did officers say ate up most of their time?"
                            r"\b(?:ate|eats?|eating|took|takes?|taking|used?) up (?:[\w'’-]+ ){0,3}?time\b|"
                            r"\bissues (?:did|do|does|have|has|had|were) (?:[\w'’-]+ ){1,5}?(?:raise|raised|report|reported|flag|flagged|"
                            r"identify|identified|face|faced|have|had|mention|mentioned)\b|\bissues (?:with|facing)\b|"
                            # "Where did status holders run into trouble ...?", "Where do people get stuck?"
                            r"\b(?:ran|run|running) into (?:trouble|problems|difficult(?:y|ies))\b|\b(?:get|gets|got|getting) stuck\b", re.I),
                 re.compile(r"\bproblems?\b|\bissues\b|\bwhy (?:[\w'’-]+ ){0,3}?(?:do not|don't|did not|didn't|have not|haven't)\b|\b(?:did(?:n't| not)|not|never) (?:go|going|gone|went|work|worked) (?:so |very |too |as )?well\b|\bdifficult(?:y|ies)\b|\bchallenges\b|\bobstacles\b|\bbarriers\b|\bwent wrong\b|"
                            r"\bdid(?:n't| not) work\b|\bcomplaints\b|\bfailings\b|\bpain points\b|\b(?:gets?|got|stands?) in the way\b|"
                            r"\b(?:held|holds?|holding) (?:[\w'’-]+ ){0,2}?back\b|\bneeds? (?:more )?work\b|\bfrustrat\w*|\bannoy\w*|\bgripes\b|"
                            r"\bf[ae]ll(?:s|ing)? short\b|\bshortcomings\b|\bweaknesses\b|\b(?:sticking|pinch) points\b|\blets? (?:\w+ )?down\b|"
                            r"\bwhere we struggled\b|\bstruggl\w*|\btroubles?\b|\b(?:ran|run|running) into\b|"
                            r"\bslow(?:ed|s|ing)? (?:[\w'’-]+ ){0,2}?down\b|\btook up (?:the )?(?:most )?time\b|\bwhere (?:[\w'’-]+ )?time goes\b|"
                            r"\btime[- ]consuming\b|\bstuck\b", re.I)),
    "concerns": (re.compile(r"\bconcerns\b|\bworries\b|\bworried\b|\bfears\b|\breservations\b|\bmisgivings\b|\brisks\b", re.I),
                 re.compile(r"\bconcerns\b|\bworries\b|\bfears\b|\brisks\b|\breservations\b|\bwhat worried\b", re.I)),
    "works": (re.compile(r"\b(?:went|go(?:es)?|going) (?:well|right)\b|\bworks? well\b|\bworked (?:well|best)\b|\bwhat works\b|"
                         r"\bgood practice\b|\bwhat good looks like\b|\bsuccess factors\b|\bdo(?:es)? (?:things )?differently\b|"
                         r"\bdid (?:things )?differently\b|\bmade (?:the|a) difference\b|"
                         # "What helped Tap North succeed?", "... the councils that handled admissions well ...?"
                         r"\bhelped (?:[\w'’-]+ ){0,4}?(?:succeed|work|go well)\b|\bkeys? to (?:its |their )?success\b|"
                         r"\b(?:handled|managed|ran|run|did|do|does|done) (?:[\w'’-]+ ){0,4}?well\b", re.I),
              re.compile(r"\bwhat works\b|\bwhat worked\b|\bworked well\b|\bwent well\b|\bgood (?:practice|looks like)\b|"
                         r"\bsuccess(?:es| factors)\b|\bwhat helped\b|\blessons\b|\bmade (?:the|a) difference\b|"
                         r"\bmade (?:it|them|this) work\b|\bkeys? to success\b|\bwhy it worked\b|\b(?:best|top|strongest)[- ]perform\w*", re.I)),
    "views": (re.compile(r"\bwhat did (?:[\w'’-]+ ){1,4}(?:make of|think (?:of|about)|feel about)\b|\bviews\b|\bfeedback\b|"
                         r"\bopinions?\b|\breactions?\b|\bhow did (?:[\w'’-]+ ){1,4}(?:find|feel about|rate)\b", re.I),
              re.compile(r"\btold us\b|\bviews\b|\bfeedback\b|\bwhat (?:[\w'’-]+ ){1,3}(?:think|thought|say|said|felt)\b|"
                         r"\bin their (?:own )?words\b|\bexperiences\b", re.I)),
    "next": (re.compile(r"\bwhat (?:(?:does|do|did) (?:[\w'’-]+ ){1,6}?say (?:that )?)?(?:should|must|needs? to|ought to|has to) (?:happen|be done|change)\b|\bwhat(?:'s| is| comes) next\b|"
                        # "What should environmental regulators change about the way they publish open data?"
                        r"^\W*what (?:should|must|ought) (?:[\w'’-]+ ){1,4}?(?:change|do differently|improve|fix)\b|"
                        r"\bnext steps?\b|\bplan(?:s|ning)? to (?:change|add|do|improve)\b|"
                        # "What changes does the report propose for the next phase?"
                        # (not "What does recommendation R5 propose?": one item's proposal)
                        r"^\W*what (?:[\w-]+ )?(?:does|did|do) the (?:[\w'’-]+ ){1,6}?(?:propose|suggest|put forward)\b|"
                        # "What changes did the PSB ask for in the way schools buy ...?"
                        r"^\W*what (?:changes|improvements|reforms|steps|actions|measures|fixes|follow-up actions) (?:does|did|do) (?:the )?"
                        r"(?:[\w'’-]+ ){1,8}?(?:ask for|call for|propose|suggest|recommend|put forward)\b|"
                        # "What changes were suggested to make it easier ...?"
                        r"^\W*what (?:changes|improvements|steps|actions|measures|fixes) (?:were|are|have been|has been) "
                        r"(?:suggested|proposed|recommended|put forward)\b", re.I),
             re.compile(r"\brecommendations\b|\bwhat we recommend\b|\bnext steps\b|\bwhat (?:should|needs to|must) (?:happen|change)\b|"
                        r"\bway forward\b|\bwhat (?:comes|happens) next\b|\blooking ahead\b|\bactions? (?:for|plan)\b|"
                        r"\bwhat we(?:'ll| will) do\b|\bour plans\b|\bplans for\b|\bproposals\b", re.I)),
    # what they ask for: "What do schools say would help them most?" under "What schools say they need"
    "needs": (re.compile(r"\bwhat (?:[\w'’-]+ ){0,5}?(?:would|could|might) (?:most |best |really )?help\b|"
                         # "What changes did staff say would make handling digital evidence easier?"
                         r"\bwhat (?:[\w'’-]+ ){0,6}?(?:would|could|might) make (?:[\w'’-]+ ){0,5}?(?:easier|simpler|quicker|faster|better)\b|"
                         # "What changes to their systems would social workers most like to see?"
                         r"\bwhat (?:[\w'’-]+ ){0,8}?would (?:[\w'’-]+ ){0,5}?(?:most |really )?(?:like|love|want) to (?:see|have|get)\b|"
                         r"\bwhat (?:do|does|did) (?:[\w'’-]+ ){1,4}?(?:say (?:they |it )?)?(?:need|wish for|want (?:from|most)\b)\b|"
                         # "What else did they say they would like?"
                         r"\bwhat (?:else )?(?:do|does|did) (?:[\w'’-]+ ){1,4}?say (?:they |it )?would (?:most |really )?like\b|"
                         # "What else did they ask for?" (what a document asks for is its recommendations: the register's)
                         r"^\W*(?:and\s+)?what (?:else |other (?:\w+ )?)?(?:do|does|did) (?:they|[\w'’-]+ (?:staff|practitioners|users|people|respondents|workers|officers)) (?:ask|asking|call) for\b|"
                         r"\bwhat (?:support|help) (?:do|does|did|would)\b", re.I),
              re.compile(r"\bneeds?\b|\bneeded (?:help|support|a hand)\b|\bwould help\b|\bwhat (?:[\w'’-]+ ){1,3}(?:need|want|wanted|asked for|would like)\b|"
                         r"\bsupport (?:needed|wanted|requested)\b|\bwish ?lists?\b", re.I)),
    # what others can take from it: "What should other councils copy from the pilot?" under "Lessons for other councils"
    "lessons": (re.compile(r"\b(?:copy|learn from|lessons?|take away|take-?aways?|tips)\b|\badvice (?:for|to)\b|"
                           # "What did Derbyshire learn about ...?", "What else did they learn?"
                           r"^\W*(?:and\s+)?what (?:else |other \w+ )?(?:did|have|has|do|does) (?:[\w'’-]+ ){1,4}?learn(?:ed|t)?\b", re.I),
                re.compile(r"\blessons\b|\badvice\b|\btips\b|\bfor other\b|\btell (?:another|other)\b|\blearn from\b|"
                           r"\bwhat (?:[\w'’-]+ ){1,3}?(?:have )?learn(?:ed|t)\b", re.I)),
    # what a map, form or service puts in front of its users
    "contents": (re.compile(r"\bwhat (?:can|do|does|will) (?:you|users|people|residents|the public) see\b|\bwhat does (?:it|the [\w-]+) show\b|"
                            r"\bwhat(?:'s| is) (?:on|in) (?:it|the [\w-]+(?: [\w-]+)?)\s*\??$", re.I),
                 re.compile(r"\bwhat (?:the [\w-]+|it) shows\b|\bwhat you (?:can )?see\b|\bwhat(?:'s| is) on\b|\bcontents\b", re.I)),
}


# a heading's words for whose view it gives, not what it is about: "What we think should happen next" is echoed by
# "What does the blog say should happen next?"
_STANCE = frozenset(analyse("think believe feel view"))
# the people a heading speaks of, whom a question may name in other words or by a pronoun
_PEOPLE_WORDS = frozenset(analyse("people staff respondents employees workers users residents officers"))
_NAMES_PEOPLE = re.compile(r"\b(?:they|them|their|people|staff|respondents|employees|workers|users|residents|officers|officials)\b", re.I)
_REASONS = re.compile(r"\b(?:reasons?|why|because|put (?:them|people) off|explanations?)\b", re.I)


def _echoed_lead(run: ListRun, asked: set[str]) -> bool:
    """A list whose lead-in the question repeats in its own words, three or more of them ("What tasks did people most
    often need help with at the libraries?" over "The tasks people most often needed help with were:"), whatever the
    section's heading ("What happened in the first year") says."""
    words = set(analyse(run.lead[0])) - _STANCE if run.lead else set()
    return len(words) >= 3 and words <= asked


def _gives_reasons(run: ListRun, asked: set[str]) -> bool:
    """A list introduced as reasons ("When we asked paper applicants why, they gave these reasons:")
    under a section sharing two words with the question: the answer to "Why do some people still
    ...?", whose words the heading ("How come some people still use paper?") need not repeat."""
    lead = run.lead[0] if run.lead else ""
    return bool(_REASONS.search(f"{lead} {run.key}")) and len(asked & set(analyse(run.key or lead))) >= 2


# a lead-in announcing reasons: "Respondents who registered in person gave three main reasons:"
_REASONS_LEAD = re.compile(r"\breasons?\b[^.:]{0,60}:\s*$|\bbecause\s*:\s*$", re.I)


def reasons_run(passages: list[Passage], years: Sequence[str] = (), first: int = 2) -> ListRun | None:
    """The list of reasons in one of the ``first`` passages found (of one of ``years``, when given) whose lead-in
    announces reasons: what "Why did people not use the online service?" asks for, item by item."""
    for i, p in enumerate(passages[:first]):
        if years and not (p.of_year(list(years)) or any(y in p.text for y in years)):
            continue
        for run in runs_in_passage(p.text, i, p.section or ""):
            if run.lead and _REASONS_LEAD.search(run.lead[0]) and len(run.items) >= 2:
                return run
    return None
