"""`referat check` and `referat repair`: is the archive whole, and rebuild what is derived."""

from __future__ import annotations

import json
import sys

import click

from api.cli_common import handle_errors
from assistant.embedder import Embedder, load_embedder
from assistant.integrity import check, repair
from assistant.settings import Settings

__all__ = ["check_command", "repair_command"]


@click.command("check")
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
@click.pass_obj
@handle_errors
def check_command(settings: Settings, as_json: bool) -> None:
    """Check the catalog, vectors, word index, embedding cache and keys; exit 1 on a problem."""
    findings = check(settings)
    whole = all(f.ok for f in findings)
    if as_json:
        click.echo(json.dumps({"ok": whole, "findings": [f.as_json() for f in findings]}))
    else:
        for finding in findings:
            click.echo(finding.line())
    if not whole:
        sys.exit(1)


@click.command("repair")
@click.pass_obj
@handle_errors
def repair_command(settings: Settings) -> None:
    """Rebuild what is derived from the catalog: vectors, word index, embedding cache."""

    def embedder() -> Embedder:
        return load_embedder(settings.embedder, settings.embed_threads)

    done = repair(settings, embedder, say=click.echo)
    click.echo(f"Repaired: {len(done)} step(s)." if done else "Nothing to repair.")
