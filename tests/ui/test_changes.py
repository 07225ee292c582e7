"""What an operation changed is a `Change` flag set: the background runner broadcasts it once the
operation succeeded (before the caller's own success handler), each page refreshes on the flags it
shows and not on others, and nothing in the program broadcasts a set of strings."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from app.core.common.changes import NOTHING, Change
from app.errors import InvalidInput
from app.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def window(qtbot, demo_ctx):
    win = MainWindow(demo_ctx)
    qtbot.addWidget(win, before_close_func=lambda _w: demo_ctx.tasks.wait(-1))
    with qtbot.wait_signal(win.home.filled, timeout=10_000):
        win.show()
    return win


def test_the_runner_broadcasts_what_the_operation_declared(qtbot, demo_ctx):
    heard: list[tuple[str, object]] = []
    demo_ctx.changed.connect(lambda changes: heard.append(("changed", changes)))
    demo_ctx.run(
        None,
        lambda _progress: 7,
        changes=Change.SUPPLIES | Change.DIRECTIVES,
        on_success=lambda result: heard.append(("success", result)),
        show_progress=False,
    )
    qtbot.wait_until(lambda: len(heard) == 2, timeout=5000)
    # the pages have read the new state by the time the caller goes on
    assert heard == [("changed", Change.SUPPLIES | Change.DIRECTIVES), ("success", 7)]


def test_what_changed_may_be_read_from_the_result(qtbot, demo_ctx):
    heard: list[Change] = []
    demo_ctx.changed.connect(heard.append)
    done: list[str] = []
    for answer in ("refused", "delivered"):
        demo_ctx.run(
            None,
            lambda _progress, answer=answer: answer,
            changes=lambda result: Change.SUPPLIES if result == "delivered" else NOTHING,
            on_success=done.append,
            show_progress=False,
        )
    qtbot.wait_until(lambda: len(done) == 2, timeout=5000)
    assert heard == [Change.SUPPLIES]  # nothing changed: nothing is broadcast


def test_a_failed_operation_broadcasts_nothing(qtbot, demo_ctx):
    heard: list[Change] = []
    demo_ctx.changed.connect(heard.append)
    failed: list[BaseException] = []

    def work(_progress: object) -> None:
        raise InvalidInput("数量不能为负数", "Quantity cannot be negative")

    op = demo_ctx.run(None, work, changes=Change.RESIDENTS, show_progress=False)
    op.failure(failed.append)
    qtbot.wait_until(lambda: bool(failed), timeout=5000)
    assert heard == []


# (area, the page's refresh, a flag it shows, a flag it does not)
PAGES = [
    ("registry", "reload_keeping_place", Change.RESIDENTS, Change.MEETINGS),
    ("grids", "_tab_changed", Change.DUTY, Change.SUPPLIES),
    ("supplies", "reload", Change.SUPPLIES, Change.MEETINGS),
    ("meetings", "reload", Change.MEETINGS, Change.DUTY),
    ("printing", "reload", Change.DUTY, Change.SUPPLIES),  # a notice names the grid worker
    ("printing", "reload_templates", Change.NOTICES, Change.RESIDENTS),
    ("home", "refresh", Change.RESIDENTS, Change.OFFICE),  # the office's name: no count
]


@pytest.mark.parametrize(("area", "refresh", "shown", "unrelated"), PAGES)
def test_a_page_refreshes_on_what_it_shows_and_not_on_the_rest(
    qtbot, window, demo_ctx, monkeypatch, area, refresh, shown, unrelated
):
    page = window.open_area(area)
    demo_ctx.tasks.wait()
    qtbot.wait(50)  # the first loads have been shown
    calls: list[object] = []
    monkeypatch.setattr(page, refresh, lambda *args, **kwargs: calls.append(args))
    demo_ctx.changed.emit(unrelated)
    assert calls == []
    demo_ctx.changed.emit(shown)
    assert len(calls) == 1


def test_the_window_shows_the_last_export_on_an_exchange_only(window, demo_ctx, monkeypatch):
    calls: list[str] = []
    monkeypatch.setattr(window, "_show_last_export", lambda: calls.append("export"))
    monkeypatch.setattr(window, "_show_office", lambda: calls.append("office"))
    demo_ctx.changed.emit(Change.SUPPLIES | Change.GRIDS)
    assert calls == []
    demo_ctx.changed.emit(Change.EXCHANGE | Change.OFFICE)
    assert calls == ["export", "office"]


def _emits_of_changed(tree: ast.AST) -> list[ast.Call]:
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "emit"
        and isinstance(node.func.value, ast.Attribute)
        and node.func.value.attr == "changed"
    ]


def _is_untyped(arg: ast.expr) -> bool:
    """A set, list, tuple or dict display, a comprehension of one, a string, or set()/frozenset()."""
    if isinstance(arg, ast.Set | ast.List | ast.Tuple | ast.Dict | ast.SetComp | ast.ListComp):
        return True
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return True
    return (
        isinstance(arg, ast.Call)
        and isinstance(arg.func, ast.Name)
        and arg.func.id in ("set", "frozenset", "list", "tuple")
    )


def test_no_change_is_broadcast_as_strings():
    files = sorted(
        p for folder in ("app", "tests", "docs", "bench") for p in (ROOT / folder).rglob("*.py")
    )
    emits = 0
    wrong = []
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for call in _emits_of_changed(tree):
            emits += 1
            if any(_is_untyped(arg) for arg in call.args):
                wrong.append(f"{path.relative_to(ROOT)}:{call.lineno}")
    assert emits > 5, "no `changed.emit(...)` found: is ROOT right?"
    assert wrong == [], "broadcast a Change, not strings"


def test_a_change_is_tested_by_its_flags_not_by_strings():
    """A listener compares with `Change` members; a string key in a page would be one nobody
    sends (as "registry", "roster" and "tags" were)."""
    old_keys = {
        "residents",
        "households",
        "grids",
        "supplies",
        "group_buy",
        "meetings",
        "notice_templates",
        "exchange",
        "last_export",
        "directives",
        "office",
        "street-settings",
        "registry",
        "roster",
        "tags",
    }
    found = []
    for path in sorted((ROOT / "app" / "ui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name in ("_on_changed", "_changed"):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Set) and any(
                        isinstance(e, ast.Constant) and e.value in old_keys for e in inner.elts
                    ):
                        found.append(f"{path.relative_to(ROOT)}:{inner.lineno}")
    assert found == []


def test_no_emit_wrapper_is_left():
    """PySide6's emit is called directly; the bool work-around lives in app.ui.qtfix alone."""
    users = [
        str(p.relative_to(ROOT))
        for folder in ("app", "tests", "docs", "bench")
        for p in (ROOT / folder).rglob("*.py")
        if p != Path(__file__).resolve() and "qtfix import emit" in p.read_text(encoding="utf-8")
    ]
    assert users == []
