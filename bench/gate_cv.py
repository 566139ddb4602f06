"""Cross-validated answer/abstain decision (not a test): the hand-set rule against a logistic
model over signals that carry across wordings, folds over questions.

    python bench/gate_cv.py --data-dir /work/evalbase/data [--folds 5] [--repeats 5]

For every dev question the first ten items are ranked once and the first five described; a
hit's label is whether the question expects it. On each split the model is fitted on the other
folds' hits, its threshold chosen on their questions, and both are scored on the held-out fold:
answerable questions refused, `none` questions answered, and whether the first item let through
is an expected one. Prints mean and spread over folds × repeats.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.answer import (
    ANSWER_CANDIDATES,
    CLEAR_LEAD,
    MIN_COVERAGE,
    MIN_SENTENCE,
    SHORT_TOPIC,
    TOPICAL_IDF,
    answering_hits,
    coverage,
    item_words,
)
from assistant.archive import Archive, Snapshot
from assistant.evaluation import EvalQuestion, load_questions, matches
from assistant.question import Query, Question
from assistant.search import Hit, rank, read
from assistant.settings import Settings
from bench.folds import splits

Floats = npt.NDArray[np.float64]
ENGLISH_DENSE = [0.80 + 0.01 * i for i in range(16)]  # thresholds tried, 0.80 … 0.95
CLEAR_LEADS = [1.1, 1.2, 1.35, 1.5, 1.75, 2.0, 1e9]  # first hit's lead over the next case
# the first item's nearest sentence in meaning (answer.MIN_SENTENCE); 9.0: never
SENTENCES = [0.86, 0.87, 0.875, 0.88, 0.885, 0.89, 0.895, 0.90, 0.91, 9.0]

CANDIDATES = ANSWER_CANDIDATES
FEATURES = (
    "coverage",  # rarity-weighted share of the topic words the item holds
    "topical",  # share of the rare topic words it holds
    "names",  # 1 when it holds every name of the question the archive knows
    "english",  # 1 for an English question
    "concepts",  # English: share of its words with a Danish form in the item
    "dense",  # e5 similarity of the item's best chunk (0 when dense retrieval missed it)
    "relative",  # fused score relative to the first hit
    "first",  # 1 for the first hit
    "short_all",  # a short question (≤ 3 rare topic words) whose rare words it holds, all
    "covered",  # 1 when it holds half the topic's weight or more
    "lexical",  # its best BM25 score relative to the best of the hits
)


def signals(view: Snapshot, question: Question, hits: list[Hit]) -> list[list[float]]:
    """One row of FEATURES per hit among the first CANDIDATES; words are held as the answer
    check holds them (answer.item_words)."""
    weights = {word: view.idf(word) for word in dict.fromkeys(question.words)}
    known_names = [n for n in question.names if view.known(n)]
    topical = [w for w in dict.fromkeys(question.parts) if weights.get(w, 0.0) >= TOPICAL_IDF]
    concepts = question.concepts
    top = hits[0].score if hits and hits[0].score > 0 else 1.0
    top_lexical = max((h.lexical for h in hits[:CANDIDATES]), default=0.0) or 1.0
    rows: list[list[float]] = []
    for position, hit in enumerate(hits[:CANDIDATES]):
        words = item_words(view, hit, question)
        covered = coverage(weights, words)
        topical_held = [words.holds(w) for w in topical]
        rows.append(
            [
                covered,
                sum(topical_held) / len(topical) if topical else 1.0,
                1.0 if all(words.holds(n) for n in known_names) else 0.0,
                1.0 if concepts else 0.0,
                sum(any(words.holds(f, 4) for f in forms) for forms in concepts) / len(concepts)
                if concepts
                else 0.0,
                hit.dense,
                hit.score / top,
                1.0 if position == 0 else 0.0,
                1.0 if 0 < len(topical) <= SHORT_TOPIC and all(topical_held) else 0.0,
                1.0 if covered >= MIN_COVERAGE else 0.0,
                hit.lexical / top_lexical,
            ]
        )
    return rows


def _decided(
    view: Snapshot,
    question: Question,
    hits: list[Hit],
    q: EvalQuestion,
    dense_alone: float | None = None,
    clear_lead: float = CLEAR_LEAD,
    min_sentence: float = MIN_SENTENCE,
) -> tuple[bool, bool]:
    """(found, first let-through item is expected) with one threshold changed."""
    let_through = answering_hits(view, question, hits, dense_alone, clear_lead, min_sentence)
    return bool(let_through), bool(let_through) and any(
        matches(e, let_through[0].citation) for e in q.expect
    )


def collect(data_dir: Path, questions: list[EvalQuestion]) -> list[dict[str, object]]:
    """Per question: its kind, each candidate's signals and label, and the rule's decision."""
    archive = Archive.open(Settings(data_dir=data_dir))
    rows: list[dict[str, object]] = []
    try:
        for q in questions:
            view, question = read(archive, Query(q.q, q.filters))
            hits = rank(view, question, 10)
            passing = answering_hits(view, question, hits)

            # the rule with other thresholds for an English question's e5 similarity alone,
            # and for the first hit's clear lead
            asked = (view, question, hits, q)
            english = {f"{t:.3f}": _decided(*asked, dense_alone=t) for t in ENGLISH_DENSE}
            lead = {f"{t:g}": _decided(*asked, clear_lead=t) for t in CLEAR_LEADS}
            sentence = {f"{t:g}": _decided(*asked, min_sentence=t) for t in SENTENCES}
            rows.append(
                {
                    "id": q.id,
                    "kind": q.kind,
                    "x": signals(view, question, hits),
                    "y": [any(matches(e, h.citation) for e in q.expect) for h in hits[:5]],
                    "rule_found": bool(passing),
                    "rule_first_ok": bool(passing)
                    and any(matches(e, passing[0].citation) for e in q.expect),
                    "english": english if question.language == "en" else {},
                    "lead": lead,
                    "sentence": sentence,
                }
            )
    finally:
        archive.close()
    return rows


def fit(x: Floats, y: Floats, l2: float = 1.0, steps: int = 50) -> Floats:
    """Logistic regression by Newton's method with an L2 penalty (bias unpenalised)."""
    design = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(design.shape[1])
    penalty = np.eye(design.shape[1]) * l2
    penalty[-1, -1] = 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-design @ w))
        gradient = design.T @ (p - y) + penalty @ w
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + penalty
        w -= np.linalg.solve(hessian, gradient)
    return w


def probabilities(w: Floats, x: Floats) -> Floats:
    return 1 / (1 + np.exp(-(np.hstack([x, np.ones((len(x), 1))]) @ w)))


def decide(
    rows: list[dict[str, object]], w: Floats, mean: Floats, std: Floats, t: float
) -> list[tuple[bool, bool]]:
    """(found, first let-through item is expected) per question."""
    out = []
    for row in rows:
        x = np.asarray(row["x"], dtype=float)
        if not len(x):
            out.append((False, False))
            continue
        p = probabilities(w, (x - mean) / std)
        passing = [i for i, value in enumerate(p) if value >= t]
        labels = row["y"]
        assert isinstance(labels, list)
        out.append((bool(passing), bool(passing) and bool(labels[passing[0]])))
    return out


def score(rows: list[dict[str, object]], decisions: list[tuple[bool, bool]]) -> dict[str, float]:
    answerable = [d for r, d in zip(rows, decisions, strict=True) if r["kind"] != "none"]
    none = [d for r, d in zip(rows, decisions, strict=True) if r["kind"] == "none"]
    return {
        "refused": sum(not found for found, _ in answerable) / max(1, len(answerable)),
        "abstention": sum(not found for found, _ in none) / max(1, len(none)),
        "first_ok": sum(ok for _, ok in answerable) / max(1, len(answerable)),
    }


def objective(s: dict[str, float]) -> tuple[float, float, float]:
    # the target first (abstention on `none` questions ≥ 0.95: an answer from an item that does
    # not answer is worse than none), then as few refusals as possible, then the right item first
    return (min(s["abstention"], 0.95), 1 - s["refused"], s["first_ok"])


THRESHOLDS = np.linspace(0.05, 0.95, 37)


def matrix(rows: list[dict[str, Any]]) -> tuple[Floats, Floats]:
    """Every candidate's signals and label."""
    x = np.array([v for r in rows for v in r["x"]], dtype=float)
    y = np.array([float(v) for r in rows for v in r["y"]], dtype=float)
    return x, y


def trained(rows: list[dict[str, Any]]) -> tuple[Floats, Floats, Floats, float]:
    """(weights, mean, spread, threshold) fitted on these questions only."""
    x, y = matrix(rows)
    mean, std = x.mean(axis=0), x.std(axis=0) + 1e-9
    w = fit((x - mean) / std, y)
    t = max(THRESHOLDS, key=lambda t: (objective(score(rows, decide(rows, w, mean, std, t))), t))
    return w, mean, std, float(t)


def english_decisions(rows: list[dict[str, Any]], t: str) -> list[tuple[bool, bool]]:
    """The rule, with English questions' e5-alone threshold at `t`."""
    return [
        tuple(r["english"][t])
        if r["english"]
        else (bool(r["rule_found"]), bool(r["rule_first_ok"]))
        for r in rows
    ]


def best_english(rows: list[dict[str, Any]]) -> str:
    """The threshold for English questions that serves these questions best (ties: higher)."""
    keys = [f"{t:.3f}" for t in ENGLISH_DENSE]
    return max(keys, key=lambda t: (objective(score(rows, english_decisions(rows, t))), t))


def varied(rows: list[dict[str, Any]], name: str, t: str) -> list[tuple[bool, bool]]:
    """The rule, with the threshold `name` ("lead", "sentence") at `t`."""
    return [tuple(r[name][t]) for r in rows]


def best(rows: list[dict[str, Any]], name: str, grid: list[float]) -> str:
    """The threshold `name` that serves these questions best (ties: the stricter)."""
    keys = [f"{t:g}" for t in grid]
    return max(keys, key=lambda t: (objective(score(rows, varied(rows, name, t))), float(t)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument(
        "--questions", type=Path, nargs="+", default=[Path("../shared/eval/dev.jsonl")]
    )
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/referat-gate-rows.json"))
    parser.add_argument("--fit-all", type=Path, help="Write weights fitted on every question here.")
    parser.add_argument(
        "--per-fold", action="store_true", help="Also print every held-out fold's figures."
    )
    args = parser.parse_args()

    if args.cache.exists():
        rows = json.loads(args.cache.read_text())
    else:
        rows = collect(args.data_dir, [q for path in args.questions for q in load_questions(path)])
        args.cache.write_text(json.dumps(rows))

    # "rule": answering_hits as it ships; "rule+english" / "rule+lead": the same with the
    # English e5-alone threshold / the first hit's clear lead chosen on the training folds (so
    # their figures are held-out for them too)
    results: dict[str, list[dict[str, float]]] = {
        "rule": [], "model": [], "rule+english": [], "rule+lead": [], "rule+sentence": []
    }  # fmt: skip
    chosen: dict[str, list[str]] = {"rule+english": [], "rule+lead": [], "rule+sentence": []}
    for train_at, held_at in splits(len(rows), args.folds, args.repeats):
        held = [rows[i] for i in held_at]
        train = [rows[i] for i in train_at]
        w, mean, std, t = trained(train)
        results["model"].append(score(held, decide(held, w, mean, std, t)))
        rule = [(bool(r["rule_found"]), bool(r["rule_first_ok"])) for r in held]
        results["rule"].append(score(held, rule))
        t_en = best_english(train)
        chosen["rule+english"].append(t_en)
        results["rule+english"].append(score(held, english_decisions(held, t_en)))
        for name, grid in (("lead", CLEAR_LEADS), ("sentence", SENTENCES)):
            t_varied = best(train, name, grid)
            chosen[f"rule+{name}"].append(t_varied)
            results[f"rule+{name}"].append(score(held, varied(held, name, t_varied)))

    print(f"{len(rows)} questions, {args.folds} folds x {args.repeats} repeats (held-out folds)")
    print("| decision | answerable refused | `none` abstained | first item let through expected |")
    print("|---|---|---|---|")
    for name, folds in results.items():
        cells = []
        for key in ("refused", "abstention", "first_ok"):
            values = [f[key] for f in folds]
            cells.append(f"{statistics.mean(values):.3f} ± {statistics.stdev(values):.3f}")
        print(f"| {name} | " + " | ".join(cells) + " |")

    if args.per_fold:
        for name, folds in results.items():
            print(
                f"\n{name}, every held-out fold (refused / abstained / first ok), a row a repeat:"
            )
            for repeat in range(args.repeats):
                row = folds[repeat * args.folds : (repeat + 1) * args.folds]
                print(
                    f"  repeat {repeat}: "
                    + "  ".join(
                        f"{f['refused']:.2f}/{f['abstention']:.2f}/{f['first_ok']:.2f}" for f in row
                    )
                )

    picked = chosen["rule+english"]
    print(
        "English e5-alone threshold chosen per split:",
        sorted(set(picked)),
        "most often",
        max(set(picked), key=picked.count),
        "; on all questions:",
        best_english(rows),
    )

    for name, grid in (("lead", CLEAR_LEADS), ("sentence", SENTENCES)):
        picks = chosen[f"rule+{name}"]
        print(
            f"{name} threshold chosen per split:",
            sorted(set(picks), key=float),
            "most often",
            max(set(picks), key=picks.count),
            "; on all questions:",
            best(rows, name, grid),
        )

    if args.fit_all:
        w, mean, std, t = trained(rows)
        in_sample = score(rows, decide(rows, w, mean, std, t))
        fitted = {
            "features": list(FEATURES), "mean": mean.tolist(), "std": std.tolist(),
            "weights": w[:-1].tolist(), "bias": float(w[-1]), "threshold": t,
            "in_sample": in_sample,
        }  # fmt: skip
        args.fit_all.write_text(json.dumps(fitted, indent=1))
        print("fitted on all questions (in sample):", in_sample, "threshold", t)


if __name__ == "__main__":
    main()
