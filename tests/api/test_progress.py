"""Progress of long jobs off a terminal (CI logs, background jobs): log lines, not silence."""

from __future__ import annotations

import io
import re
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from api import progress as progress_module
from api.cli import cli
from api.progress import Progress, duration
from tests.conftest import FIXTURES


class Clock:
    """Time that moves only when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _lines(stream: io.StringIO) -> list[str]:
    # drop the wall-clock stamp each line starts with
    return [re.sub(r"^\d\d:\d\d:\d\d ", "", line) for line in stream.getvalue().splitlines()]


def test_off_a_terminal_a_line_every_interval_with_rate_and_time_left() -> None:
    stream, clock = io.StringIO(), Clock()
    progress = Progress(
        "ingest", "file", stream=stream, terminal=False, every=10, clock=clock, heartbeat=False
    )
    progress.start(100)
    for n in range(1, 61):
        clock.now += 0.5  # two files a second
        progress.advance(f"{n:03d}.json")
    clock.now += 1
    progress.close()

    assert _lines(stream) == [
        "ingest: 100 files to do",
        "ingest: 20/100 files (20 %), 2.0 files/s, about 40 s left · 020.json",
        "ingest: 40/100 files (40 %), 2.0 files/s, about 30 s left · 040.json",
        "ingest: 60/100 files (60 %), 2.0 files/s, about 20 s left · 060.json",
        "ingest: 60/100 files in 31 s, 1.9 files/s",
    ]
    assert "\r" not in stream.getvalue()


def test_while_no_unit_finishes_the_heartbeat_still_writes_lines() -> None:
    # ingest embeds files in groups: minutes can pass before the first one is done
    stream = io.StringIO()
    with Progress("ingest", "file", stream=stream, terminal=False, every=0.05) as progress:
        progress.start(369)
        for _ in range(200):  # until the heartbeat has spoken (a few tenths of a second)
            if len(_lines(stream)) > 1:
                break
            threading.Event().wait(0.01)
    lines = _lines(stream)
    assert lines[0] == "ingest: 369 files to do"
    assert re.fullmatch(r"ingest: 0/369 files \(0 %\), [\d.]+ s so far", lines[1]), lines
    assert re.fullmatch(r"ingest: 0/369 files in [\d.]+ s, 0.0 files/s", lines[-1]), lines


def test_on_a_terminal_a_bar_and_no_log_lines() -> None:
    stream = io.StringIO()
    with Progress("ingest", "file", stream=stream, terminal=True) as progress:
        progress.start(3)
        for name in ("a.txt", "b.txt", "c.txt"):
            progress.advance(name)
    printed = stream.getvalue()
    assert "\r" in printed and "3/3" in printed
    assert "files to do" not in printed


def test_durations_read_as_people_say_them() -> None:
    assert [duration(s) for s in (4.25, 42, 185, 3725)] == [
        "4.2 s",
        "42 s",
        "3 min 05 s",
        "1 h 02 min",
    ]


def test_referat_ingest_off_a_terminal_logs_its_progress(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(progress_module, "EVERY_SECONDS", 0.2)
    files = [FIXTURES / "steinkjer" / "7588.txt", FIXTURES / "steinkjer" / "7589.txt"]
    result = CliRunner().invoke(
        cli,
        ["--data-dir", str(tmp_path / "data"), "ingest", *map(str, files), "--json"],
        env={"REFERAT_CACHE_DIR": str(tmp_path / "cache")},  # empty: the embedder works
    )
    assert result.exit_code == 0, result.output
    log = _lines(io.StringIO(result.stderr))
    assert log[0] == "ingest: 2 files to do"
    status = re.compile(r"ingest: [01]/2 files \(\d+ %\), (.+ so far|.+ files/s, about .+ left.*)")
    assert log[1:-1] and all(status.fullmatch(line) for line in log[1:-1]), log
    assert re.fullmatch(r"ingest: 2/2 files in [\d.]+ s, [\d.]+ files/s", log[-1])
    assert '"documents": 2' in result.stdout  # the report on stdout stays clean JSON
