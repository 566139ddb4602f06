"""Cross-validated choice of how much likelier than Danish a question must be Norwegian
(question.NORWEGIAN_MARGIN), over the Danish and Norwegian questions of evaluation sets whose
`lang` field says which they are. Not a test: it needs no archive, only the question files.

    python bench/language_margin_cv.py ../shared/eval/dev.jsonl bench/eval/fresh.jsonl … \
        [--folds 5] [--repeats 10]

On each split the margin with the fewest misread training questions is chosen from the grid
(ties to the one in use) and scored on the held-out fold. Prints the choices, the held-out
error's mean and spread, and the same for the margin in use.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import assistant.question as question_module
from bench.folds import splits

GRID = (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("questions", nargs="+", type=Path)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args()
    asked = [
        (row["lang"], row["q"])
        for path in args.questions
        for row in map(json.loads, path.read_text(encoding="utf-8").splitlines())
        if row.get("lang") in ("da", "no")
    ]
    in_use = question_module.NORWEGIAN_MARGIN
    misread: dict[float, list[bool]] = {}
    for margin in GRID:
        question_module.NORWEGIAN_MARGIN = margin
        misread[margin] = [question_module._language(text) != lang for lang, text in asked]
    question_module.NORWEGIAN_MARGIN = in_use

    chosen: list[float] = []
    held_error: list[float] = []
    in_use_error: list[float] = []
    for training, held in splits(len(asked), args.folds, args.repeats):
        best = min(
            GRID,
            key=lambda m: (sum(misread[m][i] for i in training), abs(m - in_use)),
        )
        chosen.append(best)
        held_error.append(sum(misread[best][i] for i in held) / len(held))
        if in_use in misread:
            in_use_error.append(sum(misread[in_use][i] for i in held) / len(held))
    norwegian = sum(1 for lang, _ in asked if lang == "no")
    print(f"{len(asked)} questions ({norwegian} Norwegian), {args.folds} folds × {args.repeats}")
    print("misread over all, by margin:", {m: sum(misread[m]) for m in GRID})
    print("chosen:", {m: chosen.count(m) for m in GRID if chosen.count(m)})
    print(
        f"held-out error, chosen margin: {statistics.mean(held_error):.4f} ± "
        f"{statistics.stdev(held_error):.4f}"
    )
    if in_use_error:
        print(
            f"held-out error, margin in use ({in_use}): {statistics.mean(in_use_error):.4f} ± "
            f"{statistics.stdev(in_use_error):.4f}"
        )


if __name__ == "__main__":
    main()
