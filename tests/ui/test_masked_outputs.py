"""What the window shows of a person beside a masked ID number gives the number back nowhere: the
住户 table, each household's window and the side-by-side view of possible duplicates are read as
someone looking at the screen would, and every number on them is tried against every date they
allow (`tests.core.id_rebuild`)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from sqlalchemy import select

from app.core.registry import lookup
from app.core.registry.idnumber import make
from app.core.registry.lookup import ResidentInput
from app.db.models import Household, Resident
from app.ui.context import AppContext
from app.ui.duplicates_dialog import DuplicatesDialog
from app.ui.models.registry_model import COLUMN_COUNT, ResidentTableModel
from app.ui.registry_dialogs import HouseholdDialog
from tests.core.id_rebuild import check_masked_rows

BORN = date(1958, 9, 30)
NUMBER = make("420106", BORN, 88, "F")


def _numbers(ctx: AppContext) -> list[str]:
    with ctx.db.reading() as session:
        return [
            n
            for n in session.scalars(
                select(Resident.id_number).where(Resident.deleted_at.is_(None))
            )
            if n
        ]


def test_the_residents_table_rebuilds_no_number(demo_ctx: AppContext) -> None:
    days = [date.today()]  # and the day after reading: an age read over midnight is one of them
    model = ResidentTableModel(demo_ctx.db)
    model.reload()
    display = Qt.ItemDataRole.DisplayRole
    headers = [model.headerData(c, Qt.Orientation.Horizontal, display) for c in range(COLUMN_COUNT)]
    rows = [
        [model.data(model.index(r, c), display) for c in range(COLUMN_COUNT)]
        for r in range(model.rowCount())
    ]
    days.append(date.today())
    numbers = _numbers(demo_ctx)
    assert check_masked_rows(rows, numbers, days, headers) == len(numbers) > 250


def test_the_household_window_rebuilds_no_number(qtbot, demo_ctx: AppContext) -> None:
    with demo_ctx.db.reading() as session:
        households = list(
            session.scalars(select(Household.id).where(Household.deleted_at.is_(None)))
        )
    days = [date.today()]  # and the day after reading: an age read over midnight is one of them
    rows: list[list[str]] = []
    header_sets = set()
    for household_id in households:
        dialog = HouseholdDialog(demo_ctx, household_id)
        qtbot.addWidget(dialog)
        table = dialog.table
        headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
        header_sets.add(tuple(headers))
        rows += [
            [table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())
        ]
        dialog.close()
    days.append(date.today())
    [headers] = header_sets
    numbers = _numbers(demo_ctx)
    assert check_masked_rows(rows, numbers, days, headers) == len(numbers) > 250
    assert "年龄" in headers and "出生日期" not in headers


def test_the_duplicates_view_rebuilds_no_number(qtbot, demo_ctx: AppContext) -> None:
    """The same woman twice, once with her number and once with her birth date only: the group's
    title and her two records side by side keep the number masked."""
    db = demo_ctx.db
    with db.reading() as session:
        home, other = session.scalars(
            select(Household.id).where(Household.deleted_at.is_(None)).limit(2)
        ).all()
    with db.session(note="registry") as session:
        lookup.add_resident(session, home, ResidentInput(name="孙重名", id_number=NUMBER))
    with db.session(note="registry") as session:
        lookup.add_resident(session, other, ResidentInput(name="孙重名", birth_date=BORN))
    days = [date.today()]  # and the day after reading: an age read over midnight is one of them
    dialog = DuplicatesDialog(demo_ctx)
    qtbot.addWidget(dialog)
    with qtbot.wait_signal(dialog.loaded, timeout=10_000):
        dialog.load()
    titles = [dialog.groups.item(i).text() for i in range(dialog.groups.count())]
    row = next(i for i, t in enumerate(titles) if "孙重名" in t)
    dialog.groups.setCurrentRow(row)
    side = dialog.side
    labels = [side.verticalHeaderItem(r).text().removeprefix("≠ ") for r in range(side.rowCount())]
    records = [
        [titles[row], *(side.item(r, c).text() for r in range(side.rowCount()))]
        for c in range(side.columnCount())
    ]
    days.append(date.today())
    assert check_masked_rows(records, [NUMBER], days, ["", *labels]) == 1
    assert "年龄" in labels and "出生日期" not in labels
