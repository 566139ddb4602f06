"""`referat watch` over the CLI: add with filters, ingest new minutes, read the hits."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner, Result

from api.cli import cli
from tests.support.coast_minutes import BEFORE, NEW, OPEN_DECISION


def run(data_dir: Path, cache_dir: Path, *args: str) -> Result:
    env = {"REFERAT_CACHE_DIR": str(cache_dir)}
    result = CliRunner().invoke(cli, ["--data-dir", str(data_dir), *args], env=env)
    assert result.exit_code == 0, result.output
    return result


def added(data_dir: Path, cache_dir: Path, *args: str) -> str:
    output = run(data_dir, cache_dir, "watch", "add", *args).output
    assert "/feed.atom?token=ft_" in output
    found = re.search(r" as (w[0-9a-f]{16}) ", output)
    assert found, output
    return found.group(1)


def hits(data_dir: Path, cache_dir: Path, watch_id: str) -> list[dict[str, str]]:
    output = run(data_dir, cache_dir, "watch", "hits", watch_id, "--json").output
    found: list[dict[str, str]] = [h["citation"] for h in json.loads(output)["hits"]]
    return found


def test_watch_add_then_ingest_records_what_is_new_and_matches(
    tmp_path: Path, cache_dir: Path
) -> None:
    data = tmp_path / "data"
    january, february = tmp_path / "januar.txt", tmp_path / "februar.txt"
    january.write_text(BEFORE, encoding="utf-8")
    february.write_text(NEW, encoding="utf-8")
    run(data, cache_dir, "ingest", str(january))

    open_only = added(data, cache_dir, "kystbeskyttelse", "--body", "Teknisk Udvalg")
    closed_too = added(data, cache_dir, "kystbeskyttelse", "--closed")
    other_body = added(data, cache_dir, "kystbeskyttelse", "--body", "Byråd")
    assert hits(data, cache_dir, open_only) == []

    run(data, cache_dir, "ingest", str(february))
    assert [(c["item_number"], c["quote"]) for c in hits(data, cache_dir, open_only)] == [
        ("1", OPEN_DECISION)
    ]
    assert sorted(c["item_number"] for c in hits(data, cache_dir, closed_too)) == ["1", "2"]
    assert hits(data, cache_dir, other_body) == []
    text = run(data, cache_dir, "watch", "hits", open_only).output
    assert "Teknisk Udvalg 03-02-2025, punkt 1: Kystbeskyttelse ved Mosede Havn" in text

    listed = json.loads(run(data, cache_dir, "watch", "list", "--json").output)["watches"]
    assert [(w["id"], w["owner"], w["closed"]) for w in listed] == [
        (open_only, "local", False), (closed_too, "local", True), (other_body, "local", False)
    ]  # fmt: skip
    run(data, cache_dir, "watch", "remove", closed_too)
    listed = json.loads(run(data, cache_dir, "watch", "list", "--json").output)["watches"]
    assert [w["id"] for w in listed] == [open_only, other_body]
    missing = CliRunner().invoke(cli, ["--data-dir", str(data), "watch", "hits", closed_too])
    assert missing.exit_code == 1 and "no watch" in missing.output
