"""Which item-header candidates are the items: a run of one family, numbers ascending.

A header counts only in a run: the same family repeated with ascending numbers, and some
sign of minutes about it (case numbers under the headers, recommendation or decision
headings inside, a Referat/Dagsorden/Protokoll header). A table of contents or saksliste
(the same headers in a block with nothing between them, repeated further down) is not the
items, but confirms them. Numbered chapters of a report stay text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.model import SectionKind
from ingest.sections import heading_of
from ingest.segmenter.case_numbers import case_line, find_case
from ingest.segmenter.headers import Candidate

__all__ = ["Run", "choose_run", "content_after", "has_case", "has_leaders", "outline_under"]

# Item numbers may skip a few (closed items left out of the public minutes): ×10 per number.
_MAX_STEP = 50
_LETTER_STEP = 10
# Lines under a header searched for its case number.
_CASE_REACH = 4
_DECISIVE = frozenset({SectionKind.DECISION, SectionKind.RECOMMENDATION})

Content = Sequence[str | None]  # a document's lines; None where page furniture stood


@dataclass(frozen=True)
class Run:
    """The headers chosen as items, and the table-of-contents entries that confirm them."""

    items: list[Candidate]
    toc: list[Candidate]


def content_after(content: Content, start: int, stop: int, limit: int) -> list[int]:
    """Indexes of up to `limit` non-blank content lines in (start, stop)."""
    found: list[int] = []
    for index in range(start + 1, min(stop, len(content))):
        line = content[index]
        if line:
            found.append(index)
            if len(found) >= limit:
                break
    return found


def has_leaders(line: str) -> bool:
    """A table-of-contents entry: dot leaders or a tab, then the page number, at the end."""
    text = line.rstrip()
    end = len(text)
    while end and text[end - 1].isdigit():
        end -= 1
    if end == len(text):
        return False
    before = text[:end].rstrip()
    return "\t" in text[len(before) : end] or before.endswith(("...", "…", ". ."))


def _table_of_contents(content: Content, raw: Sequence[str], family: list[Candidate]) -> set[int]:
    """Positions (in `family`) of the entries of a table of contents or saksliste."""
    toc = {i for i, c in enumerate(family) if has_leaders(raw[c.index])}
    last = {c.seq: i for i, c in enumerate(family)}  # where each number stands last
    block: list[int] = []
    for position in range(len(family) + 1):
        dense = (
            position < len(family)
            and block
            and _dense(content, family[block[-1]], family[position])
        )
        if dense:
            block.append(position)
            continue
        # a block whose numbers come again further down lists the items: it is no item itself
        recurring = [last[family[i].seq] > block[-1] for i in block]
        if len(block) >= 2 and sum(recurring) * 2 >= len(block):
            # up to its last listed entry: the first item may follow the list closely
            end = max(p for p, listed in enumerate(recurring) if listed)
            toc.update(block[: end + 1])
        block = [position]
    return toc


def _dense(content: Content, first: Candidate, second: Candidate) -> bool:
    """Whether two headers follow each other with at most a wrapped title between them."""
    between = content_after(content, first.index, second.index, 2)
    if len(between) > 1:
        return False
    return not between or (
        heading_of(content[between[0]] or "") is None
        and case_line(content[between[0]] or "") is None
    )


def has_case(content: Content, header: Candidate, stop: int) -> bool:
    """Whether a case number stands on the header line or within a few lines under it."""
    if find_case(header.rest) is not None:
        return True
    lines = content_after(content, header.index, stop, _CASE_REACH)
    return any(case_line(content[i] or "") is not None for i in lines)


def _decisive(content: Content, start: int, stop: int) -> bool:
    """Whether a recommendation or decision heading stands between two headers."""
    for index in range(start + 1, min(stop, len(content))):
        line = content[index]
        if line and len(line) <= 120:
            heading = heading_of(line)
            if heading is not None and heading[1] in _DECISIVE:
                return True
    return False


def outline_under(content: Content, header: Candidate, stop: int) -> bool:
    """Whether "A1 …" headings stand under the outline heading "A …"."""
    pattern = re.compile(rf"{re.escape(header.number)}\d{{1,2}}(?:\.\d{{1,2}})*\s+\S")
    return any(
        line is not None and pattern.match(line) is not None
        for line in content[header.index + 1 : stop]
    )


def _chain(family: list[Candidate], weights: list[float]) -> list[Candidate]:
    """The heaviest run of ascending numbers, in document order."""
    best: dict[int, tuple[float, int]] = {}  # seq → (score, position) of the best run ending there
    scores: list[float] = []
    previous: list[int] = []
    for position, header in enumerate(family):
        score, before = weights[position], -1
        # outline letters go A, B, C: none left out
        for step in range(1, (_LETTER_STEP if header.family == "letter" else _MAX_STEP) + 1):
            found = best.get(header.seq - step)
            if found is not None and found[0] + weights[position] > score:
                score, before = found[0] + weights[position], found[1]
        scores.append(score)
        previous.append(before)
        if header.seq not in best or score >= best[header.seq][0]:
            best[header.seq] = (score, position)
    if not scores:
        return []
    position = max(range(len(scores)), key=lambda p: (scores[p], p))
    chain: list[Candidate] = []
    while position >= 0:
        chain.append(family[position])
        position = previous[position]
    return chain[::-1]


@dataclass(frozen=True)
class _Scored:
    run: Run
    score: float


def _score(
    content: Content, chain: list[Candidate], toc: list[Candidate], minutes_header: bool
) -> _Scored | None:
    """The chain as a run, or None when nothing says these headers are agenda items."""
    ends = [c.index for c in chain[1:]] + [len(content)]
    cases = sum(has_case(content, c, end) for c, end in zip(chain, ends, strict=True))
    decisive = sum(_decisive(content, c.index, end) for c, end in zip(chain, ends, strict=True))
    listed = {c.seq for c in toc}
    confirmed = sum(c.seq in listed for c in chain)
    count = len(chain)
    family = chain[0].family
    if family == "bare":
        accepted = cases * 2 >= count
    elif family == "letter":
        outlined = sum(outline_under(content, c, end) for c, end in zip(chain, ends, strict=True))
        minutes = minutes_header or cases > 0 or decisive > 0
        accepted = chain[0].number == "A" and outlined * 2 >= count and minutes
    elif chain[0].strong:
        accepted = minutes_header or cases > 0 or decisive * 3 >= count or confirmed * 2 >= count
    else:
        accepted = cases * 2 >= count or decisive * 2 >= count
    if not accepted:
        return None
    score = count + 2 * cases + decisive + confirmed + (1 if chain[0].strong else 0)
    return _Scored(Run(chain, toc), score)


def _single(content: Content, candidates: list[Candidate], toc: list[Candidate]) -> Run | None:
    """One item: a header with its case number at the top of the text, or listed in a toc."""
    listed = {c.seq for c in toc}
    first_content = next((i for i, line in enumerate(content) if line), -1)
    for header in candidates:
        if header.family == "bare":
            continue
        if (header.index == first_content or header.seq in listed) and has_case(
            content, header, len(content)
        ):
            return Run([header], toc)
    return None


def choose_run(
    content: Content, raw: Sequence[str], candidates: list[Candidate], minutes_header: bool
) -> Run | None:
    """The run of headers that are the document's items, or None to keep it one item."""
    best: _Scored | None = None
    all_toc: list[Candidate] = []
    free: list[Candidate] = []
    for name in sorted({c.family for c in candidates}):
        family = [c for c in candidates if c.family == name]
        toc_positions = _table_of_contents(content, raw, family)
        toc = [c for i, c in enumerate(family) if i in toc_positions]
        rest = [c for i, c in enumerate(family) if i not in toc_positions]
        all_toc.extend(toc)
        free.extend(rest)
        ends = [c.index for c in rest[1:]] + [len(content)]
        listed = {c.seq for c in toc}
        weights = [
            1.0 + 2.0 * has_case(content, c, end) + 2.0 * (c.seq in listed) + 0.5 * bool(c.rest)
            for c, end in zip(rest, ends, strict=True)
        ]
        chain = _chain(rest, weights)
        if len(chain) < 2:
            continue
        scored = _score(content, chain, toc, minutes_header)
        if scored is not None and (best is None or scored.score > best.score):
            best = scored
    if best is not None:
        return best.run
    free.sort(key=lambda c: c.index)
    return _single(content, free, sorted(all_toc, key=lambda c: c.index))
