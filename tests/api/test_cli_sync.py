"""`referat sync` as people run it: exit codes and reports, Ctrl-C in the middle of a sync and
the run after it resuming, and `--every` syncing again until stopped."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner, Result

from api.cli import cli
from assistant.archive import Archive
from assistant.embedder import Embedder
from assistant.settings import Settings
from tests.ingest.test_sync import BYRAAD, FILES, OEKONOMI
from tests.support.portal_replay import LISTING, Fault, PortalReplay, serving
from tests.support.synced import assert_equals_direct_ingest, folder_of

ROOT = Path(__file__).resolve().parents[2]
SHORT = {
    "REFERAT_SYNC_TIMEOUT": "1",
    "REFERAT_SYNC_BACKOFF": "0.05",
    "REFERAT_SYNC_RETRIES": "3",
    "REFERAT_SYNC_MAX_WAIT": "5",
}


def run(settings: Settings, *args: str) -> Result:
    env = {"REFERAT_CACHE_DIR": str(settings.cache_dir), **SHORT}
    return CliRunner().invoke(cli, ["--data-dir", str(settings.data_dir), *args], env=env)


def test_a_sync_reports_what_it_did_and_exits_as_ingest_does(settings: Settings) -> None:
    replay = PortalReplay.of(FILES[:2])
    replay.fail(f"/api/agenda/dagsorden/{BYRAAD}", *[Fault(status=500)] * 4)
    with serving(replay) as url:
        first = run(settings, "sync", url, "--municipality", "Greve")
        assert first.exit_code == 3, first.output  # finished, but a meeting failed
        assert first.stdout.startswith(f"Synced {url}: 2 meeting(s) listed; 1 new, 0 changed")
        assert "1 failed" in first.stdout
        assert (
            "failed 2022-01-14_8b2f1d8b.json (Byråd 2022-2025 2022-01-14 (Referat)): answered "
            f"500 for /api/agenda/dagsorden/{BYRAAD}, 4 times: try again later (the next sync "
            "asks for it again)\n"
        ) in first.stderr
        assert "sync: 2 meetings to do" in first.stderr  # progress, off a terminal

        again = run(settings, "sync", url, "--municipality", "Greve", "--json")
        assert again.exit_code == 0, again.output
        summary = json.loads(again.stdout)
        assert (summary["new"], summary["unchanged"], summary["failed"]) == (1, 1, 0)

        replay.fail(LISTING, *[Fault(status=503)] * 4)
        down = run(settings, "sync", url)
    assert down.exit_code == 1
    assert f"Error: the agenda portal at {url} answered 503 for {LISTING}" in down.stderr


def test_every_and_since_are_checked(settings: Settings) -> None:
    result = run(settings, "sync", "https://dagsordener.greve.dk", "--every", "often")
    assert result.exit_code == 2
    assert "'often' is not a duration: give it as 6h, 30m, 1d or 1h30m" in result.stderr
    result = run(settings, "sync", "ftp://dagsordener.greve.dk")
    assert result.exit_code == 1 and "is not an http(s) URL" in result.stderr


def _referat(settings: Settings, *args: str, timeout: str = "30") -> subprocess.Popen[str]:
    env = {
        **os.environ, **SHORT, "REFERAT_SYNC_TIMEOUT": timeout,
        "REFERAT_CACHE_DIR": str(settings.cache_dir), "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False",
    }  # fmt: skip
    command = [sys.executable, "-m", "api.cli", "--data-dir", str(settings.data_dir), *args]
    return subprocess.Popen(
        command, cwd=ROOT, env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        # (Ctrl-C as a terminal sends it: a shell that started the tests in the background
        # ignores SIGINT for them, and the child would inherit that)
        preexec_fn=_default_sigint,
    )  # fmt: skip


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _wait_for(check: Callable[[], bool], process: subprocess.Popen[str], what: str) -> None:
    deadline = time.monotonic() + 120
    while not check():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise AssertionError(f"never saw {what}: {process.communicate()}")
        time.sleep(0.1)


def test_ctrl_c_mid_sync_stops_cleanly_and_the_next_sync_resumes(
    settings: Settings, embedder: Embedder, tmp_path: Path
) -> None:
    replay = PortalReplay.of(FILES)
    replay.fail(f"/api/agenda/dagsorden/{OEKONOMI}", Fault(hold=True))  # never answers
    with serving(replay) as url:
        process = _referat(settings, "sync", url, "--municipality", "Greve")
        folder = settings.data_dir / "sync" / url.split("//")[1].replace(":", "_")
        _wait_for(lambda: len(list(folder.glob("*.json"))) == 3, process, "three meetings stored")
        process.send_signal(signal.SIGINT)
        # at once, not after the held request times out (REFERAT_SYNC_TIMEOUT is 30 s here)
        out, err = process.communicate(timeout=20)
        assert process.returncode == 130, (out, err)
        assert "stopped: the next sync resumes where this one stopped" in err
        # whatever was on disk when it stopped is whole: three meetings, no half-written file
        assert sorted(p.name for p in folder.glob("*.json")) == [p.name for p in FILES[:3]]
        assert not list(folder.glob(".tmp-*"))
        for path in folder.glob("*.json"):
            assert json.loads(path.read_text(encoding="utf-8"))["Dagsordenpunkter"]

        replay.log.clear()
        resumed = run(settings, "sync", url, "--municipality", "Greve", "--json")
    assert resumed.exit_code == 0, resumed.output
    summary = json.loads(resumed.stdout)
    assert (summary["new"], summary["failed"], summary["items"]) == (4, 0, 17)
    # the three meetings fetched before Ctrl-C are ingested from disk, not asked for again
    assert [e.path for e in replay.log] == [LISTING, f"/api/agenda/dagsorden/{OEKONOMI}"]
    archive = Archive(settings, embedder)
    try:
        assert_equals_direct_ingest(archive, folder_of(archive), tmp_path, embedder)
    finally:
        archive.close()


def test_every_syncs_again_until_ctrl_c(settings: Settings) -> None:
    replay = PortalReplay.of(FILES[:1])
    with serving(replay) as url:
        process = _referat(settings, "sync", url, "--every", "2s", timeout="5")
        log = Path(settings.data_dir.parent / "sync.log")

        def waiting_again() -> bool:
            return len(replay.requested(LISTING)) >= 2 and process_waits(process, log)

        _wait_for(waiting_again, process, "a second sync")
        process.send_signal(signal.SIGINT)
        out, rest = process.communicate(timeout=60)
    err = log.read_text() + rest
    assert process.returncode == 0, (out, err)
    synced = [line for line in out.splitlines() if line.startswith("Synced")]
    assert len(synced) >= 2
    assert "1 new" in synced[0] and "1 unchanged" in synced[1]
    assert "next sync in 2.0 s" in err and err.rstrip().endswith("stopped")


def process_waits(process: subprocess.Popen[str], log: Path) -> bool:
    """Has the loop said twice that it waits for the next sync? (reads stderr as it comes)"""
    assert process.stderr is not None
    os.set_blocking(process.stderr.fileno(), False)
    chunk = process.stderr.read() or ""
    with log.open("a") as stream:
        stream.write(chunk)
    return log.read_text().count("next sync in") >= 2
