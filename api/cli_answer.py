"""CLI commands that answer: ask, eval."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from api.cli_common import filter_options, handle_errors, make_filters, open_archive
from api.cli_query import citation_line
from api.progress import Progress
from api.schemas import AnswerPublic, CitationPublic
from assistant.answer import Answer
from assistant.answering import answer_events
from assistant.answering import ask as run_ask
from assistant.evaluation import evaluate, load_questions
from assistant.llm import ChatModel
from assistant.model import Filters
from assistant.question import Query
from assistant.search import search as run_search
from assistant.settings import Settings

__all__ = ["ask", "case", "eval_command"]


@click.command()
@click.argument("question")
@filter_options
@click.option("--include-closed", is_flag=True, help="Include closed items (lukkede punkter).")
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
@click.pass_obj
@handle_errors
def ask(
    settings: Settings, question: str, body: str | None, municipality: str | None,
    date_from: dt.datetime | None, date_to: dt.datetime | None, case_number: str | None,
    include_closed: bool, as_json: bool,
) -> None:  # fmt: skip
    """Answer a question from the archive, with citations."""
    model = ChatModel(settings) if settings.llm_base_url else None
    query = Query(question, make_filters(body, municipality, date_from, date_to, case_number),
                  include_closed=include_closed)  # fmt: skip
    archive = open_archive(settings)
    answer: Answer | None = None
    drafted = False
    try:
        for event in answer_events(archive, query, model):
            if event.draft and not as_json:
                click.echo(event.text, nl=False)  # the model's draft, as it writes
                drafted = True
            answer = event.answer or answer
    finally:
        archive.close()
    assert answer is not None
    if as_json:
        click.echo(json.dumps(AnswerPublic.of(answer).model_dump(mode="json"), ensure_ascii=False))
        return
    if drafted:
        click.echo("\n---")  # the streamed draft ends; the verified answer follows
    click.echo(answer.answer)
    if model is not None:
        for key, citation in enumerate(answer.citations, 1):
            click.echo(f"[{key}] {citation_line(citation)}: {citation.quote!r}")


@click.command("eval")
@click.argument("questions", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print metrics as JSON.")
@click.option("--verbose", is_flag=True, help="Show every question's result.")
@click.option("--min-recall", type=float, default=None, help="Exit 1 if recall@5 is below this.")
@click.option("--min-mrr", type=float, default=None, help="Exit 1 if MRR@10 is below this.")
@click.option("--min-abstention", type=float, default=None, help="Exit 1 if abstention is below.")
@click.option(
    "--min-contains", type=float, default=None, help="Exit 1 if answer_contains is below."
)
@click.option("--min-precision", type=float, default=None, help="Exit 1 if citation precision is.")
@click.option(
    "--max-refused",
    type=float,
    default=None,
    help="Exit 1 if more answerable questions than this share are refused.",
)
@click.pass_obj
@handle_errors
def eval_command(
    settings: Settings, questions: Path, as_json: bool, verbose: bool,
    min_recall: float | None, min_mrr: float | None, min_abstention: float | None,
    min_contains: float | None, min_precision: float | None, max_refused: float | None,
) -> None:  # fmt: skip
    """Score retrieval and answers on QUESTIONS.jsonl against the current archive."""
    archive = open_archive(settings)
    progress = Progress("eval", "question")  # a bar on a terminal, log lines elsewhere
    try:

        def search(q: str, flt: Filters) -> list:  # type: ignore[type-arg]
            return run_search(archive, q, flt, top_k=10)

        def ask_one(q: str, flt: Filters):  # type: ignore[no-untyped-def]
            answer = run_ask(archive, q, flt)
            progress.advance()
            return answer

        loaded = load_questions(questions)
        progress.start(len(loaded))
        report = evaluate(
            loaded, search, ask_one, archive.holds_quote,
            has_source=lambda source: archive.document(source) is not None,
            has_case=archive.has_case,
        )  # fmt: skip
    finally:
        progress.close()
        archive.close()
    metrics = report.metrics()
    if as_json:
        click.echo(report.to_json(verbose))
    else:
        if verbose:
            for r in report.results:
                mark = (
                    "ok "
                    if (r.recall_at_5 or 0) == 1 or (r.kind == "none" and not r.found)
                    else "MISS"
                )
                click.echo(
                    f"{mark} {r.id} r@5={r.recall_at_5} rr={r.reciprocal_rank} found={r.found} "
                    f"contains={r.contains_ok} ranks={r.ranks} top={r.top[:3]}  {r.question}"
                )
        for key, value in metrics.items():
            click.echo(f"{key:24} {value}")
        if report.skipped:
            missing = sorted({name for s in report.skipped for name in s.missing})
            click.echo(
                f"{len(report.skipped)} question(s) skipped: the archive lacks what they refer "
                f"to ({len(missing)}: {', '.join(missing[:8])}{' …' if len(missing) > 8 else ''})"
                "; ingest those files to score them (--verbose lists them)",
                err=True,
            )
            if verbose:
                for s in report.skipped:
                    click.echo(f"skip {s.id}: missing {', '.join(s.missing)}", err=True)
    failed = [
        name
        for name, value, floor in (
            ("recall@5", metrics["recall@5"], min_recall),
            ("mrr@10", metrics["mrr@10"], min_mrr),
            ("abstention_accuracy", metrics["abstention_accuracy"], min_abstention),
            ("answer_contains", metrics["answer_contains"], min_contains),
            ("citation_precision", metrics["citation_precision"], min_precision),
        )
        if floor is not None and (value is None or float(value) < floor)
    ]
    refused = metrics["false_abstention_rate"]
    if max_refused is not None and (refused is None or float(refused) > max_refused):
        failed.append("false_abstention_rate")
    if failed:
        click.echo(f"short of the required level: {', '.join(failed)}", err=True)
        sys.exit(1)


@click.command("case")
@click.argument("case_number")
@click.option("--include-closed", is_flag=True, help="Include closed items (lukkede punkter).")
@click.option("--json", "as_json", is_flag=True, help="Print the timeline as JSON.")
@click.pass_obj
@handle_errors
def case(settings: Settings, case_number: str, include_closed: bool, as_json: bool) -> None:
    """Every stage of a case across bodies, oldest first, with decisions and votes."""
    archive = open_archive(settings)
    try:
        stages = archive.case(case_number, include_closed)
    finally:
        archive.close()
    if as_json:
        payload = {
            "case_number": case_number,
            "stages": [
                {
                    "decided": stage.decided,
                    "votes": stage.votes,
                    "citation": CitationPublic.of(stage.citation).model_dump(mode="json"),
                }
                for stage in stages
            ],
        }
        click.echo(json.dumps(payload, ensure_ascii=False))
        return
    click.echo(f"Sag {case_number}: {len(stages)} behandling(er)")
    for stage in stages:
        c = stage.citation
        click.echo(f"- {citation_line(c)}")
        label = c.section or "Beslutning"
        click.echo(f"    {label}: {' '.join(c.quote.split()) or '(ingen beslutning endnu)'}")
        if stage.votes:
            click.echo(f"    Afstemning: {' '.join(stage.votes.split())[:400]}")
