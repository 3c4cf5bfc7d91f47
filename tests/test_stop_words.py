"""The English stop-word list comes from the ``stopwords`` package, and changing lists re-indexes."""

import json
import sqlite3

from indexing.keyword import STOP_WORD_LISTS, Analyser, KeywordIndex


def test_function_words_are_stopped_and_content_words_are_not():
    stops = STOP_WORD_LISTS["english"]
    assert {"the", "were", "which", "aren", "t"} <= stops  # "aren't" reaches the analyser as aren + t
    assert not {"find", "system", "areas", "survey", "skills"} & stops
    assert Analyser()("Which areas did the survey find?") == ["area", "survey", "find"]


def test_an_index_written_with_another_stop_list_is_emptied_on_open(tmp_path):
    path = tmp_path / "kw.sqlite"
    KeywordIndex(path).add_document("d", [("d:00000", "", "digital skills")])
    assert KeywordIndex(path).doc_ids() == {"d"}  # same list: kept
    with sqlite3.connect(path) as conn:  # as written before the list carried a digest
        conn.execute("UPDATE meta SET value = ? WHERE key = 'analyser'", (json.dumps({"stem": True, "stop_words": "english"}),))
    conn.close()
    reopened = KeywordIndex(path)
    assert reopened.doc_ids() == set()  # its terms were cut with other stop words: refilled from Chroma by sync
    assert reopened.analyser == Analyser()
