"""The bundled model run by PyTorch, in bfloat16 where the CPU computes it natively.

Why: ingest's cost is the model's forward passes. On CPUs with native bfloat16 (AMX or
AVX-512 BF16) the network with bfloat16 weights encodes SciFact chunks 3.3x faster than
float32 PyTorch, with vectors at cosine 0.9999 to float32's (``docs/operations.md``). Elsewhere
it runs in float32. Tokenizing and pooling are ``indexing.token_encoder``'s.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np

from indexing.token_encoder import TokenEncoder, unit


_PACK_SHORTER_THAN = 16  # tokens, [CLS] and [SEP] included: words and short phrases


@cache  # the machine's CPU does not change while the process runs
def native_bf16() -> bool:
    """Whether this CPU computes bfloat16 in hardware (Linux CPU flags; elsewhere: no)."""
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return " amx_bf16" in flags or " avx512_bf16" in flags


class TorchEncoder(TokenEncoder):
    """``TorchEncoder(model_path, bf16=native_bf16())``: cheap; PyTorch loads on first encode."""

    def __init__(self, model_path: str, bf16: bool = False, threads: int | None = None) -> None:
        """``threads``: PyTorch's intra-op threads while this encoder runs (the setting is the
        process's, so it is set for each forward pass and put back after)."""
        super().__init__(model_path)
        self.bf16 = bf16
        self.threads = threads
        self._model = None

    def _load_network(self) -> None:
        import torch
        from transformers import AutoModel

        model = AutoModel.from_pretrained(self.model_path, local_files_only=True).eval()
        self._model = model.to(torch.bfloat16) if self.bf16 else model

    def encode(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        """As ``TokenEncoder.encode``; texts of a few tokens (words, at ingest by the thousand) are
        packed many to a sequence (``_encode_packed``)."""
        if len(texts) < 2 * _PACK_SHORTER_THAN:
            return super().encode(texts, batch_size)
        encoded = self._unpadded(texts)
        short = [i for i, e in enumerate(encoded) if len(e.ids) < _PACK_SHORTER_THAN]
        rest = [i for i, e in enumerate(encoded) if len(e.ids) >= _PACK_SHORTER_THAN]
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        if short:
            out[short] = self._encode_packed([encoded[i] for i in short])
        if rest:
            out[rest] = super().encode([texts[i] for i in rest], batch_size)
        return out

    def _unpadded(self, texts: list[str]):
        return self.load().encode_batch(texts)  # the tokenizer pads nothing (``TokenEncoder.load``)

    def _encode_packed(self, encoded: list, length: int = 64, rows: int = 128) -> np.ndarray:
        """Short texts (their unpadded encodings) packed end to end into sequences of ``length`` tokens, each attending only
        to itself (a block-diagonal mask) with its own positions from 0: the vectors each would
        get alone (to rounding), in far fewer, fuller forward passes. Why: 6,500 words encoded one
        per sequence cost half as much as the 500 chunks they came from. Sequences of 64, not
        256: attention's cost grows with the square of the length, and a word only needs its own."""
        import torch

        out = np.zeros((len(encoded), self.dimension), dtype=np.float32)
        order = sorted(range(len(encoded)), key=lambda i: len(encoded[i].ids))
        sequences: list[list[int]] = [[]]
        used = 0
        for i in order:
            if used + len(encoded[i].ids) > length:
                sequences.append([])
                used = 0
            sequences[-1].append(i)
            used += len(encoded[i].ids)
        for start in range(0, len(sequences), rows):
            batch = sequences[start : start + rows]
            ids = np.zeros((len(batch), length), dtype=np.int64)
            positions = np.zeros((len(batch), length), dtype=np.int64)
            segment = np.full((len(batch), length), -1, dtype=np.int64)
            places: list[tuple[int, int, int, int]] = []  # (text, row, start, end)
            for row, members in enumerate(batch):
                at = 0
                for i in members:
                    n = len(encoded[i].ids)
                    ids[row, at : at + n] = encoded[i].ids
                    positions[row, at : at + n] = np.arange(n)
                    segment[row, at : at + n] = i
                    places.append((i, row, at, at + n))
                    at += n
            seg = torch.from_numpy(segment)
            mask = (seg[:, None, :, None] == seg[:, None, None, :]) & (seg[:, None, :, None] >= 0)
            mask |= torch.eye(length, dtype=torch.bool)[None, None]  # padding attends to itself: no empty rows
            tokens = self._run(input_ids=torch.from_numpy(ids), attention_mask=mask, position_ids=torch.from_numpy(positions),
                               token_type_ids=torch.zeros_like(torch.from_numpy(ids)))
            for i, row, a, b in places:
                out[i] = tokens[row, a:b].mean(axis=0)
        return unit(out)

    def _token_vectors(self, ids: np.ndarray, mask: np.ndarray, types: np.ndarray) -> np.ndarray:
        import torch

        return self._run(input_ids=torch.from_numpy(ids), attention_mask=torch.from_numpy(mask), token_type_ids=torch.from_numpy(types))

    def _run(self, **inputs) -> np.ndarray:
        import torch

        before = torch.get_num_threads()
        if self.threads:
            torch.set_num_threads(self.threads)
        try:
            with torch.inference_mode():
                out = self._model(**inputs).last_hidden_state
            return out.float().numpy()
        finally:
            if self.threads:
                torch.set_num_threads(before)
