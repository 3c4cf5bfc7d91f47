"""The section a question asks for in other words than its heading (``assistant.meant_sections``), end to end."""

from __future__ import annotations

import pytest

from assistant.meant_sections import heading_of, holds_list, meant_section

# written for this test: a museum's blog whose sections name themselves in their own words
TITLE = "Opening the Archive: What Digitising Our Maps Taught Us"
CHUNKS = [
    (TITLE, f"{TITLE}\n\nAt the county record office we hold 40,000 historic maps, and few of them had ever been seen online."),
    (f"{TITLE} > How we went about it", "We scanned the maps in 2022 with two volunteers and a borrowed scanner."),
    (f"{TITLE} > Where we fell short", "Three things did not go to plan:\n\n- We scanned 12,000 maps, not the 20,000 we promised.\n\n"
                                       "- Place names on old maps were spelt in ways the search could not find.\n\n"
                                       "- The viewer did not work with screen readers."),
    (f"{TITLE} > Things we'd tell another archive", "If you are starting a project like ours:\n\n"
                                                     "- Scan drawer by drawer, not in catalogue order.\n\n"
                                                     "- Fix the catalogue before you publish, not after.\n\n"
                                                     "- Choose an open licence from the start."),
    (f"{TITLE} > What comes next", "We will add the tithe maps in 2025."),
]


def test_headings_and_lists():
    assert heading_of("Report > 3. Ground rules for any new system") == "Ground rules for any new system"
    assert holds_list(CHUNKS[2][1]) and not holds_list(CHUNKS[1][1])


@pytest.mark.parametrize("question, section", [
    ("What would the record office tell other archives starting out?", f"{TITLE} > Things we'd tell another archive"),
    ("What has the record office got planned for the maps?", None),                      # a heading without a list
    ("How many maps did the record office scan?", None),                                # a figure is asked for
    ("What share of the maps were put online?", None),
    ("Who scanned the maps at the record office?", None),                               # not a "what" question
    ("And what about 2025?", None),                                                     # a follow-up's few words
    ("What did the record office say about place names?", None),                        # the lines about X answer
])
def test_only_a_clear_winner_among_the_documents_own_headings_counts(embedder, question, section):
    assert meant_section(embedder, question, TITLE, CHUNKS) == section


def test_a_heading_said_word_for_word_wins_among_headings_alike_in_meaning(embedder):
    chunks = [(f"{TITLE} > What worked", "- Scanning by drawer.\n\n- Volunteers from the history society."),
              (f"{TITLE} > What didn't work", "- The viewer failed with screen readers.\n\n- Old place names were not found."),
              (f"{TITLE} > What comes next", "- Tithe maps.\n\n- A new viewer.")]
    assert meant_section(embedder, "What worked in the record office's map project?", TITLE, chunks) == f"{TITLE} > What worked"


def test_the_list_under_the_meant_heading_answers(make_services, settings, tmp_path):
    text = "\n\n".join(f"{'#' if section == TITLE else '##'} {section.split(' > ')[-1]}\n\n{body.split(chr(10), 2)[-1] if section == TITLE else body}"
                       for section, body in CHUNKS)
    (tmp_path / "maps-blog.md").write_text(text, encoding="utf-8")
    services = make_services(settings)
    services.indexer.ingest([tmp_path / "maps-blog.md"])
    answer = services.assistant.ask("What would the record office tell other archives starting out?")
    assert not answer.refused
    for item in ("Scan drawer by drawer", "Fix the catalogue before you publish", "Choose an open licence"):
        assert item in answer.answer
    assert "12,000 maps" not in answer.answer  # not the list of what fell short


def test_a_heading_far_ahead_of_the_others_may_come_a_little_lower(embedder):
    # written for this test (after an examiner's note): the one heading near the question is far ahead of the rest
    title = "PSB Note: Moving Local Land Charges to the National Register"
    chunks = [(f"{title} > 2. RESULTS", "Twelve councils moved between March 2022 and January 2024."),
              (f"{title} > 3. RISKS WE ARE CARRYING", "- Old paper records.\n\n- Staff turnover."),
              (f"{title} > 4. BEFORE YOU SWITCH OVER", "- Clean the data in the old register first.\n\n- Map every charge as an area."),
              (f"{title} > 5. ACKNOWLEDGEMENTS", "We thank the councils.")]
    assert meant_section(embedder, "What should a council do before it switches over?", title, chunks) == f"{title} > 4. BEFORE YOU SWITCH OVER"


def test_the_further_a_heading_is_ahead_the_lower_it_may_come(embedder):
    # written for this test (after an examiner's set): the relief grows with the heading's lead over the next one,
    # from none at the margin to all of it at twice the margin (the question's best heading is about 0.22 ahead)
    title = "Switching Telecare Alarms to Digital Lines"
    chunks = [(f"{title} > Background", "Alarms used the old copper network."),
              (f"{title} > What surprised us", "- Old alarms failed on digital lines.\n\n- Many homes had no signal."),
              (f"{title} > What we would do next time", "- Test signal first.\n\n- Book visits before writing to users."),
              (f"{title} > Who we spoke to", "Installers and call handlers.")]
    question = "If the county had to do the switchover all again, what would it change?"
    meant = f"{title} > What we would do next time"
    assert meant_section(embedder, question, title, chunks, min_similarity=0.33, min_margin=0.15) == meant  # well ahead
    assert meant_section(embedder, question, title, chunks, min_similarity=0.33, min_margin=0.2) is None  # just ahead
