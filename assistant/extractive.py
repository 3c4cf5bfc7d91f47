"""The default answerer: no LLM, only sentences (and table rows, and list items) from the passages.

The answer is Markdown a civil servant can paste into a briefing:

* **the direct answer first**: the best-scoring sentence or table row, and for "how many / what
  share" questions the best one that holds a figure;
* **then a few supporting bullets**, each with its [n], never repeating a figure or a sentence
  already given;
* **list questions** ("What are the five tests ...?") get the whole list the documents wrote,
  one bullet per item (``assistant.lists``), introduced by its lead-in sentence;
* when the lines quoted come from documents of different years, each line says its year.

Candidates never include a question sentence, a bare heading, a line ending in ":" or a
fragment without a full stop (table rows and list items excepted). Scoring is meaning (cosine
with the question, from the same embedding model), shared stemmed words and the passage's rank.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from assistant.acronyms import is_acronym, spelled_out
from assistant.answer import Citation
from assistant.answer_lines import _TABLE_ROW, Candidate, in_section, is_usable, line_sentences
from assistant.authorship import asks_author, author_lines, in_documents, is_author_line, points_back
from assistant.list_documents import own_title_shares
from assistant.notices import is_byline, notice_answers
from assistant.list_answers import _extreme_item, list_answer
from assistant.line_facts import (_CODE, _DATE_IN_LINE, _DURATION, _NUMBERS, _OBSTACLE, _PROPOSING, _YEAR, _counts, _has_figure,
                                  _names_someone, _repeats)
from assistant.markdown_answer import compose
from assistant.lists import echoes_list_heading
from assistant.publication_dates import _MONTH_YEAR, _PUBLISHED_LINE, _dated_quote, byline_dates
from assistant.question_focus import _does_action, agent_focus, choice_focus, counted_action, counted_stems, existence_focus, topic_focus
from assistant.question_shapes import (_DURATION_QUESTION, _FIGURE_QUESTION, _OBSTACLE_QUESTION, _PLURAL_PUBLISHED, _PROPOSAL_QUESTION,
                                      _WHEN_QUESTION, _WHICH_BODY, _WHO_QUESTION, _YES_NO, _breakdown_groups, asks_breakdown,
                                      asks_publication_date, is_list_question)
from assistant.qualifiers import listed_item, qualifier_met, qualifiers
from assistant.questions import question_parts
from assistant.recommendation_fields import asked_fields, states_deadline, with_fields
from assistant.share_questions import share_lines
from assistant.retrieval import Passage
from assistant.antecedents import _carried_scores, _with_antecedent
from assistant.year_lines import _of_years, _spans_years, one_per_year
from assistant.word_overlap import WordOverlap, root, roots
from indexing.embeddings import Embedder
from indexing.keyword import analyse


# "By Priya Desai, Programme Manager ... 14 March 2023": a byline that names a person and a date
_PERSON_AND_DATE = re.compile(r"^\W*by\s+[A-Z][a-z]+(?:\s+[A-Z][\w'’-]+)+.*\b(?:19|20)\d\d\b", re.I)


# Sentence score = meaning (cosine) + shared stemmed words + passage rank. When the question uses
# words no indexed chunk holds, the asker is not using the documents' words: the words it does
# share with a line say little (a line can share "spend ... working" and not answer), and the
# passage ranks come from a search those words misled, so meaning decides. (0.60/0.30 since a
# sentence's vector is pooled from its chunk's forward pass: sentences of one chunk share context,
# so meaning separates them less; set on the golden dev split, from 0.65/0.25.)
_WEIGHTS = (0.60, 0.30, 0.10)
_PARAPHRASE_WEIGHTS = (0.85, 0.1, 0.05)


class ExtractiveAnswerer:
    def __init__(self, embedder: Embedder, max_sentences: int = 2, max_list_items: int = 12, min_relative: float = 0.8,
                 year_relative: float = 0.7, span_relative: float = 0.7, topic_relative: float = 0.6,
                 word_vectors=None, recommendations=None) -> None:
        """``min_relative``: support lines score at least this share of the best line's score;
        ``year_relative``: the same for another year's line of a measure asked without a year;
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
        self.max_sentences = max_sentences
        self.max_list_items = max_list_items
        self.min_relative = min_relative
        self.span_relative = span_relative
        self.topic_relative = topic_relative
        self.recommendations = recommendations

    def answer(self, question: str, passages: list[Passage], paraphrased: bool = False) -> tuple[str, list[Citation]]:
        """Markdown answer and its citations; a two-part question gets the best for each part.

        ``paraphrased``: the question holds words that no indexed chunk holds (the caller knows the
        index); lines are then scored mostly by meaning (``_PARAPHRASE_WEIGHTS``).
        """
        parts = question_parts(question)
        candidates = self._candidates(passages, dates=any(asks_publication_date(p) for p in parts), question=question)
        if not candidates:
            return "", []
        vectors = np.asarray(self.embedder.embed([self._context(c, passages) for c in candidates]))
        if len(parts) == 1:
            candidates, vectors = _of_years(_YEAR.findall(question), candidates, vectors, passages, question)
            if asks_breakdown(question):  # a table's rows, one per group, when a table gives the breakdown; else the
                # sentence comparing the groups, not any list
                listed = list_answer(self.embedder, self.overlap, self.max_list_items, question, passages, rows_only=True)
            else:
                listed = (list_answer(self.embedder, self.overlap, self.max_list_items, question, passages)
                          if is_list_question(question) or echoes_list_heading(question, passages) else None)
            if listed is not None:
                return compose(*_extreme_item(question, *listed), passages)
            scored = self._scored(question, candidates, vectors, paraphrased, [p.title for p in passages], passages)
            chosen = self._choose(question, scored, self.max_sentences, passages)
            named_years = set(_YEAR.findall(question))
            if not named_years and (_FIGURE_QUESTION.search(question) or _spans_years(chosen, passages)):
                chosen = one_per_year(chosen, scored, passages, self.year_relative, counted_stems(question), bool(_FIGURE_QUESTION.search(question)))
            elif len(named_years) > 1 and chosen and _FIGURE_QUESTION.search(question):
                # "How many X in 2015 compared with 2019?": the figure line of each year named, not the
                # lead's year and then whatever line scores next
                chosen = one_per_year(chosen[:1], scored, passages, self.year_relative, counted_stems(question), figure=True)
            direct, support = _with_antecedent(chosen, candidates, passages)
            return compose(with_fields(question, direct, passages, self.recommendations), support, passages)
        chosen: list[Candidate] = []
        firsts: list[tuple[int, str]] = []  # each part's answering line: together, the direct answer
        for part in parts:
            mine, mine_vectors = _of_years(_YEAR.findall(part), candidates, vectors, passages, part)
            same = in_documents(mine, passages, {passages[chosen[0].passage].doc_id}) if chosen and points_back(part) else []
            if same:  # "..., and when was it published?": "it" is what the first part asked about
                mine, mine_vectors = [mine[k] for k in same], mine_vectors[same]
            for k, c in enumerate(self._choose(part, self._scored(part, mine, mine_vectors, paraphrased, [p.title for p in passages],
                                                                  passages),
                                               self.max_sentences, passages)):
                if all(c.text != other.text for other in chosen):
                    chosen.append(c)
                    firsts += [(c.passage, c.text)] if k == 0 else []
        chosen = with_fields(question, chosen, passages, self.recommendations)  # (a line it rewrites ends as it did)
        direct = [c for c in chosen if any(c.passage == i and c.text.endswith(t) for i, t in firsts)] or chosen[:1]
        return compose(direct, [c for c in chosen if c not in direct], passages)

    def best_line_similarity(self, question: str, passages: list[Passage]) -> list[float]:
        """Per passage, the cosine of its line closest in meaning to the question (0.0 without usable lines).

        The lines are embedded as ``answer_texts`` gives them, so the vectors come from the cache
        the indexer filled.
        """
        cands = self._candidates(passages)
        if not cands:
            return [0.0] * len(passages)
        q_vec = np.asarray(self.embedder.embed_query(question))
        sims = np.asarray(self.embedder.embed([self._context(c, passages) for c in cands])) @ q_vec
        best = [0.0] * len(passages)
        for c, sim in zip(cands, sims):
            best[c.passage] = max(best[c.passage], float(sim))
        return best

    def closest(self, question: str, passages: list[Passage]) -> tuple[str, list[Citation]]:
        """The single best sentence, for a refusal's "closest evidence" line."""
        candidates = self._candidates(passages, question=question) or self._candidates(passages)
        if not candidates:
            return "", []
        vectors = np.asarray(self.embedder.embed([self._context(c, passages) for c in candidates]))
        best = max(self._scored(question, candidates, vectors), key=lambda c: c.score)
        return compose([best], [], passages)

    # ------------------------------------------------------------ candidates and scores
    def _candidates(self, passages: list[Passage], dates: bool = False, question: str = "") -> list[Candidate]:
        """Usable sentences; with ``dates``, also the dated field of a byline ("Published 13 November 2017").

        With ``question``, not a byline or disclaimer the question does not ask about (``assistant.notices``)."""
        out: list[Candidate] = []
        for i, p in enumerate(passages):
            for sentence in line_sentences(p.text):
                if question and not notice_answers(sentence, question):
                    continue
                if is_usable(sentence) or (question and (is_byline(sentence) and _PERSON_AND_DATE.search(sentence)
                                                         or asks_author(question) and is_author_line(sentence))):
                    out.append(Candidate(sentence, i))  # a byline naming its author (and date), for "Who wrote ...?"
                elif dates:
                    out += [Candidate(field, i, label=p.title, source_line=_dated_quote(p, sentence, field)) for field in byline_dates(sentence)]
        return out

    @staticmethod
    def _context(c: Candidate, passages: list[Passage]) -> str:
        return in_section(c.text, passages[c.passage].section)

    def _scored(self, question: str, candidates: list[Candidate], vectors: np.ndarray, paraphrased: bool = False,
                titles: Sequence[str] = (), passages: Sequence[Passage] = ()) -> list[Candidate]:
        """Meaning (cosine with the question), shared stemmed words, and the passage's rank (``_WEIGHTS``).

        ``titles`` (per passage): a word the question shares with a line only because it names the
        line's own document does not count as shared (``own_title_shares``).
        ``passages``: a line under a heading that numbers the item the question numbers
        ("Recommendation 2: Shorter bids" for "Who owns Recommendation 2 of ...?"), a line numbering
        it itself, or the item of that number in a list under a heading naming its kind ("4.
        Recommendations" > "2. Give each ..."), counts as the code a question names does. Why: the line "Owner: Crown Commercial Service" under that heading shares
        nothing with the question but "owner", and another document's table row "R7 -
        Recommendation: ...; Suggested owner: ..." shares more words and led the answer."""
        q_vec = np.asarray(self.embedder.embed_query(question))
        codes = set(_CODE.findall(question))
        numbered = qualifiers(question)
        wc, wo, wp = _PARAPHRASE_WEIGHTS if paraphrased else _WEIGHTS
        shares = self.overlap.shares(question, [c.text for c in candidates])
        if titles:
            shares = [s - own for s, own in zip(shares, own_title_shares(question, [c.text for c in candidates],
                                                                          [titles[c.passage] for c in candidates]))]
        scored = []
        for c, vec, overlap in zip(candidates, vectors, shares):
            prior = 1.0 / (1 + c.passage)
            exact = 0.1 if codes and codes <= set(_CODE.findall(c.text)) else 0.0
            exact += 0.1 if codes and c.text.split(" ", 1)[0] in codes else 0.0  # the row or item that the code heads
            exact += 0.15 if _row_label_asked(c.text, question) else 0.0
            if numbered and passages and _numbers_item(numbered, c, passages):
                exact += 0.15
            scored.append(Candidate(c.text, c.passage, wc * float(vec @ q_vec) + wo * overlap + wp * prior + exact, c.label,
                                    c.source_line))
        return scored

    def _choose(self, question: str, candidates: list[Candidate], limit: int, passages: list[Passage] | None = None) -> list[Candidate]:
        """Direct answer first (one with a figure when a figure is asked for), then distinct support."""
        ranked = sorted(candidates, key=lambda c: c.score, reverse=True)
        if asks_publication_date(question):
            dated = [c for c in ranked if _PUBLISHED_LINE.search(c.text) and _MONTH_YEAR.search(c.text)]
            several = bool(_PLURAL_PUBLISHED.search(question))  # each document's own byline date answers for it
            dated = [c for c in dated if c.score >= dated[0].score * self.min_relative or (several and c.label)] if dated else []
            if dated:  # "When was X published?": the lines that say when something was published, close to the best
                return self._dated_lines(question, dated, limit, passages)
        topic = topic_focus(question)
        on_topic = [c for c in ranked if topic and topic <= set(analyse(c.text))]
        if on_topic and on_topic[0] is not ranked[0] and on_topic[0].score >= ranked[0].score * self.topic_relative:
            ranked = on_topic  # "What did the survey find about X?": the lines about X, not about the survey
        numbered = _of_numbered_item(question, ranked, passages)
        if numbered and numbered[0].score >= ranked[0].score * self.topic_relative:
            ranked = numbered  # "Who owns Recommendation 2 of X?": the lines of Recommendation 2, not another's row
        best, lead = ranked[0].score, None
        naming = self._naming_focus(question, ranked)
        if naming:  # "Was any X offered?", "Who analysed X?": the close line that names X, or the action asked about
            lead = _to_front(ranked, naming[0])
        elif asks_breakdown(question):
            # Each group's figure is asked for: the close line giving the most figures leads (a sentence
            # comparing groups, "35 per cent ..., compared with 43 per cent of ..."), when it gives several.
            with_figures = [c for c in ranked if len(_NUMBERS.findall(c.text)) >= 3 and c.score >= best * self.span_relative]
            groups = _breakdown_groups(question)  # a line about the groups asked about, when one is close
            with_figures = [c for c in with_figures if groups and groups <= set(analyse(c.text))] or with_figures
            if with_figures:
                lead = _to_front(ranked, max(with_figures, key=lambda c: (len(_NUMBERS.findall(c.text)), c.score)))
        elif _WHEN_QUESTION.match(question) and not asks_publication_date(question):
            # "When does GDPR apply from?": the close line holding a date leads (few lines hold one)
            dated = [c for c in ranked if _DATE_IN_LINE.search(c.text) and c.score >= best * self.span_relative]
            dated = [c for c in dated if _MONTH_YEAR.search(c.text)] or dated  # "1 July to 13 September 2019" before "in 2017"
            if asked_fields(question)[1]:  # "When is X due?": a deadline ("by March 2026"), not a dated event ("In January 2025 ...")
                dated = [c for c in dated if states_deadline(c.text)] or dated
            if dated:
                lead = _to_front(ranked, dated[0])
        elif _DURATION_QUESTION.search(question):
            # A length of time is asked for: the best line stating one leads, from a little further
            # down than a figure would (``span_relative``): few lines state a length of time, and
            # the one that does often leaves its subject to the sentence before ("Civil servants
            # would spend between three and six months ..." after "... a Digital Exchange").
            # ... or from the passage of the best line, whatever its score: the passage that best matches
            # the question and states a length of time answers "how long" ("We propose a pilot of 50
            # placements ..." leads that passage; "between three and six months" is two lines on)
            top = ranked[0].passage
            with_span = [c for c in ranked if _DURATION.search(c.text) and (c.score >= best * self.span_relative or c.passage == top)]
            if with_span:
                lead = _to_front(ranked, with_span[0])
        elif _PROPOSAL_QUESTION.search(question):
            # "What funding change does the Insight propose?": a close line that proposes something ("should
            # explore joint funding") leads, not one that only describes the problem ("Unless funding ...")
            proposing = [c for c in ranked if _PROPOSING.search(c.text) and c.score >= best * self.min_relative]
            if proposing:
                lead = _to_front(ranked, proposing[0])
        elif _OBSTACLE_QUESTION.search(question):
            # "What stops departments from sharing data?": a close line naming the obstacle leads,
            # not a recommendation that shares the question's other words
            obstacles = [c for c in ranked if _OBSTACLE.search(c.text) and c.score >= best * self.min_relative]
            if obstacles and obstacles[0] is not ranked[0]:
                lead = _to_front(ranked, obstacles[0])
        elif _WHO_QUESTION.match(question) or _WHICH_BODY.match(question):
            # "Who is responsible for R7?": a close line naming a body or a person leads, not a line
            # that only repeats the reference ("R3, R4 and R7 build the capability ...")
            # a line that points back ("It is led by Rachel Okafor") is as close as the line it continues
            carried = _carried_scores(ranked, passages)
            # "Which organisation carried out the fieldwork?": a line naming someone who does the asked
            # action ("Fieldwork was carried out by Meridian Social Research") from a little further down
            action = agent_focus(question)
            named = [c for c in ranked if _names_someone(c.text, question) and (
                carried.get(id(c), c.score) >= best * self.min_relative
                or (action and action <= set(analyse(c.text)) and c.score >= best * self.span_relative))]
            codes = set(_CODE.findall(question))  # "R1 - Lead digital ..." does not say who should lead R8
            named = [c for c in named if action and action <= set(analyse(c.text))
                     and codes <= set(_CODE.findall(c.text))] or named  # the doer of the action first
            if asks_author(question):  # "Who wrote the blog?": its byline names the author
                named = author_lines(ranked, passages or [], best * self.span_relative) or named
            if named:
                lead = _to_front(ranked, named[0])
        elif _FIGURE_QUESTION.search(question) or _YES_NO.match(question):
            counted = counted_stems(question)  # "How many questions ...?": a line where a number counts questions
            with_figure = [c for c in ranked if counted and _counts(c.text, counted) and c.score >= best * self.span_relative]
            with_figure = with_figure or share_lines(question, ranked, best * self.span_relative, self.overlap) or [
                c for c in ranked if _has_figure(c.text) and c.score >= best * self.min_relative]  # a share for "what share"
            action = counted_action(question)  # "How many people were removed?": a figure line about removing first
            acting = [c for c in ranked if action and action <= set(analyse(c.text)) and _has_figure(c.text)
                      and c.score >= best * self.span_relative and _does_action(question, c.text)]
            with_figure = [c for c in acting if c in with_figure] or acting or with_figure
            if with_figure:
                lead = _to_front(ranked, with_figure[0])
        chosen: list[Candidate] = []
        for c in ranked:
            if len(chosen) >= limit or (c is not lead and c.score < best * self.min_relative):
                break
            if not any(_repeats(c.text, other.text) for other in chosen):
                chosen.append(c)
        return chosen

    def _naming_focus(self, question: str, ranked: list[Candidate]) -> list[Candidate]:
        """Close lines naming the question's focus: X of "Was any X ...?" (``existence_focus``), or
        the action of "Who <verb> ...?" (``agent_focus``) in a line sharing as many of the
        question's words as the best line does. A line must carry the references the question
        names ("R8"): a verb can recur in another sense, and "R1 - Lead digital from the top"
        does not say who should lead R8."""
        best = ranked[0]
        codes = set(_CODE.findall(question))
        close = [c for c in ranked if c.score >= best.score * self.min_relative and codes <= set(_CODE.findall(c.text))]
        focus = existence_focus(question)
        if focus:
            return [c for c in close if focus <= set(analyse(c.text))]
        focus = choice_focus(question)
        if focus:  # the line naming the choice: few lines say "recommends ... Option B", so from a little further down
            return [c for c in ranked if c.score >= best.score * self.span_relative and focus <= roots(c.text)]
        focus = agent_focus(question)
        if not focus:
            return []
        asked = set(analyse(question))
        shared = len(asked & set(analyse(best.text)))
        focus = {root(f) for f in focus}  # "Who owns ...?" is answered by an "Owner:" line
        return [c for c in close if focus <= roots(c.text) and len(asked & set(analyse(c.text))) >= shared]

    def _dated_lines(self, question: str, dated: list[Candidate], limit: int, passages: list[Passage] | None) -> list[Candidate]:
        """Distinct publication lines, best first; for "When were X and Y published?" one per document.

        Why: a plural question ("were", "dates") asks about several documents, and each needs its
        own date; two lines from the same document would crowd out the other's. A document's
        byline gives its own date, so it is preferred to a sentence of that document that dates
        another publication ("the report ... was published on 16 November").
        """
        distinct = [c for k, c in enumerate(dated) if not any(_repeats(c.text, o.text) for o in dated[:k])]
        if not _PLURAL_PUBLISHED.search(question):
            return distinct[:limit]
        per_document: dict[str, Candidate] = {}
        for c in distinct:  # a byline's date is its document's own; a sentence may date another publication
            document = passages[c.passage].doc_id if passages else str(c.passage)
            if document not in per_document or (c.label and not per_document[document].label):
                per_document[document] = c
        return sorted(per_document.values(), key=lambda c: c.score, reverse=True)[: self.max_list_items]


def _of_numbered_item(question: str, ranked: list[Candidate], passages: list[Passage] | None) -> list[Candidate]:
    """The lines that number the item the question numbers ("Recommendation 2"), or sit under a heading that does."""
    asked = qualifiers(question)
    if not asked or not passages:
        return []
    found = [c for c in ranked if _numbers_item(asked, c, passages)]
    if not found:
        return []
    # each document numbers its own items: the one whose passage ranks first (a document the question names
    # has its numbered section put first), not another's item of the same number
    first = passages[min(c.passage for c in found)].doc_id
    return [c for c in found if passages[c.passage].doc_id == first]


def _numbers_item(asked: list[tuple[str, str, int]], c: Candidate, passages: Sequence[Passage]) -> bool:
    """Is the line the numbered item asked about: under its heading, numbering it, or that item of a list under its kind's heading?"""
    p = passages[c.passage]
    heading = (p.section or "").rsplit(" > ", 1)[-1]
    for _, noun, number in asked:
        if qualifier_met(noun, number, [heading, c.text]):
            return True
        item = listed_item(noun, number, heading, p.text)
        if item and (item.startswith(c.text[:40]) or c.text.startswith(item[:40])):
            return True
    return False


def _to_front(ranked: list[Candidate], chosen: Candidate) -> Candidate:
    """Move ``chosen`` to the head of ``ranked``, where the direct answer is taken from; return it."""
    ranked.remove(chosen)
    ranked.insert(0, chosen)
    return chosen


def _row_label_asked(line: str, question: str) -> bool:
    """A table row whose label the question names ("... in the Senior Civil Service?")."""
    m = _TABLE_ROW.match(line)
    if not m:
        return False
    label = re.split(r"\s+\(|:\s|\s-\s", line, maxsplit=1)[0].strip()
    if any(is_acronym(w) and spelled_out(w, label) for w in re.findall(r"\b[A-Z][A-Za-z]+\b", question)):
        return True  # "DDaT staff" names the row "Digital, data and technology"
    label = label.lower()
    return len(label) >= 3 and re.search(rf"(?<!\w){re.escape(label)}(?!\w)", question.lower()) is not None
