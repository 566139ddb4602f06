"""`referat keys`: API keys for the HTTP API (stored hashed; shown once)."""

from __future__ import annotations

import click

from api.cli_common import handle_errors
from assistant.keys import SCOPES, KeyStore
from assistant.settings import Settings

__all__ = ["keys"]


@click.group()
def keys() -> None:
    """Create, list and revoke API keys."""


@keys.command("create")
@click.argument("name")
@click.option(
    "--scope",
    "scopes",
    default="read",
    show_default=True,
    help=f"Comma-separated: {', '.join(SCOPES)}.",
)
@click.pass_obj
@handle_errors
def create(settings: Settings, name: str, scopes: str) -> None:
    """Create a key for NAME; the key is printed once, as the last line."""
    store = KeyStore(settings.ensure_data_dir())
    try:
        key = store.create(name, [s.strip() for s in scopes.split(",") if s.strip()])
    finally:
        store.close()
    click.echo(f"Created key {name!r} with scope(s) {scopes}. Store it now: it is not kept.")
    click.echo(key)


@keys.command("list")
@click.pass_obj
@handle_errors
def list_keys(settings: Settings) -> None:
    """Names, scopes and creation times (never the keys themselves)."""
    store = KeyStore(settings.data_dir, create=False)  # no keys yet: nothing is created
    try:
        records = store.list()
    finally:
        store.close()
    if not records:
        click.echo("No keys.")
    for record in records:
        click.echo(f"{record.name}\t{','.join(record.scopes)}\t{record.created}")


@keys.command("revoke")
@click.argument("name")
@click.pass_obj
@handle_errors
def revoke(settings: Settings, name: str) -> None:
    """Revoke the key called NAME at once."""
    store = KeyStore(settings.data_dir, create=False)  # no keys yet: nothing is created
    try:
        store.revoke(name)
    finally:
        store.close()
    click.echo(f"Revoked key {name!r}.")
