"""Ingest says which files no specific reader recognised (the general segmenter split them) and
how many items it found; a file that yields no text still gets its one-line reason."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner, Result

from api.cli import cli
from assistant.embedder import Embedder
from assistant.settings import Settings
from tests.api.test_ingest_drift import served
from tests.conftest import FIXTURES

APPLICATION = FIXTURES / "seeds" / "004_1b34d6596bf41414.txt"  # no minutes: no known layout
SAKSPROTOKOLL = FIXTURES / "steinkjer" / "7625.txt"
SCANNED = FIXTURES / "pdf" / "no-text-layer_stemmestyrets-motebok-hordvik-bergen-2019.pdf"
LINE = re.compile(
    r"004_1b34d6596bf41414\.txt: no known layout — split by the general segmenter into "
    r"(\d+) item\(s\); check with `referat inspect 004_1b34d6596bf41414\.txt`"
)


def run(data_dir: Path, cache_dir: Path, *args: str) -> Result:
    env = {"REFERAT_CACHE_DIR": str(cache_dir)}
    return CliRunner().invoke(cli, ["--data-dir", str(data_dir), *args], env=env)


def inspected_items(tmp_path: Path, path: Path) -> int:
    """How many items `referat inspect` finds in the file: ingest must say the same."""
    result = run(tmp_path / "nothing", tmp_path, "inspect", "--json", str(path))
    return sum(len(m["items"]) for m in json.loads(result.stdout)[0]["meetings"])


def test_ingest_names_a_file_of_no_known_layout_and_counts_it(
    tmp_path: Path, cache_dir: Path
) -> None:
    blank = tmp_path / "blank.txt"
    blank.write_text("  \n\t\n", encoding="utf-8")
    files = [str(p) for p in (APPLICATION, SAKSPROTOKOLL, blank, SCANNED)]
    result = run(tmp_path / "data", cache_dir, "ingest", *files)
    assert result.exit_code == 3, result.output  # finished, but two files were skipped
    assert "2 skipped.\n1 document(s) with no known layout:\n" in result.stdout
    [line] = [m for m in map(LINE.fullmatch, result.stdout.splitlines()) if m]
    assert int(line.group(1)) == inspected_items(tmp_path, APPLICATION) >= 1
    assert "7625.txt: no known layout" not in result.stdout  # a saksprotokoll is a known layout
    # each file that yields no text gets its one-line reason
    assert "skipped blank.txt: " in result.stderr
    assert f"skipped {SCANNED.name}: scanned PDF without a text layer" in result.stderr


def test_ingest_json_reports_no_known_layout(tmp_path: Path, cache_dir: Path) -> None:
    result = run(tmp_path / "data", cache_dir, "ingest", "--json", str(APPLICATION))
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["no_known_layout"] == 1
    [entry] = report["no_known_layout_files"]
    assert entry == {"source": APPLICATION.name, "items": report["items"]}
    assert any(LINE.fullmatch(line) for line in result.stderr.splitlines())  # with progress


def test_upload_notes_a_file_of_no_known_layout(
    tmp_path: Path, cache_dir: Path, embedder: Embedder
) -> None:
    settings = Settings(data_dir=tmp_path / "data", cache_dir=cache_dir)
    with served(settings, embedder) as http:
        sent = {"file": (APPLICATION.name, APPLICATION.read_bytes(), "text/plain")}
        known = {"file": (SAKSPROTOKOLL.name, SAKSPROTOKOLL.read_bytes(), "text/plain")}
        stored = http.post("/v1/documents", files=sent)
        again = http.post("/v1/documents", files=sent)
        other = http.post("/v1/documents", files=known)
    assert stored.status_code == 201, stored.text
    [note] = stored.json()["notes"]
    match = LINE.fullmatch(note)
    assert match and int(match.group(1)) == stored.json()["items"]
    # the same file again says the same: an "unchanged" hidden as "stored" must not differ
    assert again.json()["status"] == "unchanged" and again.json()["notes"] == [note]
    assert "notes" not in other.json()  # nothing to say about a known layout
