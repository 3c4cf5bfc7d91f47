"""Shared fixtures: real Chroma, the real bundled embedding model (loaded once), real files."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from assistant.runtime import configure_offline

configure_offline()

from assistant.services import Services  # noqa: E402
from assistant.settings import Settings, bundled_model_path  # noqa: E402
from indexing.embeddings import Embedder  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus" / "documents"
ARTIFACTS = REPO / "tests" / "artifacts"
#: How many documents the sample corpus indexes (every file but the manifest).
CORPUS_DOCUMENTS = sum(1 for p in CORPUS.iterdir() if p.is_file() and not p.name.startswith(".") and p.suffix not in (".yaml", ".yml"))


@pytest.fixture(scope="session")
def embedder(tmp_path_factory) -> Embedder:
    """The bundled all-MiniLM-L6-v2, loaded once for the whole run."""
    return Embedder(bundled_model_path(), 32, tmp_path_factory.mktemp("vectors") / "vectors.sqlite")


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(data_dir=tmp_path / "data", _env_file=None)


@pytest.fixture
def make_services(embedder):
    """Services over a given Settings, sharing the loaded model."""

    def make(settings: Settings) -> Services:
        services = Services(settings, shared_embedder=embedder)
        return services

    return make


@pytest.fixture
def services(settings, make_services) -> Services:
    return make_services(settings)


@pytest.fixture(scope="session")
def corpus_data_dir(tmp_path_factory, embedder) -> Path:
    """The sample corpus indexed once per run into an embedded store; copy it before writing."""
    data = tmp_path_factory.mktemp("corpus") / "data"
    services = Services(Settings(data_dir=data, _env_file=None), shared_embedder=embedder)
    report = services.indexer.ingest([CORPUS])
    assert not report.failed, report.failed
    return data


@pytest.fixture(scope="session")
def corpus_services(corpus_data_dir, embedder) -> Services:
    """Read-only services over the indexed sample corpus (do not ingest or remove here)."""
    services = Services(Settings(data_dir=corpus_data_dir, _env_file=None), shared_embedder=embedder)
    return services


@pytest.fixture
def corpus_copy(corpus_data_dir, tmp_path) -> Path:
    """A private, writable copy of the indexed corpus data directory."""
    target = tmp_path / "corpus-data"
    shutil.copytree(corpus_data_dir, target)
    return target


@pytest.fixture(scope="session")
def chroma_server() -> tuple[str, int]:
    """The real `chroma run` server that `make test` starts; tests skip only outside make test."""
    port = os.environ.get("PSB_TEST_CHROMA_PORT")
    if not port:
        if os.environ.get("CI"):
            pytest.fail("PSB_TEST_CHROMA_PORT is not set: run the suite with `make test`")
        pytest.skip("no Chroma server: run the suite with `make test`")
    return "127.0.0.1", int(port)


@pytest.fixture(scope="session")
def llm_server() -> tuple[str, str]:
    """(base_url, model) of the real SmolLM2 server that `make test` starts."""
    url, model = os.environ.get("PSB_TEST_LLM_URL"), os.environ.get("PSB_TEST_LLM_MODEL")
    if not (url and model):
        if os.environ.get("CI"):
            pytest.fail("PSB_TEST_LLM_URL is not set: run the suite with `make test`")
        pytest.skip("no LLM server: run the suite with `make test`")
    return url, model


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
