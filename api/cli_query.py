"""CLI commands that ask the archive: search."""

from __future__ import annotations

import datetime as dt
import json

import click

from api.cli_common import filter_options, handle_errors, make_filters, open_archive
from api.schemas import CitationPublic
from assistant.labels import item_label
from assistant.model import Citation
from assistant.search import search as run_search
from assistant.settings import Settings

__all__ = ["citation_line", "search"]


def citation_line(citation: Citation) -> str:
    """The cited item for people, with the file it comes from."""
    return f"{item_label(citation.ref)} [{citation.ref.source}]"


@click.command()
@click.argument("query")
@click.option("--top-k", type=click.IntRange(1, 100), default=None, help="How many items.")
@filter_options
@click.option("--include-closed", is_flag=True, help="Include closed items (lukkede punkter).")
@click.option("--json", "as_json", is_flag=True, help="Print hits as JSON.")
@click.pass_obj
@handle_errors
def search(
    settings: Settings,
    query: str,
    top_k: int | None,
    body: str | None,
    municipality: str | None,
    date_from: dt.datetime | None,
    date_to: dt.datetime | None,
    case_number: str | None,
    include_closed: bool,
    as_json: bool,
) -> None:
    """Rank agenda items for a query, best first."""
    archive = open_archive(settings)
    try:
        hits = run_search(
            archive,
            query,
            make_filters(body, municipality, date_from, date_to, case_number),
            top_k or settings.default_top_k,
            include_closed=include_closed,
        )
    finally:
        archive.close()
    if as_json:
        payload = {
            "hits": [
                {
                    "score": round(h.score, 4),
                    "citation": CitationPublic.of(h.citation).model_dump(mode="json"),
                }
                for h in hits
            ]
        }
        click.echo(json.dumps(payload, ensure_ascii=False))
        return
    if not hits:
        click.echo("No matching agenda items.")
    for rank, hit in enumerate(hits, 1):
        click.echo(f"{rank}. {hit.score:.3f}  {citation_line(hit.citation)}")
        quote = " ".join(hit.citation.quote.split())
        click.echo(f"   {hit.citation.section}: {quote[:240]}")
