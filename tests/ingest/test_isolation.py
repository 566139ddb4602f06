"""Files are read in a worker process: stopped after the time budget, every failure a reason."""

from __future__ import annotations

import pytest

from assistant.errors import ReaderFailedError, ReadTimeoutError, ScannedPdfError
from ingest.isolation import IsolatedReader
from ingest.readers.registry import ReadResult, read_source
from ingest.source import SourceFile
from tests.conftest import FIXTURES
from tests.support.reader_tasks import dies, recurses, refuses, sleeps_on_slow


def test_a_file_over_the_budget_is_stopped_and_the_next_one_is_read() -> None:
    with IsolatedReader(sleeps_on_slow, seconds=5) as reader:
        first = reader.read(SourceFile("fast.txt", b"x"))
        with pytest.raises(ReadTimeoutError) as stopped:
            reader.read(SourceFile("slow.txt", b"x"))
        assert stopped.value.source == "slow.txt"
        assert "took longer than 5 s and was stopped" in stopped.value.reason
        assert "REFERAT_INGEST_FILE_TIMEOUT" in stopped.value.reason
        after = reader.read(SourceFile("fast.txt", b"x"))
    assert first.startswith("read fast.txt in ") and after.startswith("read fast.txt in ")
    assert first != after  # the stuck worker was stopped; a new one read the next file


def test_any_exception_in_a_reader_becomes_a_reason() -> None:
    with IsolatedReader(recurses, seconds=60) as reader, pytest.raises(ReaderFailedError) as e:
        reader.read(SourceFile("deep.json", b"[]"))
    assert e.value.source == "deep.json"
    assert "RecursionError: maximum recursion depth exceeded" in e.value.reason


def test_a_crashed_worker_is_a_reason_too() -> None:
    with IsolatedReader(dies, seconds=60) as reader, pytest.raises(ReaderFailedError) as e:
        reader.read(SourceFile("crash.pdf", b"%PDF-"))
    assert "the reading process crashed" in e.value.reason


def test_input_errors_cross_the_process_boundary_unchanged() -> None:
    with IsolatedReader(refuses, seconds=60) as reader, pytest.raises(ScannedPdfError) as e:
        reader.read(SourceFile("scan.pdf", b"%PDF-"))
    assert (e.value.source, str(e.value)) == ("scan.pdf", str(ScannedPdfError("scan.pdf", 3)))


def test_the_readers_give_the_same_result_in_the_worker() -> None:
    source = SourceFile.from_path(FIXTURES / "greve" / "2022-01-14_8b2f1d8b.json")
    with IsolatedReader(read_source, seconds=60) as reader:
        isolated: ReadResult = reader.read(source)
    assert isolated == read_source(source)
