from pathlib import Path

import pytest

from assistant.errors import UnsupportedFileError
from indexing.sniff import sniff
from tests.fixtures.make_fixtures import bad_files, good_files


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sniff")
    return good_files(folder / "good"), bad_files(folder / "bad")


def test_every_format_is_recognised_from_its_bytes(files):
    good, _ = files
    for kind, path in good.items():
        assert sniff(path, path.read_bytes()) == kind


def test_the_content_wins_over_the_extension(files, tmp_path):
    good, _ = files
    disguised = tmp_path / "actually-word.pdf"
    disguised.write_bytes(good["docx"].read_bytes())
    assert sniff(disguised, disguised.read_bytes()) == "docx"
    html_as_txt = tmp_path / "page.txt"
    html_as_txt.write_bytes(good["html"].read_bytes())
    assert sniff(html_as_txt, html_as_txt.read_bytes()) == "html"


@pytest.mark.parametrize("name, reason", [("empty", "empty"), ("unsupported_png", "image/png")])
def test_unsupported_inputs_name_the_reason(files, name, reason):
    _, bad = files
    with pytest.raises(UnsupportedFileError, match=reason) as info:
        sniff(bad[name], bad[name].read_bytes())
    assert str(bad[name]) in str(info.value)


def test_a_zip_that_is_not_word_is_rejected(tmp_path):
    import zipfile

    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(UnsupportedFileError, match="not a Word document"):
        sniff(path, path.read_bytes())


def test_markdown_is_recognised_without_its_extension(tmp_path):
    path = Path(tmp_path / "notes")
    path.write_text("# Title\n\nSome text.\n")
    assert sniff(path, path.read_bytes()) == "markdown"


def test_a_note_that_mentions_the_pdf_header_is_still_text(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Engineers: a PDF file begins with %PDF-1.7 and ends with %%EOF.\n")
    assert sniff(path, path.read_bytes()) == "text"
