"""The damaged-data-dir matrix (not a test): every way a data dir breaks, through the real CLI.

    python bench/damage_matrix.py [--keep DIR]

A small real archive (two fixture files; for the graph cases, 1,100 padding vectors more, so
Chroma writes its graph to disk) is built once; each case copies it, damages it, runs a command
in a fresh `referat` process and records its exit code and what it said; then runs the fix that
message names, and asks again. A row passes when the first run said one line and neither
printed a traceback nor crashed, and the archive answers after the fix. Prints one table
(Markdown).
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support import damage  # noqa: E402

REFERAT = Path(sys.executable).with_name("referat")
FIXTURES = ROOT / "tests" / "fixtures"
FILES = [
    FIXTURES / "greve" / "2025-01-29_eb813156.json",
    FIXTURES / "seeds" / "004_1b34d6596bf41414.txt",
]
QUESTION = "Hvad blev der besluttet om underskriftsark?"
ANSWER = "Underskriftsark"  # the item the answer must cite


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    @property
    def said(self) -> str:
        """The error line if the command refused, else its last line."""
        errors = [line for line in self.err.splitlines() if line.startswith("Error: ")]
        lines = [line for line in (self.err + "\n" + self.out).splitlines() if line.strip()]
        return errors[-1] if errors else lines[-1] if lines else ""

    @property
    def clean(self) -> bool:
        """No traceback, no crash."""
        return self.code >= 0 and "Traceback" not in self.out + self.err


def referat(data_dir: Path, *args: str) -> Run:
    done = subprocess.run(
        [str(REFERAT), "--data-dir", str(data_dir), *args],
        capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip
    return Run(done.returncode, done.stdout, done.stderr)


def serve(data_dir: Path) -> Run:
    """`referat serve` until it exits (a refusal) or answers /healthz (started, then stopped)."""
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [str(REFERAT), "--data-dir", str(data_dir), "serve", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                process.terminate()
                out, err = process.communicate(timeout=30)
                return Run(0, out, err + "\nserver started")
        except OSError:
            time.sleep(0.5)
    if process.poll() is None:
        process.kill()
    out, err = process.communicate(timeout=30)
    return Run(process.returncode, out, err)


def ask(data_dir: Path) -> Run:
    return referat(data_dir, "ask", QUESTION)


def ingest(data_dir: Path) -> Run:
    return referat(data_dir, "ingest", *map(str, FILES))


def repair(data_dir: Path) -> Run:
    return referat(data_dir, "repair")


def reingest_anew(data_dir: Path) -> Run:
    """What a damaged catalog's message says: move it aside, ingest the files again."""
    (data_dir / "catalog.sqlite").replace(data_dir / "catalog.sqlite.damaged")
    return ingest(data_dir)


def new_keys(data_dir: Path) -> Run:
    (data_dir / "keys.sqlite").replace(data_dir / "keys.sqlite.damaged")
    return referat(data_dir, "keys", "create", "intranet", "--scope", "read")


@dataclass(frozen=True)
class Case:
    name: str
    damage: Callable[[Path], object]
    command: Callable[[Path], Run]
    fix: Callable[[Path], Run] | None  # None: the command itself must work
    padded: bool = False  # on the archive whose graph Chroma keeps on disk


def _in(name: str, action: Callable[[Path], object]) -> Callable[[Path], object]:
    """Do `action` to one file (or folder) of the data dir."""
    return lambda data_dir: action(data_dir / name)


def _graph(name: str, action: Callable[[Path], object]) -> Callable[[Path], object]:
    """Do `action` to one of Chroma's HNSW graph files."""
    return lambda data_dir: action(damage.graph_dir(data_dir) / name)


def _emptied_dir(data_dir: Path) -> None:
    damage.remove(data_dir)
    data_dir.mkdir()


def _head(path: Path) -> None:
    damage.overwrite(path, 0, 4096)


def _cut(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:5])


CASES = [
    Case("data dir missing", damage.remove, ask, ingest),
    Case("data dir empty", _emptied_dir, ask, ingest),
    Case("catalog pages overwritten", damage.corrupt_catalog, ask, reingest_anew),
    Case("catalog header overwritten", _in("catalog.sqlite", _head), ask, reingest_anew),
    Case("catalog emptied (0 bytes)", _in("catalog.sqlite", damage.empty), ask, ingest),
    Case("catalog deleted", _in("catalog.sqlite", damage.remove), ask, ingest),
    Case("chroma/ deleted", _in("chroma", damage.remove), ask, repair),
    Case("chroma/ deleted, files re-ingested", _in("chroma", damage.remove), ask, ingest),
    Case("3 vectors lost", lambda d: damage.drop_vectors(d, 3), ask, repair),
    Case("HNSW data_level0.bin overwritten", _graph("data_level0.bin", damage.overwrite), ask,
         repair, padded=True),
    Case("HNSW header.bin overwritten", _graph("header.bin", damage.overwrite), ask, repair,
         padded=True),
    Case("HNSW link_lists.bin cut short", _graph("link_lists.bin", _cut), ask, repair,
         padded=True),
    Case("chroma.sqlite3 overwritten", _in("chroma/chroma.sqlite3", _head), ask, repair),
    Case("embedding cache overwritten", _in("embedding-cache.sqlite", _head), ask, repair),
    Case("word index overwritten", _in("lexical-open.pickle", damage.overwrite), ask, None),
    Case("keys.sqlite overwritten", _in("keys.sqlite", damage.overwrite), serve, new_keys),
]  # fmt: skip


def build(template: Path, padded: Path) -> None:
    """The archive every case starts from, and a copy with its graph on disk."""
    built = ingest(template)
    assert built.code == 0, built.err
    keys = referat(template, "keys", "create", "intranet", "--scope", "read")
    assert keys.code == 0, keys.err
    assert ask(template).code == 0
    shutil.copytree(template, padded)
    damage.pad_vectors(padded)


def run_case(case: Case, work: Path) -> list[str]:
    data_dir = work / case.name.replace(" ", "-").replace("/", "")
    shutil.copytree(work / ("padded" if case.padded else "template"), data_dir)
    case.damage(data_dir)
    first = case.command(data_dir)
    fixed = case.fix(data_dir) if case.fix is not None else None
    after = ask(data_dir)
    works = after.code == 0 and ANSWER in after.out
    one_line = first.code == 0 or len([ln for ln in first.err.splitlines() if ln.strip()]) <= 2
    fine = first.clean and one_line and works and (fixed is None or fixed.clean)
    said = first.said.removeprefix("Error: ").replace(str(data_dir), "DIR").replace("|", "/")
    said = said if len(said) <= 160 else said[:157] + "..."
    fix = case.fix.__name__ if case.fix is not None else "(none needed)"
    after_fix = "answers" if works else "no answer"
    return [case.name, str(first.code), said, fix, after_fix, "pass" if fine else "FAIL"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", type=Path, help="Build the cases here and leave them.")
    parser.add_argument("--only", help="Run the cases whose name contains this.")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="referat-damage-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    if not (work / "padded").exists():
        build(work / "template", work / "padded")
    rows = [run_case(case, work) for case in CASES if not args.only or args.only in case.name]
    print("| case | exit | what the command said (last line) | fix run | then `ask` | |")
    print("|---|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    passed = sum(row[-1] == "pass" for row in rows)
    print(f"\n{passed}/{len(rows)} cases pass; {time.monotonic() - started:.0f} s; {sys.platform}, "
          f"{os.cpu_count()} cores, Python {sys.version.split()[0]}")  # fmt: skip
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(0 if passed == len(rows) else 1)


if __name__ == "__main__":
    main()
