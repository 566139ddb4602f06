"""The lexical index: BM25 over every chunk, with compounds matched by their parts, kept
current by small updates instead of rebuilds.

Danish and Norwegian glue words together: "miljøledelse" must find "miljøledelsessystemet" and
"tidsregistrering" must find "arbejdstidsregistreringssystem". A query word of five letters or
more therefore also matches every indexed word that contains it, scored a little lower; each
query word counts once per chunk (the best of its forms), so a compound never double-counts.

The index is a base segment plus the chunks added since (a delta segment) and the rows of
chunks removed since (dead rows). Word counts (document frequency, number and total length of
chunks) are kept for what is live, and BM25 is computed from them at query time, so scores
after any sequence of updates equal a rebuild's. An update reads only what changed in the
catalog (lexical_log); the delta is merged into the base when it grows past MERGE_FRACTION of
it (at most MERGE_ROWS rows), so it stays small to keep and to save.
"""

from __future__ import annotations

import copy
import itertools
import logging
from collections import defaultdict
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from assistant import lexical_log
from assistant.catalog import Catalog
from assistant.filters import FilterIndex
from assistant.lexical_base import PLAIN, BaseSegment, LexicalDelta, SortedWords, word_buckets
from assistant.lexical_log import LexicalChanges
from assistant.model import Filters
from assistant.postings import Postings, bm25, idf, norms
from assistant.tokens import (
    COMPOUND_WEIGHT,
    MIN_COMPOUND_PART,
    MIN_HALF,
    ascii_folds,
    halves,
    is_function_word,
    is_wh_word,
    one_slip,
    stem,
)

__all__ = ["LexicalHit", "LexicalIndex"]

log = logging.getLogger(__name__)

MAX_EXPANSIONS = 40
# Misspelt question words: shorter words are too often another real word one letter away;
# from LONG_WORD letters on, two slips are forgiven ("miljøledese" → "miljøledelse")
MIN_RESPELL = 5
LONG_WORD = 9
# A typed word the archive holds in fewer than SELDOM passages may be a slip; it is read as
# a word one slip away only when that one is SLIP_RATIO times as common (and SELDOM at least):
# "klimabdsjett" is "klimabudsjett", but a rare real word is not taken for a common neighbour
SELDOM = 3
SLIP_RATIO = 10
MIN_SLIP = 7
MIN_PART = 3  # shortest word read as part of a compound ("nød" in "nødvand")
MIN_FIRST_WORD = 5  # shortest first word a respelt compound must keep to be another word
# Letters are typed for one another on keyboards without æ/ø/å (tokens.ascii_folds, and
# PLAIN). The first two letters are rarely mistyped, and a slip there mostly makes another
# real word ("bystyret" is not "bestyrelse"): only words that start the same, up to these
# stand-ins, are compared.
# The delta (added and removed rows) is merged into the base past this share of it, and past
# MERGE_ROWS rows whatever the base: a bigger delta costs every update (it is rewritten and
# saved whole), a merge costs about a rebuild from the index's own arrays (~1 s at 100k rows)
MERGE_FRACTION = 0.05
MERGE_ROWS = 20_000
MERGE_MIN_ROWS = 2_000
_EMPTY = "\x00"  # the one word of a chunk without words (it still counts towards N)


@dataclass(frozen=True)
class LexicalHit:
    chunk_id: str
    score: float


def _words(tokens: str) -> list[str]:
    return tokens.split() or [_EMPTY]


class LexicalIndex:
    """BM25 over the catalog's chunks at one catalog generation; `filters` holds the same
    chunks' metadata, row for row.

    Without `include_closed` it holds the open items' chunks only: its vocabulary, word
    rarity and compound forms are then what a caller who may not see closed items may learn.
    One index over everything, filtered at search time, let closed words change answers
    (a closed-only word's rarity decided whether a question was answered: issue 14).
    Versions never change: an update makes a new one, sharing the base with the old.
    """

    # bump when the pickled layout changes, so an index written by older code is rebuilt
    FORMAT = 6

    def __init__(
        self,
        base: BaseSegment,
        generation: int,
        include_closed: bool,
        hidden: int,
        row_ids: list[str],
        lengths: npt.NDArray[np.int32],
        filters: FilterIndex,
    ) -> None:
        """A base with nothing since; see `build`."""
        self.format = self.FORMAT
        self.generation = generation
        self.include_closed = include_closed
        self.hidden = hidden  # chunks the catalog holds that this audience may not see
        self._base = base
        self._row_ids = row_ids  # chunk id per row, dead rows included
        self._lengths = lengths
        self._alive: npt.NDArray[np.bool_] | None = None  # None: no dead rows
        self._live = len(row_ids)
        self._total = int(lengths.sum())
        self.filters = filters
        self._df = base.df  # live chunks per term, base terms first, then the new ones
        self._delta = Postings.empty()
        self._new_terms: list[str] = []
        self._new_vocab: dict[str, int] = {}
        self._tail_rows: list[tuple[Any, ...]] = []  # the delta's filter rows, to save them
        self._derive()

    def _derive(self) -> None:
        """What follows from the rest, computed not saved."""
        average = self._total / self._live if self._live else 1.0
        self._norm = norms(self._lengths, average)
        self._new_sorted = SortedWords(self._new_terms)
        self._new_buckets = word_buckets(self._new_terms)
        # whom it may serve: everything, or an archive without closed items
        self.serves_closed = self.include_closed or self.hidden == 0
        self.serves_open = not self.include_closed or not self.filters.holds_closed()

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        for derived in ("_norm", "_new_sorted", "_new_buckets"):
            state.pop(derived, None)
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        if state.get("format") == self.FORMAT:  # an older layout is only read to be replaced
            self._derive()

    # -- building ----------------------------------------------------------------------------

    @classmethod
    def build(cls, catalog: Catalog, include_closed: bool) -> LexicalIndex:
        """The index of what the catalog holds now, read whole."""
        # word → id as words are read: arrays of ints, not a string object per word (at a
        # million chunks the strings alone took 5 GB)
        vocab: defaultdict[str, int] = defaultdict(itertools.count().__next__)
        parts: list[Postings] = []
        row_ids: list[str] = []
        lengths: list[npt.NDArray[np.int64]] = []
        rows: list[tuple[Any, ...]] = []
        # one string object per distinct body, municipality, case number and date, not per row
        shared: dict[str, str] = {}
        with catalog.reading() as db:
            # batches of 10,000: their words are a string object each while they are read
            generation, chunks, batches = lexical_log.rows(db, include_closed, 10_000)
            for batch in batches:
                words = [_words(r[1]) for r in batch]
                sizes = np.fromiter(map(len, words), np.int64, len(words))
                flat = itertools.chain.from_iterable(words)
                ids = np.fromiter(map(vocab.__getitem__, flat), np.int32, int(sizes.sum()))
                del words
                parts.append(Postings.build(ids, sizes, len(row_ids)))
                lengths.append(sizes)
                row_ids.extend(r[0] for r in batch)
                rows.extend(
                    (r[0], None, *[v and shared.setdefault(v, v) for v in r[2:6]], r[6], r[7])
                    for r in batch
                )  # the tokens are not kept
        terms = list(vocab)
        postings = Postings.merged(parts, len(terms)) if len(parts) != 1 else parts[0]
        df = np.zeros(len(terms), np.int64)
        df[: postings.terms] = np.diff(postings.indptr)
        base = BaseSegment(postings, terms, len(row_ids), df)
        length = np.concatenate(lengths).astype(np.int32) if lengths else np.zeros(0, np.int32)
        filters = FilterIndex(rows, row_ids)
        return cls(
            base, generation, include_closed, chunks - len(row_ids), row_ids, length, filters
        )

    # -- the index as search sees it -----------------------------------------------------------

    def __len__(self) -> int:
        return self._live

    @property
    def chunk_ids(self) -> list[str]:
        """The ids of the chunks it holds, in row order."""
        if self._alive is None:
            return self._row_ids
        return [i for i, alive in zip(self._row_ids, self._alive, strict=True) if alive]

    def _id(self, word: str) -> int | None:
        """The term id of a word some live chunk holds."""
        term = self._base.vocab.get(word)
        if term is None:
            term = self._new_vocab.get(word)
        return term if term is not None and self._df[term] > 0 else None

    def _live_word(self, word: str) -> bool:
        return self._id(word) is not None

    def known(self, token: str) -> bool:
        """Does any indexed word match this one (itself or a compound containing it)?"""
        return bool(self.forms(token))

    def idf(self, token: str) -> float:
        """Inverse document frequency of a word: its own, or (for a word only ever seen inside
        compounds) that of its most common compound; unseen words get the highest."""
        n = self._live
        term = self._id(token)
        if term is not None:
            df = int(self._df[term])
        else:
            df = max((self._count(t) for t, _ in self.forms(token)), default=0)
        return float(np.log(1 + (n - df + 0.5) / (df + 0.5))) if n else 0.0

    def _count(self, word: str) -> int:
        term = self._id(word)
        return 0 if term is None else int(self._df[term])

    def written(self, word: str) -> str | None:
        """The word as the archive writes it, when the typed one is a slip of the keyboard:
        æ or ø typed as "ae", "oe" ("udlaeg" → "udlæg"), or, in a long word the archive never
        writes, one letter left out, added, changed or two swapped ("miljøldeelse" →
        "miljøledelse", `tokens.one_slip`) — to a word far commoner than the one typed; a slip
        of a word that opens a question is that word ("hvofror" → "hvorfor": the index holds
        none). None when the archive writes the word as typed, or no neighbour is clearly
        meant; short words have too many neighbours ("buket" is no slip of "luket")."""
        if len(word) < MIN_RESPELL or is_function_word(word):
            return None
        typed = self._count(stem(word))
        if typed >= SELDOM:
            return None
        floor = max(SELDOM, SLIP_RATIO * typed)
        for folded in ascii_folds(word):
            if self._count(stem(folded)) >= floor:
                return folded
        if typed or self._compound(word):
            return None  # a new compound of words it writes is a word ("badeland", "nødvand")
        slips = one_slip(word)
        # (of a word that opens a question only: a small archive lacks many a real word one
        # slip from a stopword or a frame word, "haller" from "heller")
        meant = sorted(s for s in slips if is_wh_word(s))
        if meant:
            return meant[0]
        if len(word) < MIN_SLIP:
            return None
        # the commonest; of slips the stemmer cuts alike, the shortest. Not one the stemmer cuts
        # to less than half the word: it is common as a head of many words, not as this one
        # ("plejebliger" is "plejeboliger", stem "plejebo", not "plejeliger", stem "plej")
        fewest, _, best = min(
            (
                (-self._count(stem(slip)), len(slip), slip)
                for slip in slips
                if 2 * len(stem(slip)) >= len(word)
            ),
            default=(0, 0, ""),
        )
        return best if -fewest >= floor else None

    def slip_of_a_word(self, word: str) -> bool:
        """Is the word one slip of the keyboard from a whole word the archive writes ("musuem"
        → "museum")? A name one slip off may be that name mistyped; one further off is someone
        or something else."""
        return any(self._count(stem(slip)) for slip in one_slip(word))

    def _compound(self, word: str) -> bool:
        """Can the word be read as two words the archive writes (a linking -s- or -e- left on
        the first)? Danish makes new words so; a slip seldom splits so cleanly."""
        return any(
            self._count(first) and self._count(second)
            for first, second in halves(word.lower(), MIN_PART)
        )

    def respell(self, token: str) -> str:
        """The indexed word a misspelt or ASCII-typed question word stands for
        ("miljoledelse" → "miljøledelse"): the nearest by edit distance, the commonest of
        equals; the word itself when the index knows it or nothing is near enough."""
        if len(token) < MIN_RESPELL or self._id(token) is not None or self.known(token):
            return token
        for folded in ascii_folds(token):
            if self.known(folded):
                return folded
        limit = 1 if len(token) < LONG_WORD else 2
        near = process.extract(
            token,
            self._starting_as(token),
            scorer=Levenshtein.distance,
            score_cutoff=limit,
            limit=None,
        )
        live = [(str(m[0]), m[1], self._count(str(m[0]))) for m in near]
        best = min((m for m in live if m[2]), key=lambda m: (m[1], -m[2], m[0]), default=None)
        if best is None or (best[1] > 1 and self._other_head(token, best[0])):
            return token
        return best[0]

    def _other_head(self, token: str, near: str) -> bool:
        """Does `near` keep a word the token opens with and change the rest: a compound with
        another head, not a slip? Two letters of a short head are a new word: "kunstfrossen"
        (ice) is not "kunstgræs" (turf), nor Norwegian "rådhustak" (roof) "rådhushave"."""
        return any(
            near.startswith(token[:cut]) and self._count(token[:cut]) > 0
            for cut in range(MIN_FIRST_WORD, len(token) - MIN_PART + 1)
        )

    def _starting_as(self, token: str) -> list[str]:
        """Indexed words whose first two letters are the token's, æ/ø/å read as a/o/a (words
        since removed among them: the caller skips those)."""
        key = token[:2].translate(PLAIN)
        return self._base.buckets().get(key, []) + self._new_buckets.get(key, [])

    def forms(self, token: str) -> list[tuple[str, float]]:
        """The indexed forms a query word matches: itself, and compounds containing it."""
        found: list[tuple[str, float]] = []
        if self._id(token) is not None:
            found.append((token, 1.0))
        if len(token) >= MIN_COMPOUND_PART:
            live = self._live_word
            compounds = self._base.sorted.containing(token, live, MAX_EXPANSIONS)
            if self._new_terms:
                more = self._new_sorted.containing(token, live, MAX_EXPANSIONS)
                compounds = sorted(compounds + more)[:MAX_EXPANSIONS]
            found.extend((term, COMPOUND_WEIGHT) for term in compounds)
        return found

    def _parts(self, token: str) -> list[tuple[str, float]]:
        """A compound the archive never writes, matched by the two words it writes it as
        ("seniorrådsvalg" by "valg til Greve Seniorråd"), each as a compound would be; the
        split with the longer shorter part, as a slip rarely splits so."""
        split = [
            pair
            for pair in halves(token, MIN_HALF, MIN_HALF - 1)
            if all(self._id(part) is not None for part in pair)
        ]
        if not split:
            return []
        best = max(split, key=lambda pair: min(map(len, pair)))
        return [(part, COMPOUND_WEIGHT) for part in best]

    def _scores(self, word: str) -> npt.NDArray[np.float32]:
        """BM25 of one word in every row (0 where it does not occur)."""
        scores = np.zeros(len(self._row_ids), dtype=np.float32)
        term = self._id(word)
        if term is None:
            return scores
        weight = idf(int(self._df[term]), self._live)
        for part in (self._base.postings, self._delta):
            rows, tf = part.of(term)
            if len(rows):
                scores[rows] = bm25(tf, self._norm[rows], weight)
        return scores

    def search(
        self,
        tokens: list[str],
        n: int,
        flt: Filters,
        include_closed: bool = False,
        split: Collection[str] = (),
    ) -> list[LexicalHit]:
        """Best chunks for the query words, best first; a word in `split` that the index
        holds in no form is looked for by its two parts (`_parts`)."""
        if not self._live or not tokens:
            return []
        scores = np.zeros(len(self._row_ids), dtype=np.float32)
        for token in dict.fromkeys(tokens):
            best: npt.NDArray[np.float32] | None = None
            forms = self.forms(token)
            for term, weight in forms or (self._parts(token) if token in split else ()):
                term_scores = self._scores(term) * weight
                best = term_scores if best is None else np.maximum(best, term_scores)
            if best is not None:
                scores += best
        allowed = self.filters.mask(flt, include_closed)  # dead rows never pass
        if allowed is not None:
            scores = np.where(allowed, scores, 0.0)
        n = min(n, len(scores))
        top = np.argpartition(-scores, n - 1)[:n]
        top = top[np.argsort(-scores[top])]
        return [LexicalHit(self._row_ids[i], float(scores[i])) for i in top if scores[i] > 0]

    def fits(self, generation: int, include_closed: bool) -> bool:
        """Is this the index of that generation, for that audience?"""
        serves = self.serves_closed if include_closed else self.serves_open
        return self.generation == generation and serves

    # -- keeping it current --------------------------------------------------------------------

    def caught_up(self, catalog: Catalog) -> LexicalIndex | None:
        """This index brought up to the catalog's generation from the catalog's log of changes;
        None when the log does not reach back to it or disagrees with it (then rebuild)."""
        changes = catalog.lexical_changes(self.generation, self.include_closed)
        if changes is None:
            return None
        updated = self._changed(changes)
        if updated is None:
            log.warning("the word index disagrees with the catalog's log of changes; rebuilding")
            return None
        return updated.merged() if updated.merge_due() else updated

    def _changed(self, changes: LexicalChanges) -> LexicalIndex | None:
        """A new version with the changes applied (None if the counts then disagree)."""
        new = copy.copy(self)
        new.generation = changes.generation
        total_rows = len(self._row_ids)
        alive = np.ones(total_rows, bool) if self._alive is None else self._alive.copy()
        df = self._df.copy()
        live, total = self._live, self._total
        held = self._rows_of([chunk_id for chunk_id, _ in changes.removed], alive)
        for chunk_id, tokens in changes.removed:
            row = held.get(chunk_id)
            if row is None:
                continue  # never held here (closed, or added and removed since)
            alive[row] = False
            live -= 1
            total -= int(self._lengths[row])
            terms = {self._base.vocab.get(w, self._new_vocab.get(w)) for w in _words(tokens)}
            df[[t for t in terms if t is not None]] -= 1
        added = changes.added
        if added:
            new._new_terms = list(self._new_terms)
            new._new_vocab = dict(self._new_vocab)
            ids, sizes = new._term_ids([_words(r[1]) for r in added])
            df = np.concatenate(
                (df, np.zeros(len(new._new_vocab) - len(self._new_vocab), df.dtype))
            )
            postings = Postings.build(ids, sizes, total_rows)
            df[: postings.terms] += np.diff(postings.indptr)
            new._delta = Postings.merged([self._delta, postings], len(df))
            new._row_ids = self._row_ids + [r[0] for r in added]
            new._lengths = np.concatenate((self._lengths, sizes.astype(np.int32)))
            alive = np.concatenate((alive, np.ones(len(added), bool)))
            live += len(added)
            total += int(sizes.sum())
            metadata = [(r[0], None, *r[2:]) for r in added]
            new._tail_rows = self._tail_rows + metadata
            new.filters = self.filters.extended(metadata, new._row_ids)
        new._alive = None if alive.all() else alive
        new.filters = new.filters.with_alive(new._alive)
        new._df, new._live, new._total = df, live, total
        if not self.include_closed:
            new.hidden = self.hidden + changes.closed_added - changes.closed_removed
        if live + new.hidden != changes.chunks:
            return None  # a change the log missed (a write by older code)
        new._derive()
        return new

    def _term_ids(self, words: list[list[str]]) -> tuple[npt.NDArray[np.int32], Any]:
        """Term ids of the words (new words get new ids) and how many each chunk has."""
        base, new = self._base.vocab, self._new_vocab
        ids: list[int] = []
        for word in itertools.chain.from_iterable(words):
            term = base.get(word)
            if term is None:
                term = new.get(word)
                if term is None:
                    term = new[word] = len(base) + len(self._new_terms)
                    self._new_terms.append(word)
            ids.append(term)
        sizes = np.fromiter(map(len, words), np.int64, len(words))
        return np.array(ids, np.int32), sizes

    def _rows_of(self, chunk_ids: list[str], alive: npt.NDArray[np.bool_]) -> dict[str, int]:
        """The live row of each of these chunk ids this index holds."""
        if not chunk_ids:
            return {}
        base_rows = self._base.rows
        candidates = self._base.row_of(chunk_ids, self._row_ids)
        wanted = set(chunk_ids)
        for row in range(base_rows, len(self._row_ids)):
            if self._row_ids[row] in wanted:
                candidates.setdefault(self._row_ids[row], []).append(row)
        return {
            chunk_id: row for chunk_id, rows in candidates.items() for row in rows if alive[row]
        }

    def merge_due(self) -> bool:
        """Has the delta grown enough to be merged into the base?"""
        base = self._base.rows
        changed = len(self._row_ids) - base + (len(self._row_ids) - self._live)
        return changed > min(MERGE_ROWS, max(MERGE_MIN_ROWS, MERGE_FRACTION * base))

    def merged(self) -> LexicalIndex:
        """The same index with the delta merged into a new base and dead rows and words
        dropped: what a rebuild gives, from the index's own arrays."""
        alive = np.ones(len(self._row_ids), bool) if self._alive is None else self._alive
        new_row = np.where(alive, np.cumsum(alive) - 1, -1).astype(np.int32)
        kept_terms = self._df > 0
        new_term = np.where(kept_terms, np.cumsum(kept_terms) - 1, -1).astype(np.int32)
        postings = Postings.merged(
            [self._base.postings, self._delta], int(kept_terms.sum()), new_row, new_term
        )
        words = self._base.terms + self._new_terms
        terms = [w for w, keep in zip(words, kept_terms, strict=True) if keep]
        row_ids = [i for i, keep in zip(self._row_ids, alive, strict=True) if keep]
        base = BaseSegment(postings, terms, len(row_ids), self._df[kept_terms])
        filters = self.filters.subset(alive, row_ids)
        lengths = self._lengths[alive]
        merged = LexicalIndex(
            base, self.generation, self.include_closed, self.hidden, row_ids, lengths, filters
        )
        return merged

    # -- saving and loading --------------------------------------------------------------------

    @classmethod
    def load_or_build(
        cls,
        catalog: Catalog,
        folder: Path,
        include_closed: bool,
        previous: LexicalIndex | None = None,
    ) -> LexicalIndex:
        """The index for the catalog's current generation: `previous` or the saved one brought
        up to date (and saved), else rebuilt (and saved)."""
        from assistant.lexical_files import load, save  # the file side needs this class

        generation = catalog.generation()
        # its own files first; the other audience's serve too when the archive has no
        # closed items
        sources: list[Callable[[], LexicalIndex | None]] = [
            lambda: previous,
            lambda: load(folder, include_closed),
            lambda: load(folder, not include_closed),
        ]
        for source in sources:
            index = source()
            if index is None or not index.fits(index.generation, include_closed):
                continue
            if index.generation == generation:
                return index
            if index.generation < generation:
                updated = index.caught_up(catalog)
                if updated is not None and updated.fits(updated.generation, include_closed):
                    save(updated, folder)
                    return updated
        index = cls.build(catalog, include_closed)
        save(index, folder)
        return index

    def delta(self) -> LexicalDelta:
        """What was added and removed since the base, as a delta file holds it."""
        base_df = self._base.df
        changed = np.flatnonzero(self._df[: len(base_df)] != base_df)
        terms = np.concatenate((changed, np.arange(len(base_df), len(self._df))))
        alive = self._alive
        return LexicalDelta(
            format=self.FORMAT,
            base=self._base.id,
            include_closed=self.include_closed,
            generation=self.generation,
            hidden=self.hidden,
            dead=np.zeros(0, np.int64) if alive is None else np.flatnonzero(~alive),
            row_ids=self._row_ids[self._base.rows :],
            lengths=self._lengths[self._base.rows :],
            rows=self._tail_rows,
            new_terms=self._new_terms,
            df_terms=terms,
            df_values=self._df[terms],
            postings=self._delta,
        )

    def has_delta(self) -> bool:
        return len(self._row_ids) > self._base.rows or self._alive is not None

    def base_saved(self) -> bool:
        return self._base.saved

    def mark_base_saved(self) -> None:
        self._base.saved = True

    def with_delta(self, delta: LexicalDelta) -> LexicalIndex | None:
        """This base with a saved delta applied; None if the delta is of another base."""
        if (
            delta.format != self.FORMAT
            or delta.base != self._base.id
            or delta.include_closed != self.include_closed
            or self.has_delta()
        ):
            return None
        new = copy.copy(self)
        new.generation, new.hidden = delta.generation, delta.hidden
        new._row_ids = self._row_ids + delta.row_ids
        new._lengths = np.concatenate((self._lengths, delta.lengths))
        new._new_terms = delta.new_terms
        new._new_vocab = {w: len(self._base.terms) + i for i, w in enumerate(delta.new_terms)}
        new._tail_rows = delta.rows
        new._delta = delta.postings
        df = np.concatenate((self._df, np.zeros(len(delta.new_terms), np.int64)))
        df[delta.df_terms] = delta.df_values
        alive = np.ones(len(new._row_ids), bool)
        alive[delta.dead] = False
        new._alive = None if alive.all() else alive
        new._df = df
        new._live = int(alive.sum())
        new._total = int(new._lengths[alive].sum())
        new.filters = self.filters.extended(delta.rows, new._row_ids).with_alive(new._alive)
        new._derive()
        return new
