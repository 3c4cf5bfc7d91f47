"""The model's own WordPiece tokenizer, as the chunker uses it, on the `tokenizers` library alone.

Why not transformers' tokenizer: the chunker counts the pieces of many short strings (each
candidate split), where transformers' wrapper costs several times the tokenizing itself, and
importing transformers (and through it PyTorch) took seconds in a process that needs neither.
Both read the model's ``tokenizer.json``, so the pieces are the same.
"""

from __future__ import annotations

from pathlib import Path


class WordPieces:
    """``WordPieces(model_path)``: cheap; the tokenizer loads on first use."""

    def __init__(self, model_path: str) -> None:
        self.model_path = model_path
        self._tokenizer = None

    def _loaded(self):
        if self._tokenizer is None:
            from tokenizers import Tokenizer

            tokenizer = Tokenizer.from_file(str(Path(self.model_path) / "tokenizer.json"))
            tokenizer.no_truncation()
            tokenizer.no_padding()
            self._tokenizer = tokenizer
        return self._tokenizer

    def tokenize(self, text: str) -> list[str]:
        """The text's word pieces, without [CLS] and [SEP]."""
        return self._loaded().encode(text, add_special_tokens=False).tokens

    def convert_tokens_to_string(self, tokens: list[str]) -> str:
        return self._loaded().decoder.decode(tokens)
