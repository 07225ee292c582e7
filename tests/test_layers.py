"""The logic layers (app/core, app/db) never import Qt: the CLI, tests and a street-office server
must be able to use them without PySide6 loaded."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LOGIC = ("app/core", "app/db")
QT_PACKAGES = {"PySide6", "shiboken6", "PyQt5", "PyQt6"}


def _python_files() -> list[Path]:
    files = sorted(p for layer in LOGIC for p in (ROOT / layer).rglob("*.py"))
    assert len(files) > 10, "the layers were not found; is ROOT right?"
    return files


def _imported_modules(tree: ast.AST) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and getattr(node.func, "attr", getattr(node.func, "id", None))
            in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append((node.lineno, node.args[0].value))
    return found


@pytest.mark.parametrize("path", _python_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_qt_import_in_logic_layers(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    offending = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for line, name in _imported_modules(tree)
        if name.split(".")[0] in QT_PACKAGES
    ]
    assert not offending, "\n".join(offending)


def test_the_import_scanner_sees_qt_imports() -> None:
    """Guard against a scanner that silently finds nothing."""
    tree = ast.parse(
        "import PySide6.QtCore\n"
        "from shiboken6 import isValid\n"
        "def f():\n"
        "    from PySide6 import QtWidgets\n"
        "    importlib.import_module('PySide6.QtGui')\n"
    )
    names = [name.split(".")[0] for _line, name in _imported_modules(tree)]
    assert names == ["PySide6", "shiboken6", "PySide6", "PySide6"]


def test_importing_every_logic_module_loads_no_qt() -> None:
    modules = []
    for path in _python_files():
        rel = path.relative_to(ROOT).with_suffix("")
        if "migrations" in rel.parts:
            continue  # Alembic loads these itself; env.py needs a connection to import
        parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
        modules.append(".".join(parts))
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in "
        f"{sorted(QT_PACKAGES)!r})\n"
        "print('QT:' + ','.join(loaded))\n"
        "print('COUNT:%d' % len([m for m in sys.modules if m.startswith('app.')]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(":", 1) for line in result.stdout.splitlines())
    assert lines["QT"] == "", f"Qt loaded by the logic layers: {lines['QT']}"
    assert int(lines["COUNT"]) >= len(modules)
