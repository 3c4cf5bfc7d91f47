"""Chat questions that ask for recommendations are answered from the register, complete and cited.

"What does the PSB recommend on data sharing?", "Which recommendations fall to GDS?", "What is
due within six months?": passage search would return the top few passages; the register gives
the whole matching set. A question is routed here only when it asks for recommendations and
names something the register can filter on (a theme, an owner that appears in it, a timescale,
a document it names by title), or asks for all of them; anything else goes to ordinary retrieval.
A question naming a document ("What does the data standards pilot recommend?") gets that
document's recommendations, not the whole register's.

Usage: ``RegisterAnswerer(services.register, services.store, theme_names).answer(question, documents)``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

from assistant.answer import Answer, Citation
from assistant.lists import first_sentence
from assistant.questions import REFERENCE, question_parts
from assistant.recommendation_fields import asked_fields
from assistant.register import RegisterFilters, find_entries
from indexing.keyword import analyse
from indexing.rec_groups import Entry, entry_of, is_counted_ref
from indexing.rec_register import add_missing
from indexing.rec_themes import OTHER

_ASKS_FOR_RECS = re.compile(
    r"\bwhat (?:does|do|did|would) (?:the )?[\w\s’']{0,40}?\b(?:recommend|propose)\b|"
    # "What changes does the Insight call for?", "What does the briefing urge councils to do?": its recommendations
    # (a document's or the board's asking, not the people a survey heard: "What did practitioners ask for?")
    r"\bwhat (?:\w+ )?(?:does|do|did) (?:the )?[\w\s’']{0,40}?\b(?:report|review|insight|briefing|note|paper|blog|post|document|"
    r"strategy|psb|board|summary|evaluation|study|it|they)\b[\w\s’']{0,40}?\b(?:call for|urge|ask (?:for|\w+ to))\b|"
    # "What does the PSB want councils to change about X?"
    r"\bwhat (?:does|do|did|would) (?:the )?[\w\s’']{0,40}?\bwants? (?:[\w’']+ ){1,5}?to (?:change|do|fix|improve)\b|"
    r"\b(?:which|what|list|all|how many) (?:of )?(?:the )?(?:\w+ )?recommendations\b|"
    r"\brecommendations? (?:on|about|for|regarding|relating to|that|which|fall|falling|are due|due)\b|"
    r"\bwhat (?:is|are|falls?|comes?) due\b",
    re.I,
)
# With a named document, "What does X recommend?", "the recommendations of X": not a title's own word ("the recommendations summary");
# and what the document itself says should be done ("What did the 2022 planning review say should be done to improve
# online planning?", "What changes does the procurement review want to see?"), not what the people it heard said
_NAMES_RECS = re.compile(r"\brecommend(?:s|ed)?\b|\brecommendations?\s+(?:of|in|from|made|does|did|do|are|were)\b|\bcall(?:s|ed)? for\b|\burge[sd]?\b|"
                         r"\bwhat (?:\w+ )?(?:does|do|did) (?:the )?[\w\s’'-]{0,40}?\b(?:report|review|insight|briefing|paper|strategy|evaluation|study)"
                         r"(?:'s|’s)? (?:say (?:that )?(?:[\w-]+ ){0,4}?(?:should|must|needs? to|ought to) (?:happen|be done|change|improve|make|do)|"
                         r"wants? to see|would like to see)\b", re.I)
# all of them: "What are the PSB's recommendations?", "How many recommendations ...?", a bare "What does the PSB recommend?"
_ALL = re.compile(r"\b(?:all|every|full list of|list|what are) (?:the |its |their )?(?:[\w’']+ )?recommendations\b|\bhow many recommendations\b|"
                  r"^\s*what (?:does|do|did) (?:the |techUK's |techUK’s )?(?:PSB|board|Public Services Board|report|reports|documents?) recommend\s*\??\s*$", re.I)
_OWNER = re.compile(
    r"\b(?:fall(?:s)? to|for|owned by|led by|assigned to|responsibility of|does|should|must|will)\s+(?:the\s+)?"
    r"(?P<who>[A-Z][\w&'’]*(?:\s+(?:[A-Z][\w&'’]*|of|and|for))*|departments?|industry|government)",
)
_DOES_RECOMMEND = re.compile(r"\s+(?:[\w'’-]+\s+){0,4}?(?:recommend|propose|suggest|say|said|find|found)s?\b", re.I)
# (not a document's own year: "in the 2024 probation survey")
_TIMESCALE = re.compile(r"\b(?:due\s+)?(?P<when>(?:within|by|in|before)\s+(?:the\s+end\s+of\s+)?(?:[\w-]+\s+)?(?:\d{4}|months?|years?|weeks?))\b"
                        r"(?!\s+(?:[\w-]+\s+){0,2}(?:survey|review|report|insight|edition|briefing|note|study|census|strategy|plan)s?\b)", re.I)


class RegisterAnswerer:
    """Cheap; reads the register on each question so answers follow ingests at once."""

    def __init__(self, register, store, themes: Sequence[str], is_ready: Callable[[str], bool] | None = None) -> None:
        """``is_ready``: which documents are committed, from memory (``KeywordIndex.is_ready``); the
        register is then filled from the store once, on the first register question, and kept
        current by ingest and ``IndexRefresher``, instead of listing the store on every question."""
        self.register = register
        self.store = store
        self.themes = [t for t in themes if t != OTHER]
        self.is_ready = is_ready
        self._filled = is_ready is None

    def answer(self, question: str, documents: Sequence[str] = ()) -> Answer | None:
        """A complete, cited list when the question is a register question; None otherwise.

        ``documents``: ids of the documents the question names by title (``DocumentNames.named``);
        only their recommendations are listed, and only when the register holds some of them.
        """
        if REFERENCE.search(question):
            documents = ()  # "What does the summary recommend in R5?" asks about one recommendation: the passages answer
        parts = question_parts(question)
        if len(parts) > 1 and all(any(asked_fields(p)) for p in parts[1:]):
            question = parts[0]  # "What does X recommend, and who is meant to do each thing?": each line gives its owner
        asks = _ASKS_FOR_RECS.search(question) or _ALL.search(question) or (documents and _NAMES_RECS.search(question))
        if not asks or len(question_parts(question)) > 1 or _STATED_THEN_ASKED.search(question):
            return None  # ("The 2022 survey made a recommendation on reminders. How does it compare with ...?": the passages)
        self._fill()
        entries = find_entries(self.register, self.store, is_ready=self.is_ready)
        if not entries:
            return None
        # each cites the named documents only, in their own words: a 2025 edition restating its 2022 edition's
        # recommendation with a new date is listed with its own date, not the earlier edition's
        named = [entry_of(kept) for e in entries if (kept := [s for s in e.sources if s.doc_id in documents])]
        if documents and not named:
            return None  # the register holds none of the named documents' recommendations: the passages may
        entries = named or entries
        # a theme word that is the named document's own title word ("the Insight on opening up public
        # procurement to SMEs") names the document, not a theme: its five recommendations, not the four on procurement
        # a quoted item ("... to deal with “Running out of mobile data before the end of the month”?") names
        # no theme, owner or timescale of its own: "before the end of the month" is not a due date asked for
        unquoted = re.sub(r"“[^”]*”|\"[^\"]*\"", " ", question)
        theme = self._theme(without_title_words(unquoted, [s.doc_title or "" for e in named for s in e.sources]))
        owner = self._owner(unquoted, entries)
        when = self._timescale(unquoted)
        if not (named or theme or owner or when or _ALL.search(question)):
            return None
        chosen = [e for e in entries if RegisterFilters(theme=theme, owner=owner).matches(e)]
        topic = None
        if named and not theme:  # "What does the coroners Insight recommend about post-mortem reports?": the ones on that
            before = len(chosen)
            chosen = on_topic(question, chosen, [s.doc_title or "" for e in named for s in e.sources])
            topic = _TOPIC.search(question).group("topic").strip() if len(chosen) < before else None
        if when:
            chosen = [e for e in chosen if any(when in (s.timescale or "").lower() for s in e.sources)]
        title = named[0].sources[0].doc_title if named and len({s.doc_id for e in named for s in e.sources}) == 1 else None
        chosen = [edition for e in chosen for edition in by_edition(e)]
        return self._format(question, chosen, theme or topic, owner, self._timescale_phrase(question) if when else None, title)

    def records_of(self, doc_ids) -> list:
        """The register's records of these documents (``RecommendationRegister.records_of``), the register
        filled first if it is not yet. Why: after an upgrade empties it, "Who owns the recommendation
        to ...?" lost the owner until some register question happened to fill it."""
        self._fill()
        return self.register.records_of(doc_ids)

    def _fill(self) -> None:
        if not self._filled:
            add_missing(self.register, self.store, self.store.ready_ids())
            self._filled = True

    # ------------------------------------------------------------ what the question names
    def _theme(self, question: str) -> str | None:
        """The one theme the question names (by its name or a word of it); None when none or several."""
        q = question.lower()
        named = [name for name in self.themes if name in q]
        if not named:
            words = set(re.findall(r"[a-z]+", q))
            named = [name for name in self.themes if words & (set(name.split()) - {"and", "data"})]
        return named[0] if len(named) == 1 else None

    @staticmethod
    def _owner(question: str, entries: list[Entry]) -> str | None:
        owners = " ".join(s.owner or "" for e in entries for s in e.sources).lower()
        for match in _OWNER.finditer(question):
            if _DOES_RECOMMEND.match(question[match.end():]):
                continue  # "What does the Welsh outpatients briefing recommend ...?": who recommends, not who is to act
            who = match.group("who").strip()
            words = who.split()
            while words:  # the longest leading part that some owner in the register contains
                candidate = " ".join(words)
                if candidate.lower() not in {"psb", "the psb", "report", "the report"} and re.search(rf"\b{re.escape(candidate.lower())}\b", owners):
                    return candidate
                words.pop()
        return None

    @staticmethod
    def _timescale(question: str) -> str | None:
        match = _TIMESCALE.search(question)
        if not match:
            return None
        phrase = match.group("when").lower()
        key = re.search(r"\d{4}|(?:[\w-]+\s+)?(?:months?|years?|weeks?)", phrase)
        return key.group(0).removeprefix("the ").strip() if key else None

    @staticmethod
    def _timescale_phrase(question: str) -> str:
        match = _TIMESCALE.search(question)
        return match.group("when").lower() if match else ""

    # ------------------------------------------------------------ the answer
    @staticmethod
    def _format(question: str, entries: list[Entry], theme: str | None, owner: str | None, when: str | None,
                title: str | None = None) -> Answer:
        """The count line cites every source it counts, so no line of the answer stands uncited."""
        scope = " ".join(x for x in (f"on {theme}" if theme else "", f"for {owner}" if owner else "",
                                     f"due {when}" if when else "") if x)
        where = f"“{title}” makes" if title else "The documents make"
        base = dict(question=question, standalone_question=question, backend="register")
        if not entries:
            return Answer(answer=f"The recommendations register has no recommendation {scope}.".replace("  ", " "), refused=True, **base)
        count = len(entries)
        citations: list[Citation] = []
        lines: list[str] = []
        first = entries[0].sources[0] if title and entries[0].sources else None
        if first is not None:  # the count line names the document: it cites the document by its title
            citations.append(Citation(n=1, doc_id=first.doc_id, title=first.doc_title, source=first.source, quote=title))
        several = len({e.sources[0].doc_id for e in entries if e.sources}) > 1
        refs = Counter(e.ref for e in entries if e.ref)
        for e in _in_reference_order(entries):
            numbers = []
            for s in e.sources:
                citations.append(Citation(n=len(citations) + 1, doc_id=s.doc_id, title=s.doc_title, source=s.source, page=s.page,
                                          section=s.section or None, quote=_quote(s)))
                numbers.append(str(len(citations)))
            label = (f"({e.ref}) " if e.ref.isdigit() else f"{e.ref} ") if e.ref else ""  # "- 1 Fund ..." read as a stray figure
            text = _what(e)
            # whose, when the list mixes documents: a bare number ("(2)") does not say which report's second
            origin = (f"from {e.sources[0].doc_title}" if several and (not e.ref or is_counted_ref(e.ref) or refs[e.ref] > 1)
                      and e.sources else "")  # ("Recommendation 1" of two editions: whose)
            stated = text.lower()  # a field the item's own text already gives ("... (owner: the Environment Agency)") is not said twice
            detail = "; ".join(x for x in (origin, f"owner: {e.owner}" if e.owner and e.owner.lower() not in stated else "",
                                           f"when: {e.timescale}" if e.timescale and e.timescale.lower() not in stated else "") if x)
            if detail:  # "... no IT support (owner: NHS England) [2]": one sentence with its citation, not a full stop before them
                text = text.rstrip().rstrip(".")
            lines.append(f"- {label}{text}{' (' + detail + ')' if detail else ''} [{', '.join(numbers)}]")
        every = "1" if first is not None else ", ".join(str(c.n) for c in citations)
        lead = f"{where} {count} recommendation{'s' if count != 1 else ''}{' ' + scope if scope else ''} [{every}]:"
        return Answer(answer="\n".join([lead, *lines]), citations=citations, **base)


# a sentence that states something, then the question about it: "The 2022 survey made a recommendation on X. How does it ...?"
_STATED_THEN_ASKED = re.compile(r"[a-z]{2}\.\s+(?:How|What|Which|Who|When|Where|Why|Does|Did|Do|Is|Are|Was|Were|Has|Have|Can)\b")


def by_edition(entry: Entry) -> list[Entry]:
    """The entry as each document states it, when documents of different years state it differently ("... by March
    2025" in the 2022 review, "... by the end of 2027" in the 2025 one); else the entry itself.

    Why: "What did each edition recommend about mobile data terminals?" got one merged line with the 2022 date and
    both citations: the later edition's own date was lost, and the answer did not say which year said what."""
    by_document: dict[str, list] = {}
    for s in entry.sources:
        by_document.setdefault(s.doc_id, []).append(s)
    years = {(s.published or "")[:4] for s in entry.sources}
    wordings = {" ".join(first_sentence(s.text).lower().split()) for s in entry.sources}
    if len(by_document) < 2 or len(years) < 2 or len(wordings) < 2:
        return [entry]
    return [entry_of(sources) for sources in by_document.values()]


def _in_reference_order(entries: list[Entry]) -> list[Entry]:
    """Lettered references first in their numbers' order (R1 before R2 before R10); then bare
    numbers ("1.", "2.": each report counts from one) one document at a time; the others after
    them as the register has them. Why: "What does the PSB recommend?" listed R5 and R6 first
    because the register keeps entries by theme, and then interleaved three reports' "1."s."""
    documents = list(dict.fromkeys(e.sources[0].doc_id if e.sources else "" for e in entries))
    def key(e: Entry) -> tuple[int, int, str, int]:
        # "Recommendation 2" is the document's own count, as a bare "2." is: not a lettered reference like "R2"
        ref = re.sub(r"^(?:recommendations?|rec\.?|actions?|proposals?)\s+", "", (e.ref or "").strip(), flags=re.I)
        m = re.fullmatch(r"([A-Za-z]*)\s*(\d+)", ref)
        if not m:
            return (2, 0, "", 0)
        if m.group(1):
            return (0, 0, m.group(1).upper(), int(m.group(2)))
        return (1, documents.index(e.sources[0].doc_id if e.sources else ""), "", int(m.group(2)))
    return sorted(entries, key=key)  # stable: the unnumbered keep the register's order


def _quote(record) -> str:
    """What the source says of the recommendation: its text, and its owner and timescale where the
    document gives them as fields of their own ("Owner: Cabinet Office" under the heading), which
    the register keeps apart from the text; the answer's line states them, so its quote must too."""
    parts = [record.text[:400]]
    for label, value in (("Owner", record.owner), ("Timescale", record.timescale)):
        if value and value.lower() not in record.text.lower():
            parts.append(f"{label}: {value}")
    return " … ".join(parts)


_TOPIC = re.compile(r"\brecommend\w*\b.*?\b(?:about|on|regarding|concerning|for|to (?:deal with|tackle|address|fix|solve|reduce|stop))\s+(?P<topic>[^?]{3,80})", re.I)


def on_topic(question: str, entries: list[Entry], titles: Sequence[str]) -> list[Entry]:
    """The entries about the topic the question names after "recommend ... about/on" (not a theme:
    "post-mortem reports"): those sharing the most of its words (two at least, or its one word);
    all of them when none does or every one does.

    Why: "What does the coroners Insight recommend about post-mortem reports?" listed all five of
    its recommendations, so "Who owns that one?" had no one recommendation to point back to.
    """
    m = _TOPIC.search(question)
    words = set(analyse(without_title_words(m.group("topic"), titles))) if m else set()
    if not words:
        return entries
    shared = [len(words & set(analyse(f"{e.title or ''} {e.text}"))) for e in entries]
    best = max(shared, default=0)
    if best < min(2, len(words)):
        return entries
    kept = [e for e, n in zip(entries, shared) if n == best]
    return kept if len(kept) < len(entries) else entries


def without_title_words(question: str, titles: Sequence[str]) -> str:
    """The question without the words of the titles it names, for reading a theme from what is left; compared stemmed,
    so "the edtech procurement insight" names "Buying Better EdTech: How Multi-Academy Trusts Procure Digital Tools"."""
    stems = {s for t in titles for s in analyse(t)}
    return " ".join(w for w in re.findall(r"[\w’']+", question) if not (set(analyse(w)) & stems))


# a title that is only an item's code: "Proposal A", "Recommendation 3", "R2"
_ONLY_CODE = re.compile(r"(?:(?:proposal|recommendation|action|priority|measure|step|option)\s+(?:[A-Z]|\d{1,2})|[A-Z]{1,3}\d{1,2}[a-z]?)", re.I)


# the owner or timescale written first, as a sentence of its own, before what is recommended
_FIELDS_FIRST = re.compile(r"^(?:\W*(?:lead\s+owner|suggested\s+owner|owner|owned\s+by|lead|responsible|accountable|timescale|"
                           r"timing|deadline|due)\s*:\s*[^.\n]{1,100}\.\s+)+(?=[A-Z])", re.I)


def _what(entry: Entry) -> str:
    """A recommendation as listed: its title, then its first whole sentence when that says more
    ("Shorter bids: Cap tender documents at 20 pages ..."): a title alone left out the figures
    and names a reader asked for."""
    text, title = entry.text or "", entry.title
    text = _FIELDS_FIRST.sub("", text)  # "Owner: museum directors. Every museum should ...": the item is what follows
    code = re.match(rf"^\W*({_ONLY_CODE.pattern})\s*[.:–-]\s+", text, re.I)
    coded = bool(code) and (not title or title.lower() == code.group(1).lower())
    if coded:  # "Proposal A. The Council should ...": a code, then the item
        text, title = text[code.end():], code.group(1)
    sentence = (first_sentence(text) if text else "").split("\n")[0].strip()  # one line: a list under it stays out
    if not title:
        return sentence
    if coded:
        return f"{title}: {sentence.rstrip('.')}"
    if sentence.endswith(":"):  # a lead-in to a list says nothing on its own
        return title
    if not sentence or sentence.lower().rstrip(".") in title.lower() or title.lower() in sentence.lower()[: len(title) + 20]:
        return title
    return f"{title}: {sentence.rstrip('.')}"
