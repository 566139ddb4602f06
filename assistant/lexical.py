"""The lexical index: BM25 (bm25s) over every chunk, with compounds matched by their parts.

Danish and Norwegian glue words together: "miljøledelse" must find "miljøledelsessystemet" and
"tidsregistrering" must find "arbejdstidsregistreringssystem". A query word of five letters or
more therefore also matches every indexed word that contains it, scored a little lower; each
query word counts once per chunk (the best of its forms), so a compound never double-counts.
"""

from __future__ import annotations

import bisect
import logging
import os
import pickle
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import bm25s
import numpy as np
import numpy.typing as npt

from assistant.catalog import Catalog
from assistant.filters import FilterIndex
from assistant.model import Filters
from assistant.tokens import COMPOUND_WEIGHT, MIN_COMPOUND_PART

__all__ = ["LexicalHit", "LexicalIndex"]

log = logging.getLogger(__name__)

MAX_EXPANSIONS = 40


@dataclass(frozen=True)
class LexicalHit:
    chunk_id: str
    score: float


class LexicalIndex:
    """BM25 over the catalog's chunks at one catalog generation; `filters` holds the same
    chunks' metadata (built from the same catalog rows, in the same order)."""

    # bump when the pickled layout changes, so an index written by older code is rebuilt
    FORMAT = 4

    def __init__(self, catalog: Catalog, generation: int) -> None:
        rows = catalog.lexical_rows()
        self.format = self.FORMAT
        self.generation = generation
        self.chunk_ids = [r[0] for r in rows]
        self.retriever = bm25s.BM25(k1=1.2, b=0.75)
        # words → ids as they are read: lists of shared ints, not a string object per word
        # (at a million chunks the strings alone took 5 GB)
        ids: dict[str, int] = {}
        corpus = [[ids.setdefault(w, len(ids)) for w in r[1].split() or ["\x00"]] for r in rows]
        if corpus:
            self.retriever.index((corpus, ids), show_progress=False)
        # the metadata filters, from the same rows and sharing the one chunk id list
        self.filters = FilterIndex(rows, self.chunk_ids)
        # document frequency per term id: how specific a word is (rare words say more)
        self._df = np.diff(self.retriever.scores["indptr"]) if corpus else np.zeros(0)
        vocab = sorted(self.retriever.vocab_dict) if corpus else []
        self._vocab = vocab
        self._blob = "\n" + "\n".join(vocab) + "\n"
        self._starts = [0]
        for term in vocab:
            self._starts.append(self._starts[-1] + len(term) + 1)

    def __len__(self) -> int:
        return len(self.chunk_ids)

    def known(self, token: str) -> bool:
        """Does any indexed word match this one (itself or a compound containing it)?"""
        return bool(self.forms(token))

    def idf(self, token: str) -> float:
        """Inverse document frequency of a word: its own, or (for a word only ever seen inside
        compounds) that of its most common compound; unseen words get the highest."""
        n = len(self.chunk_ids)
        vocab = self.retriever.vocab_dict
        if token in vocab:
            df = int(self._df[vocab[token]])
        else:
            df = max((int(self._df[vocab[t]]) for t, _ in self.forms(token)), default=0)
        return float(np.log(1 + (n - df + 0.5) / (df + 0.5))) if n else 0.0

    def forms(self, token: str) -> list[tuple[str, float]]:
        """The indexed forms a query word matches: itself, and compounds containing it."""
        found: list[tuple[str, float]] = []
        if token in self.retriever.vocab_dict:
            found.append((token, 1.0))
        if len(token) >= MIN_COMPOUND_PART:
            compounds: set[str] = set()
            for match in re.finditer(re.escape(token), self._blob):
                index = bisect.bisect_right(self._starts, match.start() - 1) - 1
                term = self._vocab[index] if 0 <= index < len(self._vocab) else ""
                if term and term != token:
                    compounds.add(term)
                if len(compounds) >= MAX_EXPANSIONS:
                    break
            found.extend((term, COMPOUND_WEIGHT) for term in sorted(compounds))
        return found

    def search(
        self, tokens: list[str], n: int, flt: Filters, include_closed: bool = False
    ) -> list[LexicalHit]:
        """Best chunks for the query words, best first."""
        if not self.chunk_ids or not tokens:
            return []
        scores = np.zeros(len(self.chunk_ids), dtype=np.float32)
        for token in dict.fromkeys(tokens):
            best: npt.NDArray[np.float32] | None = None
            for term, weight in self.forms(token):
                term_scores = self.retriever.get_scores([term]) * weight
                best = term_scores if best is None else np.maximum(best, term_scores)
            if best is not None:
                scores += best
        allowed = self.filters.mask(flt, include_closed)
        if allowed is not None:
            scores = np.where(allowed, scores, 0.0)
        n = min(n, len(scores))
        top = np.argpartition(-scores, n - 1)[:n]
        top = top[np.argsort(-scores[top])]
        return [LexicalHit(self.chunk_ids[i], float(scores[i])) for i in top if scores[i] > 0]

    @classmethod
    def load_or_build(cls, catalog: Catalog, folder: Path) -> LexicalIndex:
        """The index for the catalog's current generation: from disk if fresh, else rebuilt."""
        generation = catalog.generation()
        path = folder / "lexical.pickle"
        if path.exists():
            try:
                with path.open("rb") as handle:
                    index = pickle.load(handle)
                fresh = getattr(index, "format", None) == cls.FORMAT
                if isinstance(index, cls) and fresh and index.generation == generation:
                    return index
            except Exception:
                log.info("lexical index on disk unreadable; rebuilding")
        index = cls(catalog, generation)
        # a temp file of its own: two processes may rebuild at once; the last rename wins and
        # both files are whole. Failing to save only costs the next process a rebuild.
        try:
            fd, tmp = tempfile.mkstemp(dir=folder, prefix="lexical-", suffix=".tmp")
            with os.fdopen(fd, "wb") as out:
                pickle.dump(index, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:
            log.warning("could not save the lexical index; it will be rebuilt next time")
        return index
