"""Ingest options: built one way for CLI and upload, part of the stored version; `stats` after."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from api.cli import cli
from assistant.settings import Settings
from ingest.pipeline import IngestOptions
from tests.conftest import FIXTURES

# Steinkjer's saksprotokoll texts do not name their municipality
KOMMUNESTYRET = FIXTURES / "steinkjer" / "7589.txt"
ADMINISTRASJONSUTVALGET = FIXTURES / "steinkjer" / "7625.txt"


def run(settings: Settings, *args: str, municipality: str | None = None) -> Result:
    env = {"REFERAT_CACHE_DIR": str(settings.cache_dir), "REFERAT_MUNICIPALITY": municipality}
    return CliRunner().invoke(cli, ["--data-dir", str(settings.data_dir), *args], env=env)


def ingested(settings: Settings, *args: str, municipality: str | None = None) -> dict[str, int]:
    result = run(settings, "ingest", "--json", *args, municipality=municipality)
    assert result.exit_code == 0, result.output
    report: dict[str, int] = json.loads(result.stdout)
    return report


def test_options_for_a_request_fill_in_the_configured_municipality_only_where_none_is_given(
    tmp_path: Path,
) -> None:
    steinkjer = Settings(data_dir=tmp_path, municipality="Steinkjer")
    assert IngestOptions.for_request(steinkjer) == IngestOptions(municipality="Steinkjer")
    assert IngestOptions.for_request(steinkjer, "Snåsa", "Formannskapet", True) == IngestOptions(
        municipality="Snåsa", body="Formannskapet", closed=True
    )
    assert IngestOptions.for_request(Settings(data_dir=tmp_path)) == IngestOptions()


def test_what_ingest_fills_in_is_part_of_the_stored_version(settings: Settings) -> None:
    assert ingested(settings, str(KOMMUNESTYRET), municipality="Steinkjer")["documents"] == 1
    again = ingested(settings, str(KOMMUNESTYRET), municipality="Steinkjer")
    assert (again["documents"], again["unchanged"]) == (0, 1)
    # the configured municipality given explicitly is the same option, so the same version
    explicit = ingested(settings, str(KOMMUNESTYRET), "--municipality", "Steinkjer")
    assert (explicit["documents"], explicit["unchanged"]) == (0, 1)
    other = ingested(settings, str(KOMMUNESTYRET), "--municipality", "Snåsa")
    assert (other["documents"], other["unchanged"]) == (1, 0)


def test_stats_json_prints_the_counts_after_an_ingest(settings: Settings) -> None:
    empty = run(settings, "stats", "--json")  # before anything is ingested: says so
    assert empty.exit_code == 1 and "ingest" in empty.output, empty.output

    report = ingested(settings, str(KOMMUNESTYRET), str(ADMINISTRASJONSUTVALGET))
    result = run(settings, "stats", "--json")

    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "documents": 2,
        "meetings": 2,
        "items": 2,
        "chunks": report["chunks"],
    }
    plain = run(settings, "stats")
    assert plain.stdout == f"documents: 2  meetings: 2  items: 2  chunks: {report['chunks']}\n"
