"""The residents table over 180,000 people (after Anki's browser table model): a query returns ids
only; rows are loaded a page at a time when the view asks for them and kept in a small cache;
a change marks the cache stale instead of reloading everything.

The first screen needs neither every id nor every row: a (re)load asks for the count and the ids of
the first page only (two index reads); the whole id list is read the first time a row past that
page is wanted (scrolling on, a jump to the end, a search hit further down)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from app.core.registry.lookup import (
    ResidentFilter,
    ResidentRow,
    resident_count,
    resident_ids,
    resident_rows,
)
from app.db.engine import Database
from app.ui.labels import gender_label, relation_label, residency_label, status_label, tag_label

COL_NAME, COL_GENDER, COL_AGE, COL_ID, COL_PHONE, COL_ADDRESS = range(6)
COL_RELATION, COL_RESIDENCY, COL_TAGS, COL_STATUS = range(6, 10)
COL_COMMUNITY = 10  # at a street office (hidden at a community), shown beside the address
COLUMN_COUNT = 11
SORT_OF_COLUMN = {COL_NAME: "name", COL_AGE: "age", COL_ADDRESS: "address"}
PAGE = 200
MAX_PAGES = 50  # 10,000 rows kept; older pages are dropped


_Index = QModelIndex | QPersistentModelIndex


class ResidentTableModel(QAbstractTableModel):
    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self.db = db
        self.ids: list[int] = []  # in order: the first page, or all of them once `complete`
        self.count = 0
        self.complete = True
        self.filter = ResidentFilter()
        self.sort_key = "id"
        self.descending = False
        self._pages: dict[int, list[ResidentRow]] = {}
        # runs `work` off the GUI thread and hands its result to `done` on it (set by the page):
        # the ids past the first page are read there while the first screen is already shown
        self.background: Callable[[Callable[[Any], Any], Callable[[Any], None]], None] | None = None
        self._generation = 0
        self.communities: dict[str, str] = {}  # code → name, at a street office
        self._headers = [
            self.tr("姓名"),
            self.tr("性别"),
            self.tr("年龄"),
            self.tr("身份证号"),
            self.tr("联系电话"),
            self.tr("住址"),
            self.tr("与户主关系"),
            self.tr("户籍"),
            self.tr("人员类别"),
            self.tr("状态"),
            self.tr("社区"),
        ]

    # --- loading ---------------------------------------------------------------------------------

    def reload(self, f: ResidentFilter | None = None) -> None:
        """Run the query again (the count and the first page of ids) and forget the cached rows."""
        if f is not None:
            self.filter = f
        with self.db.reading() as session:
            first = self._first_page(session)
            count = len(first) if len(first) < PAGE else resident_count(session, self.filter)
        self.beginResetModel()
        self.ids, self.count, self.complete = first, count, len(first) < PAGE
        self._pages.clear()
        self.endResetModel()
        self._read_ids_behind()

    def _read_ids_behind(self) -> None:
        """Every id of the list, read in the background (180,000 take a sixth of a second): the
        first drag of the scroll bar then finds them there instead of waiting for them. A newer
        query (filter, sort) makes the answer of an older one moot."""
        self._generation += 1
        if self.complete or self.background is None:
            return
        generation = self._generation
        db, query = self.db, (self.filter, self.sort_key, self.descending)

        def work(_progress: Any) -> list[int]:
            with db.reading() as session:
                return resident_ids(session, *query)

        def done(ids: list[int]) -> None:
            if generation == self._generation and not self.complete:
                self.ids = ids[: self.count]
                self.complete = True

        self.background(work, done)

    def _first_page(self, session: Any) -> list[int]:
        return resident_ids(session, self.filter, self.sort_key, self.descending, limit=PAGE)

    def _load_all(self) -> None:
        """Every id, in order (read once, the first time a row past the first page is wanted).

        Should someone else have added or removed residents since the count, the table keeps its
        length until the next reload (which their change brings): ids beyond it wait, and missing
        ones show as removed."""
        with self.db.reading() as session:
            ids = resident_ids(session, self.filter, self.sort_key, self.descending)
        self.ids = ids[: self.count]
        self.complete = True

    def row_at(self, row: int) -> ResidentRow | None:
        if not 0 <= row < self.count:
            return None
        if row >= len(self.ids) and not self.complete:
            self._load_all()
        if row >= len(self.ids):
            return _gone(0)
        page = row // PAGE
        rows = self._pages.get(page)
        if rows is None:
            chunk = self.ids[page * PAGE : (page + 1) * PAGE]
            with self.db.reading() as session:
                rows = resident_rows(session, chunk)
            if len(rows) != len(chunk):  # some were removed meanwhile: keep positions
                by_id = {r.id: r for r in rows}
                rows = [by_id.get(i) or _gone(i) for i in chunk]
            if len(self._pages) >= MAX_PAGES:
                self._pages.pop(next(iter(self._pages)))
            self._pages[page] = rows
        return rows[row - page * PAGE]

    def row_of(self, resident_id: int) -> int:
        if resident_id not in self.ids[:PAGE] and not self.complete:
            self._load_all()
        try:
            return self.ids.index(resident_id)
        except ValueError:
            return -1

    # --- Qt --------------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.count

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < COLUMN_COUNT:
            return self._headers[section]
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def data(self, index: _Index, role: int = 0) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.UserRole,
            Qt.ItemDataRole.TextAlignmentRole,
        ):
            return None
        r = self.row_at(index.row())
        if r is None:
            return None
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        col = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col == COL_AGE:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            where = f"{self._community(r)} " if self.communities else ""
            code = self.tr("户号 {0}").format(r.household_code)
            return f"{r.name} · {where}{r.address_code} · {code}"
        return self._text(r, col)

    def _text(self, r: ResidentRow, col: int) -> str:
        if col == COL_NAME:
            return r.name + (self.tr("（户主）") if r.is_head else "")
        if col == COL_GENDER:
            return gender_label(r.gender)
        if col == COL_AGE:
            return "" if r.age is None else str(r.age)
        if col == COL_ID:
            return r.id_masked
        if col == COL_PHONE:
            return r.phone_masked
        if col == COL_ADDRESS:
            return r.address_code
        if col == COL_RELATION:
            return relation_label(r.relation)
        if col == COL_RESIDENCY:
            return residency_label(r.residency)
        if col == COL_TAGS:
            return self.tr("、").join(tag_label(t) for t in r.tags)
        if col == COL_STATUS:
            return status_label(r.status)
        if col == COL_COMMUNITY:
            return self._community(r)
        return ""

    def _community(self, r: ResidentRow) -> str:
        return self.communities.get(r.community, r.community)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_OF_COLUMN.get(column)
        if key is None:
            return
        self.sort_key = key
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.layoutAboutToBeChanged.emit()
        with self.db.reading() as session:
            first = self._first_page(session)
        self.ids, self.complete = first[: self.count], len(first) < PAGE
        self._pages.clear()
        self.layoutChanged.emit()
        self._read_ids_behind()


def _gone(resident_id: int) -> ResidentRow:
    return ResidentRow(
        id=resident_id,
        household_id=0,
        name=QCoreApplication.translate("ResidentTableModel", "（已删除）"),
        gender="",
        age=None,
        id_masked="",
        phone_masked="",
        address_code="",
        household_code="",
        relation="",
        is_head=False,
        residency="",
        tags=(),
        status="",
    )
