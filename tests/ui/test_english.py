"""The window in English, walked page by page (every tab) over a community whose own data are
written in Latin letters: any Chinese character on the screen is then the interface's, not the
data's — a string never translated, a label passed to tr() as a variable, a value shown by its
stored name (独居老人, 配偶, 卡点值守 are built-in values and must show translated). Besides the
pages, the dialogs a clerk meets on each of them are opened too.

What stays Chinese in an English window, on purpose, is marked on its widget
(app.ui.labels.mark_chinese) and skipped here — never by loosening the check:
- printed documents, which PRODUCT.md has printed in Chinese: the door notices' templates (names,
  title, body), the placeholders written into them ({地址}, named in English beside them), the
  daily report's preview (the report as it prints);
- the language picker's 简体中文, each language by its own name;
- data the office typed (none here: this community's data are in Latin letters).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
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

from app.core.grids import assignment, duty, duty_shifts, structure
from app.core.meetings import action_items, minutes, search
from app.core.office.datadir import DataDir
from app.core.office.setup import init_office
from app.core.registry import lookup
from app.core.registry.households import add_household
from app.core.registry.lookup import ResidentInput
from app.core.supplies import campaigns, deliveries, group_buy, group_buy_orders, ledger
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
    from app.core.office.setup import open_office

    db, _info = open_office(folder)
    try:
        _fill(db)
    finally:
        db.dispose()
    return folder


def _fill(db: Database) -> None:
    """Households with the built-in categories and relations, a grid with its worker on a shift,
    supplies handed out, a meeting with an overdue action item, a group-purchase round."""
    with db.session(note="test") as session:
        structure.create_grid(session, "G01", "North")
    head = ResidentInput(
        name="Zhang Xiulan",
        gender="F",
        birth_date=date(1944, 5, 1),
        phone="13800001111",
        tags=["独居老人"],
    )
    with db.session(note="registry: new household") as session:
        made = add_household(session, "3-2-502", head, "")
    with db.session(note="registry") as session:
        lookup.add_resident(
            session,
            made.id,
            ResidentInput(name="Li Ming", gender="M", relation="配偶", tags=["慢性病"]),
        )
    with db.session(note="registry: new household") as session:
        add_household(session, "5-1-101", ResidentInput(name="Wang Fang", residency="migrant"), "")
    for address in ("5-1-102", "5-2-201"):  # the same person twice: a pair of duplicates
        with db.session(note="registry: new household") as session:
            add_household(
                session,
                address,
                ResidentInput(name="Chen Jie", gender="M", birth_date=date(1950, 2, 2)),
                "",
            )
    today, now = date.today(), datetime.now()
    with db.session(note="test") as session:
        assignment.assign_buildings(session, "G01", "3")
        worker = duty.add_person(session, duty.PersonInput("Zhao Qiang", "grid_worker", grid="G01"))
        gate = duty_shifts.create_duty(
            session, "North gate", "卡点值守", grid="G01", place="North gate"
        )
        shift = duty_shifts.add_shift(
            session, gate.id, now - timedelta(hours=1), now + timedelta(hours=3)
        )
        duty_shifts.assign_people(session, shift.id, [worker.id])
        ledger.receive(session, "Rice", 50, unit="bag", source="Food bank")
        ledger.receive(session, "Masks", 200, unit="box", source="Red Cross")
        spec = campaigns.CampaignSpec(
            "Winter rice", "Rice", 1, target="tag:独居老人", more=(campaigns.LineSpec("Masks", 2),)
        )
        campaign = campaigns.create_campaign(session, spec)
        deliveries.deliver(session, campaign.code, "3-2-502")
        minutes.create_meeting(
            session,
            minutes.MeetingInput(
                title="Weekly meeting",
                held_on=today - timedelta(days=7),
                kind="联席会议",
                chair="Zhao Qiang",
                attendees=["Zhao Qiang", "Wang Fang"],
                decisions=["Open a second testing point"],
                action_items=[
                    minutes.ActionItemInput("Call the clinic", "Zhao Qiang", today, 1),
                    minutes.ActionItemInput("Order masks", "Wang Fang", today - timedelta(days=2)),
                ],
            ),
        )
        group_buy.open_round(session, "December vegetables")
        group_buy.add_package(session, "Veg box", "25", "Green Farm", "Cabbage 2kg; Carrots 1kg")
        group_buy_orders.place_order(session, "3-2-502", "Veg box", 1)


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


def _walk(qtbot, ctx) -> dict[str, list[str]]:
    """Every area of the window (every tab of each), what shows Chinese where."""
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
    return found


def test_every_page_in_english_shows_no_chinese(qtbot, make_ctx, latin_office, english) -> None:
    found = _walk(qtbot, make_ctx(latin_office, lang="en"))
    assert not found, "\n".join(f"{k}: {line}" for k, lines in found.items() for line in lines)


def test_a_street_office_in_english(qtbot, make_ctx, tmp_path, english) -> None:
    """A street office's window has areas of its own (社区居民, 下发事项, its reports)."""
    folder = DataDir(tmp_path / "street")
    init_office(folder, "street-office", "420106001", "Riverside Street")
    found = _walk(qtbot, make_ctx(folder, lang="en"))
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


def test_the_dialogs_of_every_page_in_english(qtbot, make_ctx, latin_office, english) -> None:
    """What 新增 / 编辑 / 导入 / 新建发放 … open on each page, over the same community."""
    from app.core.office.setup import read_profile
    from app.ui.duplicates_dialog import DuplicatesDialog
    from app.ui.first_run import FirstRunDialog
    from app.ui.household_dialogs import MergeDialog as MergeHouseholds
    from app.ui.household_dialogs import SplitDialog as SplitHousehold
    from app.ui.pages.grids import duty_dialogs, roster_dialogs, structure_dialogs
    from app.ui.pages.meeting_editor import CloseActionDialog, MeetingEditorDialog
    from app.ui.pages.office_profile import CodeChangeDialog
    from app.ui.pages.supplies.dialogs import MovementDialog, PlanDialog
    from app.ui.pages.supplies.group_buy_dialogs import PackageDialog, RoundDialog
    from app.ui.registry_dialogs import ResidentForm
    from app.ui.roster_import_wizard import ImportWizard

    ctx = make_ctx(latin_office, lang="en")
    now = datetime.now()
    with ctx.db.reading() as s:
        grid_rows = structure.list_grids(s)
        choices = [(r.code, r.name) for r in grid_rows]
        people = duty.list_people(s)
        duties = duty_shifts.list_duties(s)
        (shift,) = duty_shifts.shifts_between(s, now - timedelta(days=1), now + timedelta(days=1))
        household = lookup.household_view(s, 1)
        meeting = search.get_meeting(s, search.search_meetings(s)[0].id)
        items = action_items.list_action_items(s)
        profile = read_profile(s)
        threshold = group_buy.get_threshold(s)
    duplicates = DuplicatesDialog(ctx)
    dialogs: dict[str, QWidget] = {
        "import wizard": ImportWizard(ctx),
        "duplicates": duplicates,
        "new household": ResidentForm(ctx, 0, None, new_household=True),
        "split household": SplitHousehold(ctx, household),
        "merge households": MergeHouseholds(ctx, household),
        "new grid": structure_dialogs.GridDialog(ctx),
        "edit grid": structure_dialogs.GridDialog(ctx, grid_rows[0]),
        "assign buildings": structure_dialogs.AssignDialog(ctx, choices, buildings="3"),
        "merge grids": structure_dialogs.MergeDialog(ctx, choices, "G01"),
        "split grid": structure_dialogs.SplitDialog(ctx, grid_rows[0], "3"),
        "new person": roster_dialogs.PersonDialog(ctx, choices),
        "edit person": roster_dialogs.PersonDialog(ctx, choices, people[0]),
        "edit duty": duty_dialogs.DutyDialog(ctx, choices, duties[0]),
        "shifts": duty_dialogs.ShiftsDialog(ctx, duties, now.date()),
        "people on a shift": duty_dialogs.AssignPeopleDialog(ctx, shift, people),
        "receipt": MovementDialog("receive", ["Rice", "Masks"]),
        "new distribution": PlanDialog(ctx, ["Rice", "Masks"]),
        "new round": RoundDialog(True),
        "new package": PackageDialog(ctx, threshold, {}),
        "new meeting": MeetingEditorDialog(ctx, choices),
        "the meeting": MeetingEditorDialog(ctx, choices, meeting),
        "close an action item": CloseActionDialog(items[0]),
        "change the code": CodeChangeDialog(ctx, profile),
        "first run": FirstRunDialog(latin_office, "en"),
    }
    found: list[str] = []
    for dialog in dialogs.values():
        qtbot.addWidget(dialog, before_close_func=lambda _w: ctx.tasks.wait(-1))
        dialog.show()
    with qtbot.wait_signal(duplicates.loaded, timeout=10_000):
        duplicates.load()
    merge = dialogs["merge households"]
    merge.target.setText("5-1-101")
    merge.look_up()
    ctx.tasks.wait(-1)
    qtbot.wait(50)
    for what, dialog in dialogs.items():
        found += [f"{what}: {line}" for line in _chinese(_texts(dialog))]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_restart_note_speaks_both_languages(qtbot, make_ctx, latin_office, lang) -> None:
    """After choosing the other language in 设置, the note is in the language in use and in the
    one chosen: whoever chose it may not read the other."""
    from app.ui.application import install_translators
    from app.ui.pages.settings import SettingsPage

    app = QApplication.instance()
    kept = install_translators(app, lang)
    try:
        ctx = make_ctx(latin_office, lang=lang)
        page = SettingsPage(ctx)
        qtbot.addWidget(page, before_close_func=lambda _w: ctx.tasks.wait(-1))
        page.show()
        page.language.setCurrentIndex(page.language.findData("en" if lang == "zh" else "zh"))
        chinese, english = "重新启动 GridDesk 后生效。", "Takes effect when GridDesk is restarted."
        in_use_first = [chinese, english] if lang == "zh" else [english, chinese]
        assert page.language_note.text().splitlines() == in_use_first
        page.language.setCurrentIndex(page.language.findData(lang))
        assert page.language_note.text() == ""  # back to the language in use
    finally:
        for translator in kept:
            app.removeTranslator(translator)


def test_the_notices_page_names_blank_fields_in_words(qtbot, make_ctx, latin_office, english):
    """The warning under the preview names what is left blank as the form does, not by the
    fields' internal keys (community_phone, end_date, start_date)."""
    from app.ui.pages.printing.page import PrintingPage

    ctx = make_ctx(latin_office, lang="en")
    page = PrintingPage(ctx)
    qtbot.addWidget(page, before_close_func=lambda _w: ctx.tasks.wait(-1))
    with qtbot.wait_signal(page.preview_updated, timeout=10_000):
        page.show()
    warned = page.preview.warnings_label.text()
    assert "Not filled in: community phone, end date, start date" in warned
    assert "_" not in warned
