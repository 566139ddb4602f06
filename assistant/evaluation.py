"""`referat eval`: retrieval and answer metrics on questions with expected citations.

Definitions (../shared/eval/README.md), at agenda-item level:
- recall@5: share of a question's expected items among its first five hits, averaged;
- MRR@10: 1 / rank of the first expected item in the first ten hits (0 if none), averaged;
- abstention accuracy: share of `none` questions answered with found=false;
- answer_contains hit rate: share of questions with `answer_contains` whose answer holds every
  listed string (case-insensitive);
- citation precision: share of all citations whose quote stands verbatim in the cited item.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from assistant.answer import Answer
from assistant.model import Citation, Filters
from assistant.search import Hit

__all__ = ["EvalQuestion", "EvalReport", "QuestionResult", "evaluate", "load_questions"]


class EvalQuestion(BaseModel):
    id: str
    q: str
    kind: str = "fact"
    lang: str | None = None
    filters: Filters = Field(default_factory=Filters)
    expect: list[dict[str, Any]] = Field(default_factory=list)
    forbid: list[dict[str, Any]] = Field(default_factory=list)
    answer_contains: list[str] = Field(default_factory=list)


def load_questions(path: Path) -> list[EvalQuestion]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [EvalQuestion.model_validate_json(line) for line in lines if line.strip()]


def matches(expectation: dict[str, Any], citation: Citation) -> bool:
    """Does a citation point at what an `expect`/`forbid` entry names?"""
    if "case" in expectation:
        return citation.case_number == str(expectation["case"])
    if citation.source != expectation.get("source"):
        return False
    return "item" not in expectation or citation.item_number == str(expectation["item"])


@dataclass
class QuestionResult:
    id: str
    question: str
    kind: str
    ranks: list[int | None]  # per expected entry: 1-based rank in the hits, None if absent
    found: bool
    answer: str
    contains_ok: bool | None  # None when the question lists nothing to contain
    citations: int
    verbatim: int
    forbidden_cited: int
    top: list[str] = field(default_factory=list)

    @property
    def recall_at_5(self) -> float | None:
        if not self.ranks:
            return None
        return sum(1 for r in self.ranks if r is not None and r <= 5) / len(self.ranks)

    @property
    def reciprocal_rank(self) -> float | None:
        if not self.ranks:
            return None
        first = min((r for r in self.ranks if r is not None and r <= 10), default=None)
        return 1.0 / first if first else 0.0


@dataclass
class EvalReport:
    results: list[QuestionResult]

    def metrics(self) -> dict[str, float | int | None]:
        def mean(values: list[float]) -> float | None:
            return round(sum(values) / len(values), 4) if values else None

        answerable = [r for r in self.results if r.kind != "none"]
        none = [r for r in self.results if r.kind == "none"]
        contains = [r for r in self.results if r.contains_ok is not None]
        cited = sum(r.citations for r in self.results)
        return {
            "questions": len(self.results),
            "recall@5": mean([r.recall_at_5 for r in answerable if r.recall_at_5 is not None]),
            "mrr@10": mean(
                [r.reciprocal_rank for r in answerable if r.reciprocal_rank is not None]
            ),
            "abstention_accuracy": mean([0.0 if r.found else 1.0 for r in none]),
            "false_abstention_rate": mean([0.0 if r.found else 1.0 for r in answerable]),
            "answer_contains": mean([1.0 if r.contains_ok else 0.0 for r in contains]),
            "citation_precision": round(sum(r.verbatim for r in self.results) / cited, 4)
            if cited
            else None,
            "forbidden_citations": sum(r.forbidden_cited for r in self.results),
        }

    def to_json(self, verbose: bool = False) -> str:
        payload: dict[str, Any] = {"metrics": self.metrics()}
        if verbose:
            payload["questions"] = [
                {
                    "id": r.id,
                    "question": r.question,
                    "recall@5": r.recall_at_5,
                    "rr@10": r.reciprocal_rank,
                    "found": r.found,
                    "answer_contains": r.contains_ok,
                    "ranks": r.ranks,
                    "top": r.top,
                }
                for r in self.results
            ]
        return json.dumps(payload, ensure_ascii=False, indent=None)


def evaluate(
    questions: list[EvalQuestion],
    search: Callable[[str, Filters], list[Hit]],
    ask: Callable[[str, Filters], Answer],
    is_verbatim: Callable[[Citation], bool],
) -> EvalReport:
    """Run every question through search (ten hits) and ask, and score them."""
    results: list[QuestionResult] = []
    for question in questions:
        hits = search(question.q, question.filters)[:10]
        ranks = [
            next((rank for rank, h in enumerate(hits, 1) if matches(e, h.citation)), None)
            for e in question.expect
        ]
        answer = ask(question.q, question.filters)
        text = answer.answer.lower()
        contains_ok = (
            all(s.lower() in text for s in question.answer_contains)
            if question.answer_contains
            else None
        )
        results.append(
            QuestionResult(
                id=question.id,
                question=question.q,
                kind=question.kind,
                ranks=ranks,
                found=answer.found,
                answer=answer.answer,
                contains_ok=contains_ok,
                citations=len(answer.citations),
                verbatim=sum(1 for c in answer.citations if is_verbatim(c)),
                forbidden_cited=sum(
                    1 for c in answer.citations for f in question.forbid if matches(f, c)
                ),
                top=[f"{h.citation.source}#{h.citation.item_number}" for h in hits[:5]],
            )
        )
    return EvalReport(results)
