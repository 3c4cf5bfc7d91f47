"""Process-wide environment for running offline: no hub look-ups, no progress noise."""

from __future__ import annotations

import logging
import os


def configure_offline() -> None:
    """Called once by each entry point before any model library is imported."""
    for key, value in {
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "HF_HUB_DISABLE_PROGRESS_BARS": "1",
        "HF_HUB_DISABLE_TELEMETRY": "1",
        "TRANSFORMERS_VERBOSITY": "error",
        "TOKENIZERS_PARALLELISM": "false",
        "ANONYMIZED_TELEMETRY": "False",
        "GRADIO_ANALYTICS_ENABLED": "False",
    }.items():
        os.environ.setdefault(key, value)
    logging.getLogger("chromadb.telemetry").setLevel(logging.CRITICAL)
