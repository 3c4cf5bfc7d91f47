"""A line that shares only its own document's title words with the question is not thereby close to it."""

from __future__ import annotations

from assistant.extractive import ExtractiveAnswerer
from assistant.line_scoring import scored_lines
from assistant.list_documents import own_title_shares
from assistant.retrieval import Passage

TITLE = "PSB Civil Service Digital Pulse Survey 2021 - Survey Note"


def test_only_a_line_sharing_nothing_but_title_words_is_discounted():
    q = "How many civil servants completed the 2021 Digital Pulse Survey?"
    frame = 'Rather than wait for the next full survey, the PSB ran a short "pulse" questionnaire in early 2021.'
    answer = "In all, 1,246 civil servants completed it."
    shares = own_title_shares(q, [frame, answer], [TITLE, TITLE])
    assert shares[0] > 0 and shares[1] == 0.0


def _p(i: int, section: str, text: str, doc: str = "n", title: str = TITLE, published: str = "2021-06-22") -> Passage:
    return Passage(chunk_id=f"{doc}:{i}", doc_id=doc, title=title, source=f"{doc}.txt", section=section, page=None,
                   text=text, chunk_index=i, published=published)


def test_a_count_is_not_outscored_by_a_line_naming_the_survey(embedder):
    passages = [
        _p(1, "1. Why a pulse survey", "The pandemic changed how civil servants work almost overnight. Rather than wait for the next "
           'full survey, the PSB ran a short "pulse" questionnaire in early 2021 to see how digital working had changed and where '
           "the gaps now lie."),
        _p(0, "", "PSB CIVIL SERVICE DIGITAL PULSE SURVEY 2021 - SURVEY NOTE techUK Public Services Board Published 22 June 2021"),
        _p(3, "2.2 How the survey was run", "The survey was administered online by techUK between 3 July and 8 September 2017. It was "
           "open to civil servants of all grades in UK government departments.", doc="o", title="Smarter Services",
           published="2017-11-16"),
        _p(2, "2. Fieldwork and sample", "Fieldwork was carried out by Meridian Social Research between 1 February and 19 March 2021. "
           "The questionnaire had 14 questions and took a median of 7 minutes to complete. In all, 1,246 civil servants completed "
           "it.\n\nRespondents by grade:\n\nSenior Civil Service: 207\nGrades 6 and 7: 394\nHEO and SEO: 401\nEO and below: 244\n"
           "Total: 1,246\n\nFor a sample of this size, the margin of error on a result of 50% is about plus or minus 2.8 percentage "
           "points at the 95% confidence level."),
        _p(4, "3. Headline findings", "- 72% said that working from home during the pandemic had sped up their use of digital tools."
           "\n\n- 44% said that data held by their organisation was hard to share with other departments."),
    ]
    text, _ = ExtractiveAnswerer(embedder).answer("How many civil servants completed the 2021 Digital Pulse Survey?", passages)
    assert text.startswith("In all, 1,246 civil servants completed it")


def test_scoring_discounts_the_title_only_line_and_nothing_else(embedder):
    answerer = ExtractiveAnswerer(embedder)
    q = "How many civil servants completed the 2021 Digital Pulse Survey?"
    passages = [_p(1, "1. Why a pulse survey", 'Rather than wait for the next full survey, the PSB ran a short "pulse" questionnaire '
                   "in early 2021."), _p(2, "2. Fieldwork and sample", "In all, 1,246 civil servants completed it.")]
    candidates = answerer._candidates(passages, question=q)
    vectors = embedder.embed([answerer._context(c, passages) for c in candidates])
    plain = {c.text: c.score for c in scored_lines(embedder, answerer.overlap, q, candidates, vectors)}
    titled = {c.text: c.score for c in scored_lines(embedder, answerer.overlap, q, candidates, vectors, titles=[p.title for p in passages])}
    frame, count = (c.text for c in candidates)
    assert titled[frame] < plain[frame] and titled[count] == plain[count]
