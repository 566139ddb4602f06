"""A missing, empty or damaged data dir: every command says in one line what is wrong and what
to run (`referat repair` for derived data, re-ingesting for the catalog), creates nothing when it
only reads, and never prints a traceback or crashes; `referat repair` gives a working archive.

Everything runs through the CLI on a real small archive. Cases where Chroma's native code could
crash the process run `referat` in a child process, so a crash fails the test instead of pytest.
"""

from __future__ import annotations

import json
import shutil
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner, Result

from api.app import create_app
from api.cli import cli
from assistant.errors import ArchiveMissingError, IndexDamagedError, KeysDamagedError
from assistant.file_checks import hnsw_problem
from assistant.settings import Settings
from tests.conftest import FIXTURES
from tests.support import damage
from tests.support.server import running

REFERAT = Path(sys.executable).with_name("referat")
FILES = [
    FIXTURES / "greve" / "2025-01-29_eb813156.json",
    FIXTURES / "seeds" / "004_1b34d6596bf41414.txt",
]
QUESTION = "Hvad blev der besluttet om underskriftsark?"
ANSWER = "Underskriftsark"
READS = [["ask", QUESTION], ["search", "underskriftsark"], ["stats"], ["case", "1"],
         ["delete", "x.txt"]]  # fmt: skip


def run(data_dir: Path, *args: str) -> Result:
    """`referat --data-dir DATA_DIR ARGS` in this process."""
    return CliRunner().invoke(cli, ["--data-dir", str(data_dir), *args])


def child(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`referat --data-dir DATA_DIR ARGS` in its own process (a native crash stays there)."""
    return subprocess.run(
        [str(REFERAT), "--data-dir", str(data_dir), *args],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def said_one_line(result: Result, *words: str) -> str:
    """The error line a refusing command printed: exit 1, no traceback, naming `words`."""
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception  # not a library crash
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def answers(data_dir: Path) -> None:
    result = run(data_dir, "ask", QUESTION)
    assert result.exit_code == 0, result.output
    assert ANSWER in result.output


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real archive of two small files, with an API key (built once per module)."""
    data_dir = tmp_path_factory.mktemp("template") / "data"
    assert run(data_dir, "ingest", *map(str, FILES)).exit_code == 0
    assert run(data_dir, "keys", "create", "intranet", "--scope", "read").exit_code == 0
    return data_dir


@pytest.fixture
def data_dir(template: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(template, copy)
    return copy


@pytest.fixture(scope="module")
def padded(template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The archive with 1,100 more vectors, so Chroma keeps its graph in files on disk."""
    copy = tmp_path_factory.mktemp("padded") / "data"
    shutil.copytree(template, copy)
    damage.pad_vectors(copy)
    return copy


def check(data_dir: Path) -> dict[str, list[dict[str, object]]]:
    """`referat check --json`: the findings by part."""
    result = run(data_dir, "check", "--json")
    assert result.exit_code in (0, 1) and isinstance(result.exception, SystemExit | None)
    found: dict[str, list[dict[str, object]]] = {}
    for finding in json.loads(result.stdout)["findings"]:
        found.setdefault(str(finding["part"]), []).append(finding)
    return found


def whole(data_dir: Path) -> bool:
    return all(f["ok"] for found in check(data_dir).values() for f in found)


# -- missing and empty ---------------------------------------------------------------------


@pytest.mark.parametrize("args", READS, ids=lambda a: a[0])
def test_a_read_without_an_archive_says_so_and_creates_nothing(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # the default data dir is ./data
    monkeypatch.delenv("REFERAT_DATA_DIR", raising=False)
    result = CliRunner().invoke(cli, args)
    said_one_line(result, "no archive at data", "ingest PATH")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args", READS, ids=lambda a: a[0])
def test_a_read_of_an_empty_archive_says_how_to_fill_it(args: list[str], tmp_path: Path) -> None:
    empty = tmp_path / "data"
    empty.mkdir()
    said_one_line(run(empty, *args), "is empty", "ingest PATH")
    assert list(empty.iterdir()) == []


def test_the_server_refuses_a_missing_data_dir_and_starts_on_an_empty_one(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(ArchiveMissingError, match="no archive at"):
        create_app(Settings(data_dir=tmp_path / "typo"))
    assert not (tmp_path / "typo").exists()
    empty = tmp_path / "data"
    empty.mkdir()  # a new archive, to be filled by uploads
    app = create_app(Settings(data_dir=empty, public_read=True))
    assert "is empty: fill it with `referat ingest PATH...` or upload" in caplog.text
    with running(app) as url:
        reply = httpx.post(f"{url}/v1/ask", json={"question": QUESTION}, timeout=60)
    assert reply.status_code == 200, reply.text
    assert reply.json()["found"] is False and reply.json()["citations"] == []


def test_looking_at_keys_or_checking_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "data"
    assert run(missing, "keys", "list").output.strip() == "No keys."
    result = run(missing, "check")
    assert result.exit_code == 1 and "no archive at" in result.output
    assert not missing.exists()


# -- the catalog: the source of truth, never rebuilt from the indexes -----------------------


def test_a_damaged_catalog_is_reported_and_re_ingesting_the_files_restores_the_archive(
    data_dir: Path,
) -> None:
    damage.corrupt_catalog(data_dir)
    line = said_one_line(run(data_dir, "ask", QUESTION), "catalog", "is damaged", "re-ingest")
    assert "sqlite3" not in line
    assert not check(data_dir)["catalog"][0]["ok"]
    said_one_line(run(data_dir, "repair"), "cannot be rebuilt from the indexes")
    (data_dir / "catalog.sqlite").replace(data_dir / "catalog.sqlite.damaged")
    assert run(data_dir, "ingest", *map(str, FILES)).exit_code == 0
    answers(data_dir)
    assert whole(data_dir)


def test_a_catalog_damaged_after_opening_is_reported_not_raised(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a catalog too big for SQLite's check on open: its damage shows in the middle of a query
    monkeypatch.setattr("assistant.catalog.QUICK_CHECK_BYTES", 0)
    damage.corrupt_catalog(data_dir)
    said_one_line(run(data_dir, "search", "underskriftsark"), "catalog", "is damaged")


@pytest.mark.parametrize("how", ["emptied", "deleted"])
def test_a_lost_catalog_is_not_mistaken_for_an_empty_archive(data_dir: Path, how: str) -> None:
    catalog = data_dir / "catalog.sqlite"
    damage.empty(catalog) if how == "emptied" else damage.remove(catalog)
    said_one_line(
        run(data_dir, "ask", QUESTION), "catalog", "indexes built from it are there", "re-ingest"
    )
    assert catalog.exists() == (how == "emptied")  # the read created nothing
    assert run(data_dir, "ingest", *map(str, FILES)).exit_code == 0
    answers(data_dir)


def test_a_catalog_emptied_of_its_rows_is_not_mistaken_for_an_empty_archive(
    data_dir: Path,
) -> None:
    with sqlite3.connect(data_dir / "catalog.sqlite") as db:
        for table in ("documents", "meetings", "items", "chunks"):
            db.execute(f"DELETE FROM {table}")
    said_one_line(run(data_dir, "ask", QUESTION), "holds no documents", "vector index")
    said_one_line(run(data_dir, "repair"), "re-ingested")


# -- derived data: `referat repair` --------------------------------------------------------


def test_a_deleted_vector_index_is_reported_and_repaired(data_dir: Path) -> None:
    damage.remove(data_dir / "chroma")
    said_one_line(run(data_dir, "ask", QUESTION), "vector index", "is missing", "referat repair")
    assert not (data_dir / "chroma").exists()  # not silently replaced by an empty one
    repaired = run(data_dir, "repair")
    assert repaired.exit_code == 0, repaired.output
    assert "restored 8 passage vectors (0 embedded anew" in repaired.output  # from the cache
    answers(data_dir)
    assert whole(data_dir)


def test_re_ingesting_unchanged_files_restores_their_lost_vectors(data_dir: Path) -> None:
    gone = damage.drop_vectors(data_dir, 3)
    said_one_line(run(data_dir, "ask", QUESTION), "lacks 3 of 8 passage vectors", "repair")
    ingested = run(data_dir, "ingest", "--json", *map(str, FILES))
    assert ingested.exit_code == 0, ingested.output
    assert json.loads(ingested.stdout)["unchanged"] == 2
    assert check(data_dir)["vector index"][0]["detail"] == "8 vectors, one per passage"
    assert gone  # the same ids are back: the check compares them one by one
    answers(data_dir)


def test_a_damaged_graph_file_stops_commands_and_the_server_with_one_line_not_a_crash(
    padded: Path, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(padded, data_dir)
    damage.overwrite(damage.graph_dir(data_dir) / "data_level0.bin")
    for args in (["ask", QUESTION], ["serve", "--port", str(free_port())]):
        done = child(data_dir, *args)
        assert done.returncode == 1, (done.returncode, done.stderr[-2000:])  # -11: a crash
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        assert "Traceback" not in done.stderr
        assert lines[-1].startswith("Error: the vector index"), lines
        assert "damaged graph" in lines[-1] and "referat repair" in lines[-1]
    checked = child(data_dir, "check")
    assert checked.returncode == 1 and "PROBLEM  vector index" in checked.stdout
    repaired = child(data_dir, "repair")
    assert repaired.returncode == 0, repaired.stderr
    assert "moved the vector index" in repaired.stdout
    assert "removed 1100 vectors" not in repaired.stdout  # the padding went with the old index
    asked = child(data_dir, "ask", QUESTION)
    assert asked.returncode == 0 and ANSWER in asked.stdout


@pytest.mark.parametrize(
    ("name", "offset", "length"),
    [("header.bin", 0, None), ("data_level0.bin", 0, 4096), ("data_level0.bin", 29 * 1676, 64),
     ("link_lists.bin", 0, 16), ("link_lists.bin", 0, None), ("length.bin", 0, 0)],
)  # fmt: skip
def test_graph_files_are_judged_before_chroma_reads_them(
    padded: Path, tmp_path: Path, name: str, offset: int, length: int | None
) -> None:
    chroma = tmp_path / "chroma"
    shutil.copytree(padded / "chroma", chroma)
    assert hnsw_problem(chroma) is None
    target = damage.graph_dir(tmp_path) / name
    if length == 0:
        target.write_bytes(target.read_bytes()[:100])  # cut short
    else:
        damage.overwrite(target, offset, length)
    problem = hnsw_problem(chroma)
    assert problem and name in problem


def test_a_damaged_chroma_database_is_reported_and_repaired(data_dir: Path) -> None:
    damage.overwrite(data_dir / "chroma" / "chroma.sqlite3", 0, 4096)
    done = child(data_dir, "ask", QUESTION)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr[-2000:]
    assert "the vector index" in done.stderr and "referat repair" in done.stderr
    assert child(data_dir, "repair").returncode == 0
    asked = child(data_dir, "ask", QUESTION)
    assert asked.returncode == 0 and ANSWER in asked.stdout


def test_a_damaged_embedding_cache_never_stops_a_command_and_repair_refills_it(
    data_dir: Path,
) -> None:
    cache = data_dir / "embedding-cache.sqlite"
    damage.overwrite(cache, 0, 4096)
    answers(data_dir)  # questions never read the cache
    found = check(data_dir)["embedding cache"][0]
    assert not found["ok"] and "referat repair" in str(found["detail"])
    repaired = run(data_dir, "repair")
    assert repaired.exit_code == 0, repaired.output
    assert "moved the embedding cache" in repaired.output
    assert "copied 8 vectors from the vector index into the embedding cache" in repaired.output
    assert whole(data_dir)


def test_ingest_starts_a_new_cache_in_place_of_a_damaged_one(
    data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    damage.overwrite(data_dir / "embedding-cache.sqlite", 0, 4096)
    new_file = FIXTURES / "steinkjer" / "7601.txt"
    result = run(data_dir, "ingest", str(new_file))
    assert result.exit_code == 0, result.output
    assert "Stored 1 document(s)" in result.output
    assert any("moved it to embedding-cache.sqlite.damaged-" in r.message for r in caplog.records)
    assert whole(data_dir)


def test_a_damaged_word_index_is_rebuilt(data_dir: Path) -> None:
    damage.overwrite(data_dir / "lexical-open.pickle")
    found = check(data_dir)["word index"][0]
    assert not found["ok"] and "referat repair" in str(found["detail"])
    repaired = run(data_dir, "repair")
    assert "rebuilt the word index (lexical-open.pickle was damaged)" in repaired.output
    answers(data_dir)
    assert whole(data_dir)


# -- keys: not derived, never rebuilt -------------------------------------------------------


def test_damaged_keys_stop_the_server_with_one_line_saying_how_to_recover(
    data_dir: Path,
) -> None:
    keys = data_dir / "keys.sqlite"
    damage.overwrite(keys)
    settings = Settings(data_dir=data_dir)
    with pytest.raises(KeysDamagedError, match="move it aside"):
        create_app(settings)
    said_one_line(run(data_dir, "serve"), "keys.sqlite", "move it aside", "keys create")
    found = check(data_dir)["API keys"][0]
    assert not found["ok"] and "cannot be rebuilt" in str(found["detail"])
    keys.replace(keys.with_name("keys.sqlite.damaged"))
    assert run(data_dir, "keys", "create", "intranet", "--scope", "read").exit_code == 0
    assert whole(data_dir)


def test_the_server_refuses_an_archive_that_lost_its_vectors(data_dir: Path) -> None:
    damage.remove(data_dir / "chroma")
    with pytest.raises(IndexDamagedError, match="referat repair"):
        create_app(Settings(data_dir=data_dir))


def test_a_whole_archive_checks_ok(data_dir: Path) -> None:
    result = run(data_dir, "check")
    assert result.exit_code == 0, result.output
    assert "ok       catalog          2 documents" in result.output
    assert "ok       vector index     8 vectors, one per passage" in result.output
