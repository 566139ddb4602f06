"""`referat inspect`: how files would be parsed, without storing anything.

A secretary checks a new municipality's files with it before ingesting; a developer debugs a
reader with it. Files are found and read by exactly the code ingest uses (`discover`, then
`read_source` in a worker within the same time budget); no archive is opened or created.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from api.cli_archive import EXIT_SKIPPED
from api.cli_common import handle_errors
from assistant.errors import InputError
from assistant.model import Meeting, Section
from assistant.settings import Settings
from ingest.fallback import fallback_line, fell_back
from ingest.isolation import IsolatedReader
from ingest.pipeline import IngestReport, discover
from ingest.readers.registry import ReadResult, read_source
from ingest.source import SourceFile

__all__ = ["inspect_command"]

FIRST_WORDS = 12


def _first_words(text: str) -> str:
    words = text.split()
    return " ".join(words[:FIRST_WORDS]) + (" …" if len(words) > FIRST_WORDS else "")


def _section(section: Section) -> dict[str, Any]:
    return {
        "kind": section.kind.value,
        "heading": section.heading,
        "first_words": _first_words(section.text),
        "page": section.page,
    }


def _meeting(meeting: Meeting) -> dict[str, Any]:
    return {
        "municipality": meeting.municipality,
        "body": meeting.body,
        "date": meeting.date.isoformat() if meeting.date else None,
        "place": meeting.place,
        "items": [
            {
                "number": item.number,
                "title": item.title,
                "case_number": item.case_number,
                "closed": item.closed,
                "sections": [_section(s) for s in item.sections],
            }
            for item in meeting.items
        ],
    }


def _parsed(name: str, result: ReadResult) -> dict[str, Any]:
    parsed: dict[str, Any] = {
        "file": name,
        "reader": result.reader,
        "meetings": [_meeting(m) for m in result.meetings],
    }
    if result.problems:  # files of an export's bundle that could not be used
        parsed["skipped_parts"] = [{"part": p.part, "reason": p.reason} for p in result.problems]
    return parsed


def _failed(name: str, kind: str, message: str) -> dict[str, Any]:
    return {"file": name, "error": {"type": kind, "message": message}}


def _tree(parsed: dict[str, Any]) -> list[str]:
    """The readable form: a file, its meetings, their items and sections."""
    name = parsed["file"]
    lines = [f"{name}  (reader: {parsed['reader']})"]
    for meeting in parsed["meetings"]:
        facts = [meeting["body"], meeting["date"], meeting["place"], meeting["municipality"]]
        lines.append("  meeting: " + ", ".join(fact or "?" for fact in facts))
        for item in meeting["items"]:
            case = f"  [{item['case_number']}]" if item["case_number"] else ""
            closed = "  (closed)" if item["closed"] else ""
            lines.append(f"    {item['number'] or '-'}  {item['title']}{case}{closed}")
            for section in item["sections"]:
                page = f" p.{section['page']}" if section["page"] else ""
                heading = section["heading"] or "(no heading)"
                lines.append(
                    f"        {section['kind']:<14} {heading}{page}: {section['first_words']}"
                )
    for part in parsed.get("skipped_parts", []):
        lines.append(f"  skipped part {part['part']}: {part['reason']}")
    items = sum(len(m["items"]) for m in parsed["meetings"])
    if fell_back(parsed["reader"]):
        lines.append("  " + fallback_line(name, items, hint=False))
    return lines


def inspect_paths(paths: tuple[Path, ...], seconds: float) -> list[dict[str, Any]]:
    """Each file under `paths` as ingest would read it; nothing is stored."""
    report = IngestReport()
    files = discover(paths, report)
    inspected = [_failed(s.source, "NotFound", s.reason) for s in report.skipped]
    with IsolatedReader(read_source, seconds) as reader:
        for path in files:
            try:
                inspected.append(_parsed(path.name, reader.read(SourceFile.from_path(path))))
            except InputError as error:
                inspected.append(_failed(path.name, type(error).__name__, error.reason))
            except OSError as error:
                reason = f"cannot read the file: {error.strerror}"
                inspected.append(_failed(path.name, "OSError", reason))
    return inspected


@click.command("inspect")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON: one object per file.")
@click.pass_obj
@handle_errors
def inspect_command(settings: Settings, paths: tuple[Path, ...], as_json: bool) -> None:
    """Show how files would be parsed (reader, meeting, items, sections); stores nothing."""
    inspected = inspect_paths(paths, settings.ingest_file_timeout)
    if as_json:
        click.echo(json.dumps(inspected, ensure_ascii=False, indent=1))
    else:
        for parsed in inspected:
            if "error" not in parsed:  # those get their one line below
                click.echo("\n".join(_tree(parsed)))
    failed = [p for p in inspected if "error" in p or p.get("skipped_parts")]
    for parsed in failed:
        if "error" in parsed:
            # one line per file that cannot be read, as ingest says it
            click.echo(f"skipped {parsed['file']}: {parsed['error']['message']}", err=True)
    if failed:
        sys.exit(EXIT_SKIPPED)
