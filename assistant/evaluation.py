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

__all__ = [
    "EvalQuestion",
    "EvalReport",
    "QuestionResult",
    "Skipped",
    "evaluate",
    "load_questions",
]


class EvalQuestion(BaseModel):
    id: str
    q: str
    kind: str = "fact"
    lang: str | None = None
    filters: Filters = Field(default_factory=Filters)
    expect: list[dict[str, Any]] = Field(default_factory=list)
    forbid: list[dict[str, Any]] = Field(default_factory=list)
    answer_contains: list[str] = Field(default_factory=list)

    def contained_in(self, answer: str) -> bool | None:
        """Does the answer hold every fragment `answer_contains` lists (case aside)? None when
        it lists none."""
        if not self.answer_contains:
            return None
        text = answer.lower()
        return all(fragment.lower() in text for fragment in self.answer_contains)


def load_questions(path: Path) -> list[EvalQuestion]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [EvalQuestion.model_validate_json(line) for line in lines if line.strip()]


def matches(expectation: dict[str, Any], citation: Citation) -> bool:
    """Does a citation point at what an `expect`/`forbid` entry names?"""
    ref = citation.ref
    if "case" in expectation:
        return ref.case_number == str(expectation["case"])
    if ref.source != expectation.get("source"):
        return False
    return "item" not in expectation or ref.item_number == str(expectation["item"])


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
    cited: list[str] = field(default_factory=list)  # "source#item" of each citation, in order

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


@dataclass(frozen=True)
class Skipped:
    """A question left out: what it expects is not in the archive being scored."""

    id: str
    missing: list[str]  # source file names and case numbers


@dataclass
class EvalReport:
    results: list[QuestionResult]
    skipped: list[Skipped] = field(default_factory=list)

    def metrics(self) -> dict[str, float | int | None]:
        def mean(values: list[float]) -> float | None:
            return round(sum(values) / len(values), 4) if values else None

        answerable = [r for r in self.results if r.kind != "none"]
        none = [r for r in self.results if r.kind == "none"]
        contains = [r for r in self.results if r.contains_ok is not None]
        cited = sum(r.citations for r in self.results)
        return {
            "questions": len(self.results),
            "skipped": len(self.skipped),
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
        if self.skipped:
            payload["skipped"] = [{"id": s.id, "missing": s.missing} for s in self.skipped]
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
                    "answer": r.answer,
                    "cited": r.cited,
                }
                for r in self.results
            ]
        return json.dumps(payload, ensure_ascii=False, indent=None)


def _at(citation: Citation) -> str:
    """Where a citation points, as the verbose report lists it: "source#item"."""
    return f"{citation.ref.source}#{citation.ref.item_number}"


def _missing(
    question: EvalQuestion, has_source: Callable[[str], bool], has_case: Callable[[str], bool]
) -> list[str]:
    """What the question expects that the archive does not hold at all (a file, a case)."""
    missing: list[str] = []
    for entry in question.expect:
        if "case" in entry and not has_case(str(entry["case"])):
            missing.append(f"case {entry['case']}")
        elif "source" in entry and not has_source(str(entry["source"])):
            missing.append(str(entry["source"]))
    return list(dict.fromkeys(missing))


def evaluate(
    questions: list[EvalQuestion],
    search: Callable[[str, Filters], list[Hit]],
    ask: Callable[[str, Filters], Answer],
    is_verbatim: Callable[[Citation], bool],
    has_source: Callable[[str], bool] | None = None,
    has_case: Callable[[str], bool] | None = None,
) -> EvalReport:
    """Run every question through search (ten hits) and ask, and score them.

    With `has_source`/`has_case`, a question whose expected files or cases the archive lacks is
    skipped and reported as such: it says nothing about this archive (a sample holds few files).
    """
    results: list[QuestionResult] = []
    skipped: list[Skipped] = []
    for question in questions:
        if has_source is not None and has_case is not None:
            missing = _missing(question, has_source, has_case)
            if missing:
                skipped.append(Skipped(question.id, missing))
                continue
        hits = search(question.q, question.filters)[:10]
        ranks = [
            next((rank for rank, h in enumerate(hits, 1) if matches(e, h.citation)), None)
            for e in question.expect
        ]
        answer = ask(question.q, question.filters)
        contains_ok = question.contained_in(answer.answer)
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
                top=[_at(h.citation) for h in hits[:5]],
                cited=[_at(c) for c in answer.citations],
            )
        )
    return EvalReport(results, skipped)
