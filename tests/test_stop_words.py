"""The English stop-word list (indexing/stop_words.py), and what changing an analyser does to a data directory."""

import json
import sqlite3

from assistant.settings import Settings
from indexing.keyword import STOP_WORD_LISTS, Analyser, KeywordIndex
from indexing.stop_words import ENGLISH


def test_function_words_are_stopped_and_content_words_are_not():
    stops = STOP_WORD_LISTS["english"]
    assert stops is ENGLISH
    assert {"the", "were", "which", "either", "many", "however", "aren", "t"} <= stops  # "aren't" -> aren + t
    assert not {"find", "found", "system", "areas", "survey", "skills", "one", "year", "research"} & stops
    assert Analyser()("Which areas did the survey find in either year?") == ["area", "survey", "find", "year"]


def test_an_index_written_with_another_stop_list_is_emptied_on_open(tmp_path):
    path = tmp_path / "kw.sqlite"
    KeywordIndex(path).add_document("d", [("d:00000", "", "digital skills")])
    again = KeywordIndex(path)
    assert again.doc_ids() == {"d"} and not again.emptied_on_open  # same list: kept
    with sqlite3.connect(path) as conn:  # as written before the signature carried the list's digest
        conn.execute("UPDATE meta SET value = ? WHERE key = 'analyser'", (json.dumps({"stem": True, "stop_words": "english"}),))
    conn.close()
    reopened = KeywordIndex(path)
    assert reopened.doc_ids() == set() and reopened.emptied_on_open
    assert reopened.analyser == Analyser()
    assert not KeywordIndex(tmp_path / "new.sqlite").emptied_on_open  # a new file is not "emptied"


def test_a_data_directory_indexed_with_other_keyword_settings_still_answers(corpus_copy, make_services):
    """The keyword index is refilled from Chroma on open, so dense hits are not screened out as unready."""
    unstemmed = make_services(Settings(data_dir=corpus_copy, keyword_stemming=False, _env_file=None))
    assert unstemmed.keyword.emptied_on_open
    assert unstemmed.keyword.ready_count == len(unstemmed.store.ready_ids()) > 0
    answer = unstemmed.assistant.ask("How many completed responses did the survey receive?")
    assert not answer.refused and "984" in answer.answer
