"""The scan field with its answer, as the pages that hand things out use it (物资's deliveries,
团购's deliveries): a USB scanner types a household's code and Enter into `field`; the page
records it and answers in `answer` — in colour AND in words (✔ 已发放 on green, ⚠ 已领取过 on
amber, ✖ on red), with a beep for anything but a plain yes, so a clerk at a pickup point hears a
problem without looking. Before the first scan the answer is a dashed box saying what to do.

The page keeps the keyboard in the field (`refocus` after every answer, dialog and reload) and
may put its own widgets before the field on its row (`leading`: the campaign the scans are for, a
search box), which Tab then reaches before the field, as they stand.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.errors import AlreadyDone, GridDeskError
from app.ui.style import ACCENT, DANGER, OK_COLOUR, WARN_COLOUR

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.ui.context import AppContext

T = TypeVar("T")

COLOURS = {"ok": OK_COLOUR, "again": WARN_COLOUR, "refused": DANGER, "undone": WARN_COLOUR}
BEEPS = ("again", "refused")  # a yes, or a delivery taken back, needs no sound


def scan_work(
    ctx: AppContext, note: str, record: Callable[[Session], T]
) -> Callable[[Any], T | tuple[str, str]]:
    """The database worker's part of one scan (or tick): `record` in a write session noted
    `note`. A refusal is an answer, not a failure: it comes back as `("again", message)` for
    something already done, `("refused", message)` for anything else refused, in the window's
    language — so the page answers in the panel and the work never shows an error dialog."""
    db, lang = ctx.db, ctx.lang

    def work(_progress: Any) -> T | tuple[str, str]:
        try:
            with db.session(note=note) as session:
                return record(session)
        except AlreadyDone as exc:
            return ("again", exc.message(lang))
        except GridDeskError as exc:
            return ("refused", exc.message(lang))

    return work


class ScanPanel(QWidget):
    """`caption` beside the field, `placeholder` in it, `hint` in the answer until the first
    answer; `leading`: the page's widgets before them on the row, each with its stretch.
    `compact`: the smaller answer of a panel inside a tab."""

    def __init__(
        self,
        caption: str,
        placeholder: str,
        hint: str,
        *,
        object_name: str,
        min_width: int,
        spacing: int,
        leading: Sequence[tuple[QWidget, int]] = (),
        compact: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._compact = compact
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(spacing)
        self.row = QHBoxLayout()
        for widget, stretch in leading:
            self.row.addWidget(widget, stretch)
        self.row.addWidget(QLabel(caption))
        self.field = QLineEdit()
        self.field.setPlaceholderText(placeholder)
        self.field.setMinimumWidth(min_width)
        self.row.addWidget(self.field, 1)
        layout.addLayout(self.row)
        self.answer = QLabel(hint)
        self.answer.setObjectName(object_name)
        self.answer.setMinimumHeight(34 if compact else 40)
        self.answer.setWordWrap(True)
        self._paint(None)
        layout.addWidget(self.answer)

    def say(self, state: str, message: str) -> None:
        """Show an answer: `state` is ok, again, refused or undone."""
        self._paint(state)
        self.answer.setText(message)
        if state in BEEPS:
            QApplication.beep()

    def refocus(self) -> None:
        """The keyboard back in the field, what was typed selected: the next scan replaces it."""
        self.field.setFocus()
        self.field.selectAll()

    def _paint(self, state: str | None) -> None:
        name = self.answer.objectName()
        colour = COLOURS.get(state or "", "")
        big, small, padding = (13, 12, "4px 10px") if self._compact else (15, 13, "6px 12px")
        if colour:
            self.answer.setStyleSheet(
                f"QLabel#{name} {{ background: {colour}; color: white; font-size: {big}pt;"
                f" font-weight: 600; padding: {padding}; border-radius: 4px; }}"
            )
        else:
            self.answer.setStyleSheet(
                f"QLabel#{name} {{ border: 1px dashed {ACCENT}; font-size: {small}pt;"
                f" padding: {padding}; border-radius: 4px; }}"
            )
