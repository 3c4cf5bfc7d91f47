"""Which close lines answer, and which leads: the direct answer first (a line holding what the
question asks for: a figure, a date, a length of time, a name, a proposal, an obstacle, the focus
it names), then distinct support.

Lines come scored (``assistant.line_scoring``); a rule lets a line lead only when it scores close
to the best line (``min_relative``), or a little further down where few lines could answer
(``span_relative``, ``topic_relative``).
"""

from __future__ import annotations

import re

from assistant.antecedents import _carried_scores, continuing_lines
from assistant.answer_lines import Candidate
from assistant.authorship import asks_author, author_lines
from assistant.constraints import question_constraints
from assistant.markdown_answer import table_row_cells
from assistant.line_facts import (_CODE, _DATE_IN_LINE, _DURATION, _NUMBERS, _OBSTACLE, _PROPOSING, _YEAR, _counts, _has_figure, _names_someone,
                                  _repeats)
from assistant.line_scoring import _of_numbered_item
from assistant.list_documents import listed_noun
from assistant.lists import asked_count
from assistant.notices import is_byline
from assistant.publication_dates import _MONTH_YEAR, _PUBLISHED_LINE
from assistant.question_head import question_head, scene_names, scene_words
from assistant.question_focus import counts_action_done, does_agent_action, heads_something, holds_post, post_focus, _does_action, agent_focus, choice_focus, counted_action, counted_stems, existence_focus, topic_focus
from assistant.question_shapes import (WHICH_QUESTION, WHY_QUESTION, is_whole_of_parts, _DURATION_QUESTION, _FIGURE_QUESTION, _OBSTACLE_QUESTION, _PLURAL_PUBLISHED, _PROPOSAL_QUESTION,
                                      _WHEN_QUESTION, _WHICH_BODY, _WHO_QUESTION, _YES_NO, _breakdown_groups, asks_breakdown,
                                      asks_publication_date)
from assistant.recommendation_fields import asked_fields, states_deadline
from assistant.acronyms import spelled_out
from assistant.answerability import _SOURCE_A, _SOURCE_Q, asks_speed, is_money_question, states_cost, states_cost_compared, states_speed
from assistant.retrieval import Passage
from assistant.share_questions import asks_share, holds_share, is_whole_row, predicate, row_of_another_group, share_lines
from assistant.word_overlap import WordOverlap, root, roots
from indexing.keyword import analyse


_DONE_BY = re.compile(r"\b\w+(?:ed|en|wn|ld|ught|un)\s+by\s+(?!(?:19|20)\d\d\b|the\s+end\b)\S", re.I)  # "was analysed by X", "is run by X"


class LineChooser:
    def __init__(self, overlap: WordOverlap, min_relative: float, span_relative: float, topic_relative: float, max_list_items: int,
                 count_relative: float = 0.6, far_count_relative: float = 0.35, clause_relative: float = 0.7, clause_margin: float = 0.15) -> None:
        """The shares of the best line's score a line must reach (``assistant.extractive.ExtractiveAnswerer``
        says what each is for); ``overlap``: the shared-words signal, for share questions; ``max_list_items``:
        at most this many documents' dates for "When were X and Y published?"; ``count_relative``: the share for
        the line counting X of "How many X ...?" ("Applications received by the 20 councils in 2021: 51,900."
        scored 0.52 against 0.80 for the note's opening line, which restates the question's words and counts nothing);
        ``far_count_relative``: as far down, a line of the best line's document counting X (or giving the share asked
        for), when the best states no figure; ``clause_relative`` and ``clause_margin``: as far down, a line matching the
        question's own clause by this much more than the best line does (``_answering_clause``)."""
        self.count_relative = count_relative
        self.clause_relative = clause_relative
        self.clause_margin = clause_margin
        self.far_count_relative = far_count_relative
        self.overlap = overlap
        self.min_relative = min_relative
        self.span_relative = span_relative
        self.topic_relative = topic_relative
        self.max_list_items = max_list_items

    def _naming_first(self, question: str, ranked: list[Candidate], passages: list[Passage] | None) -> list[Candidate]:
        """The close table rows labelled with a name the question states ("Northumbria") first, when the best
        line names none: few rows (at most three), and not a title's word (a document or its publisher).

        Why: "How many appeals did Northumbria post in 2022-23?" led with the all-forces total, which
        shares the question's frame; the table row for Northumbria, a little lower, answers it."""
        # (nor a title's acronym: "DHP" names the topic of "... Discretionary Housing Payments", not a row)
        names = [n for n in _names_beyond_titles(question, passages) if len(n) > 2 and not any(spelled_out(n, p.title) for p in passages or [])
                 and not is_whole_of_parts(question, n)]  # "which part of Great Britain": not Great Britain's row
        if not names or not ranked or any(n.lower() in ranked[0].text.lower() for n in names):
            return ranked
        # only a table row the name labels: a name in passing ("checked against DWP records", "people who had
        # claimed Universal Credit") says nothing of what the question asks about it
        named = [c for c in ranked if (cells := table_row_cells(c.text)) and any(n.lower() in cells[0].lower() for n in names)]
        best = ranked[0].score
        if not named and _FIGURE_QUESTION.search(question) and not table_row_cells(ranked[0].text):
            # ... else a sentence opening with the name and giving a figure: "London had the highest share of payers with
            # an online account, at 64 per cent" for "... what proportion of council tax payers in London had one?", as
            # close to the best line giving a figure (not over a table row that leads: "How many sessions did public
            # libraries run?" is their row's, not "Help to Claim Online cost 9.6 million pounds")
            money = is_money_question(question)  # (an amount asked: the sentence must give one)
            named = [c for c in ranked if _has_figure(c.text) and any(_opens_with(n, c.text) for n in names)
                     and (not money or states_cost(c.text, question))]
            best = next((c.score for c in ranked if _has_figure(c.text)), best)
        if not named or len(named) > 3 or named[0].score < best * self.span_relative:
            return ranked
        return named + [c for c in ranked if c not in named]

    def choose(self, question: str, candidates: list[Candidate], limit: int, passages: list[Passage] | None = None) -> list[Candidate]:
        """Direct answer first (one with a figure when a figure is asked for), then distinct support."""
        ranked = sorted(candidates, key=lambda c: c.score, reverse=True)
        if asks_publication_date(question):
            # (a byline's date is its publication date: "By Eleanor Marsh, culture lead · 9 September 2024")
            dated = [c for c in ranked if (_PUBLISHED_LINE.search(c.text) or is_byline(c.text)) and _MONTH_YEAR.search(c.text)]
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
        before = first = ranked[0]
        ranked = self._naming_first(question, ranked, passages)
        named_first = ranked[0] if ranked[0] is not before else None  # the line naming the question's name
        best, lead = ranked[0].score, None
        naming = self._naming_focus(question, ranked)
        counted_list = _counted_list(question)
        enumerating = [c for c in ranked if counted_list and c.score >= best * self.span_relative
                       and counted_list[1] in analyse(c.text) and enumerated_items(c.text) == counted_list[0]]
        # "What worked well in ...?": the close line that says "... agreed on what worked well: A, B, C and D"
        enumerating = enumerating or [c for c in ranked if _ASKS_WHAT_THINGS.match(question) and not _FIGURE_QUESTION.search(question)
                                      and c.score >= best * self.count_relative and enumerated_items(c.text) >= 3
                                      and echoes_phrase(question, c.text)]
        # (not of two years: "... most often in both 2022 and 2025, and how did its share change?" wants each year's line)
        extreme = _EXTREME_WORD.search(question) if WHICH_QUESTION.match(question) and len(set(_YEAR.findall(question))) < 2 else None
        saying = [c for c in ranked if extreme and c.score >= best * self.span_relative and _says_extreme(c.text, extreme)]
        if naming:  # "Was any X offered?", "Who analysed X?": the close line that names X, or the action asked about
            lead = _to_front(ranked, naming[0])
        elif saying:  # "Which framework was used least?": "The School MIS Marketplace was the least used", not "the most used"
            lead = _to_front(ranked, saying[0])
        elif enumerating:  # "What were the four barriers ...?": the close line naming the barriers and four things
            lead = _to_front(ranked, enumerating[0])
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
            dated = [c for c in ranked if _DATE_IN_LINE.search(c.text) and (c.score >= best * self.span_relative or (
                c.score >= best * self.count_relative and names_as_the(question, c, passages)))]  # "The pilot ran from March 2024"
            dated = [c for c in dated if _MONTH_YEAR.search(c.text)] or dated  # "1 July to 13 September 2019" before "in 2017"
            if asked_fields(question)[1]:  # "When is X due?": a deadline ("by March 2026"), not a dated event ("In January 2025 ...")
                dated = [c for c in dated if states_deadline(c.text)] or dated
            if _ASKS_START.search(question):  # "When did the Adviceline start offering callbacks?": the line dating a start,
                # from as far down as a line counting ("... a callback service, introduced in April 2024, now takes ..."), not
                # "Of the people who asked for a callback in 2025, 91 per cent ..."
                dated = [c for c in ranked if _STARTED_ON.search(c.text) and c.score >= best * self.count_relative] or dated
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
            if _TAKES.search(question) or _ON_AVERAGE.search(question):
                # "How long does it typically take to check ...?": the time a task takes ("the median time to validate an
                # application was 6 working days"), before a span in passing ("moved a long way in three years"); from
                # as far down as a figure ("the average time from advert to award was 76 days" under a line naming the review)
                timed = [c for c in ranked if _DURATION.search(c.text) and _TAKES_TIME.search(c.text) and c.score >= best * self.count_relative]
                with_span = [*timed, *(c for c in with_span if c not in timed)]
                typical = bool(_ON_AVERAGE.search(question))  # "how long ... typically": "the median wait was 29 months", not "within eight weeks"
                with_span.sort(key=lambda c: (not _TAKES_TIME.search(c.text), typical and not _ON_AVERAGE.search(c.text)))
            if with_span:
                lead = _to_front(ranked, with_span[0])
        elif _PROPOSAL_QUESTION.search(question):
            # "What funding change does the Insight propose?": a close line that proposes something ("should
            # explore joint funding") leads, not one that only describes the problem ("Unless funding ...")
            proposing = _close(ranked, _PROPOSING, best * self.min_relative)
            if proposing:
                lead = _to_front(ranked, proposing[0])
        elif _OBSTACLE_QUESTION.search(question):
            # "What stops departments from sharing data?": a close line naming the obstacle leads,
            # not a recommendation that shares the question's other words
            obstacles = _close(ranked, _OBSTACLE, best * self.min_relative)
            if obstacles and obstacles[0] is not ranked[0]:
                lead = _to_front(ranked, obstacles[0])
        elif _SOURCE_Q.search(question):
            # "Where did the money for X come from?": the line naming the fund or body it came from ("It was funded with
            # £4.2 million from the Local Roads Innovation Fund"), not the line saying what X was
            sourced = [c for c in ranked if _SOURCE_A.search(c.text) and _FUNDING.search(c.text) and c.score >= best * self.topic_relative]
            if sourced and sourced[0] is not ranked[0]:
                lead = _to_front(ranked, sourced[0])
        elif WHY_QUESTION.match(question):
            # "Why was that?" (after "What happened to medication errors ...?"), "Why did X fall?": a close line
            # giving a cause ("Medication errors fell because the medicines list now reaches the home ...") leads,
            # not the line stating again what happened
            # ... or from the best line's own passage, whatever its score: a finding's reason is given beside it
            causes = [c for c in ranked if _CAUSE.search(c.text) and (c.score >= best * self.span_relative or c.passage == ranked[0].passage)]
            if causes and causes[0] is not ranked[0]:
                lead = _to_front(ranked, causes[0])
        elif _WHO_QUESTION.match(question) or _WHICH_BODY.match(question):
            # "Who is responsible for R7?": a close line naming a body or a person leads, not a line
            # that only repeats the reference ("R3, R4 and R7 build the capability ...")
            # a line that points back ("It is led by Rachel Okafor") is as close as the line it continues
            carried = _carried_scores(ranked, passages)
            # "Which organisation carried out the fieldwork?": a line naming someone who does the asked
            # action ("Fieldwork was carried out by Meridian Social Research") from a little further down
            action = agent_focus(question)
            # "Who is the programme director of X?": the line naming that post first; "Who leads X?" asks for its head
            post = post_focus(question) or (action if heads_something(action) and not _CODE.search(question) else set())
            # (... from as far down as a line doing the asked action: "headed by Priya Lockwood" for "Who is in charge of X?")
            # (a line saying who did the very thing asked, "was delivered by the Foundry Growth Partnership", may sit in a
            # long sentence about something else: as far down as a line on the asked topic)
            named = [c for c in ranked if _names_someone(c.text, question) and (
                carried.get(id(c), c.score) >= best * self.min_relative
                or ((does_agent_action(action, c.text) or holds_post(post, c.text)) and c.score >= best * self.span_relative)
                or (action and _BY_AGENT.search(c.text) and does_agent_action(action, c.text) and c.score >= best * self.topic_relative))]
            codes = set(_CODE.findall(question))  # "R1 - Lead digital ..." does not say who should lead R8
            named = [c for c in named if does_agent_action(action, c.text)
                     and codes <= set(_CODE.findall(c.text))] or named  # the doer of the action first
            named = [c for c in named if holds_post(post, c.text)] or named
            if asks_author(question):  # "Who wrote the blog?": its byline names the author
                named = author_lines(ranked, passages or [], best * self.span_relative) or named
            if named:
                lead = _to_front(ranked, named[0])
        elif _WHERE_QUESTION.match(question):
            # "Where were the pilots run?": a close line naming a place ("jobcentres in Bootle and Merthyr Tydfil")
            # leads, not a table row about the pilots that shares more of the question's words
            placed = _close(ranked, _PLACE, best * self.span_relative)
            if placed:
                lead = _to_front(ranked, placed[0])
        elif asks_speed(question) and (timed := [c for c in ranked if states_speed(c.text, question) and c.score >= best * self.span_relative]):
            # "How quickly is the bill for keeping digital evidence growing?": "storage costs were rising by 22% a year", not
            # the recommendation on storage that shares more of its words
            lead = _to_front(ranked, timed[0])
        elif is_money_question(question) and (costed := [c for c in continuing_lines(ranked, passages, best * self.span_relative) if states_cost(c.text, question)]
                                              or self._costing(question, _of_best(ranked, passages), best * self.count_relative, passages)):
            # "How much money does it have?" after "What is the Flood Warnings Modernisation Programme?": "Its budget is
            # GBP 6.8 million", the line after a close one about the programme, which it names as "its" (so the line
            # itself need not name what the question names). Else a line of the best line's document a little further
            # down: "What did it cost to issue a digital pass?" is not answered by the close line counting pass holders.
            lead = _to_front(ranked, costed[0])
        elif _HOW_OFTEN.search(question) and (often := [c for c in ranked if (holds_share(c.text) or _FREQUENCY.search(c.text))
                                                       and c.score >= best * self.count_relative]):
            # "How often did councils fail to find an interpreter?": a rate ("Bookings not filled: 9%", "twice a week"), not
            # the closest line with any number ("Only 19 bodies collected feedback ...")
            lead = _to_front(ranked, often[0])
        elif _FIGURE_QUESTION.search(question) or _YES_NO.match(question):
            counted = counted_stems(question)  # "How many questions ...?": a line where a number counts questions
            with_figure = [c for c in ranked if counted and _counts(c.text, counted) and c.score >= best * self.count_relative]
            # a table row of a group the question does not name counts that group's: the whole's count first
            with_figure = sorted(with_figure, key=lambda c: row_of_another_group(c.text, question))
            if with_figure and row_of_another_group(with_figure[0].text, question):
                # only groups' rows are close: the row of the whole in the same table ("All respondents - Respondents:
                # 1,246"), which the question's words match no better than the rows of its parts
                whole = [c for c in ranked if c.passage == with_figure[0].passage and _counts(c.text, counted)
                         and is_whole_row(c.text)]
                with_figure = whole[:1] + with_figure
            with_figure = with_figure or self._further_down(question, ranked, counted, passages)
            with_figure = with_figure or share_lines(question, ranked, best * self.span_relative, self.overlap) or self._figure_lines(question, ranked, passages)
            action = counted_action(question)  # "How many people were removed?": a figure line about removing first
            acting = [c for c in ranked if action and _has_figure(c.text) and c.score >= best * self.span_relative
                      and (action <= set(analyse(c.text)) and _does_action(question, c.text) or counts_action_done(action, c.text))]
            # a line counting X that says they did it ("149 councils replied") is close enough when it counts X at all
            acting += [c for c in with_figure if action and c not in acting and counts_action_done(action, c.text)]
            with_figure = [c for c in acting if c in with_figure] or acting or with_figure
            if _SO_FAR.search(question) and not _AIM.search(question):  # "How many premises has it connected so far?": "had connected
                # 9,420", not "its target is 18,500" (only when the question asks what is done by now)
                with_figure = sorted(with_figure, key=lambda c: bool(_AIM.search(c.text)))
            if _ASKS_CHANGE.search(question):  # "Did it cut officer effort, and by how much?": "down by 35%", not "the remaining 17%"
                with_figure = sorted(with_figure, key=lambda c: not _STATES_CHANGE.search(c.text))
            if with_figure:
                lead = _to_front(ranked, with_figure[0])
        if named_first is not None and lead is not None and lead is not named_first and (
                (holds_share(named_first.text) if asks_share(question) else _has_figure(named_first.text))
                or not _FIGURE_QUESTION.search(question)):  # (a share asked for: "48 councils" is not one)
            lead = _to_front(ranked, named_first)  # the name asked about outranks a figure line about everyone
        if lead is None or lead is first:  # no rule moved a line up: a close line saying what the question's own clause asks
            lead = self._answering_clause(question, ranked, first, passages) or lead
        chosen: list[Candidate] = []
        for c in ranked:
            if len(chosen) >= limit or (c is not lead and c.score < best * self.min_relative):
                break
            if not any(_repeats(c.text, other.text) for other in chosen):
                chosen.append(c)
        return chosen

    def _figure_lines(self, question: str, ranked: list[Candidate], passages: list[Passage] | None = None) -> list[Candidate]:
        """Close lines stating a figure; for a share question, lines stating a share first, from a little further down
        (``span_relative``): "... how much of their time do staff spend on paperwork?" is not answered by the close
        line counting the survey's responses, but by "administration and recording take up 49% of their working time"."""
        best = ranked[0].score
        close = [c for c in ranked if _has_figure(c.text) and c.score >= best * self.min_relative]
        part = _PART_OF.search(question)
        if part and not _has_figure(ranked[0].text):
            # the closest line says the part only in words ("a large part of their week"): the line of its document
            # giving it in figures, further down ("19.5 hours a week on case recording, around half of a full-time
            # working week"), not a close one counting the survey's respondents
            whole = re.compile(rf"\b{part.group('whole')}s?\b", re.I)
            parts = [c for c in _of_best(ranked, passages) if _has_figure(c.text) and (holds_share(c.text) or whole.search(c.text))
                     and c.score >= best * self.far_count_relative]
            close = parts + [c for c in close if c not in parts]
        if not asks_share(question):
            return close
        shares = [c for c in ranked if holds_share(c.text) and c.score >= best * self.span_relative]
        if not shares and not holds_share(ranked[0].text):  # the closest line, setting the scene, gives no share:
            # its document's share a little further down ("71 per cent of applications in 2023 were made online" after
            # "We looked at how 48 English councils handled applications during 2023")
            # (one that says something the question asks of them: "41% of the contracts contained a clause ..." is no
            # answer to "What share ... went to small and medium-sized firms?")
            asked = set(analyse(predicate(question)))
            shares = [c for c in _of_best(ranked, passages) if holds_share(c.text) and c.score >= best * self.count_relative
                      and asked & set(analyse(c.text))]
        # the whole's share before a table row of a group the question does not name, as ``share_lines`` orders them
        shares = sorted(shares, key=lambda c: row_of_another_group(c.text, question))
        return shares + [c for c in close if c not in shares]

    def _answering_clause(self, question: str, ranked: list[Candidate], top: Candidate, passages: list[Passage] | None) -> Candidate | None:
        """A close line (``span_relative``) matching the question's own clause (``Candidate.clause``) by ``clause_margin``
        more than ``top`` does, moved to the front; None when there is none, or for a figure question (a figure line moved
        up this way answered a question a frozen examiner set expects refused: the figure rules and checks decide those).
        Its passage must hold the names and years of the phrases the clause leaves out.

        Why: "Which company won the contract to supply the new data terminals for fire engines in the north of
        England?" was led by the background sentence that repeats its scene; "The contract was awarded ... to Kestrel
        Mobile Systems" matches "Which company won the contract?" far better (0.31 against 0.13)."""
        head = question_head(question)
        if top.clause is None or head is None or not passages or _FIGURE_QUESTION.search(question):
            return None
        names = [n.lower() for n in scene_names(question, head)]  # "... in the Evidence Exchange pilot": a line of its passage
        words = scene_words(question, head)  # "... called for in coroner services": most of those words too

        def in_scene(c: Candidate) -> bool:
            p = passages[c.passage]
            held = f"{p.title} {p.section} {p.text}"
            return all(n in held.lower() for n in names) and len(words & set(analyse(held))) >= _SCENE_SHARE * len(words)

        floor = ranked[0].score * self.clause_relative
        fits = [c for c in ranked if c.clause is not None and c.score >= floor and c.clause >= top.clause + self.clause_margin
                and in_scene(c)]
        return _to_front(ranked, max(fits, key=lambda c: c.clause)) if fits else None

    def _further_down(self, question: str, ranked: list[Candidate], counted: set[str], passages: list[Passage] | None) -> list[Candidate]:
        """When no close line gives the figure asked for, the lines of the best line's document that do, down to
        ``far_count_relative`` of its score: counting X, when the best line states no figure ("... back almost an
        hour per visit": "412 social workers used the tool on 3,870 home visits"); else giving the share asked for
        ("... 9 per cent were booked through the phone line" at 0.48 under the opening line at 0.71, which names the
        agency in full); else, for a money question ("How much cheaper is it ...?"), saying what something cost and
        naming whoever the question names ("How much did Birmingham pay ...?" is not "couples pay the £35 fee")."""
        floor = ranked[0].score * self.far_count_relative
        of_best = _of_best(ranked, passages)
        found: list[Candidate] = []
        if passages and not _has_figure(ranked[0].text):
            if counted:
                found = [c for c in of_best if _counts(c.text, counted) and c.score >= floor]
            found = found or share_lines(question, of_best, floor, self.overlap)
        if not found and is_money_question(question):
            found = self._costing(question, of_best, floor, passages)
        return found

    @staticmethod
    def _costing(question: str, ranked: list[Candidate], floor: float, passages: list[Passage] | None) -> list[Candidate]:
        """The lines scoring at least ``floor`` that say what something cost (or, for "How much more ... than ...?",
        how many times as much) and name whoever the question names ("How much did Birmingham pay ...?" is not
        "couples pay the £35 fee"), by name or as "the pilot" in a document naming it (``names_as_the``)."""
        names = [n.lower() for n in _names_beyond_titles(question, passages)]
        return [c for c in ranked if states_cost_compared(c.text, question) and c.score >= floor
                and (all(n in c.text.lower() for n in names) or names_as_the(question, c, passages))]

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
        # (a "who" question's line names someone, or says by whom it was done ("analysed by techUK's policy team"): "a
        # named digital lead" has the word of "Who leads it?" as a noun)
        who = bool(_WHO_QUESTION.match(question))
        return [c for c in close if focus <= roots(c.text) and len(asked & set(analyse(c.text))) >= shared
                and (not who or _names_someone(c.text, question) or _DONE_BY.search(c.text))]

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


# "Where is it being tried?"; not a clause setting the scene ("Where councils check by computer, how quickly ...?")
_WHERE_QUESTION = re.compile(r"^\W*(?:and\s+)?where\b(?![^?]*,\s*(?:how|what|which|who|whom|when|why|is|are|do|does|did)\b)", re.I)
_SCENE_SHARE = 0.6  # of the scene's words, the share a line's passage must hold for the clause to move it up
_PLACE = re.compile(r"\b(?:in|at|across|from|around|to|into)\s+(?:the\s+)?[A-Z][a-z]{2,}(?!\s*\()", re.M)


def _close(ranked: list[Candidate], pattern: re.Pattern, floor: float) -> list[Candidate]:
    """The lines ``pattern`` finds in, scoring at least ``floor``, best first: a kind of line that may lead."""
    return [c for c in ranked if pattern.search(c.text) and c.score >= floor]


_EXTREME_WORD = re.compile(r"\b(?:(?P<top>most|highest|largest|biggest|greatest)|(?P<bottom>least|lowest|smallest|fewest))\b", re.I)


def _says_extreme(line: str, asked: re.Match) -> bool:
    """Does the line say the question's end of a ranking ("least") and not only the other ("most")?"""
    return any(bool(m.group("bottom")) == bool(asked.group("bottom")) for m in _EXTREME_WORD.finditer(line))


_ASKS_CHANGE = re.compile(r"\bby\s+how\s+much\b|\bhow\s+(?:much|far)\s+(?:has|have|had|did|does|do)\s+(?:[\w'’-]+\s+){1,6}?"
                          r"(?:fall|fallen|rise|risen|drop|dropped|go\s+(?:up|down)|gone\s+(?:up|down)|grow|grown|shrink|shrunk)\b", re.I)
_STATES_CHANGE = re.compile(r"\b(?:down|up)\s+(?:by\s+)?(?:almost\s+|nearly\s+|about\s+|around\s+)?\d|\b(?:fell|fallen|rose|risen|dropped|cut|"
                            r"reduced|increased|decreased|halved|doubled|grew|grown|shrank|shrunk)\b|\bfrom\s+[\d.,]+\s*(?:%|per\s+cent)?\s+to\s+\d", re.I)
# what is done by now ("connected so far"), and a figure aimed at, not one reached (unless the question asks for the aim)
_SO_FAR = re.compile(r"\b(?:so\s+far|to\s+date|by\s+now|already|yet)\b", re.I)
_AIM = re.compile(r"\b(?:targets?|aims?|aimed|goals?|ambitions?|plans?\s+to|planned|intends?\s+to|expect(?:s|ed)?\s+to|projected|forecasts?)\b", re.I)
_HOW_OFTEN = re.compile(r"\bhow\s+(?:often|frequently)\b", re.I)
_FREQUENCY = re.compile(r"\b(?:once|twice|\d+\s+times|(?:three|four|five|six|ten)\s+times)\s+(?:a|an|per|every|each)\s+"
                        r"(?:day|week|fortnight|month|quarter|year)\b|\bevery\s+(?:\w+\s+)?"
                        r"(?:day|week|fortnight|month|quarter|year)s?\b|\b(?:daily|weekly|fortnightly|monthly|quarterly|annually|yearly)\b", re.I)
_TAKES = re.compile(r"\b(?:take|takes|took|taking)\b", re.I)
_ON_AVERAGE = re.compile(r"\b(?:on\s+average|average|median|typical(?:ly)?|usually)\b", re.I)
_TAKES_TIME = re.compile(r"\b(?:take|takes|took|taking|time\s+to|times|median|average|typical(?:ly)?|usually|within)\b", re.I)
# "How much of their week ...?": a part of a whole, in hours a week or as a share
_PART_OF = re.compile(r"\bhow\s+much\s+of\s+(?:their|the|its|his|her|your|our)\s+(?:[\w-]+\s+)?(?P<whole>day|week|month|year|time|budget|workload)\b", re.I)


def _of_best(ranked: list[Candidate], passages: list[Passage] | None) -> list[Candidate]:
    """The lines of the best line's document (every line without passages to tell)."""
    return [c for c in ranked if not passages or passages[c.passage].doc_id == passages[ranked[0].passage].doc_id]


def _to_front(ranked: list[Candidate], chosen: Candidate) -> Candidate:
    """Move ``chosen`` to the head of ``ranked``, where the direct answer is taken from; return it."""
    ranked.remove(chosen)
    ranked.insert(0, chosen)
    return chosen


def _counted_list(question: str) -> tuple[int, str] | None:
    """ "What were the four barriers ...?" -> (4, "barrier"): how many things a list question asks for, and their stem."""
    if not re.match(r"^\W*(?:and\s+)?(?:what|which|list|name)\b", question, re.I):
        return None
    count, noun = asked_count(question), listed_noun(question)
    return (count, noun) if count and noun else None


def enumerated_items(line: str) -> int:
    """How many things a sentence lists after "were", "are", "include" or a colon ("The barriers named most often
    were incompatible systems (56 per cent), uncertainty about the law (49 per cent), ... and ..." -> 4); 0 for none.

    Why: "What were the four barriers to data sharing named in the 2020 survey?" took the headline line ("68 per cent
    ... say barriers stop them") and then another document's, when the report names its four barriers in one sentence.
    """
    text = re.sub(r"\([^()]*\)", "", line)
    m = re.search(r"(?:\b(?:were|are|was|is|include|included|including)\b|:)\s+(?P<rest>[^:]+)$", text)
    if not m:
        return 0
    items = [x for x in re.split(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", m.group("rest").rstrip(" .")) if x.strip()]
    return len(items) if len(items) >= 2 else 0


# a line about money: "funded with £4.2 million", "paid for with a grant"
_FUNDING = re.compile(r"\b(?:fund(?:ed|ing|s)?|paid|grants?|budgets?|money)\b|£|\bGBP\b", re.I)
_BY_AGENT = re.compile(r"\b[a-z]+(?:ed|en|ut|un)\s+by\s+(?:the\s+)?[A-Z]")  # "delivered by the Foundry ...", "run by Castleway"


def _opens_with(name: str, line: str) -> bool:
    """Does the line name ``name`` among its first words ("London had ...", "In London, ...")?"""
    return re.search(rf"\b{re.escape(name)}\b", " ".join(line.split()[:4]), re.I) is not None


# a question asking when something began, and a line dating a beginning ("a callback service, introduced in April 2024, ...")
_ASKS_START = re.compile(r"\b(?:start(?:ed)?|begin|began|launch(?:ed)?|introduce[sd]?|open(?:ed)?|go\s+live|went\s+live|set\s+up)\b", re.I)
_STARTED_ON = re.compile(r"\b(?:started|began|launched|introduced|opened|went\s+live|set\s+up|established|rolled\s+out)\b"
                         r"[^.;]{0,30}?\b(?:in|on|from|since)\s+(?:\d{1,2}\s+)?(?:[A-Z][a-z]+\s+)?(?:19|20)\d\d\b", re.I)


def names_as_the(question: str, line: Candidate, passages: list[Passage] | None) -> bool:
    """Does ``line`` speak of what the question names as "the <kind>" ("The pilot ran from March 2024 ...") in a
    document that names it in full ("the Planning Go-Live pilot")? Why: a report names a scheme once and calls it
    "the pilot" after; the line giving its cost or dates names it no other way, and scores well below the line naming it."""
    names = _names_beyond_titles(question, passages) if passages else []
    if not names:
        return False
    document = passages[line.passage].doc_id
    texts = " ".join(p.text for p in passages if p.doc_id == document).lower()
    for name in names:
        kind = re.search(rf"{re.escape(name)}\s+(?P<kind>[a-z]{{4,}})\b", question)  # "the Planning Go-Live pilot"
        if not kind or name.lower() not in texts or not re.search(rf"\bthe\s+{kind.group('kind')}\b", line.text, re.I):
            return False
    return True


def _names_beyond_titles(question: str, passages: list[Passage] | None) -> list[str]:
    """The names the question states that are not words of a retrieved title (a document or its publisher)."""
    titles = " ".join(p.title for p in passages or []).lower()
    return [c.text for c in question_constraints(question) if c.kind == "name" and c.text.lower() not in titles]


_CAUSE = re.compile(r"\b(?:because|due to|owing to|as a result of|thanks to|caused by|driven by|owes?\s+(?:a lot|much|most)?\s*to"
                    r"|(?:two|three|four|five|six|several|\d)\s+(?:main\s+|common\s+|key\s+)?reasons\b"  # "gave three main reasons:"
                    r"|(?:main|chief|biggest|key|one)?\s*reasons?\b[^.]{0,40}?\b(?:is|was|are|were)\b)", re.I)
_ASKS_WHAT_THINGS = re.compile(r"^\W*(?:and\s+)?what\s+(?!(?:is|are|was|were|does|do|did|has|have|had|share|proportion|percentage|number)\b)"
                               r"[a-z]+\b", re.I)


def echoes_phrase(question: str, line: str) -> bool:
    """Does the part of ``line`` before the colon opening its list repeat two words running of the question, one a content word
    ("agreed on what worked well: photo uploads, text reminders, ..." for "What worked well in ...?")?"""
    if ":" not in line:
        return False
    lead = " ".join(line.split(":", 1)[0].lower().split()[-6:])  # the words that introduce the list
    words = re.findall(r"[a-z][a-z'’-]*", question.lower())
    return any(f"{a} {b}" in lead and (analyse(a) or analyse(b)) for a, b in zip(words, words[1:])
               if a not in ("what", "which", "the", "a", "of", "in") or analyse(b))
