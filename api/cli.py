"""The `referat` command line: a thin click layer over the library.

Library errors are plain exceptions, turned into a message and an exit code (cli_common).
Exit codes: 0 ok, 1 error, 2 usage error, 3 ingest finished but skipped some files.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from api.cli_answer import ask, case, eval_command
from api.cli_archive import delete, ingest, stats
from api.cli_check import check_command, repair_command
from api.cli_inspect import inspect_command
from api.cli_keys import keys
from api.cli_query import search
from api.cli_serve import serve
from api.cli_sync import sync
from api.cli_watch import watch
from assistant.settings import Settings

__all__ = ["cli"]


@click.group()
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Archive folder (default: $REFERAT_DATA_DIR or ./data).",
)
@click.version_option(package_name="referat")
@click.pass_context
def cli(ctx: click.Context, data_dir: Path | None) -> None:
    """Referat: answers over municipal meeting minutes, with citations."""
    # model libraries must never reach for a hub: everything ships offline
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    try:
        settings = Settings(data_dir=data_dir) if data_dir else Settings()
    except ValueError as error:
        raise click.ClickException(f"invalid REFERAT_* setting: {error}") from error
    ctx.obj = settings


for _command in (
    ingest, delete, stats, search, ask, case, eval_command, serve, keys, check_command,
    repair_command,
):  # fmt: skip
    cli.add_command(_command)
cli.add_command(watch)
cli.add_command(sync)
cli.add_command(inspect_command)


if __name__ == "__main__":
    cli()
