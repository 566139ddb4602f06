"""`referat serve` options that must refuse to start rather than misbehave."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from api.cli import cli


def test_several_workers_need_a_chroma_server(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["--data-dir", str(tmp_path), "serve", "--workers", "2"],
        env={"REFERAT_CHROMA_URL": ""},
    )
    assert result.exit_code == 1
    assert "needs a Chroma server" in result.output and "REFERAT_CHROMA_URL" in result.output
