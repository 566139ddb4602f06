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
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from assistant.catalog import Catalog
from assistant.filters import FilterIndex
from assistant.model import Filters
from assistant.tokens import COMPOUND_WEIGHT, MIN_COMPOUND_PART

__all__ = ["LexicalHit", "LexicalIndex"]

log = logging.getLogger(__name__)

MAX_EXPANSIONS = 40
# Misspelt question words: shorter words are too often another real word one letter away;
# from LONG_WORD letters on, two slips are forgiven ("miljøledese" → "miljøledelse")
MIN_RESPELL = 5
LONG_WORD = 9
# Letters typed for one another on keyboards without æ/ø/å. The first two letters are rarely
# mistyped, and a slip there mostly makes another real word ("bystyret" is not "bestyrelse"):
# only words that start the same, up to these stand-ins, are compared.
_PLAIN = str.maketrans("æøå", "aoa")
_ASCII_PAIRS = (("ae", "æ"), ("oe", "ø"))


@dataclass(frozen=True)
class LexicalHit:
    chunk_id: str
    score: float


class LexicalIndex:
    """BM25 over the catalog's chunks at one catalog generation; `filters` holds the same
    chunks' metadata (built from the same catalog rows, in the same order).

    Without `include_closed` it holds the open items' chunks only: its vocabulary, word
    rarity and compound forms are then what a caller who may not see closed items may learn.
    One index over everything, filtered at search time, let closed words change answers
    (a closed-only word's rarity decided whether a question was answered: issue 14).
    """

    # bump when the pickled layout changes, so an index written by older code is rebuilt
    FORMAT = 5

    def __init__(self, catalog: Catalog, generation: int, include_closed: bool) -> None:
        every = catalog.lexical_rows()
        rows = every if include_closed else [r for r in every if not r[6]]
        self.format = self.FORMAT
        self.generation = generation
        # whom it may serve: built over everything, or over an archive without closed items
        self.serves_closed = len(rows) == len(every)
        self.serves_open = not include_closed or not any(r[6] for r in every)
        self.chunk_ids = [r[0] for r in rows]
        self.retriever = bm25s.BM25(k1=1.2, b=0.75)
        # words → ids as they are read: lists of shared ints, not a string object per word
        # (at a million chunks the strings alone took 5 GB)
        ids: dict[str, int] = {}
        corpus = [[ids.setdefault(w, len(ids)) for w in r[1].split() or ["\x00"]] for r in rows]
        if corpus:
            self.retriever.index((corpus, ids), show_progress=False)
        else:
            self.retriever.vocab_dict = {}  # bm25s sets it only when it indexes something
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

    def respell(self, token: str) -> str:
        """The indexed word a misspelt or ASCII-typed question word stands for
        ("miljoledelse" → "miljøledelse"): the nearest by edit distance, the commonest of
        equals; the word itself when the index knows it or nothing is near enough."""
        if len(token) < MIN_RESPELL or token in self.retriever.vocab_dict or self.known(token):
            return token
        for plain, letter in _ASCII_PAIRS:
            folded = token.replace(plain, letter)
            if folded != token and self.known(folded):
                return folded
        limit = 1 if len(token) < LONG_WORD else 2
        near = process.extract(
            token,
            self._starting_as(token),
            scorer=Levenshtein.distance,
            score_cutoff=limit,
            limit=None,
        )
        vocab = self.retriever.vocab_dict
        best = min(near, key=lambda m: (m[1], -int(self._df[vocab[m[0]]]), m[0]), default=None)
        return str(best[0]) if best else token

    def _starting_as(self, token: str) -> list[str]:
        """Indexed words whose first two letters are the token's, æ/ø/å read as a/o/a."""
        buckets: dict[str, list[str]] | None = self.__dict__.get("_buckets")
        if buckets is None:  # built on first use, not pickled (see __getstate__)
            buckets = {}
            for term in self._vocab:
                buckets.setdefault(term[:2].translate(_PLAIN), []).append(term)
            self.__dict__["_buckets"] = buckets
        return buckets.get(token[:2].translate(_PLAIN), [])

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state.pop("_buckets", None)
        return state

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
    def load_or_build(cls, catalog: Catalog, folder: Path, include_closed: bool) -> LexicalIndex:
        """The index for the catalog's current generation: from disk if fresh, else rebuilt."""
        generation = catalog.generation()
        # its own file first; the other one serves too when the archive has no closed items
        names = ("lexical.pickle", "lexical-open.pickle")
        own, other = names if include_closed else names[::-1]
        path = folder / own
        for name in (own, other):
            index = cls._load(folder / name)
            if index is not None and index.fits(generation, include_closed):
                return index
        index = cls(catalog, generation, include_closed)
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

    def fits(self, generation: int, include_closed: bool) -> bool:
        """Is this the index of that generation, for that audience?"""
        serves = self.serves_closed if include_closed else self.serves_open
        return self.generation == generation and serves

    @classmethod
    def _load(cls, path: Path) -> LexicalIndex | None:
        if not path.exists():
            return None
        try:
            with path.open("rb") as handle:
                index = pickle.load(handle)
        except Exception:
            log.info("lexical index %s unreadable; rebuilding", path.name)
            return None
        fresh = isinstance(index, cls) and getattr(index, "format", None) == cls.FORMAT
        return index if fresh else None
