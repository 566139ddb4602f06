"""CLI commands that answer: ask, eval."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from api.cli import handle_errors
from api.cli_query import filter_options, make_filters
from assistant.answer import ask as run_ask
from assistant.answer import verify_citation
from assistant.archive import Archive
from assistant.evaluation import evaluate, load_questions
from assistant.model import Filters
from assistant.search import search as run_search
from assistant.settings import Settings

__all__ = ["ask", "eval_command"]


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
        answer = run_ask(archive, question, flt, include_closed)
    finally:
        archive.close()
    if as_json:
        payload = {
            "answer": answer.answer,
            "found": answer.found,
            "citations": [c.model_dump(mode="json") for c in answer.citations],
        }
        click.echo(json.dumps(payload, ensure_ascii=False))
    else:
        click.echo(answer.answer)


@click.command("eval")
@click.argument("questions", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print metrics as JSON.")
@click.option("--verbose", is_flag=True, help="Show every question's result.")
@click.option("--min-recall", type=float, default=None, help="Exit 1 if recall@5 is below this.")
@click.option("--min-mrr", type=float, default=None, help="Exit 1 if MRR@10 is below this.")
@click.pass_obj
@handle_errors
def eval_command(
    settings: Settings, questions: Path, as_json: bool, verbose: bool,
    min_recall: float | None, min_mrr: float | None,
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
        )
        if floor is not None and (value is None or float(value) < floor)
    ]
    if failed:
        click.echo(f"below the required level: {', '.join(failed)}", err=True)
        sys.exit(1)
