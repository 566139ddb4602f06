"""`referat watch`: follow a query; after every ingest or sync, what is new and matches it is
recorded (and sent to a webhook, if given). The HTTP API has the same (/v1/watches)."""

from __future__ import annotations

import datetime as dt
import json

import click

from api.cli_common import filter_options, handle_errors, make_filters
from api.watch_feed import entry_title
from api.watch_schemas import WatchHitPublic, WatchPublic
from assistant.catalog import Catalog
from assistant.keys import KeyRecord, KeyStore
from assistant.settings import Settings
from assistant.watches import LOCAL, WatchStore, audience
from assistant.webhooks import check_target

__all__ = ["watch"]


def _versions(settings: Settings) -> list[tuple[str, str]]:
    """The archive's documents as stored now (none yet: an empty list)."""
    path = settings.data_dir / "catalog.sqlite"
    if not path.exists():
        return []
    catalog = Catalog(path)
    try:
        return [(d.source, d.sha256) for d in catalog.documents()]
    finally:
        catalog.close()


def _keys(settings: Settings) -> list[KeyRecord]:
    store = KeyStore(settings.data_dir, create=False)
    try:
        return store.list()
    finally:
        store.close()


@click.group()
def watch() -> None:
    """Follow queries: what new minutes bring that matches them."""


@watch.command("add")
@click.argument("query")
@filter_options
@click.option("--closed", is_flag=True, help="Record closed items too (lukkede punkter).")
@click.option("--webhook", help="POST new hits as JSON to this http(s) URL.")
@click.pass_obj
@handle_errors
def add(
    settings: Settings, query: str, body: str | None, municipality: str | None,
    date_from: dt.datetime | None, date_to: dt.datetime | None, case_number: str | None,
    closed: bool, webhook: str | None,
) -> None:  # fmt: skip
    """Follow QUERY (with filters); prints the feed URL and webhook secret, shown only now."""
    if webhook:
        check_target(webhook, settings.webhook_private_targets)
    filters = make_filters(body, municipality, date_from, date_to, case_number)
    with WatchStore(settings.ensure_data_dir()) as store:
        made, token = store.create(LOCAL, query, filters, closed, _versions(settings), webhook)
    base = settings.public_url or f"http://{settings.host}:{settings.port}"
    who = "open and closed items" if closed else "open items only"
    click.echo(f"Watching {query!r} as {made.id} ({who}); what the next ingest brings counts.")
    click.echo(f"Feed (keep it secret, shown only now): {base.rstrip('/')}"
               f"/v1/watches/{made.id}/feed.atom?token={token}")  # fmt: skip
    if made.webhook_secret:
        click.echo(
            f"Webhook secret (X-Referat-Signature-256, shown only now): {made.webhook_secret}"
        )


@watch.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the watches as JSON.")
@click.pass_obj
@handle_errors
def list_watches(settings: Settings, as_json: bool) -> None:
    """Every watch of this archive, the API keys' too."""
    if not WatchStore.exists(settings.data_dir):
        click.echo(json.dumps({"watches": []}) if as_json else "No watches.")
        return
    keys = _keys(settings)
    with WatchStore(settings.data_dir) as store:
        watches = store.watches()
    if as_json:
        rows = [
            {"owner": w.owner, **WatchPublic.of(w, bool(audience(w, keys))).model_dump(mode="json")}
            for w in watches
        ]
        click.echo(json.dumps({"watches": rows}, ensure_ascii=False))
        return
    if not watches:
        click.echo("No watches.")
    for w in watches:
        flt = ", ".join(f"{k}={v}" for k, v in w.filters.model_dump(exclude_none=True).items())
        state = audience(w, keys)
        seen = "revoked key" if state is None else "closed too" if state else "open"
        hook = f"  -> {w.webhook_url}" if w.webhook_url else ""
        click.echo(f"{w.id}\t{w.owner}\t{w.query!r}\t{flt or '-'}\t{seen}{hook}")


@watch.command("remove")
@click.argument("watch_id")
@click.pass_obj
@handle_errors
def remove(settings: Settings, watch_id: str) -> None:
    """Stop following: the watch, its hits, feed and webhook go."""
    with WatchStore(settings.ensure_data_dir()) as store:
        store.delete(watch_id)
    click.echo(f"Removed watch {watch_id}.")


@watch.command("hits")
@click.argument("watch_id")
@click.option("--limit", type=click.IntRange(1, 500), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the hits as JSON.")
@click.pass_obj
@handle_errors
def hits(settings: Settings, watch_id: str, limit: int, as_json: bool) -> None:
    """What new minutes brought that matched the watch, newest first."""
    keys = _keys(settings)
    with WatchStore(settings.ensure_data_dir()) as store:
        found = store.watch(watch_id)
        closed = audience(found, keys)
        recorded = store.hits(found.id, bool(closed), limit) if closed is not None else []
    if as_json:
        rows = [WatchHitPublic.of(hit).model_dump(mode="json") for hit in recorded]
        click.echo(json.dumps({"hits": rows}, ensure_ascii=False))
        return
    if not recorded:
        click.echo("Nothing new has matched yet.")
    for hit in recorded:
        when = hit.recorded.strftime("%Y-%m-%d %H:%M")
        click.echo(f"{when}  {entry_title(hit, 'da')}  [{hit.citation.ref.source}]")
        click.echo(f"   {' '.join(hit.citation.quote.split())[:240]}")
