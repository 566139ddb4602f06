"""One more file ingested into an archive updates its word index instead of rebuilding it: the
CLI writes a small delta beside the saved base, a server holding the index catches up in memory,
`referat check` tells how current the saved index is, and `referat repair` mends a damaged
delta from the base and the catalog's log."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from api.cli import cli
from assistant.archive import Archive
from assistant.catalog import Catalog
from assistant.embedder import Embedder
from assistant.lexical import LexicalIndex
from assistant.model import Filters
from assistant.search import search
from assistant.settings import Settings
from assistant.tokens import tokenize
from tests.conftest import FIXTURES
from tests.support import damage

FIRST = [FIXTURES / "seeds" / "004_1b34d6596bf41414.txt", FIXTURES / "steinkjer" / "7601.txt"]
MORE = FIXTURES / "seeds" / "001_02485999139c2553.txt"
QUESTION = "ketchupeffekt"  # of MORE only
WORD = tokenize(QUESTION)[0]


def run(data_dir: Path, *args: str, exit_code: int = 0) -> Result:
    result = CliRunner().invoke(cli, ["--data-dir", str(data_dir), *args])
    assert result.exit_code == exit_code, result.output
    return result


def found(data_dir: Path, query: str) -> list[str]:
    hits = json.loads(run(data_dir, "search", query, "--json", "--top-k", "20").stdout)["hits"]
    return [h["citation"]["source"] for h in hits]


def word_index(data_dir: Path, exit_code: int = 0) -> dict[str, object]:
    checked = run(data_dir, "check", "--json", exit_code=exit_code)
    findings = json.loads(checked.stdout)["findings"]
    return next(f for f in findings if f["part"] == "word index")


def test_an_ingest_and_a_delete_update_the_saved_index_without_rebuilding_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "data"
    run(data_dir, "ingest", *map(str, FIRST))
    base = data_dir / "lexical-open.pickle"
    built = base.read_bytes()
    assert not (data_dir / "lexical-open-delta.pickle").exists()
    assert MORE.name not in found(data_dir, QUESTION)

    rebuilds: list[bool] = []
    build = LexicalIndex.build

    def counted(catalog: Catalog, include_closed: bool) -> LexicalIndex:
        rebuilds.append(include_closed)
        return build(catalog, include_closed)

    monkeypatch.setattr(LexicalIndex, "build", counted)
    run(data_dir, "ingest", str(MORE))
    assert base.read_bytes() == built  # the base stays; what changed is in the delta
    assert (data_dir / "lexical-open-delta.pickle").exists()
    assert MORE.name in found(data_dir, QUESTION)
    assert "lexical-open.pickle + lexical-open-delta.pickle: current" in str(
        word_index(data_dir)["detail"]
    )

    run(data_dir, "delete", MORE.name)
    assert MORE.name not in found(data_dir, QUESTION)
    assert FIRST[0].name in found(data_dir, "klimabudsjett")
    assert not rebuilds  # every step updated the index: none rebuilt it

    # a damaged delta: repair mends it from the base and the catalog's log of changes
    damage.overwrite(data_dir / "lexical-open-delta.pickle")
    assert not word_index(data_dir, exit_code=1)["ok"]
    repaired = run(data_dir, "repair")
    assert "rebuilt the word index (lexical-open-delta.pickle was damaged)" in repaired.output
    assert word_index(data_dir)["ok"]
    assert not rebuilds
    assert MORE.name not in found(data_dir, QUESTION)
    assert FIRST[1].name in found(data_dir, "konsesjonsloven")


def test_a_server_catches_up_with_another_writer_in_memory(
    settings: Settings, embedder: Embedder
) -> None:
    server = Archive(settings, embedder)
    writer = Archive(settings, embedder)  # another process, in real life
    try:
        from ingest.pipeline import ingest_paths

        assert not ingest_paths(writer, FIRST).skipped
        before = server.lexical()
        assert not before.search([WORD], 10, Filters())
        assert not ingest_paths(writer, [MORE]).skipped
        after = server.lexical()
        assert after is not before and after.generation == server.catalog.generation()
        assert after._base is before._base  # updated, not rebuilt or reloaded
        hits = search(server, QUESTION, top_k=10)
        assert MORE.name in {h.ref.source for h in hits}
        assert before.search([WORD], 10, Filters()) == []  # the old version is unchanged
    finally:
        writer.close()
        server.close()


def test_an_archive_from_before_the_log_starts_it_with_its_next_write(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    run(data_dir, "ingest", *map(str, FIRST))
    catalog = data_dir / "catalog.sqlite"
    with sqlite3.connect(catalog) as db:  # as older code left it: no log
        db.execute("DROP TABLE lexical_log")
        db.execute("DELETE FROM meta WHERE key = 'lexical_log_since'")
    run(data_dir, "check")
    with sqlite3.connect(catalog) as db:  # a check changes nothing
        assert not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'lexical_log'").fetchall()
    built = (data_dir / "lexical-open.pickle").read_bytes()
    run(data_dir, "ingest", str(MORE))
    assert (data_dir / "lexical-open.pickle").read_bytes() == built  # updated, not rebuilt
    assert MORE.name in found(data_dir, QUESTION)
