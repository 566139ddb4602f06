"""What every CLI command shares: opening the archive, library errors turned into messages,
and the filter options.

The command modules import this, never `api.cli`, which imports them: no circle.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import click

from assistant.archive import Access, Archive
from assistant.errors import ArchiveEmptyError, ReferatError
from assistant.model import Filters
from assistant.settings import Settings

__all__ = ["filter_options", "handle_errors", "make_filters", "open_archive"]

F = TypeVar("F", bound=Callable[..., Any])


def handle_errors(func: F) -> F:
    """Turn library errors into a one-line message and exit code 1."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ReferatError as error:
            raise click.ClickException(str(error)) from error

    return wrapper  # type: ignore[return-value]


def open_archive(settings: Settings, access: Access = "read") -> Archive:
    """The archive a command works on. A read creates nothing and stops, with one line naming
    the fix, at an archive that is missing, empty or damaged."""
    archive = Archive.open(settings, access=access)
    if access == "read" and archive.is_empty():
        archive.close()
        raise ArchiveEmptyError(settings.data_dir)
    return archive


def filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The shared filters: --body --municipality --date-from --date-to --case."""
    options = [
        click.option("--body", help="Only this body, e.g. Økonomiudvalget."),
        click.option("--municipality", help="Only this municipality."),
        click.option("--date-from", type=click.DateTime(["%Y-%m-%d"]), help="YYYY-MM-DD"),
        click.option("--date-to", type=click.DateTime(["%Y-%m-%d"]), help="YYYY-MM-DD"),
        click.option("--case", "case_number", help="Only this case number."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def make_filters(
    body: str | None,
    municipality: str | None,
    date_from: dt.datetime | None,
    date_to: dt.datetime | None,
    case_number: str | None,
) -> Filters:
    return Filters(
        body=body,
        municipality=municipality,
        date_from=date_from.date() if date_from else None,
        date_to=date_to.date() if date_to else None,
        case_number=case_number,
    )
