"""The question folds every cross-validation bench scores on, so their figures share splits."""

from __future__ import annotations

import random
from collections.abc import Iterator


def splits(count: int, folds: int, repeats: int) -> Iterator[tuple[list[int], list[int]]]:
    """(training, held-out) indices of `count` questions: for each repeat a seeded shuffle cut
    into `folds` interleaved folds, each held out once, the others trained on (in the
    shuffled order)."""
    for repeat in range(repeats):
        order = list(range(count))
        random.Random(repeat).shuffle(order)
        for fold in range(folds):
            held = order[fold::folds]
            kept = set(held)
            yield [i for i in order if i not in kept], held
