"""A file that breaks a reader, runs out of time or holds no text is skipped; the batch goes on."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from api.cli import cli
from assistant.errors import EmptyDocumentError
from assistant.settings import Settings
from ingest.source import decode_text

MINUTES = """REFERAT Økonomiudvalget d. 05-03-2025

Punkt 1: Budgetopfølgning

00.30.00-S00-2-25

Beslutning

Økonomiudvalget tog budgetopfølgningen til efterretning.
"""
# accepted by the Greve reader, then 100,000 levels deep: RecursionError in json.loads
DEEP_JSON = '{"Dagsordenpunkter": [], "x": ' + "[" * 100_000 + "]" * 100_000 + "}"


def ingest(settings: Settings, *args: str, **env: str) -> tuple[Result, dict[str, Any]]:
    environment = {"REFERAT_CACHE_DIR": str(settings.cache_dir), **env}
    result = CliRunner().invoke(
        cli, ["--data-dir", str(settings.data_dir), "ingest", "--json", *args], env=environment
    )
    return result, json.loads(result.stdout)


def test_a_batch_with_a_file_nested_too_deeply_and_one_of_nul_bytes_goes_on(
    settings: Settings, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a-deep.json").write_text(DEEP_JSON)
    (inbox / "b-minutes.txt").write_text(MINUTES, encoding="utf-8")
    (inbox / "c-nul.txt").write_bytes(b"\x00" * 4096)
    # text that mentions the PDF header in its first lines is text, not a damaged PDF
    (inbox / "d-notes.txt").write_text("Om arkivformater\n\nFiler der starter med %PDF-1.7.\n")

    result, report = ingest(settings, str(inbox))

    assert result.exit_code == 3, result.output
    assert (report["documents"], report["skipped"]) == (2, 2)
    reasons = {s["source"]: s["reason"] for s in report["skipped_files"]}
    assert reasons["a-deep.json"].startswith("the JSON is nested too deeply")
    assert "export it again" in reasons["a-deep.json"]
    assert reasons["c-nul.txt"].startswith("the file holds no text (only blank, NUL or")
    assert "Traceback" not in result.output


def test_a_file_over_the_time_budget_is_skipped_with_a_reason(
    settings: Settings, tmp_path: Path
) -> None:
    minutes = tmp_path / "minutes.txt"
    minutes.write_text(MINUTES, encoding="utf-8")
    # a budget no reading can meet: the setting is how the mechanism is tested, not the clock
    result, report = ingest(settings, str(minutes), REFERAT_INGEST_FILE_TIMEOUT="0.000001")
    assert result.exit_code == 3
    assert report["documents"] == 0
    [skipped] = report["skipped_files"]
    assert skipped["source"] == "minutes.txt"
    assert skipped["reason"].startswith("reading the file took longer than 1e-06 s")
    assert "raise REFERAT_INGEST_FILE_TIMEOUT" in skipped["reason"]
    # with the default budget the same file is read and stored
    result, report = ingest(settings, str(minutes))
    assert result.exit_code == 0 and report["documents"] == 1


def test_a_file_of_invisible_characters_only_is_empty() -> None:
    with pytest.raises(EmptyDocumentError) as empty:
        decode_text("z.txt", "\ufeff\u200b \n\u200e\x00".encode())
    assert empty.value.reason.startswith("the file holds no text")
    assert decode_text("a.txt", "\ufeffReferat\u200b".encode()) == "Referat\u200b"
