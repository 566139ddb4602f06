"""Term frequencies per chunk, column by column (term by term): a segment of the word index.

bm25s stores each (term, chunk) pair's finished BM25 score, which folds in the word's rarity
and the average chunk length of the whole archive, so one added chunk changes every stored
score and the whole index had to be rebuilt. A segment stores what does not change: how often
each word occurs in each chunk. The index scores from it with archive-wide statistics at query
time (`bm25`), so segments built at different times score exactly like one built at once.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = ["K1", "B", "Postings", "bm25", "idf", "norms"]

# bm25s' defaults for its "lucene" variant, which the index used and whose scores it keeps
K1 = 1.2
B = 0.75

Ints = npt.NDArray[np.int64]
SLICE = 1_000_000  # postings merged at a time (~30 MB of working arrays)


def idf(df: int, n: int) -> np.float32:
    """Lucene's inverse document frequency, rounded as bm25s rounds it (to float32)."""
    return np.float32(math.log(1 + (n - df + 0.5) / (df + 0.5)))


def norms(lengths: npt.NDArray[np.int32], average: float) -> npt.NDArray[np.float64]:
    """Per chunk, BM25's length normalisation: k1 * (1 - b + b * length / average length)."""
    # the operations in bm25s' order, so that scores match its own to the last bit
    return np.float64(K1) * ((1 - B) + B * lengths.astype(np.float64) / np.float64(average))


def bm25(
    tf: npt.NDArray[np.float32], norm: npt.NDArray[np.float64], idf32: np.float32
) -> npt.NDArray[np.float32]:
    """Lucene BM25 of one term in some chunks, from its frequencies and their norms."""
    return (np.float64(idf32) * (tf / (norm + tf))).astype(np.float32)


@dataclass(frozen=True)
class Postings:
    """Compressed sparse columns: term t occurs in chunks `rows[indptr[t]:indptr[t + 1]]`
    (index rows, ascending), `tf` times each. Terms past the end occur nowhere here."""

    indptr: Ints
    rows: npt.NDArray[np.int32]
    tf: npt.NDArray[np.float32]

    @classmethod
    def empty(cls) -> Postings:
        return cls(np.zeros(1, np.int64), np.zeros(0, np.int32), np.zeros(0, np.float32))

    @classmethod
    def build(cls, ids: npt.NDArray[np.int32], lengths: Ints, first_row: int) -> Postings:
        """The postings of chunks given as their term ids end to end (`lengths` each), the
        chunks numbered from `first_row` on."""
        chunks = len(lengths)
        if not chunks:
            return cls.empty()
        # one key per word occurrence, term-major: sorting groups each term's chunks in order
        keys = ids.astype(np.int64) * chunks
        keys += np.repeat(np.arange(chunks, dtype=np.int64), lengths)
        keys.sort()
        starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
        tf = np.diff(np.append(starts, len(keys))).astype(np.float32)
        unique = keys[starts]
        terms = unique // chunks
        rows = (unique - terms * chunks + first_row).astype(np.int32)
        indptr = np.zeros(int(terms[-1]) + 2, np.int64)
        np.cumsum(np.bincount(terms), out=indptr[1:])
        return cls(indptr, rows, tf)

    @property
    def terms(self) -> int:
        return len(self.indptr) - 1

    def of(self, term: int) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]]:
        """The chunks a term occurs in, and how often."""
        if term >= self.terms:
            return self.rows[:0], self.tf[:0]
        start, end = self.indptr[term], self.indptr[term + 1]
        return self.rows[start:end], self.tf[start:end]

    @classmethod
    def merged(
        cls,
        parts: list[Postings],
        terms: int,
        new_row: npt.NDArray[np.int32] | None = None,
        new_term: npt.NDArray[np.int32] | None = None,
    ) -> Postings:
        """One matrix of `parts` (each part's chunks after the last one's), over `terms` terms;
        rows renumbered by `new_row` and terms by `new_term` where given (-1: dropped).

        Linear, without sorting: each posting is written where its term's column, the parts
        before it and its rank in its part's column put it. Parts are read in slices of whole
        columns, twice (to count, then to write), so the merge needs little beyond its output.
        """
        counts = np.zeros(terms, np.int64)
        for part in parts:
            for term, _rows, _tf in part._slices(new_row, new_term):
                counts += np.bincount(term, minlength=terms)
        indptr = np.zeros(terms + 1, np.int64)
        np.cumsum(counts, out=indptr[1:])
        out_rows = np.empty(int(indptr[-1]), np.int32)
        out_tf = np.empty(int(indptr[-1]), np.float32)
        write = indptr[:-1].copy()  # where each term's next posting goes
        for part in parts:
            for term, rows, tf in part._slices(new_row, new_term):
                # a term's postings are one run within a part (renumbering keeps terms apart)
                starts = np.flatnonzero(np.concatenate(([True], term[1:] != term[:-1])))
                rank = np.arange(len(term), dtype=np.int64)
                rank -= np.repeat(starts, np.diff(np.append(starts, len(term))))
                destination = write[term] + rank
                out_rows[destination] = rows
                out_tf[destination] = tf
                write += np.bincount(term, minlength=terms)  # what follows goes after these
        return cls(indptr, out_rows, out_tf)

    def _slices(
        self,
        new_row: npt.NDArray[np.int32] | None,
        new_term: npt.NDArray[np.int32] | None,
    ) -> Iterator[tuple[npt.NDArray[np.int32], npt.NDArray[np.int32], npt.NDArray[np.float32]]]:
        """(term, row, tf) of the kept postings, renumbered, about SLICE at a time, each slice
        whole columns; empty slices are skipped."""
        size, first = SLICE, 0
        while first < self.terms:
            end = int(np.searchsorted(self.indptr, self.indptr[first] + size, "right"))
            last = min(max(end - 1, first + 1), self.terms)  # at least one column
            start, stop = self.indptr[first], self.indptr[last]
            counts = np.diff(self.indptr[first : last + 1])
            term = np.repeat(np.arange(first, last, dtype=np.int32), counts)
            rows, tf = self.rows[start:stop], self.tf[start:stop]
            keep: npt.NDArray[np.bool_] | None = None
            if new_row is not None:
                rows = new_row[rows]
                keep = rows >= 0
            if new_term is not None:
                term = new_term[term]
                keep = term >= 0 if keep is None else keep & (term >= 0)
            if keep is not None and not keep.all():
                term, rows, tf = term[keep], rows[keep], tf[keep]
            if len(term):
                yield term, rows, tf
            first = last
