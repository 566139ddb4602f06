"""Cross-validated choice of the ranking's fusion constants (not a test), folds over questions.

    python bench/fusion_cv.py --data-dir /work/evalbase/data_s16 \
        --questions ../shared/eval/dev.jsonl bench/eval/fresh.jsonl … [--cache FILE]

Every answerable question is searched once per point of a small grid over the dense side's
weight (search.DENSE_WEIGHT), the discount of a case's further stages
(search.CASE_REPEAT_DECAY) and the boost of decision passages for decision questions
(search.DECISION_BOOST); its reciprocal rank (first expected item within ten) and recall@5 are
kept. Then, over 5 folds × 10 repeats, the point with the best mean MRR on four folds is scored
on the fifth, beside the shipped constants on the same fold: a constant is worth changing only
if the held-out folds say so.
"""

from __future__ import annotations

import argparse
import collections
import itertools
import json
import os
import statistics
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import assistant.search as search_module
from assistant.archive import Archive
from assistant.evaluation import load_questions, matches
from assistant.settings import Settings
from bench.folds import splits

DENSE_WEIGHTS = (0.3, 0.4, 0.5, 0.65, 0.8, 1.0)
REPEAT_DECAYS = (0.7, 0.8, 0.9)
DECISION_BOOSTS = (1.0, 1.15, 1.3)
Scores = dict[str, list[tuple[float, float]]]  # grid point → per question (RR@10, recall@5)


def _key(dense: float, decay: float, boost: float) -> str:
    return f"{dense:g},{decay:g},{boost:g}"


SHIPPED = _key(
    search_module.DENSE_WEIGHT, search_module.CASE_REPEAT_DECAY, search_module.DECISION_BOOST
)


def collect(data_dir: Path, paths: list[Path]) -> tuple[list[str], Scores]:
    questions = [q for path in paths for q in load_questions(path) if q.expect]
    archive = Archive.open(Settings(data_dir=data_dir), access="read")
    shipped = (
        search_module.DENSE_WEIGHT,
        search_module.CASE_REPEAT_DECAY,
        search_module.DECISION_BOOST,
    )
    scores: Scores = {}
    try:
        for dense, decay, boost in itertools.product(DENSE_WEIGHTS, REPEAT_DECAYS, DECISION_BOOSTS):
            search_module.DENSE_WEIGHT = dense
            search_module.CASE_REPEAT_DECAY = decay
            search_module.DECISION_BOOST = boost
            per_question = []
            for q in questions:
                hits = search_module.search(archive, q.q, q.filters, 10)
                ranks = [
                    next((r for r, h in enumerate(hits, 1) if matches(e, h.citation)), None)
                    for e in q.expect
                ]
                found = [r for r in ranks if r is not None]
                rr = 1.0 / min(found) if found else 0.0
                recall = sum(1 for r in found if r <= 5) / len(ranks)
                per_question.append((rr, recall))
            scores[_key(dense, decay, boost)] = per_question
            print(
                _key(dense, decay, boost), f"MRR {statistics.mean(r for r, _ in per_question):.4f}"
            )
    finally:
        (
            search_module.DENSE_WEIGHT,
            search_module.CASE_REPEAT_DECAY,
            search_module.DECISION_BOOST,
        ) = shipped
        archive.close()
    return [q.id for q in questions], scores


def _mean(scores: Scores, key: str, questions: list[int], which: int) -> float:
    return statistics.mean(scores[key][i][which] for i in questions)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument(
        "--questions", type=Path, nargs="+", default=[Path("../shared/eval/dev.jsonl")]
    )
    parser.add_argument("--cache", type=Path, default=Path("/tmp/referat-fusion-cv.json"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args()

    if args.cache.exists():
        stored = json.loads(args.cache.read_text())
        ids, scores = (
            stored["ids"],
            {k: [tuple(v) for v in vs] for k, vs in stored["scores"].items()},
        )
    else:
        ids, scores = collect(args.data_dir, args.questions)
        args.cache.write_text(json.dumps({"ids": ids, "scores": scores}))

    shipped_mrr, chosen_mrr, shipped_recall, chosen_recall, picks = [], [], [], [], []
    for train, held in splits(len(ids), args.folds, args.repeats):
        # the best on the training folds; ties go to the shipped constants
        best = max(scores, key=lambda k: (round(_mean(scores, k, train, 0), 6), k == SHIPPED))
        picks.append(best)
        shipped_mrr.append(_mean(scores, SHIPPED, held, 0))
        chosen_mrr.append(_mean(scores, best, held, 0))
        shipped_recall.append(_mean(scores, SHIPPED, held, 1))
        chosen_recall.append(_mean(scores, best, held, 1))

    def spread(values: list[float]) -> str:
        return f"{statistics.mean(values):.4f} ± {statistics.stdev(values):.4f}"

    gains = [c - s for c, s in zip(chosen_mrr, shipped_mrr, strict=True)]
    print(f"{len(ids)} answerable questions, {args.folds} folds x {args.repeats} repeats")
    print("| constants (dense weight, stage decay, decision boost) | MRR@10 | recall@5 |")
    print("|---|---|---|")
    print(f"| shipped ({SHIPPED}) | {spread(shipped_mrr)} | {spread(shipped_recall)} |")
    print(f"| chosen on the other folds | {spread(chosen_mrr)} | {spread(chosen_recall)} |")
    print(
        f"held-out gain in MRR {spread(gains)}; folds better {sum(g > 1e-9 for g in gains)}, "
        f"worse {sum(g < -1e-9 for g in gains)} of {len(gains)}"
    )
    print("chosen:", collections.Counter(picks).most_common(5))


if __name__ == "__main__":
    main()
