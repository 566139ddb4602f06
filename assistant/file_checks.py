"""Checks of the data dir's files, run before SQLite or Chroma trusts them.

SQLite files are judged by their header and size (cheap, on every open) or by SQLite's own
whole-file check, read-only. Chroma's HNSW code trusts its files: a `data_level0.bin`
overwritten with other bytes sends its search to neighbour ids that do not exist and the
process dies of a segmentation fault, which no `except` can catch. So the graph files are
checked first, byte by byte, the way its loader reads them (hnswlib's persisted layout:
header.bin, data_level0.bin, length.bin, link_lists.bin).
"""

from __future__ import annotations

import datetime as dt
import math
import sqlite3
import struct
from pathlib import Path

import numpy as np

__all__ = ["hnsw_problem", "is_damage", "set_aside", "sqlite_check", "sqlite_problem"]

SQLITE_MAGIC = b"SQLite format 3\x00"
# hnswlib's persisted header: version, offsetLevel0, max_elements, cur_element_count,
# size_data_per_element, label_offset, offsetData, maxlevel, enterpoint_node, maxM, maxM0, M,
# mult, ef_construction
_HEADER = struct.Struct("<iQQQQQQiIQQQdQ")
_GRAPH_FILES = ("header.bin", "data_level0.bin", "length.bin", "link_lists.bin")
_ROWS_AT_ONCE = 65_536  # bounds the memory a check of a big graph takes


# SQLite's own words for a damaged file (not a busy or misused one)
_DAMAGE_CODES = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}


def is_damage(error: BaseException) -> bool:
    """Does this SQLite error say the file is damaged?"""
    code = getattr(error, "sqlite_errorcode", None)
    return (
        isinstance(error, sqlite3.DatabaseError)
        and code is not None
        and (code & 0xFF in _DAMAGE_CODES)
    )


def sqlite_problem(path: Path) -> str | None:
    """What is wrong with a SQLite file, judged from its header and size (None: looks whole)."""
    size = path.stat().st_size
    if size == 0:
        return None  # SQLite's own empty database; callers decide what empty means
    with path.open("rb") as handle:
        header = handle.read(100)
    if len(header) < 100 or header[:16] != SQLITE_MAGIC:
        return "is not a SQLite database (its first bytes are overwritten or cut off)"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65_536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    # the page count in the header holds only while its "valid-for" number matches
    if header[24:28] == header[92:96] and size < pages * page_size:
        return f"is cut short ({size} of {pages * page_size} bytes)"
    return None


def sqlite_check(path: Path, table: str) -> str | None:
    """What SQLite's own whole-file check finds wrong with a database that should hold `table`
    (None: whole); opened read-only, so checking never changes or creates anything."""
    problem = sqlite_problem(path)
    if problem or path.stat().st_size == 0:
        return problem  # an empty file is a database not yet written to
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = [str(r[0]) for r in db.execute("PRAGMA quick_check(3)").fetchall()]
            db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()
        finally:
            db.close()
    except sqlite3.DatabaseError as error:
        return f"is damaged ({error})"
    if rows == ["ok"]:
        return None
    return "is damaged (" + "; ".join(line for r in rows for line in r.splitlines())[:200] + ")"


def set_aside(path: Path) -> Path:
    """Move a damaged file or folder out of the way (a SQLite file with its WAL files, which
    must never meet a new file of the same name); returns where it went."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        part = path.with_name(path.name + suffix)
        if part.exists():
            part.replace(aside.with_name(aside.name + suffix))
    return aside


def hnsw_problem(chroma_dir: Path) -> str | None:
    """What is wrong with the HNSW graph files under a Chroma folder (None: safe to load)."""
    if not chroma_dir.is_dir():
        return None
    for segment in sorted(p for p in chroma_dir.iterdir() if p.is_dir()):
        present = [name for name in _GRAPH_FILES if (segment / name).exists()]
        if not present:
            continue
        if len(present) < len(_GRAPH_FILES):
            missing = sorted(set(_GRAPH_FILES) - set(present))
            return f"has lost {', '.join(missing)} of graph {segment.name}"
        problem = _graph_problem(segment)
        if problem:
            return f"has a damaged graph {segment.name} ({problem})"
    return None


def _graph_problem(segment: Path) -> str | None:
    raw = (segment / "header.bin").read_bytes()
    if len(raw) != _HEADER.size:
        return f"header.bin holds {len(raw)} bytes, not {_HEADER.size}"
    (version, offset0, capacity, count, per_element, label_at, data_at, max_level, entry,
     max_m, max_m0, m, mult, ef) = _HEADER.unpack(raw)  # fmt: skip
    sane = (
        version == 1
        and offset0 == 0
        and count <= capacity
        and 0 < m == max_m <= 4096
        and 0 < max_m0 < 65_536  # a neighbour count is 16 bits
        and data_at == 4 + 4 * max_m0
        and label_at > data_at
        and (label_at - data_at) % 4 == 0
        and per_element == label_at + 8
        and -1 <= max_level <= 64
        and (count == 0 or entry < count)
        and math.isfinite(mult)
        and 0 < ef < 1 << 32
    )
    if not sane:
        return "header.bin does not describe a graph"
    if count == 0:
        return None
    level0 = segment / "data_level0.bin"
    if level0.stat().st_size < count * per_element:
        return "data_level0.bin is shorter than its header says"
    if (segment / "length.bin").stat().st_size < count * 4:
        return "length.bin is shorter than its header says"
    rows = np.memmap(level0, dtype=np.uint8, mode="r", shape=(count, per_element))
    for start in range(0, count, _ROWS_AT_ONCE):
        links = np.ascontiguousarray(rows[start : start + _ROWS_AT_ONCE, :data_at])
        if not _links_fit(links.view(np.uint32), max_m0, count, allow_deleted=True):
            return "data_level0.bin holds neighbour lists that point outside the graph"
    del rows
    return _upper_levels_problem(segment / "link_lists.bin", count, max_m, max_level)


def _links_fit(
    lists: np.ndarray[tuple[int, int], np.dtype[np.uint32]],
    capacity: int,
    count: int,
    allow_deleted: bool = False,
) -> bool:
    """Does every neighbour list (a count, then ids) hold at most `capacity` ids below `count`?"""
    head = lists[:, 0]
    sizes = head & 0xFFFF
    # above the count: a byte that marks deleted elements (level 0 only) and one always zero
    flags = head >> 16
    if np.any(sizes > capacity) or np.any(flags > (1 if allow_deleted else 0)):
        return False
    used = np.arange(capacity) < sizes[:, None]
    return not np.any((lists[:, 1:] >= count) & used)


def _upper_levels_problem(path: Path, count: int, max_m: int, max_level: int) -> str | None:
    """The higher levels: per element a byte size, then that many bytes of neighbour lists."""
    data = path.read_bytes()
    if len(data) % 4:
        return "link_lists.bin is cut in the middle of a number"
    words = np.frombuffer(data, dtype="<u4")
    per_level = 1 + max_m  # in 4-byte words: a count, then the ids
    # most elements live on level 0 only (a size of 0): jump from one sized element to the
    # next instead of stepping through every element in Python
    sized = np.flatnonzero(words)
    blocks: list[np.ndarray[tuple[int], np.dtype[np.uint32]]] = []
    at = seen = 0
    while seen < count:
        following = int(np.searchsorted(sized, at))
        nxt = int(sized[following]) if following < len(sized) else len(words)
        if seen + (nxt - at) >= count:
            at, seen = at + (count - seen), count
            break
        if nxt == len(words):
            return "link_lists.bin is shorter than the graph"
        seen += nxt - at
        size = int(words[nxt]) // 4
        if int(words[nxt]) % 4 or size % per_level or size // per_level > max(max_level, 0):
            return "link_lists.bin gives an element more levels than the graph has"
        if nxt + 1 + size > len(words):
            return "link_lists.bin is shorter than the graph"
        blocks.append(words[nxt + 1 : nxt + 1 + size])
        at, seen = nxt + 1 + size, seen + 1
    if blocks:
        lists = np.concatenate(blocks).reshape(-1, per_level)
        if not _links_fit(lists, max_m, count):
            return "link_lists.bin holds neighbour lists that point outside the graph"
    return None
