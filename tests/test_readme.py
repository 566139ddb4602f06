"""README.md's "Using it" block, run as written, in order, on the bundled sample archive.

The block runs as one bash script (so `. .venv/bin/activate` and `export` carry over) in a
scratch folder laid out like a fresh clone: this checkout's .venv and examples/ linked in,
../shared beside it. A `#>` line under a command is what it prints (`…` stands for any text,
runs of spaces count as one): each must be a line of that command's output, in the order shown.
The last command, `referat serve`, keeps running: it is asked over HTTP, then stopped. Only
the environment differs from a user's: a free port (REFERAT_PORT, the command stays as
written) and, when `make sample` has run, a copy of its embedding cache, so the sample's texts
are not embedded again (the test is about the commands, not the embedder's speed).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SERVE = "referat serve"


@dataclass
class Step:
    """One command of the block and the lines the README says it prints."""

    command: str
    expected: list[str] = field(default_factory=list)


def using_it(readme: str) -> list[Step]:
    """The commands of the first bash block under "## Using it", with their `#>` lines."""
    section = readme.split("\n## Using it\n", 1)[1].split("\n## ", 1)[0]
    found = re.search(r"```bash\n(.*?)```", section, re.S)
    assert found, 'no ```bash block under "## Using it"'
    steps: list[Step] = []
    for line in found.group(1).splitlines():
        if line.startswith("#>"):
            steps[-1].expected.append(line[2:])
        elif line.strip() and not line.lstrip().startswith("#"):
            steps.append(Step(line))
    return steps


def _flat(text: str) -> str:
    return " ".join(text.split())


def shows(expected: list[str], printed: str) -> list[str]:
    """The expected lines not found in `printed`, in order (empty: all there)."""
    lines = [_flat(line) for line in printed.splitlines()]
    at = 0
    for n, want in enumerate(expected):
        pattern = re.compile(".*".join(re.escape(_flat(part)) for part in want.split("…")))
        hit = next((i for i in range(at, len(lines)) if pattern.fullmatch(lines[i])), None)
        if hit is None:
            return expected[n:]
        at = hit + 1
    return []


def test_shows_matches_lines_in_order_with_gaps() -> None:
    printed = "Stored 5 document(s): 5 meeting(s), 129 chunk(s)\nnoise\nquestions      8\n"
    assert shows(["Stored 5 document(s): … chunk(s)", "questions 8"], printed) == []
    assert shows(["questions 8", "Stored …"], printed) == ["Stored …"]
    assert shows(["Stored 6 …"], printed) == ["Stored 6 …"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _script(steps: list[Step], clone: Path) -> str:
    """Each command in the shell itself (a brace group), its output to out-N, its exit code
    to rc-N; the server last, in the foreground."""
    lines = ["set -u", f"cd '{clone}'"]
    for n, step in enumerate(steps):
        # the newline ends a trailing `# comment` before the closing brace
        lines.append(f"{{ {step.command}\n}} > '{clone}/out-{n}' 2>&1")
        lines.append(f"echo $? > '{clone}/rc-{n}'")
    return "\n".join(lines) + "\n"


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    """A folder like a fresh clone: the venv and examples/ of this checkout, ../shared beside."""
    venv = Path(sys.prefix)
    if not (venv / "bin" / "activate").exists():
        pytest.skip(f"tests run outside a virtualenv ({venv}); the README activates .venv")
    folder = tmp_path / "main"
    folder.mkdir()
    (folder / ".venv").symlink_to(venv)
    (folder / "examples").symlink_to(ROOT / "examples")
    if SHARED.exists():
        (tmp_path / "shared").symlink_to(SHARED)
    return folder


@pytest.fixture
def running_block(clone: Path, tmp_path: Path) -> Iterator[tuple[list[Step], int]]:
    """The block's script running in `clone`; stopped (its whole process group) afterwards."""
    steps = using_it((ROOT / "README.md").read_text(encoding="utf-8"))
    assert steps[-1].command.startswith(SERVE), "the block must end with `referat serve`"
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("REFERAT_")}
    env |= {"REFERAT_PORT": str(port), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    warm = ROOT / "data" / "sample" / "embedding-cache.sqlite"
    if warm.exists():
        cache = tmp_path / "cache"
        cache.mkdir()
        shutil.copy(warm, cache / warm.name)
        env["REFERAT_CACHE_DIR"] = str(cache)
    script = clone / "readme.sh"
    script.write_text(_script(steps, clone), encoding="utf-8")
    process = subprocess.Popen(["bash", str(script)], env=env, start_new_session=True)
    try:
        yield steps, port
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _wait_for_server(clone: Path, steps: list[Step], port: int) -> None:
    deadline = time.monotonic() + 20 * 60  # the sample's ingest, on an empty embedding cache
    last = len(steps) - 1
    while time.monotonic() < deadline:
        done = [n for n in range(last) if (clone / f"rc-{n}").exists()]
        failed = [n for n in done if (clone / f"rc-{n}").read_text().strip() != "0"]
        assert not failed, _report(clone, steps, failed[0])
        if (clone / f"rc-{last}").exists():
            raise AssertionError(_report(clone, steps, last))  # the server stopped
        if len(done) == last:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
        time.sleep(0.5)
    raise AssertionError("the README's commands did not finish in 20 minutes")


def _report(clone: Path, steps: list[Step], n: int) -> str:
    out = clone / f"out-{n}"
    printed = out.read_text(encoding="utf-8") if out.exists() else "(nothing)"
    rc = clone / f"rc-{n}"
    code = rc.read_text().strip() if rc.exists() else "still running"
    return f"`{steps[n].command}` exited {code}; it printed:\n{printed}"


def test_the_using_it_commands_run_as_written_and_print_what_the_readme_says(
    clone: Path, running_block: tuple[list[Step], int]
) -> None:
    steps, port = running_block
    _wait_for_server(clone, steps, port)
    for n, step in enumerate(steps):
        printed = (clone / f"out-{n}").read_text(encoding="utf-8")
        expected = step.expected
        if step.command.startswith(SERVE):
            expected = [line.replace(":8000", f":{port}") for line in expected]
        missing = shows(expected, printed)
        assert not missing, f"`{step.command}` did not print {missing[0]!r}; it printed:\n{printed}"

    # the archive the block built answers over HTTP too, with the key it created
    key_step = next(n for n, s in enumerate(steps) if " keys create " in f" {s.command} ")
    key = (clone / f"out-{key_step}").read_text(encoding="utf-8").split()[-1]
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as http:
        assert "<referat-chat" in http.get("/").text
        answer = http.post(
            "/v1/ask",
            json={"question": "Hvad blev der besluttet om miljøledelse?"},
            headers={"Authorization": f"Bearer {key}"},
        ).json()
        assert answer["found"] is True
        assert ("Chefforum", "2024-04-10", "7") in {
            (c["body"], c["meeting_date"], c["item_number"]) for c in answer["citations"]
        }
        stats = http.get("/v1/meetings", headers={"Authorization": f"Bearer {key}"}).json()
        assert stats["total"] == 21  # the deleted document is back
