"""The ingest pipeline end to end: real files → real archive (Chroma + e5), through the CLI."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from pypdf import PdfReader, PdfWriter

from api.cli import cli
from assistant.archive import Archive
from assistant.embedder import Embedder
from assistant.settings import Settings
from ingest.pipeline import IngestOptions, ingest_paths
from tests.conftest import FIXTURES

SEEDS = FIXTURES / "seeds"
ALBERTSLUND_2024 = "002_e6b0dd0e402eadb9.txt"
GREVE_WITH_CLOSED = "2022-01-14_8b2f1d8b.json"


def run(settings: Settings, *args: str) -> Result:
    env = {"REFERAT_CACHE_DIR": str(settings.cache_dir)}
    return CliRunner().invoke(cli, ["--data-dir", str(settings.data_dir), *args], env=env)


def stats(settings: Settings) -> dict[str, int]:
    result = run(settings, "stats", "--json")
    assert result.exit_code == 0, result.output
    counts: dict[str, int] = json.loads(result.output)
    return counts


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    (folder / "albertslund").mkdir(parents=True)
    shutil.copy(SEEDS / ALBERTSLUND_2024, folder / "albertslund")
    shutil.copy(FIXTURES / "greve" / GREVE_WITH_CLOSED, folder)
    shutil.copy(FIXTURES / "steinkjer" / "7589.txt", folder)
    return folder


def _bad_files(folder: Path) -> None:
    shutil.copy(
        FIXTURES / "pdf" / "no-text-layer_stemmestyrets-motebok-hordvik-bergen-2019.pdf", folder
    )
    (folder / "empty.txt").write_bytes(b"")
    real_pdf = (FIXTURES / "pdf" / "chefforum-2024-04-10.pdf").read_bytes()
    (folder / "truncated.pdf").write_bytes(real_pdf[: len(real_pdf) // 3])
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(real_pdf)))
    writer.encrypt(user_password="hemmelig")
    with (folder / "encrypted.pdf").open("wb") as handle:
        writer.write(handle)
    with zipfile.ZipFile(folder / "referat.docx", "w") as docx:
        docx.writestr("word/document.xml", "<w:document/>")


def test_a_batch_with_bad_files_stores_the_good_ones_and_reports_the_rest(
    settings: Settings, inbox: Path
) -> None:
    _bad_files(inbox)
    result = run(settings, "ingest", str(inbox), "--json")

    assert result.exit_code == 3
    report = json.loads(result.stdout)
    assert (report["documents"], report["skipped"]) == (3, 5)
    reasons = {s["source"]: s["reason"] for s in report["skipped_files"]}
    assert "run OCR first" in reasons["no-text-layer_stemmestyrets-motebok-hordvik-bergen-2019.pdf"]
    assert "the file is empty" in reasons["empty.txt"]
    assert "damaged" in reasons["truncated.pdf"]
    assert "encrypted" in reasons["encrypted.pdf"]
    assert "not a readable Word file" in reasons["referat.docx"]  # a DOCX without its parts
    assert "skipped empty.txt: the file is empty" in result.stderr
    counts = stats(settings)
    assert counts["documents"] == 3
    assert counts["meetings"] == 3


def test_structure_of_albertslund_minutes_in_the_archive(
    settings: Settings, inbox: Path, embedder: Embedder
) -> None:
    assert run(settings, "ingest", str(inbox)).exit_code == 0
    archive = Archive(settings, embedder)
    try:
        items = archive.catalog.items_of_source(ALBERTSLUND_2024)
    finally:
        archive.close()
    assert [s.item.number for s in items] == [str(n) for n in range(1, 10)]
    seventh = items[6]
    assert seventh.meeting.body == "Chefforum"
    assert str(seventh.meeting.date) == "2024-04-10"
    assert seventh.item.title == "CF - Genindførelse af miljøledelse"
    assert seventh.item.case_number == "09.00.00-G01-27-23"
    decision = next(s for s in seventh.item.sections if s.heading == "Beslutning")
    assert decision.text.startswith(
        "Chefforum godkendte plan for implementering af miljøledelsessystemet."
    )


def test_reingest_is_idempotent_and_a_changed_file_replaces_its_old_version(
    settings: Settings, inbox: Path, embedder: Embedder
) -> None:
    assert run(settings, "ingest", str(inbox)).exit_code == 0
    before = stats(settings)

    again = run(settings, "ingest", str(inbox))
    assert again.exit_code == 0
    assert "0 document(s)" in again.output and "3 unchanged" in again.output
    assert stats(settings) == before

    changed = inbox / "albertslund" / ALBERTSLUND_2024
    changed.write_text(
        changed.read_text(encoding="utf-8").replace(
            "Chefforum godkendte plan for implementering af miljøledelsessystemet.",
            "Chefforum udsatte planen for miljøledelsessystemet til næste møde.",
        ),
        encoding="utf-8",
    )
    assert run(settings, "ingest", str(changed)).exit_code == 0
    assert stats(settings)["documents"] == before["documents"]
    query = "Chefforum udsatte planen for miljøledelsessystemet"
    hits = json.loads(run(settings, "search", query, "--json").output)["hits"]
    assert "udsatte planen" in hits[0]["citation"]["quote"]
    archive = Archive(settings, embedder)
    try:
        texts = [c.text for c in archive.catalog.iter_chunks()]
        assert archive.vectors.count() == sum(c.dense for c in archive.catalog.iter_chunks())
    finally:
        archive.close()
    assert not any("godkendte plan for implementering" in text for text in texts)


def _contents(archive: Archive) -> dict[str, tuple[str, list[float] | None]]:
    """Every chunk's text and, for those with one, its vector (rounded)."""
    stored = archive.vectors._collection.get(include=["embeddings"])
    vectors = {
        i: [round(float(x), 4) for x in v]
        for i, v in zip(stored["ids"], stored["embeddings"], strict=True)
    }
    return {c.id: (c.text, vectors.get(c.id)) for c in archive.catalog.iter_chunks()}


def test_a_folder_in_one_run_is_stored_as_its_files_one_by_one(
    tmp_path: Path, inbox: Path, embedder: Embedder, cache_dir: Path
) -> None:
    # documents are embedded together, then written one by one: nothing may mix between them
    together = Archive(Settings(data_dir=tmp_path / "together", cache_dir=cache_dir), embedder)
    apart = Archive(Settings(data_dir=tmp_path / "apart", cache_dir=cache_dir), embedder)
    options = IngestOptions(municipality="Albertslund")
    try:
        report = ingest_paths(together, [inbox], options)
        assert len(report.stored) == 3 and not report.skipped
        for path in sorted(p for p in inbox.rglob("*") if p.is_file()):
            assert len(ingest_paths(apart, [path], options).stored) == 1
        assert together.stats() == apart.stats()
        mine, theirs = _contents(together), _contents(apart)
        assert mine == theirs
        assert sum(vector is not None for _, vector in mine.values()) == together.vectors.count()
        assert together.vectors.count() > 10
    finally:
        together.close()
        apart.close()


def test_the_same_file_twice_in_one_run_is_stored_once(settings: Settings, tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(SEEDS / ALBERTSLUND_2024, tmp_path / folder)
    result = run(settings, "ingest", str(tmp_path / "a"), str(tmp_path / "b"))
    assert result.exit_code == 0, result.output
    assert "1 document(s)" in result.output and "1 unchanged" in result.output
    assert stats(settings)["documents"] == 1


def test_delete_removes_a_source_everywhere(settings: Settings, inbox: Path) -> None:
    assert run(settings, "ingest", str(inbox)).exit_code == 0
    result = run(settings, "delete", ALBERTSLUND_2024)
    assert result.exit_code == 0 and "Deleted 002_e6b0dd0e402eadb9.txt" in result.output
    assert stats(settings)["documents"] == 2
    hits = json.loads(run(settings, "search", "miljøledelse", "--json").output)["hits"]
    assert ALBERTSLUND_2024 not in {h["citation"]["source"] for h in hits}
    missing = run(settings, "delete", ALBERTSLUND_2024)
    assert missing.exit_code == 1 and "no document named" in missing.output


def test_windows_1252_text_is_decoded(settings: Settings, tmp_path: Path) -> None:
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes((SEEDS / ALBERTSLUND_2024).read_text(encoding="utf-8").encode("cp1252"))
    assert run(settings, "ingest", str(legacy)).exit_code == 0
    hits = json.loads(run(settings, "search", "miljøledelse", "--json", "--top-k", "1").output)
    assert hits["hits"][0]["citation"]["item_title"] == "CF - Genindførelse af miljøledelse"


def test_search_json_follows_the_contract(settings: Settings, inbox: Path) -> None:
    assert run(settings, "ingest", str(inbox), "--municipality", "Albertslund").exit_code == 0
    result = run(settings, "search", "Hvad blev der besluttet om miljøledelse?", "--json")
    assert result.exit_code == 0
    hits = json.loads(result.output)["hits"]
    top = hits[0]["citation"]
    assert set(top) == {
        "item_id", "source", "municipality", "body", "meeting_date", "item_number", "item_title",
        "case_number", "section", "page", "quote", "closed", "url",
    }  # fmt: skip
    assert top["source"] == ALBERTSLUND_2024
    assert top["item_number"] == "7"
    assert top["meeting_date"] == "2024-04-10"
    assert top["municipality"] == "Albertslund"
    assert isinstance(hits[0]["score"], float)
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


def test_closed_greve_items_are_stored_closed_and_not_searchable(
    settings: Settings, inbox: Path, embedder: Embedder
) -> None:
    assert run(settings, "ingest", str(inbox)).exit_code == 0
    archive = Archive(settings, embedder)
    try:
        closed = [s for s in archive.catalog.items_of_source(GREVE_WITH_CLOSED) if s.item.closed]
    finally:
        archive.close()
    assert closed and all(s.item.title.startswith("Lukket:") for s in closed)
    query = closed[0].item.title.removeprefix("Lukket:").strip()
    hits = json.loads(run(settings, "search", query, "--json", "--top-k", "20").output)["hits"]
    assert hits and not any(h["citation"]["closed"] for h in hits)
    with_closed = run(settings, "search", query, "--json", "--top-k", "20", "--include-closed")
    assert any(h["citation"]["closed"] for h in json.loads(with_closed.output)["hits"])


def test_ingest_closed_hides_every_item_until_an_explicit_open(
    settings: Settings, tmp_path: Path
) -> None:
    minutes = tmp_path / "lukket-moede.txt"
    shutil.copy(SEEDS / ALBERTSLUND_2024, minutes)
    question = ["search", "miljøledelse", "--json", "--top-k", "20"]
    assert run(settings, "ingest", str(minutes), "--closed").exit_code == 0
    assert json.loads(run(settings, *question).output) == {"hits": []}
    owner = json.loads(run(settings, *question, "--include-closed").output)["hits"]
    assert owner and all(h["citation"]["closed"] for h in owner)
    assert owner[0]["citation"]["item_title"] == "CF - Genindførelse af miljøledelse"
    # without --closed or --open what is stored is kept: unchanged, still closed, nothing said
    again = run(settings, "ingest", str(minutes))
    assert again.exit_code == 0
    assert again.stdout.startswith("Stored 0 document(s)") and "1 unchanged" in again.stdout
    assert "opened" not in again.output
    assert json.loads(run(settings, *question).output) == {"hits": []}
    # a new version of the file, still without a flag: stored, and still closed
    minutes.write_text(minutes.read_text(encoding="utf-8") + "\nSlut.\n", encoding="utf-8")
    changed = run(settings, "ingest", str(minutes))
    assert changed.stdout.startswith("Stored 1 document(s)") and "opened" not in changed.output
    assert json.loads(run(settings, *question).output) == {"hits": []}
    # the owner of the data dir opens it explicitly, and is told
    opened = run(settings, "ingest", str(minutes), "--open")
    assert opened.exit_code == 0
    assert f"opened {minutes.name}: it was closed" in opened.stdout
    hits = json.loads(run(settings, *question).output)["hits"]
    assert hits[0]["citation"]["item_title"] == "CF - Genindførelse af miljøledelse"
    assert not any(h["citation"]["closed"] for h in hits)
    # opening an open document again says nothing
    assert "opened" not in run(settings, "ingest", str(minutes), "--open").output


def test_closed_and_open_together_are_refused(settings: Settings, tmp_path: Path) -> None:
    minutes = tmp_path / "m.txt"
    shutil.copy(SEEDS / ALBERTSLUND_2024, minutes)
    result = run(settings, "ingest", str(minutes), "--closed", "--open")
    assert result.exit_code == 2
    assert "--closed and --open contradict each other" in result.output


def test_filters_that_match_nothing_return_nothing(settings: Settings, inbox: Path) -> None:
    assert run(settings, "ingest", str(inbox)).exit_code == 0
    result = run(settings, "search", "miljøledelse", "--json", "--body", "Planetarieudvalget")
    assert json.loads(result.output) == {"hits": []}
    dated = run(settings, "search", "miljøledelse", "--json", "--date-from", "2024-01-01",
                "--date-to", "2024-12-31")  # fmt: skip
    dates = {h["citation"]["meeting_date"] for h in json.loads(dated.output)["hits"]}
    assert dates == {"2024-04-10"}
