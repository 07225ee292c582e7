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


# --- no import cycles -----------------------------------------------------------------------------
# A cycle between two modules means neither can be understood, tested or moved without the other,
# and a function-level import that "breaks" it only hides it until the order of first use changes.
# Every `import app.…` / `from app.… import …` counts, wherever it stands in the module; only the
# imports under `if TYPE_CHECKING:` do not (they never run). A package's __init__ that imports its
# own submodules is not a cycle with them: importing `app.x.y` loads `app.x` first, which Python
# allows, so the edge to the parent package is not drawn.

APP = ROOT / "app"


def _module_name(path: Path, root: Path) -> str:
    rel = path.relative_to(root).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _runtime_imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement in the tree, at any depth, except under `if TYPE_CHECKING:`."""
    found: list[ast.Import | ast.ImportFrom] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def _import_edges(sources: dict[str, tuple[str, bool]]) -> dict[str, set[str]]:
    """{module: the app modules it imports}, from {module: (source text, is a package)}.

    `from app.x import y` is an edge to `app.x.y` when that is a module, else to `app.x`; relative
    imports are resolved against the importing module."""
    known = set(sources)
    graph: dict[str, set[str]] = {}
    for name, (text, is_package) in sources.items():
        targets: set[str] = set()
        for node in _runtime_imports(ast.parse(text)):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
                continue
            base = node.module or ""
            if node.level:
                package = name.split(".") if is_package else name.split(".")[:-1]
                package = package[: len(package) - (node.level - 1)]
                base = ".".join([*package, base] if base else package)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                targets.add(submodule if submodule in known else base)
        graph[name] = {t for t in targets if t in known and t != name}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One readable chain (a → b → … → a) per strongly connected group of modules (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def connect(v: str) -> None:  # recursion depth is bounded by the number of modules
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.add(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(group)

    for v in sorted(graph):
        if v not in index:
            connect(v)
    return [_chain(graph, group) for group in groups]


def _chain(graph: dict[str, set[str]], group: set[str]) -> list[str]:
    """The shortest way round from the group's first module back to itself (breadth first)."""
    start = min(group)
    came_from: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for v in frontier:
            for w in sorted(graph[v] & group):
                if w == start:
                    back = [v]
                    while back[-1] != start:
                        back.append(came_from[back[-1]])
                    return [*reversed(back), start]
                if w not in came_from:
                    came_from[w] = v
                    following.append(w)
        frontier = following
    raise AssertionError(f"no way round in {sorted(group)}")  # a strongly connected group has one


def _app_sources() -> dict[str, tuple[str, bool]]:
    files = sorted(APP.rglob("*.py"))
    assert len(files) > 50, "app/ was not found; is ROOT right?"
    return {
        _module_name(p, ROOT): (p.read_text(encoding="utf-8"), p.name == "__init__.py")
        for p in files
    }


def test_no_import_cycles_in_app() -> None:
    cycles = _cycles(_import_edges(_app_sources()))
    assert not cycles, "import cycles:\n" + "\n".join(" → ".join(c) for c in cycles)


def test_the_cycle_detector_sees_cycles() -> None:
    """Guard against a detector that silently finds nothing: a three-module ring through a
    function-level and a relative import, a pair, and what must not count (TYPE_CHECKING, a
    package importing its own submodule, a name imported from a package)."""
    sources = {
        "app.a": ("from app import b\n", False),
        "app.b": ("def f():\n    from app.c import thing\n", False),
        "app.c": ("from . import a\n", False),
        "app.p": ("import app.q\n", False),
        "app.q": ("from app.p import x\n", False),
        "app.r": (
            "from typing import TYPE_CHECKING\n"
            "if TYPE_CHECKING:\n    from app.s import S\n"
            "else:\n    import json\n",
            False,
        ),
        "app.s": ("from app.r import R\n", False),
        "app.pkg": ("from app.pkg import sub\n", True),
        "app.pkg.sub": ("from app.pkg.other import y\n", False),
        "app.pkg.other": ("import os\n", False),
    }
    graph = _import_edges(sources)
    assert graph["app.b"] == {"app.c"}
    assert graph["app.c"] == {"app.a"}
    assert graph["app.r"] == set()
    assert graph["app.pkg"] == {"app.pkg.sub"}
    assert sorted(_cycles(graph)) == [
        ["app.a", "app.b", "app.c", "app.a"],
        ["app.p", "app.q", "app.p"],
    ]
