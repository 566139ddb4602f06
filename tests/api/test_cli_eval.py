"""`referat eval` on an archive that holds only some of the files the questions refer to."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from api.cli import cli
from tests.conftest import FIXTURES

SEED = FIXTURES / "seeds" / "002_e6b0dd0e402eadb9.txt"


def _archive_of_one_seed(tmp_path: Path, cache_dir: Path) -> tuple[list[str], dict[str, str]]:
    """The CLI's --data-dir arguments and environment for an archive holding SEED."""
    env = {"REFERAT_CACHE_DIR": str(cache_dir)}
    data = ["--data-dir", str(tmp_path / "data")]
    assert CliRunner().invoke(cli, [*data, "ingest", str(SEED)], env=env).exit_code == 0
    return data, env


def test_questions_about_files_the_archive_lacks_are_skipped_and_named(
    tmp_path: Path, cache_dir: Path
) -> None:
    data, env = _archive_of_one_seed(tmp_path, cache_dir)
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        '{"id": "here", "kind": "decision", "q": "Hvad blev der besluttet om miljøledelse?", '
        '"expect": [{"source": "002_e6b0dd0e402eadb9.txt", "item": 7}]}\n'
        '{"id": "gone", "kind": "fact", "q": "Hvad koster en ny skøjtebane?", '
        '"expect": [{"source": "2024-03-13_89afa662.json", "item": 4}]}\n'
        '{"id": "nocase", "kind": "fact", "q": "Hvem blev formand?", '
        '"expect": [{"case": "24-007027"}]}\n',
        encoding="utf-8",
    )
    printed = CliRunner().invoke(cli, [*data, "eval", str(questions), "--json"], env=env)
    assert printed.exit_code == 0, printed.output
    report = json.loads(printed.stdout)
    assert report["metrics"]["questions"] == 1 and report["metrics"]["skipped"] == 2
    assert report["metrics"]["recall@5"] == 1.0
    assert report["skipped"] == [
        {"id": "gone", "missing": ["2024-03-13_89afa662.json"]},
        {"id": "nocase", "missing": ["case 24-007027"]},
    ]
    text = CliRunner().invoke(cli, [*data, "eval", str(questions)], env=env)
    assert "2 question(s) skipped" in text.stderr and "2024-03-13_89afa662.json" in text.stderr


def test_a_refused_answerable_question_fails_the_max_refused_gate(
    tmp_path: Path, cache_dir: Path
) -> None:
    data, env = _archive_of_one_seed(tmp_path, cache_dir)
    questions = tmp_path / "q.jsonl"
    line = '{{"id": "{id}", "kind": "fact", "q": "{q}", "expect": [{{"source": "{src}"}}]}}\n'
    src = SEED.name
    questions.write_text(
        line.format(id="answered", q="Hvad blev der besluttet om miljøledelse?", src=src)
        # answerable by the file's metadata, but nothing in it speaks of ice rinks: refused
        + line.format(id="refused", q="Hvad koster en ny skøjtebane i Chefforum?", src=src),
        encoding="utf-8",
    )
    args = [*data, "eval", str(questions)]
    half = CliRunner().invoke(cli, [*args, "--max-refused", "0.5"], env=env)
    assert half.exit_code == 0, half.output
    assert "false_abstention_rate    0.5" in half.stdout
    none = CliRunner().invoke(cli, [*args, "--max-refused", "0.0"], env=env)
    assert none.exit_code == 1
    assert "short of the required level: false_abstention_rate" in none.stderr
