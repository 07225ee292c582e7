"""What the dialogs of the 网格 page share: `OpDialog`, which collects plain values and hands them
to an app.core operation on the database worker — a refusal (`InvalidInput`: overlapping ranges, an
unknown building, a person on two shifts at once …) is shown inside the dialog, which stays open
with what was typed — and the date, table and grid-choice helpers. The dialogs themselves are
beside the tab that opens them: `structure_dialogs`, `roster_dialogs`, `duty_dialogs`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.common.changes import NOTHING, Change
from app.errors import GridDeskError
from app.ui.context import AppContext
from app.ui.models.grid_models import RowsModel


def data_table(model: RowsModel[Any], stretch: int | None = None) -> QTableView:
    """A read-only table of rows; `stretch` is the column that takes the spare width (else the
    last one)."""
    view = QTableView()
    view.setObjectName("dataTable")
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(32)
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is None:
        header.setStretchLastSection(True)
    else:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


class OpDialog(QDialog):
    """A dialog whose OK runs an operation in the background and closes only when it succeeded."""

    done = Signal(object)  # the operation's result, after it succeeded
    changes: Change = NOTHING  # what the operation changes, announced once it succeeded

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setModal(True)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(20, 20, 20, 16)
        self.layout_.setSpacing(12)
        self.form = QFormLayout()
        self.form.setSpacing(10)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.layout_.addLayout(self.form)
        self.error = QLabel("")
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self._busy = False

    def finish_layout(self) -> None:
        self.layout_.addWidget(self.error)
        self.layout_.addWidget(self.buttons)

    def fit_width(self, width: int) -> None:
        """`width` wide and as tall as that width needs: a wrapped hint takes more lines at this
        width (in English above all) than the natural size assumes."""
        wanted = self.heightForWidth(width)
        self.resize(width, max(wanted, self.sizeHint().height()))

    def work(self) -> Callable[[Any], Any]:
        """The operation to run, closed over the dialog's values (read on the UI thread)."""
        raise NotImplementedError

    def submit(self) -> None:
        if self._busy:
            return
        try:
            fn = self.work()
        except GridDeskError as exc:
            self.show_error(exc.message(self.ctx.lang))
            return
        self._busy = True
        self.buttons.setEnabled(False)
        op = self.ctx.run(
            self, fn, title=self.windowTitle(), show_progress=False, changes=self.changes_of
        )
        op.success(self._succeeded)
        op.failure(self._failed)

    def changes_of(self, _result: Any) -> Change:
        """What the operation changed (its result may tell)."""
        return self.changes

    def _succeeded(self, result: Any) -> None:
        self._busy = False
        self.buttons.setEnabled(True)
        self.done.emit(result)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.buttons.setEnabled(True)
        if isinstance(exc, GridDeskError):
            self.show_error(exc.message(self.ctx.lang))
            return
        from app.ui.crash import report_bug

        report_bug(exc, self)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()


def grid_combo(choices: Sequence[tuple[str, str]], empty: str | None = None) -> QComboBox:
    combo = QComboBox()
    if empty is not None:
        combo.addItem(empty, None)
    for code, name in choices:
        combo.addItem(f"{code} {name}", code)
    return combo
