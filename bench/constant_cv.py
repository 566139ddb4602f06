"""Cross-validated choice of one answering constant (a module's number, e.g.
quotes.DECISION_CHARS) over evaluation questions, folds over questions. Not a test.

    python bench/constant_cv.py --data-dir /work/evalbase/data_s16 \
        --constant assistant.quotes.DECISION_CHARS --values 0,300,500,700 \
        [--kind decision] [--wants count] [--folds 5] [--repeats 10] [--per-fold] \
        QUESTIONS.jsonl …

Every question is answered once per value (in one process, the archive opened once). A
question is answered right when an answerable one is answered holding what it must contain
(`answer_contains`, or anything when it lists nothing) and a `none` one is refused. On each
split the value with the most right training questions is chosen (ties to the first value
given) and scored on the held-out fold: answerable refused, `none` abstained, expected fact
held. Prints each value's in-sample figures, the choices, and held-out mean ± spread for the
chosen value and the first one (with --per-fold, every fold's too: the value chosen on the
others, then refused/abstained/held with it and with the first value).
"""

from __future__ import annotations

import argparse
import importlib
import os
import statistics
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.answering import answer
from assistant.archive import Archive
from assistant.evaluation import EvalQuestion, load_questions
from assistant.question import Query, analyse
from assistant.settings import Settings
from bench.folds import splits

Outcome = tuple[str, bool, bool | None]  # (kind, found, holds what it must contain)


def outcomes(archive: Archive, questions: list[EvalQuestion]) -> list[Outcome]:
    """Each question answered as `referat eval` answers it (its filters, no history)."""
    found: list[Outcome] = []
    for q in questions:
        written = answer(archive, Query(q.q, q.filters, (), False))
        found.append((q.kind, written.found, q.contained_in(written.answer)))
    return found


def right(outcome: Outcome) -> bool:
    kind, found, holds = outcome
    return not found if kind == "none" else found and holds is not False


def figures(rows: list[Outcome]) -> tuple[float, float, float]:
    """(answerable refused, `none` abstained, expected fact held) as shares."""
    answerable = [r for r in rows if r[0] != "none"]
    none = [r for r in rows if r[0] == "none"]
    held = [r for r in rows if r[2] is not None]

    def share(part: int, whole: int) -> float:
        return part / whole if whole else float("nan")

    return (
        share(sum(not r[1] for r in answerable), len(answerable)),
        share(sum(not r[1] for r in none), len(none)),
        share(sum(bool(r[2]) for r in held), len(held)),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("questions", nargs="+", type=Path)
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--constant", required=True, help="module.NAME, e.g. assistant.quotes.X")
    parser.add_argument("--values", required=True, help="comma-separated, the first the baseline")
    parser.add_argument("--kind", help="only questions of this kind (decision, fact, none)")
    parser.add_argument(
        "--wants",
        help="only questions asking for one of these kinds of fact (comma-separated: count, "
        "amount, person …)",
    )
    parser.add_argument("--per-fold", action="store_true", help="print every held-out fold")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args()

    module_name, name = args.constant.rsplit(".", 1)
    module = importlib.import_module(module_name)
    kept = getattr(module, name)
    values = [type(kept)(v) for v in args.values.split(",")]
    questions = [
        q for path in args.questions for q in load_questions(path)
        if (args.kind is None or q.kind == args.kind)
        and (args.wants is None or analyse(q.q).wants in args.wants.split(","))
    ]  # fmt: skip
    archive = Archive.open(Settings(data_dir=args.data_dir), access="read")
    by_value: dict[str, list[Outcome]] = {}
    try:
        for value in values:
            setattr(module, name, value)
            by_value[str(value)] = rows = outcomes(archive, questions)
            refused, abstained, held = figures(rows)
            print(
                f"{value}: in-sample refused {refused:.3f}, abstained {abstained:.3f}, "
                f"held {held:.3f}, right {sum(map(right, rows))} of {len(rows)}",
                flush=True,
            )
    finally:
        setattr(module, name, kept)
        archive.close()

    keys = list(by_value)
    chosen: list[str] = []
    held_out: dict[str, list[tuple[float, float, float]]] = {"chosen": [], keys[0]: []}
    for training, fold in splits(len(questions), args.folds, args.repeats):
        best = max(
            keys, key=lambda k: (sum(right(by_value[k][i]) for i in training), -keys.index(k))
        )
        chosen.append(best)
        held_out["chosen"].append(figures([by_value[best][i] for i in fold]))
        held_out[keys[0]].append(figures([by_value[keys[0]][i] for i in fold]))
        if args.per_fold:
            print(f"fold: {best}: {fold_line(held_out['chosen'][-1])} / "
                  f"{fold_line(held_out[keys[0]][-1])}")  # fmt: skip
    print("chosen:", {k: chosen.count(k) for k in keys})
    for label, per_fold in held_out.items():
        columns = zip(*per_fold, strict=True)
        text = ", ".join(
            f"{what} {statistics.fmean(c):.3f} ± {statistics.pstdev(c):.3f}"
            for what, c in zip(("refused", "abstained", "held"), map(list, columns), strict=True)
            if not any(x != x for x in c)  # (a share of nothing, e.g. no `none` question)
        )
        print(f"held out, {label}: {text}")


def fold_line(shares: tuple[float, float, float]) -> str:
    """refused/abstained/held of one fold, two decimals ("-" for a share of nothing)."""
    return "/".join("-" if x != x else f"{x:.2f}" for x in shares)


if __name__ == "__main__":
    main()
