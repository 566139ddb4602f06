"""The parts of the word index that do not change once made: the base segment (postings and
vocabulary as of a build or merge), words sorted for finding compounds, and a saved delta."""

from __future__ import annotations

import bisect
import re
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from assistant.postings import Postings

__all__ = ["PLAIN", "BaseSegment", "LexicalDelta", "SortedWords", "word_buckets"]

# Letters typed for one another on keyboards without æ/ø/å (see LexicalIndex.respell)
PLAIN = str.maketrans("æøå", "aoa")


class SortedWords:
    """Words in sorted order as one string: the words containing a given one are found by one
    regular-expression scan instead of a test per word."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = sorted(words)
        self.text = "\n" + "\n".join(self.words) + "\n"
        self.starts = [0]
        for word in self.words:
            self.starts.append(self.starts[-1] + len(word) + 1)

    def containing(self, token: str, live: Callable[[str], bool], limit: int) -> list[str]:
        """The first `limit` live words (in sorted order) that contain `token`, but not it."""
        found: list[str] = []
        for match in re.finditer(re.escape(token), self.text):
            index = bisect.bisect_right(self.starts, match.start() - 1) - 1
            word = self.words[index] if 0 <= index < len(self.words) else ""
            if word and word != token and (not found or found[-1] != word) and live(word):
                found.append(word)
                if len(found) >= limit:
                    break
        return found


class BaseSegment:
    """The base segment: postings and vocabulary as of its build or last merge; never changed,
    so every version of the index shares it."""

    def __init__(
        self, postings: Postings, terms: list[str], rows: int, df: npt.NDArray[np.int64]
    ) -> None:
        self.id = uuid.uuid4().hex  # names it: a saved delta applies to this base only
        self.postings = postings
        self.terms = terms  # term id → word
        self.vocab = {term: i for i, term in enumerate(terms)}
        self.sorted = SortedWords(terms)
        self.rows = rows
        self.df = df
        self.saved = False  # is it the base on disk? (not pickled: see __setstate__)

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        for derived in ("_buckets", "_lookup", "vocab"):
            state.pop(derived, None)
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self.vocab = {term: i for i, term in enumerate(self.terms)}
        self.saved = True  # read from disk

    def buckets(self) -> dict[str, list[str]]:
        """Its words by their first two letters, æ/ø/å read as a/o/a (built on first use)."""
        buckets: dict[str, list[str]] | None = self.__dict__.get("_buckets")
        if buckets is None:
            buckets = word_buckets(self.sorted.words)
            self.__dict__["_buckets"] = buckets
        return buckets

    def row_of(self, chunk_ids: list[str], row_ids: list[str]) -> dict[str, list[int]]:
        """The base rows (dead or alive) holding these chunk ids."""
        lookup = self.__dict__.get("_lookup")
        if lookup is None:  # hashes in order: an id's rows by binary search, 16 bytes a row
            hashes = np.fromiter(map(hash, row_ids[: self.rows]), np.int64, self.rows)
            order = np.argsort(hashes, kind="stable")
            lookup = (hashes[order], order)
            self.__dict__["_lookup"] = lookup
        ordered, order = lookup
        found: dict[str, list[int]] = {}
        for chunk_id in chunk_ids:
            key = np.int64(hash(chunk_id))
            start = np.searchsorted(ordered, key, "left")
            end = np.searchsorted(ordered, key, "right")
            rows = [int(r) for r in order[start:end] if row_ids[r] == chunk_id]
            if rows:
                found[chunk_id] = rows
        return found


def word_buckets(words: Iterable[str]) -> dict[str, list[str]]:
    buckets: dict[str, list[str]] = {}
    for word in words:
        buckets.setdefault(word[:2].translate(PLAIN), []).append(word)
    return buckets


@dataclass(frozen=True)
class LexicalDelta:
    """What a saved delta file holds: the rows, words and counts since the base."""

    format: int
    base: str
    include_closed: bool
    generation: int
    hidden: int
    dead: npt.NDArray[np.int64]
    row_ids: list[str]
    lengths: npt.NDArray[np.int32]
    rows: list[tuple[Any, ...]]
    new_terms: list[str]
    df_terms: npt.NDArray[np.int64]  # the terms whose count differs from the base's
    df_values: npt.NDArray[np.int64]
    postings: Postings
