"""A list cut by a chunk boundary is continued from the section's next chunk, for list questions and the lists other answers give."""

from __future__ import annotations

from types import SimpleNamespace

from assistant.chain import Assistant
from assistant.retrieval import Passage
from indexing.store import StoredChunk


def _passage(text: str, index: int = 3, section: str = "6.2 What gets in the way") -> Passage:
    return Passage(chunk_id=f"d:{index:05d}", doc_id="d", title="T", source="d.pdf", section=section, page=5,
                   text=text, chunk_index=index)


def _owner(next_text: str | None, section: str = "6.2 What gets in the way"):
    def get_chunks(ids):
        assert ids == ["d:00004"]
        return [StoredChunk("d:00004", next_text, {"doc_id": "d", "section": section})] if next_text is not None else []
    return SimpleNamespace(retriever=SimpleNamespace(store=SimpleNamespace(get_chunks=get_chunks)))


HEAD = "Respondents named:\n\n- Legal uncertainty (52 per cent).\n\n- Incompatible systems (50 per cent)."
REST = "tible systems (50 per cent).\n\n- A culture of ownership (38 per cent). All four figures are shares.\n\nLater prose."


def test_the_next_chunks_items_are_added_up_to_the_prose_that_follows():
    joined = Assistant._list_continued(_owner(REST), _passage(HEAD))
    assert joined.text.endswith("- Incompatible systems (50 per cent).\n\n- A culture of ownership (38 per cent).")
    assert joined.joined == ["d:00004"]


def test_nothing_is_added_after_prose_from_another_section_or_without_a_next_chunk():
    assert Assistant._list_continued(_owner(REST), _passage(HEAD + "\n\nThat is all.")).text.endswith("That is all.")
    assert Assistant._list_continued(_owner(REST, section="7. Other"), _passage(HEAD)).joined == []
    assert Assistant._list_continued(_owner(None), _passage(HEAD)).joined == []


def test_a_numbered_item_keeps_its_text_the_numbers_full_stop_ends_no_sentence():
    head = "The four answers were:\n\n1. Recruiting staff.\n\n2. Old systems.\n\n3. Yearly funding."
    joined = Assistant._list_continued(_owner("4. Low confidence among station-based staff. The case study follows."), _passage(head))
    assert joined.text.endswith("3. Yearly funding.\n\n4. Low confidence among station-based staff.")


def test_a_list_announced_as_longer_than_it_is_is_unfinished():
    from assistant.lists import announced_unfinished

    assert announced_unfinished("The four answers were:\n\n1. Recruiting staff.\n\n2. Old systems.\n\n3. Yearly funding.")
    assert not announced_unfinished("The four answers were:\n\n1. A.\n\n2. B.\n\n3. C.\n\n4. D.")
    assert not announced_unfinished("The four answers were:\n\n1. A.\n\n2. B.\n\nThat is all we found.")  # prose closes it
    assert not announced_unfinished("Respondents named these:\n\n- A.\n\n- B.")  # no count announced


def test_items_read_from_the_next_page_are_cited_with_that_page():
    """The list runs on to page 6: its items from there cite page 6, the whole list pages 5-6."""
    from assistant.answer import citation_for

    def owner_on_page(page):
        chunk = StoredChunk("d:00004", REST, {"doc_id": "d", "section": "6.2 What gets in the way", "page": page})
        return SimpleNamespace(retriever=SimpleNamespace(store=SimpleNamespace(get_chunks=lambda ids: [chunk])))

    joined = Assistant._list_continued(owner_on_page(6), _passage(HEAD))
    whole = citation_for(1, joined, "Legal uncertainty (52 per cent). … A culture of ownership (38 per cent).")
    assert (whole.page, whole.last_page, whole.pages) == (5, 6, "pages 5\u20136")
    late = citation_for(1, joined, "A culture of ownership (38 per cent).")
    assert (late.page, late.last_page, late.pages) == (6, None, "page 6")
    early = citation_for(1, joined, "Legal uncertainty (52 per cent).")
    assert (early.page, early.last_page) == (5, None)
    same_page = Assistant._list_continued(owner_on_page(5), _passage(HEAD))
    assert citation_for(1, same_page, "A culture of ownership (38 per cent).").pages == "page 5"
