"""``python -m indexing.dump`` shows what ingest makes of a file, blocks or chunks, without indexing it."""

from indexing.dump import describe, main


def test_blocks_and_chunks_are_shown_under_their_sections(tmp_path, capsys):
    path = tmp_path / "note.md"
    path.write_text("# Review\n\nThe review ran for six months.\n\n## Costs\n\n| Item | Cost |\n| --- | --- |\n| Hosting | £2.9m |\n")
    blocks = describe(path)
    assert "--- block 1 [Review > Costs] page -\nItem / Cost:\nHosting (cost): £2.9m" in blocks
    assert "--- chunk 1 [Review > Costs]" in describe(path, chunks=True)
    assert main([str(path), str(tmp_path / "missing.pdf")]) == 1
    assert "# note.md (markdown) | title: Review" in capsys.readouterr().out
