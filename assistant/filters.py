"""The metadata filter engine: which chunks a filtered question may see.

Body, municipality, case number, meeting date, closed and "has a vector" per chunk, held as
numpy arrays (strings coded as small ints), so a filter is a vectorised comparison over every
chunk. It serves both sides of a search: the lexical index masks its BM25 scores with it, and
the dense side asks it which chunks with vectors may be seen. Built from the same catalog rows
as the lexical index (catalog.lexical_rows()), in the same order.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from assistant.model import Filters

__all__ = ["FilterIndex"]


def _date_int(value: str | None) -> int:
    return int(value.replace("-", "")) if value else 0


class _Codes:
    """Strings → small ints, so filters are vectorised comparisons."""

    def __init__(self, values: list[str | None]) -> None:
        self.table = {v: i for i, v in enumerate(sorted({v for v in values if v is not None}), 1)}
        self.array = np.array([self.table.get(v, 0) if v else 0 for v in values], dtype=np.int32)

    def code(self, value: str) -> int:
        return self.table.get(value, -1)  # -1 matches nothing: a filter on the unknown is empty

    def extended(self, values: list[str | None]) -> _Codes:
        """These codes and `values`' after them (new strings get the next numbers)."""
        codes = object.__new__(_Codes)
        codes.table = dict(self.table)
        for value in values:
            if value is not None and value not in codes.table:
                codes.table[value] = len(codes.table) + 1
        more = np.array([codes.table[v] if v else 0 for v in values], dtype=np.int32)
        codes.array = np.concatenate((self.array, more))
        return codes

    def subset(self, rows: npt.NDArray[np.bool_]) -> _Codes:
        codes = object.__new__(_Codes)
        codes.table, codes.array = self.table, self.array[rows]
        return codes


class FilterIndex:
    """Per-chunk metadata of the catalog's chunks, in the order of the rows it was built from.

    `rows` are catalog.lexical_rows(): (chunk id, tokens, body, municipality, case number,
    date, closed, dense) per chunk; the tokens are not read. `chunk_ids` (the rows' ids, in
    order) may be given to share one list with the lexical index instead of building another.
    """

    def __init__(self, rows: Sequence[Sequence[Any]], chunk_ids: list[str] | None = None) -> None:
        self._chunk_ids = [r[0] for r in rows] if chunk_ids is None else chunk_ids
        if len(self._chunk_ids) != len(rows):
            raise ValueError("chunk_ids and rows differ in length")
        self._body = _Codes([r[2] for r in rows])
        self._municipality = _Codes([r[3] for r in rows])
        self._case = _Codes([r[4] for r in rows])
        self._date = np.array([_date_int(r[5]) for r in rows], dtype=np.int32)
        self._closed = np.array([bool(r[6]) for r in rows], dtype=bool)
        self._dense = np.array([bool(r[7]) for r in rows], dtype=bool)
        # rows of chunks since removed (the lexical index drops them when it next merges):
        # they pass no filter. None: every row is live.
        self._alive: npt.NDArray[np.bool_] | None = None

    def __len__(self) -> int:
        return len(self._chunk_ids)

    def mask(self, flt: Filters, include_closed: bool) -> npt.NDArray[np.bool_] | None:
        """Chunks that pass the filters; None when nothing is filtered."""
        conditions: list[npt.NDArray[np.bool_]] = []
        if flt.body:
            conditions.append(self._body.array == self._body.code(flt.body))
        if flt.municipality:
            conditions.append(self._municipality.array == self._municipality.code(flt.municipality))
        if flt.case_number:
            conditions.append(self._case.array == self._case.code(flt.case_number))
        if flt.date_from:
            conditions.append(self._date >= _date_int(flt.date_from.isoformat()))
        if flt.date_to:
            conditions.append((self._date <= _date_int(flt.date_to.isoformat())) & (self._date > 0))
        if not include_closed:
            conditions.append(~self._closed)
        if self._alive is not None:
            conditions.append(self._alive)
        if not conditions:
            return None
        combined = conditions[0]
        for condition in conditions[1:]:
            combined = combined & condition
        return combined

    # -- the filters for the vector side: the same arrays answer "which chunks may a filtered
    # question see", which Chroma answers slowly at a million chunks (its where-clause search)

    def dense_allowed(
        self, flt: Filters, include_closed: bool, limit: int
    ) -> tuple[int, list[str] | None]:
        """(how many chunks with vectors pass the filters, their ids if at most `limit`)."""
        allowed = self.mask(flt, include_closed)
        selected = self._dense if allowed is None else self._dense & allowed
        count = int(selected.sum())
        if count > limit:
            return count, None
        return count, [self._chunk_ids[i] for i in np.flatnonzero(selected)]

    def dense_count(self) -> int:
        return int(self._dense.sum() if self._alive is None else (self._dense & self._alive).sum())

    def passing(self, chunk_ids: list[str], flt: Filters, include_closed: bool) -> set[str]:
        """Those of `chunk_ids` that pass the filters (ids the index does not know fail)."""
        allowed = self.mask(flt, include_closed)
        known = [(i, self._rows.get(i)) for i in chunk_ids]
        return {
            chunk_id for chunk_id, row in known
            if row is not None and (allowed is None or allowed[row])
        }  # fmt: skip

    @functools.cached_property
    def _rows(self) -> dict[str, int]:
        alive = self._alive
        return {
            chunk_id: row for row, chunk_id in enumerate(self._chunk_ids)
            if alive is None or alive[row]
        }  # fmt: skip

    # -- the lexical index grows and shrinks its rows without reading the catalog again:
    # new versions share nothing that changes with the old ones, which requests may still read

    def extended(self, rows: Sequence[Sequence[Any]], chunk_ids: list[str]) -> FilterIndex:
        """These filters and `rows` after them; `chunk_ids` names every row, the new ones last."""
        grown = object.__new__(FilterIndex)
        grown._chunk_ids = chunk_ids
        if len(chunk_ids) != len(self) + len(rows):
            raise ValueError("chunk_ids and rows differ in length")
        grown._body = self._body.extended([r[2] for r in rows])
        grown._municipality = self._municipality.extended([r[3] for r in rows])
        grown._case = self._case.extended([r[4] for r in rows])
        more_dates = np.array([_date_int(r[5]) for r in rows], dtype=np.int32)
        grown._date = np.concatenate((self._date, more_dates))
        grown._closed = np.concatenate((self._closed, np.array([bool(r[6]) for r in rows], bool)))
        grown._dense = np.concatenate((self._dense, np.array([bool(r[7]) for r in rows], bool)))
        grown._alive = None
        if self._alive is not None:
            grown._alive = np.concatenate((self._alive, np.ones(len(rows), bool)))
        return grown

    def with_alive(self, alive: npt.NDArray[np.bool_] | None) -> FilterIndex:
        """These filters with only the `alive` rows passing (None: all)."""
        changed = object.__new__(FilterIndex)
        changed.__dict__.update(self.__getstate__())
        changed._alive = None if alive is None or alive.all() else alive
        return changed

    def subset(self, rows: npt.NDArray[np.bool_], chunk_ids: list[str]) -> FilterIndex:
        """Only the `rows`, named `chunk_ids`, all live."""
        kept = object.__new__(FilterIndex)
        kept._chunk_ids = chunk_ids
        kept._body, kept._municipality = self._body.subset(rows), self._municipality.subset(rows)
        kept._case = self._case.subset(rows)
        kept._date, kept._closed = self._date[rows], self._closed[rows]
        kept._dense, kept._alive = self._dense[rows], None
        return kept

    def holds_closed(self) -> bool:
        """Does a live row belong to a closed item?"""
        closed = self._closed if self._alive is None else self._closed & self._alive
        return bool(closed.any())

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state.pop("_rows", None)  # rebuilt on first use; not worth its pickle size
        return state
