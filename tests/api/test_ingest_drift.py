"""CLI ingest and HTTP upload apply the same ingest options: real CLI, real app over HTTP."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from click.testing import CliRunner, Result

from api.app import create_app
from api.cli import cli
from assistant.archive import Archive
from assistant.embedder import Embedder
from assistant.keys import KeyStore
from assistant.settings import Settings
from tests.conftest import FIXTURES
from tests.support.server import running

# Steinkjer's saksprotokoll texts do not name their municipality: whatever ingest fills in shows
KOMMUNESTYRET = FIXTURES / "steinkjer" / "7589.txt"
ADMINISTRASJONSUTVALGET = FIXTURES / "steinkjer" / "7625.txt"
CONFIGURED = "Steinkjer"


def configured(tmp_path: Path, cache_dir: Path) -> Settings:
    """Settings as `REFERAT_MUNICIPALITY=Steinkjer` gives them."""
    return Settings(data_dir=tmp_path / "data", cache_dir=cache_dir, municipality=CONFIGURED)


def cli_ingest(settings: Settings, *args: str) -> Result:
    env = {"REFERAT_CACHE_DIR": str(settings.cache_dir), "REFERAT_MUNICIPALITY": CONFIGURED}
    result = CliRunner().invoke(
        cli, ["--data-dir", str(settings.data_dir), "ingest", *args], env=env
    )
    assert result.exit_code == 0, result.output
    return result


@contextmanager
def served(
    settings: Settings, embedder: Embedder, scopes: tuple[str, ...] = ("read", "write")
) -> Iterator[httpx.Client]:
    """The real app over this data dir, with a client holding a key with these scopes."""
    archive = Archive(settings, embedder)
    keys = KeyStore(settings.data_dir)
    key = keys.create("drift", list(scopes))
    keys.close()
    headers = {"Authorization": f"Bearer {key}"}
    try:
        with (
            running(create_app(settings, archive)) as url,
            httpx.Client(base_url=url, timeout=60, headers=headers) as http,
        ):
            yield http
    finally:
        archive.close()


def upload(http: httpx.Client, path: Path, **form: str) -> str:
    response = http.post(
        "/v1/documents", files={"file": (path.name, path.read_bytes(), "text/plain")}, data=form
    )
    assert response.status_code in (200, 201), response.text
    status: str = response.json()["status"]
    return status


def municipalities(http: httpx.Client) -> dict[str, str | None]:
    meetings = http.get("/v1/meetings").json()["meetings"]
    return {m["source"]: m["municipality"] for m in meetings}


def test_an_upload_fills_in_the_configured_municipality(
    tmp_path: Path, cache_dir: Path, embedder: Embedder
) -> None:
    with served(configured(tmp_path, cache_dir), embedder) as http:
        assert upload(http, KOMMUNESTYRET) == "stored"
        assert municipalities(http) == {KOMMUNESTYRET.name: CONFIGURED}


def test_an_upload_of_a_file_the_cli_ingested_with_the_same_settings_changes_nothing(
    tmp_path: Path, cache_dir: Path, embedder: Embedder
) -> None:
    # same options on both paths → same stored version: the upload finds nothing to re-store
    settings = configured(tmp_path, cache_dir)
    cli_ingest(settings, str(KOMMUNESTYRET))
    with served(settings, embedder) as http:
        assert municipalities(http) == {KOMMUNESTYRET.name: CONFIGURED}
        assert upload(http, KOMMUNESTYRET) == "unchanged"
        assert municipalities(http) == {KOMMUNESTYRET.name: CONFIGURED}


def test_an_explicit_municipality_wins_over_the_configured_one_on_both_paths(
    tmp_path: Path, cache_dir: Path, embedder: Embedder
) -> None:
    settings = configured(tmp_path, cache_dir)
    cli_ingest(settings, str(ADMINISTRASJONSUTVALGET), "--municipality", "Snåsa")
    with served(settings, embedder) as http:
        assert upload(http, KOMMUNESTYRET, municipality="Verdal") == "stored"
        assert municipalities(http) == {
            ADMINISTRASJONSUTVALGET.name: "Snåsa",
            KOMMUNESTYRET.name: "Verdal",
        }


def test_closed_marks_every_item_closed_on_both_paths(
    tmp_path: Path, cache_dir: Path, embedder: Embedder
) -> None:
    settings = configured(tmp_path, cache_dir)
    cli_ingest(settings, str(ADMINISTRASJONSUTVALGET), "--closed")
    with served(settings, embedder, ("read", "write", "closed")) as http:
        assert upload(http, KOMMUNESTYRET, closed="true") == "stored"
        meetings = http.get("/v1/meetings").json()["meetings"]
        assert {m["source"] for m in meetings} == {ADMINISTRASJONSUTVALGET.name, KOMMUNESTYRET.name}
        for meeting in meetings:
            agenda = http.get(f"/v1/meetings/{meeting['id']}").json()["agenda"]
            assert agenda and all(item["closed"] for item in agenda), meeting["source"]


def test_the_configured_top_k_applies_to_cli_and_http_search(
    tmp_path: Path, cache_dir: Path, embedder: Embedder
) -> None:
    # REFERAT_DEFAULT_TOP_K used to reach the CLI only; the API hard-coded 5
    settings = Settings(data_dir=tmp_path / "data", cache_dir=cache_dir, default_top_k=2)
    cli_ingest(settings, str(FIXTURES / "seeds" / "002_e6b0dd0e402eadb9.txt"))
    env = {"REFERAT_CACHE_DIR": str(cache_dir), "REFERAT_DEFAULT_TOP_K": "2"}
    args = ["--data-dir", str(settings.data_dir), "search", "Chefforum", "--json"]
    printed = CliRunner().invoke(cli, args, env=env)
    assert printed.exit_code == 0, printed.output
    assert len(json.loads(printed.output)["hits"]) == 2
    with served(settings, embedder) as http:
        hits = http.post("/v1/search", json={"query": "Chefforum"}).json()["hits"]
        assert len(hits) == 2
        assert [h["citation"]["item_id"] for h in hits] == [
            h["citation"]["item_id"] for h in json.loads(printed.output)["hits"]
        ]
        # an explicit top_k still wins
        assert (
            len(http.post("/v1/search", json={"query": "Chefforum", "top_k": 4}).json()["hits"])
            == 4
        )
