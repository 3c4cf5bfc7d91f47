from indexing.manifest import find_entry, normalise_type


def test_values_that_yaml_reads_as_numbers_are_strings(tmp_path):
    (tmp_path / "manifest.yaml").write_text("- file: a.md\n  title: 2017\n  type: 5\n", encoding="utf-8")
    entry = find_entry(tmp_path / "a.md")
    assert entry.title == "2017" and entry.type == "5"
    assert normalise_type(entry.type) == "other"


def test_an_impossible_date_or_encoding_does_not_crash_the_ingest(tmp_path):
    (tmp_path / "manifest.yaml").write_text("- file: a.md\n  title: A\n  published: 2017-13-45\n", encoding="utf-8")
    assert find_entry(tmp_path / "a.md") is None
    (tmp_path / "manifest.yaml").write_bytes("- file: a.md\n  title: Caf\xe9\n".encode("cp1252"))
    assert find_entry(tmp_path / "a.md") is None
