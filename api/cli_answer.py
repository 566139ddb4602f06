"""CLI commands that answer: ask, eval."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from api.cli_common import filter_options, handle_errors, make_filters
from api.cli_query import citation_line
from assistant.answer import ask as run_ask
from assistant.answer import verify_citation
from assistant.archive import Archive
from assistant.evaluation import evaluate, load_questions
from assistant.generate import generate_stream
from assistant.llm import ChatModel
from assistant.model import Filters
from assistant.search import search as run_search
from assistant.settings import Settings
from assistant.timeline import case_timeline

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
    archive = Archive.open(settings)
    try:
        flt = make_filters(body, municipality, date_from, date_to, case_number)
        if settings.llm_base_url:
            model = ChatModel(settings)
            answer = None
            for event in generate_stream(archive, model, question, flt, include_closed):
                if event.kind == "token" and not as_json:
                    click.echo(event.text, nl=False)
                answer = event.answer or answer
            assert answer is not None
            if not as_json:
                click.echo()  # the streamed draft ends; the verified answer follows
        else:
            answer = run_ask(archive, question, flt, include_closed)
    finally:
        archive.close()
    if as_json:
        payload = {
            "answer": answer.answer,
            "found": answer.found,
            "citations": [c.model_dump(mode="json") for c in answer.citations],
            "mode": answer.mode,
            "flagged": answer.flagged,
        }
        click.echo(json.dumps(payload, ensure_ascii=False))
    else:
        if settings.llm_base_url:
            click.echo("---")
        click.echo(answer.answer)
        if settings.llm_base_url:
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
@click.pass_obj
@handle_errors
def eval_command(
    settings: Settings, questions: Path, as_json: bool, verbose: bool,
    min_recall: float | None, min_mrr: float | None, min_abstention: float | None,
    min_contains: float | None, min_precision: float | None,
) -> None:  # fmt: skip
    """Score retrieval and answers on QUESTIONS.jsonl against the current archive."""
    archive = Archive.open(settings)
    try:

        def search(q: str, flt: Filters) -> list:  # type: ignore[type-arg]
            return run_search(archive, q, flt, top_k=10)

        def ask_one(q: str, flt: Filters):  # type: ignore[no-untyped-def]
            return run_ask(archive, q, flt)

        report = evaluate(
            load_questions(questions), search, ask_one, lambda c: verify_citation(archive, c)
        )
    finally:
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
    if failed:
        click.echo(f"below the required level: {', '.join(failed)}", err=True)
        sys.exit(1)


@click.command("case")
@click.argument("case_number")
@click.option("--include-closed", is_flag=True, help="Include closed items (lukkede punkter).")
@click.option("--json", "as_json", is_flag=True, help="Print the timeline as JSON.")
@click.pass_obj
@handle_errors
def case(settings: Settings, case_number: str, include_closed: bool, as_json: bool) -> None:
    """Every stage of a case across bodies, oldest first, with decisions and votes."""
    archive = Archive.open(settings)
    try:
        stages = case_timeline(archive.catalog, case_number, include_closed)
    finally:
        archive.close()
    if as_json:
        payload = {
            "case_number": case_number,
            "stages": [
                {
                    "decided": stage.decided,
                    "votes": stage.votes,
                    "citation": stage.citation.model_dump(mode="json"),
                }
                for stage in stages
            ],
        }
        click.echo(json.dumps(payload, ensure_ascii=False))
        return
    click.echo(f"Sag {case_number}: {len(stages)} behandling(er)")
    for stage in stages:
        c = stage.citation
        date = c.meeting_date.strftime("%d-%m-%Y") if c.meeting_date else "?"
        number = f", punkt {c.item_number}" if c.item_number else ""
        click.echo(f'- {date} {c.body or "?"}{number} "{c.item_title}" [{c.source}]')
        label = c.section or "Beslutning"
        click.echo(f"    {label}: {' '.join(c.quote.split()) or '(ingen beslutning endnu)'}")
        if stage.votes:
            click.echo(f"    Afstemning: {' '.join(stage.votes.split())[:400]}")
