"""The window in English, walked page by page over a community whose own data are written in
Latin letters: any Chinese character on the screen is then the interface's, not the data's — a
string never translated, a label passed to tr() as a variable, a value shown by its stored name.

Besides the pages, the dialogs a clerk meets most are opened (the household, the resident form)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTabWidget,
    QTextBrowser,
    QWidget,
)

from app.core import duty, grids, registry
from app.core.datadir import DataDir
from app.core.households import add_household
from app.core.office import init_office
from app.core.registry import ResidentInput
from app.db.engine import Database
from app.ui.application import install_translators
from app.ui.labels import CHINESE
from app.ui.main_window import MainWindow

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
TAG = re.compile(r"<[^>]+>")


@pytest.fixture
def latin_office(tmp_path: Path) -> DataDir:
    """A community whose names, grids and people are written in Latin letters; its people carry
    the built-in categories and relations (stored by their Chinese names, shown translated)."""
    folder = DataDir(tmp_path / "latin")
    init_office(folder, "community", "420106001001", "Sunny Court", "420106001")
    from app.core.office import open_office

    db, _info = open_office(folder)
    try:
        _fill(db)
    finally:
        db.dispose()
    return folder


def _fill(db: Database) -> None:
    with db.session(note="test") as session:
        grids.create_grid(session, "G01", "North")
    head = ResidentInput(
        name="Zhang Xiulan",
        gender="F",
        birth_date=date(1944, 5, 1),
        phone="13800001111",
        tags=["独居老人"],
    )
    made = add_household(db, "3-2-502", head, "")
    registry.add_resident(
        db, made.id, ResidentInput(name="Li Ming", gender="M", relation="配偶", tags=["慢性病"])
    )
    add_household(db, "5-1-101", ResidentInput(name="Wang Fang", residency="migrant"), "")
    with db.session(note="test") as session:
        grids.assign_buildings(session, "G01", "3")
        duty.add_person(session, duty.PersonInput("Zhao Qiang", "grid_worker", grid="G01"))


@pytest.fixture
def english(qapp) -> Iterator[None]:
    translators = install_translators(qapp, "en")
    try:
        yield
    finally:
        for tr in translators:
            qapp.removeTranslator(tr)


def _texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) of everything a user can read in `root` and its visible children."""
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        if not w.isVisibleTo(root) and w is not root:
            continue
        if _chinese_by_design(w, root):
            continue
        where = f"{type(w).__name__}({w.objectName()})"
        if w.isWindow() and w.windowTitle():
            yield where + ".title", w.windowTitle()
        if isinstance(w, QLabel):
            yield where, TAG.sub("", w.text())
        elif isinstance(w, QAbstractButton):
            yield where, w.text()
        elif isinstance(w, QLineEdit):
            yield where + ".placeholder", w.placeholderText()
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                yield f"{where}[{i}]", w.itemText(i)
        elif isinstance(w, QGroupBox):
            yield where, w.title()
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                yield f"{where}.tab", w.tabText(i)
        elif isinstance(w, QTextBrowser):
            yield where, w.toPlainText()
        if isinstance(w, QAbstractItemView) and not isinstance(w, QHeaderView) and w.model():
            yield from _view_texts(where, w)
        if w.toolTip():
            yield where + ".tooltip", TAG.sub("", w.toolTip())
    for action in QWidget.actions(root):
        yield "action", action.text()


def _chinese_by_design(w: QWidget, root: QWidget) -> bool:
    """Inside a widget marked as Chinese whatever the language (app.ui.labels.mark_chinese)."""
    while w is not None:
        if w.property(CHINESE):
            return True
        if w is root:
            return False
        w = w.parentWidget()
    return False


def _view_texts(where: str, view: QAbstractItemView) -> Iterator[tuple[str, str]]:
    model = view.model()
    try:
        columns = model.columnCount(QModelIndex())
    except TypeError:  # a list's model keeps it to itself: one column
        columns = 1
    for c in range(columns):
        header = model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        if header is not None:
            yield f"{where}.header", str(header)
    for r in range(min(model.rowCount(QModelIndex()), 20)):
        for c in range(max(columns, 1)):
            value = model.data(model.index(r, c), Qt.ItemDataRole.DisplayRole)
            if value is not None:
                yield f"{where}[{r},{c}]", str(value)


def _chinese(texts: Iterator[tuple[str, str]]) -> list[str]:
    return [f"{where}: {text!r}" for where, text in texts if CJK.search(text or "")]


def test_every_page_in_english_shows_no_chinese(qtbot, make_ctx, latin_office, english) -> None:
    ctx = make_ctx(latin_office, lang="en")
    win = MainWindow(ctx)
    qtbot.addWidget(win, before_close_func=lambda _w: ctx.tasks.wait(-1))
    with qtbot.wait_signal(win.home.filled, timeout=10_000):
        win.show()
    found: dict[str, list[str]] = {}
    for key, _spec in win._specs:
        page = win.open_area(key)
        for _ in range(3):  # a page's first figures arrive from the worker
            ctx.tasks.wait(-1)
            qtbot.wait(150)
        tabs = page.findChildren(QTabWidget)
        bad = _chinese(_texts(page))
        for tab_widget in tabs:  # every tab, not only the first
            for i in range(tab_widget.count()):
                tab_widget.setCurrentIndex(i)
                ctx.tasks.wait(-1)
                qtbot.wait(100)
                bad += _chinese(_texts(tab_widget.widget(i)))
        if bad:
            found[key] = sorted(set(bad))
    bad = _chinese(_texts(win))
    if bad:
        found["window"] = sorted(set(bad))
    assert not found, "\n".join(f"{k}: {line}" for k, lines in found.items() for line in lines)


def test_the_household_and_the_resident_form_in_english(
    qtbot, make_ctx, latin_office, english
) -> None:
    from app.ui.registry_dialogs import HouseholdDialog, ResidentForm

    ctx = make_ctx(latin_office, lang="en")
    dialog = HouseholdDialog(ctx, 1)
    qtbot.addWidget(dialog)
    dialog.show()
    form = ResidentForm(ctx, 1, dialog.view.members[0], dialog)
    qtbot.addWidget(form)
    form.show()
    bad = _chinese(_texts(dialog)) + _chinese(_texts(form))
    assert not bad, "\n".join(sorted(set(bad)))
    assert QApplication.instance() is not None
