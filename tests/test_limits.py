"""Per-document limits: hostile files fail alone, with a plain reason, and nothing ready is lost."""

import pytest

from assistant.services import Services
from assistant.settings import Settings
from indexing.limits import Deadline, DocumentRejected, Limits, check_zip
from indexing.store import READY
from tests.fixtures.hostile import docx_bomb, docx_many_parts, one_line
from tests.fixtures.make_fixtures import good_files

QUESTION = "What share of the framework's spend did small suppliers win?"


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    return good_files(tmp_path_factory.mktemp("good"))


def _served(tmp_path, embedder, good, **limits) -> Services:
    """An index holding the good text file, ingested before any fault."""
    settings = Settings(data_dir=tmp_path / "data", _env_file=None, **limits)
    services = Services(settings, shared_embedder=embedder)
    assert services.indexer.ingest([good["text"]]).failed == []
    return services


def _still_answerable(services: Services) -> None:
    ready = services.store.list_documents(READY)
    assert [d.source for d in ready] == ["procurement-notes.txt"]
    assert not services.store.list_documents("pending")
    assert services.store.chunk_count() == sum(d.chunks for d in ready)
    answer = services.assistant.ask(QUESTION)
    assert not answer.refused and "23%" in answer.answer


def test_limits_check_their_arguments():
    with pytest.raises(ValueError):
        Limits(max_chars=0)
    with pytest.raises(ValueError):
        Limits(parse_memory_mb=100)
    with pytest.raises(DocumentRejected, match="PSB_MAX_DOCUMENT_CHARS"):
        Limits(max_chars=10).check_chars(11)
    with pytest.raises(DocumentRejected, match="took longer than"):
        Deadline(-1).check("embed")


def test_zip_declared_sizes_and_entry_count_are_checked(tmp_path, good):
    bomb = docx_bomb(tmp_path / "bomb.docx", good["docx"], unpacked_mb=24)
    with pytest.raises(DocumentRejected, match="zip bomb"):
        check_zip(bomb.read_bytes(), Limits(max_unpacked_mb=16))
    check_zip(bomb.read_bytes(), Limits(max_unpacked_mb=64))  # within the limit: accepted
    many = docx_many_parts(tmp_path / "many.docx", good["docx"], parts=60)
    with pytest.raises(DocumentRejected, match="parts, over the 50 limit"):
        check_zip(many.read_bytes(), Limits(max_zip_entries=50))


def test_a_generated_zip_bomb_fails_alone(tmp_path, embedder, good):
    """A 1 MB .docx inflating to 300 MB (over the 200 MB default) is refused from its zip directory, before any XML is parsed."""
    services = _served(tmp_path, embedder, good)
    bomb = docx_bomb(tmp_path / "bomb.docx", good["docx"], unpacked_mb=300)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    report = services.indexer.ingest([bomb, good["markdown"]])
    failed = {f["path"]: f["error"] for f in report.failed}
    assert "zip bomb" in failed[str(bomb)] and "PSB_MAX_UNPACKED_MB" in failed[str(bomb)]
    assert len(report.added) == 1, "the rest of the batch carries on"
    services.indexer.remove(report.added[0])
    _still_answerable(services)


def test_a_docx_that_parses_past_the_memory_cap_fails_and_the_worker_recovers(tmp_path, embedder, good):
    """Under the unpacked limit but too big to hold as a tree: the capped parse child gives up."""
    services = _served(tmp_path, embedder, good, parse_memory_mb=256)
    heavy = docx_bomb(tmp_path / "heavy.docx", good["docx"], unpacked_mb=120)
    report = services.indexer.ingest([heavy])
    assert report.failed and "PSB_PARSE_MEMORY_MB" in report.failed[0]["error"], report.failed
    again = services.indexer.ingest([good["docx"]])  # a fresh child reads the next file
    assert again.failed == [] and len(again.added) == 1
    services.indexer.remove(again.added[0])
    _still_answerable(services)


def test_a_one_line_5mb_file_fails_fast_with_a_reason(tmp_path, embedder, good):
    services = _served(tmp_path, embedder, good)
    flat = one_line(tmp_path / "flat.md", 5, spaces=False)
    report = services.indexer.ingest([flat])
    assert "PSB_MAX_DOCUMENT_CHARS" in report.failed[0]["error"]
    _still_answerable(services)


def test_a_one_line_file_within_the_character_limit_is_bounded_by_chunks(tmp_path, embedder, good):
    services = _served(tmp_path, embedder, good, max_document_chunks=50)
    flat = one_line(tmp_path / "flat.md", 1, spaces=True)
    report = services.indexer.ingest([flat])
    assert "more than 50 chunks" in report.failed[0]["error"] and "stage: chunk" in report.failed[0]["error"]
    _still_answerable(services)


def test_a_document_over_its_time_budget_fails(tmp_path, embedder, good):
    services = _served(tmp_path, embedder, good)
    services.indexer.limits = Limits(max_seconds=0.001)
    report = services.indexer.ingest([good["markdown"]])
    assert "PSB_MAX_DOCUMENT_SECONDS" in report.failed[0]["error"]
    _still_answerable(services)
