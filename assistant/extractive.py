"""The default answerer: no LLM, only sentences (and table rows, and list items) from the passages.

The answer is Markdown a civil servant can paste into a briefing:

* **the direct answer first**: the best-scoring sentence or table row, and for "how many / what
  share" questions the best one that holds a figure;
* **then a few supporting bullets**, each with its [n], never repeating a figure or a sentence
  already given;
* **list questions** ("What are the five tests ...?") get the whole list the documents wrote,
  one bullet per item (``assistant.list_answers``), introduced by its lead-in sentence;
* when the lines quoted come from documents of different years, each line says its year.

Candidates never include a question sentence, a bare heading, a line ending in ":" or a
fragment without a full stop (table rows and list items excepted: ``assistant.answer_lines``).
Scoring is meaning (cosine with the question, from the same embedding model), shared stemmed words
and the passage's rank (``assistant.line_scoring``).

This module runs the stages; each lives in its own module: what the question asks for
(``question_shapes``, ``question_focus``), the lines of the years asked about (``year_lines``),
scoring (``line_scoring``), the lead and its support (``line_choice``, over ``line_facts``), a
line that points back (``antecedents``), whole lists (``list_answers``), publication dates
(``publication_dates``) and the Markdown written (``markdown_answer``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np

from assistant.answer import Citation
from assistant.answer_lines import Candidate, in_section, is_usable, line_sentences
from assistant.antecedents import _with_antecedent
from assistant.current_edition import asks_current, newest_lines
from assistant.authorship import asks_author, in_documents, is_author_line, points_back
from assistant.line_choice import LineChooser
from assistant.line_facts import _YEAR, _has_figure
from assistant.line_scoring import scored_lines
from assistant.sequels import counted_after, list_after, with_change, with_detail, with_sequel
from assistant.table_extremes import extreme_rows
from assistant.table_matches import rows_marked_yes
from assistant.list_answers import _extreme_item, extreme_row_first, list_answer
from assistant.lists import echoed_list_sections, reasons_run, role_section_run, role_sections
from assistant.markdown_answer import compose
from assistant.notices import is_byline, notice_answers
from assistant.publication_dates import _dated_quote, byline_dates
from assistant.question_focus import counted_stems, participation_stems, topic_focus
from assistant.question_shapes import _FIGURE_QUESTION, ASKS_NUMBER, WHY_QUESTION, since_years, asks_breakdown, asks_publication_date, is_list_question
from assistant.questions import REFERENCE, own_question, question_parts
from assistant.recommendation_fields import with_fields
from assistant.retrieval import Passage
from assistant.word_overlap import WordOverlap
from assistant.year_lines import _of_years, _spans_years, asks_share, one_per_year
from assistant.year_phrases import edition_by_order, series_years
from indexing.embeddings import Embedder


# "By Priya Desai, Programme Manager ... 14 March 2023": a byline that names a person and a date
# an open question ("What stops ...?", "Why do ...?"), which a list or a reason answers; not who/when/how many
_OPEN_QUESTION = re.compile(r"^\W*(?:[^,?]{3,80},\s*)?(?:and\s+)?(?:what|why|how come|which|in what ways?|how (?:do|does|did|can|could|should))\b", re.I)
_FINDINGS = re.compile(r"\b(?:found|finds|findings|showed|shows|revealed)\b[^.]*:\s*$", re.I)
# "How did X in 2023-24 compare with the end of the 2022 pilot?": each year's figure
_COMPARES = re.compile(r"\b(?:compare[sd]?|comparison|versus|vs|against|differ\w*|change[sd]?|improved?|worse|better|higher|lower|come down|gone up|"
                       r"risen|fallen|grown|dropped|increased|decreased|moved|shifted|evolved|gone down|rose|fell|grew|grow|rise|climbed|slipped)\b"
                       r"|\b(?:more|fewer|less)\b[^?]{0,80}?\bthan\b", re.I)  # "Did more staff get training in 2025 than in 2022?"
_MEASURE = re.compile(r"\b(?:proportion|share|percentage|number|rate|average|total|wait|time|cost|spend)\b", re.I)
_PERSON_AND_DATE = re.compile(r"^\W*by\s+[A-Z][a-z]+(?:\s+[A-Z][\w'’-]+)+.*\b(?:19|20)\d\d\b", re.I)


_SUPERLATIVE_WORD = re.compile(r"\b[a-z]{2,}est\b", re.I)
_NOT_SUPERLATIVE = frozenset("interest request latest harvest forest guest contest protest suggest digest manifest invest "
                             "arrest honest modest test west rest nest pest best".split())  # ("best" and "latest" say too little)


def _says_superlative(question: str, line: str) -> bool:
    """Does the answering line say the superlative the question asks for ("Skye and Lochalsh has made the slowest
    progress" for "Which area has made the slowest progress?")? Then it answers on its own, and the table after it
    in its paragraph is not the answer (it had been listed whole, every area's row, the one asked for third)."""
    asked = {w.lower() for w in _SUPERLATIVE_WORD.findall(question)} - _NOT_SUPERLATIVE
    return any(re.search(rf"\b{w}\b", line, re.I) for w in asked)


class ExtractiveAnswerer:
    def __init__(self, embedder: Embedder, max_sentences: int = 2, max_list_items: int = 12, min_relative: float = 0.8,
                 year_relative: float = 0.7, span_relative: float = 0.7, topic_relative: float = 0.6,
                 word_vectors=None, recommendations=None, named_year_relative: float = 0.5) -> None:
        """``min_relative``: support lines score at least this share of the best line's score;
        ``year_relative``: the same for another year's line of a measure asked without a year;
        ``named_year_relative``: the same for the figure line of a year the question compares by name ("How did
        the wait in 2023-24 compare with the end of the 2022 pilot?"): asked for, it may share fewer words;
        ``span_relative``: the same for the line stating a length of time that "how long" asks for;
        ``topic_relative``: the same for a line about X of "What did the survey find about X?", whose
        frame words ("2017 survey", "find") lift every method line and no line about X;
        ``word_vectors``: where the shared-words signal gets word vectors (``WordOverlap``);
        ``recommendations(doc_ids)``: the register's records of those documents, whose owner and
        timescale an answer states when asked (``assistant.recommendation_fields``)."""
        if not 1 <= max_sentences <= max_list_items:
            raise ValueError("need 1 <= max_sentences <= max_list_items")
        self.embedder = embedder
        self.overlap = WordOverlap(embedder, vectors=word_vectors)  # shared words, a near-synonym counting too
        self.year_relative = year_relative
        self.named_year_relative = named_year_relative
        self.max_sentences = max_sentences
        self.max_list_items = max_list_items
        self.chooser = LineChooser(self.overlap, min_relative, span_relative, topic_relative, max_list_items)  # which lines, which leads
        self.recommendations = recommendations

    def answer(self, question: str, passages: list[Passage], paraphrased: bool = False,
               sections: frozenset[str] = frozenset()) -> tuple[str, list[Citation]]:
        """Markdown answer and its citations; a two-part question gets the best for each part.

        ``paraphrased``: the question holds words that no indexed chunk holds (the caller knows the
        index); lines are then scored mostly by meaning (``line_scoring._PARAPHRASE_WEIGHTS``).
        ``sections``: heading paths of sections the caller found the question asks for in other words
        (``assistant.meant_sections``): their list answers it, as an echoed heading's does.
        """
        extreme = extreme_rows(question, passages)  # "Which landlord had the best fix rate?": computed over the whole table
        if extreme:
            return compose(extreme[:1], extreme[1:], passages)
        marked = rows_marked_yes(question, passages)  # "Which councils inspect on tablets?": every row marked "Yes"
        if marked:
            return compose(marked[:1], marked[1:], passages)
        asked = own_question(question)  # what the turn asks for; the question it follows only adds words to match
        parts = question_parts(asked)
        candidates = self._candidates(passages, dates=any(asks_publication_date(p) for p in parts), question=question)
        if not candidates:
            return "", []
        vectors = np.asarray(self.embedder.embed([self._context(c, passages) for c in candidates]))
        if len(parts) == 1:
            since = since_years(question)  # "fallen since 2020?": 2020 and after
            named_years = set(_YEAR.findall(question)) - since
            editions = [(p.title, (p.published or "")[:4]) for p in passages]
            ordered = None if named_years else edition_by_order(asked, editions)
            if ordered:  # "How many filled in the first claimant poll?": the earliest edition found, by year; "Are fewer
                # ringing than at the time of the first survey?": that edition and the latest
                named_years = {ordered, series_years(asked, editions)[-1]} if _COMPARES.search(asked) else {ordered}
            if since and named_years and _COMPARES.search(asked):  # "How much has that changed since the 2022 review?" of
                named_years |= since  # a 2025 share: each year's line, not only the year the question it follows named
            candidates, vectors = _of_years(sorted(named_years), candidates, vectors, passages, question)
            if not named_years and asks_current(asked):  # "Who currently leads it?": the newest edition's lines
                candidates, vectors = newest_lines(candidates, vectors, passages)
            if asks_breakdown(question):  # a table's rows, one per group, when a table gives the breakdown; else the
                # sentence comparing the groups, not any list
                listed = list_answer(self.embedder, self.overlap, self.max_list_items, question, passages, rows_only=True)
            else:
                # "What still needs fixing?": that section's list; a turn asking about a topic of its own ("What did the blog say
                # about damp and mould?") echoes a heading in its own words, not the words of the question it follows
                echoed = echoed_list_sections(asked if asked != question and topic_focus(asked) else question, passages) | sections
                if echoed and not is_list_question(question) and any(_says_superlative(question, c.text) for c in candidates):
                    echoed = set()  # "Which area has made the slowest progress?" under "Progress by area": the line saying which
                # (a turn asking about a topic of its own is no list question for the list question it follows: "What did it
                # find about protecting pupil data? (follow-up to: What were the main findings ...?)" is not the findings)
                own_topic = asked != question and bool(topic_focus(asked)) and not is_list_question(asked)
                listed = (list_answer(self.embedder, self.overlap, self.max_list_items, question, passages, sections=echoed)
                          if is_list_question(question) and not own_topic or echoed else None)
            if listed is not None:
                return compose(*_extreme_item(question, *listed), passages)
            reasons = reasons_run(passages, sorted(named_years)) if WHY_QUESTION.match(asked) else None
            if reasons is not None:  # "In 2023, why did people not use RegOnline?": "... gave three main reasons:" and the three
                return compose([Candidate(reasons.lead[0], reasons.lead[1])], [Candidate(t, i) for t, i in reasons.items], passages)
            run = role_section_run(question, passages)  # "What held the pilot back?": "Barriers" > one subsection each
            if run is not None:
                intro = [c for c in candidates if (passages[c.passage].section or "") == run.key][:1]
                items = [Candidate(text, i) for text, i in run.items[:self.max_list_items]]
                return compose(intro or items[:1], items if intro else items[1:], passages)
            in_role = role_sections(question, passages)  # "What problems did the pilot run into?": "Problems found", in prose
            written = [c for c in candidates if (passages[c.passage].section or "") in in_role]
            if len(written) >= 2:
                return compose(written[:1], written[1:self.max_list_items], passages)
            scored = scored_lines(self.embedder, self.overlap, question, candidates, vectors, paraphrased, [p.title for p in passages], passages)
            chosen = self.chooser.choose(asked, scored, self.max_sentences, passages)
            compared_since = bool(since) and bool(_COMPARES.search(asked))
            changed = compared_since and bool(_MEASURE.search(asked))  # "Has the proportion ... improved since 2021?"
            if not named_years and (_FIGURE_QUESTION.search(asked) or changed or _spans_years(chosen, passages)):
                # "Has X improved since 2021?" names the year it compares with: its line is asked for, as a named year's is
                relative = self.named_year_relative if compared_since else self.year_relative
                chosen = one_per_year(chosen, scored, passages, relative, counted_stems(asked) or participation_stems(asked), bool(_FIGURE_QUESTION.search(asked) or changed),
                                      share=asks_share(asked), question=asked)
            elif len(named_years) > 1 and chosen and (_FIGURE_QUESTION.search(asked) or _COMPARES.search(asked)):
                # "How many X in 2015 compared with 2019?": the figure line of each year named, not the
                # lead's year and then whatever line scores next
                chosen = one_per_year(chosen[:1], scored, passages, self.named_year_relative, counted_stems(asked) or participation_stems(asked), figure=True,
                                      share=asks_share(asked), question=asked)
            direct, support = _with_antecedent(extreme_row_first(question, chosen, candidates, passages), candidates, passages)
            if direct:  # "Data standard: completed." and the sentence saying what became of it
                direct = [*direct[:-1], *with_detail(direct[-1], passages)]
                support = [c for c in support if all(c.text != d.text for d in direct)]
            if direct and _WHICH_RECOMMENDATION.search(question) and not REFERENCE.search(direct[0].text):
                code = item_heading(direct[0].text, passages[direct[0].passage].text)
                direct = [replace(direct[0], label=code), *direct[1:]] if code else direct
            if direct and _FIGURE_QUESTION.search(asked) and _has_figure(direct[-1].text):  # "... 38% ... By the end that had fallen to 17%."
                direct = [*direct[:-1], *with_change(direct[-1], passages)]
                support = [c for c in support if all(c.text != d.text for d in direct)]
            if direct and _OPEN_QUESTION.match(question) and not ASKS_NUMBER.search(question):
                for line in [*direct, *support]:  # "... what stopped them. Five barriers stood out:" and the five
                    listed = list_after(line, passages, self.max_list_items) or counted_after(line, passages, self.max_list_items)
                    # "What did the survey find?": a list the document gives as findings ("... found that:"), not
                    # any list after the answering line ("Three themes dominated:" under a headline figure)
                    if listed is not None and (not _FIGURE_QUESTION.search(question) or _FINDINGS.search(listed[0][0].text)):
                        return compose(*listed, passages)
                direct = [*direct[:-1], *with_sequel(direct[-1], passages)]  # "... The three reasons they gave were ..."
            return compose(with_fields(question, direct, passages, self.recommendations), support, passages)
        chosen: list[Candidate] = []
        firsts: list[tuple[int, str]] = []  # each part's answering line: together, the direct answer
        for part in parts:
            mine, mine_vectors = _of_years(_YEAR.findall(part), candidates, vectors, passages, part)
            if asks_current(part):
                mine, mine_vectors = newest_lines(mine, mine_vectors, passages)
            same = in_documents(mine, passages, {passages[chosen[0].passage].doc_id}) if chosen and points_back(part) else []
            if same:  # "..., and when was it published?": "it" is what the first part asked about
                mine, mine_vectors = [mine[k] for k in same], mine_vectors[same]
            scored = scored_lines(self.embedder, self.overlap, part, mine, mine_vectors, paraphrased, [p.title for p in passages], passages)
            for k, c in enumerate(self.chooser.choose(part, scored, self.max_sentences, passages)):
                if all(c.text != other.text for other in chosen):
                    chosen.append(c)
                    firsts += [(c.passage, c.text)] if k == 0 else []
        chosen = with_fields(question, chosen, passages, self.recommendations)  # (a line it rewrites ends as it did)
        direct = [c for c in chosen if any(c.passage == i and c.text.endswith(t) for i, t in firsts)] or chosen[:1]
        return compose(direct, [c for c in chosen if c not in direct], passages)

    def best_line_similarity(self, question: str, passages: list[Passage], keep: Callable[[str], bool] | None = None) -> list[float]:
        """Per passage, the cosine of its line closest in meaning to the question (0.0 without usable lines);
        ``keep``: only the lines it accepts count.

        The lines are embedded as ``answer_texts`` gives them, so the vectors come from the cache
        the indexer filled.
        """
        return self.best_line_similarities(question, passages, (keep,))[0]

    def best_line_similarities(self, question: str, passages: list[Passage],
                               keeps: Sequence[Callable[[str], bool] | None]) -> list[list[float]]:
        """``best_line_similarity`` for each filter of ``keeps`` (None: every line), the lines read and looked up once."""
        cands = self._candidates(passages, question=question)  # (not a disclaimer or byline it does not ask about)
        sims = (np.asarray(self.embedder.embed([self._context(c, passages) for c in cands]))
                @ np.asarray(self.embedder.embed_query(question))) if cands else []
        out = []
        for keep in keeps:
            best = [0.0] * len(passages)
            for c, sim in zip(cands, sims):
                if keep is None or keep(c.text):
                    best[c.passage] = max(best[c.passage], float(sim))
            out.append(best)
        return out

    def closest(self, question: str, passages: list[Passage]) -> tuple[str, list[Citation]]:
        """The single best sentence, for a refusal's "closest evidence" line."""
        candidates = self._candidates(passages, question=question) or self._candidates(passages)
        if not candidates:
            return "", []
        vectors = np.asarray(self.embedder.embed([self._context(c, passages) for c in candidates]))
        best = max(scored_lines(self.embedder, self.overlap, question, candidates, vectors), key=lambda c: c.score)
        return compose([best], [], passages)

    # ------------------------------------------------------------ candidates
    def _candidates(self, passages: list[Passage], dates: bool = False, question: str = "") -> list[Candidate]:
        """Usable sentences; with ``dates``, also the dated field of a byline ("Published 13 November 2017").

        With ``question``, not a byline or disclaimer the question does not ask about (``assistant.notices``). Never
        the document's title: it says what the document is about, not what it finds ("PSB Review of Digital Evidence
        Sharing 2024" made a review of police evidence seem about "the 2024 fire and rescue survey")."""
        out: list[Candidate] = []
        for i, p in enumerate(passages):
            for sentence in line_sentences(p.text):
                if question and not notice_answers(sentence, question) or _titles(sentence, p.title):
                    continue
                if is_usable(sentence) or (question and (is_byline(sentence) and _PERSON_AND_DATE.search(sentence)
                                                         or asks_author(question) and is_author_line(sentence))):
                    out.append(Candidate(sentence, i))  # a byline naming its author (and date), for "Who wrote ...?"
                elif sentence.endswith(":") and _NAMES_LEADER.search(sentence) and is_usable(sentence[:-1] + "."):
                    # "The Board, chaired by Gareth Llewellyn, has agreed to consider these priorities:": a lead-in
                    # that says who chairs or leads something states that fact on its own
                    out.append(Candidate(sentence[:-1] + ".", i, source_line=sentence))
                elif dates:
                    out += [Candidate(field, i, label=p.title, source_line=_dated_quote(p, sentence, field)) for field in byline_dates(sentence)]
        return out

    @staticmethod
    def _context(c: Candidate, passages: list[Passage]) -> str:
        return in_section(c.text, passages[c.passage].section)


def _titles(sentence: str, title: str) -> bool:
    """Is the line the document's title, or its first part set on a line of its own? ("Applying Online for a School
    Place: Review of the 2024 Secondary" of a title wrapped over two lines): a title answers nothing."""
    words, titled = re.findall(r"\w+", sentence.lower()), re.findall(r"\w+", title.lower())
    if len(words) >= 3 and words == titled[: len(words)]:
        return True
    # the whole title, then a subtitle on the same line ("CONNECTED NEIGHBOURHOODS: YEAR TWO NOTE (2024) Greater Manchester
    # digital inclusion programme"): no sentence, a heading
    return len(titled) >= 3 and words[: len(titled)] == titled and len(words) - len(titled) <= 10 and not sentence.rstrip().endswith(".")


_NAMES_LEADER = re.compile(r"\b(?:chaired|led|headed|run|managed|overseen|sponsored)\s+by\s+(?:[A-Z][a-z]+\s+)?[A-Z][a-z'’-]+\s+[A-Z][a-z'’-]+")
_WHICH_RECOMMENDATION = re.compile(r"\b(?:which|what)\s+(?:[\w'’-]+\s+){0,3}?recommendations?\b", re.I)
_ITEM_OPENING = re.compile(r"^\W*(?P<code>[A-Z]{1,4}\d{1,3}[a-z]?)\s*[-–:.]\s*(?P<title>[^.\n]{3,90}?)\.(?:\s|$)")


def item_heading(line: str, text: str) -> str | None:
    """ "R8 - Design transactions end to end" when ``line`` is in the paragraph that item opens in ``text``; else None.

    Why: "Which Smarter Services recommendation wanted every high-volume transaction fully online by 2020?"
    was answered with the recommendation's sentence but not its number, which is what the question asks.
    """
    for paragraph in re.split(r"\n\s*\n", text):
        if line.rstrip(".") in " ".join(paragraph.split()):
            m = _ITEM_OPENING.match(paragraph.strip())
            return f"{m.group('code')} - {m.group('title').strip()}" if m else None
    return None
