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

from indexing.token_encoder import TokenEncoder


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

    def _token_vectors(self, ids: np.ndarray, mask: np.ndarray, types: np.ndarray) -> np.ndarray:
        import torch

        before = torch.get_num_threads()
        if self.threads:
            torch.set_num_threads(self.threads)
        try:
            with torch.inference_mode():
                out = self._model(input_ids=torch.from_numpy(ids), attention_mask=torch.from_numpy(mask),
                                  token_type_ids=torch.from_numpy(types)).last_hidden_state
            return out.float().numpy()
        finally:
            if self.threads:
                torch.set_num_threads(before)
