"""`referat inspect`: how files would be parsed, through ingest's own code, storing nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from api.cli import cli

FIXTURES = Path(__file__).parent.parent / "fixtures"
CHEFFORUM = FIXTURES / "seeds" / "002_e6b0dd0e402eadb9.txt"
SAKSPROTOKOLL = FIXTURES / "steinkjer" / "7625.txt"
SCANNED = FIXTURES / "pdf" / "no-text-layer_stemmestyrets-motebok-hordvik-bergen-2019.pdf"
APPLICATION = FIXTURES / "seeds" / "004_1b34d6596bf41414.txt"  # no minutes: no known layout
SBSYS = FIXTURES / "os2dagsorden" / "sbsys-ballerup"


def inspect(data_dir: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--data-dir", str(data_dir), "inspect", *args])


def as_json(result: Result) -> list[dict[str, Any]]:
    parsed: list[dict[str, Any]] = json.loads(result.stdout)
    return parsed


def test_inspect_prints_reader_meeting_items_and_sections_and_creates_nothing(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "data"
    result = inspect(data_dir, str(CHEFFORUM))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "002_e6b0dd0e402eadb9.txt  (reader: punkt-minutes)" in out
    assert "meeting: Chefforum, 2024-04-10" in out
    assert "7  CF - Genindførelse af miljøledelse  [09.00.00-G01-27-23]" in out
    # a section: its kind, heading as written and first words
    assert "decision       Beslutning: Chefforum godkendte plan for implementering" in out
    assert not data_dir.exists()  # no archive opened, nothing written


def test_inspect_json_gives_every_item_and_a_one_line_reason_for_an_unreadable_file(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "data"
    result = inspect(data_dir, "--json", str(SAKSPROTOKOLL), str(CHEFFORUM), str(SCANNED))
    assert result.exit_code == 3  # as ingest: finished, but some file could not be read
    files = {f["file"]: f for f in as_json(result)}
    protocol = files["7625.txt"]
    assert protocol["reader"] == "saksprotokoll"
    meeting = protocol["meetings"][0]
    assert (meeting["body"], meeting["date"]) == ("Administrasjonsutvalget", "2026-02-12")
    assert [i["number"] for i in meeting["items"]] == ["2/2026"]
    kinds = {s["kind"]: s for s in meeting["items"][0]["sections"]}
    assert kinds["decision"]["heading"] == "Vedtak"
    assert kinds["decision"]["first_words"] == "Prosedyre for melding av avvik godkjenne"
    items = files["002_e6b0dd0e402eadb9.txt"]["meetings"][0]["items"]
    assert [i["number"] for i in items] == [str(n) for n in range(1, 10)]
    assert items[6]["title"] == "CF - Genindførelse af miljøledelse"
    assert items[6]["case_number"] == "09.00.00-G01-27-23"
    assert items[6]["closed"] is False
    error = files[SCANNED.name]["error"]
    assert error["type"] == "ScannedPdfError"
    assert "OCR" in error["message"]
    assert f"skipped {SCANNED.name}: scanned PDF" in result.stderr
    assert not data_dir.exists()


def test_a_folder_inspects_as_ingest_finds_it_an_export_bundle_as_one(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    shutil.copytree(SBSYS, folder)
    result = inspect(tmp_path / "data", "--json", str(folder))
    assert result.exit_code == 0, result.output
    files = as_json(result)
    # the enclosure PDF is read as part of its export, not as a file of its own
    assert [f["file"] for f in files] == ["Publication32.xml"]
    meeting = files[0]["meetings"][0]
    assert (meeting["body"], meeting["date"]) == ("KMB IT-udvalget", "2013-05-15")
    titles = [i["title"] for i in meeting["items"]]
    assert titles[:3] == [
        "Meddelelser",
        "Oplæg til standard it-arbejdsplads for Kommunalbestyrelsens medlemmer i 2014-2018",
        "Indførelse af systemet SAPA (Sagsoverblik/Partskontakt)",
    ]


def test_inspect_says_when_a_file_has_no_known_layout(tmp_path: Path) -> None:
    result = inspect(tmp_path / "data", str(APPLICATION))
    assert result.exit_code == 0, result.output
    assert "004_1b34d6596bf41414.txt: no known layout — split by the general segmenter" in (
        result.stdout
    )


def test_inspect_a_missing_path_is_a_reason_and_exit_3(tmp_path: Path) -> None:
    result = inspect(tmp_path / "data", "--json", str(tmp_path / "nowhere.pdf"))
    assert result.exit_code == 3
    [missing] = as_json(result)
    assert missing["error"]["message"] == "no such file or folder"
